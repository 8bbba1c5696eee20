/**
 * What the data holds about an AS, asked before any answer about it: an AS that has no
 * aut-num and that no object names is "no data", never "cannot reach" (a typo, the wrong
 * store, a file without it).
 */
import type { Store } from '../store/store.js';
import { UserError } from './errors.js';

/** `aut-num`: its own object; `named`: another object's rule or set names it; `none`: nothing. */
export type AsKnowledge = 'aut-num' | 'named' | 'none';

export function irrKnowledge(store: Store, asn: number): AsKnowledge {
  if (store.hasAutNum(asn)) return 'aut-num';
  const name = `AS${asn}`;
  if (store.packedClaimsNaming(asn).length > 0 || store.setsHolding(name).length > 0 || store.rulesMentioning(name).length > 0) return 'named';
  return 'none';
}

/** The one-line "no data" answer (exit 1; `--json` carries `"reason": "no-data"`). */
export function noDataError(asn: number, where: string, hint: string): UserError {
  return new UserError(`AS${asn}: no data (no aut-num, and no object in ${where} names it)`, 1, hint, 'no-data');
}

/** Throws "no data" for the first asked AS the data knows nothing about. */
export function requireKnown(asns: readonly number[], knowledge: (asn: number) => AsKnowledge, where: string, hint: string): void {
  for (const asn of asns) if (knowledge(asn) === 'none') throw noDataError(asn, where, hint.replaceAll('{asn}', String(asn)));
}
