/**
 * What the data holds about an AS, asked before any answer about it: an AS that has no
 * aut-num and that no object names is "no data", never "cannot reach" (a typo, the wrong
 * store, a file without it). The CLI and the web API say so the same way, from this check.
 */
import type { Store } from '../store/store.js';
import { UserError } from './errors.js';
import type { AnalysisSession } from './session.js';

/** `aut-num`: its own object; `named`: another object's rule or set names it; `none`: nothing. */
export type AsKnowledge = 'aut-num' | 'named' | 'none';

export function irrKnowledge(store: Store, asn: number): AsKnowledge {
  if (store.hasAutNum(asn)) return 'aut-num';
  const name = `AS${asn}`;
  if (store.packedClaimsNaming(asn).length > 0 || store.setsHolding(name).length > 0 || store.rulesMentioning(name).length > 0) return 'named';
  return 'none';
}

/** The one line for an AS no object names. */
export function noDataMessage(asn: number, where: string): string {
  return `AS${asn}: no data (no aut-num, and no object in ${where} names it)`;
}

/** The one-line "no data" answer (exit 1, HTTP 404; `--json` carries `"reason": "no-data"`). */
export function noDataError(asn: number, where: string, hint: string): UserError {
  return new UserError(noDataMessage(asn, where), 1, hint, 'no-data');
}

/** Throws "no data" for the first asked AS the data knows nothing about. */
export function requireKnown(asns: readonly number[], knowledge: (asn: number) => AsKnowledge, where: string, hint: string): void {
  for (const asn of asns) if (knowledge(asn) === 'none') throw noDataError(asn, where, hint.replaceAll('{asn}', String(asn)));
}

/** The one-line reason when a session's data knows nothing of `asn`, else undefined. */
export function noDataReason(s: Pick<AnalysisSession, 'engine'>, asn: number): string | undefined {
  return irrKnowledge(s.engine.store, asn) === 'none' ? noDataMessage(asn, 'the loaded data') : undefined;
}

/** A session's "no data" check (the web API's 404). */
export function requireKnownIn(s: Pick<AnalysisSession, 'engine'>, asn: number): void {
  const reason = noDataReason(s, asn);
  if (reason) throw new UserError(reason, 1, 'Check the AS number, or fetch or import its object (asrel fetch ASn, asrel import DUMP).', 'no-data');
}
