/**
 * Whether the data knows an AS at all: its own aut-num, or an object whose rules name it.
 * An AS the data does not know has no answer ("cannot reach" would be a guess): the CLI and
 * the web API say so the same way, from this one check.
 */
import { FAMILIES } from '../infer/families.js';
import { UserError } from './errors.js';
import type { AnalysisSession } from './session.js';

/** The one-line reason when the data knows nothing of `asn`, else undefined. */
export function noDataReason(s: Pick<AnalysisSession, 'engine'>, asn: number): string | undefined {
  if (s.engine.hasObject(asn)) return undefined;
  if (FAMILIES.some((f) => s.engine.namingOf(asn, f).length > 0)) return undefined;
  return `no data for AS${asn}: the loaded data has no aut-num for it and no object names it`;
}

/** Throws the no-data reason (exit 1; HTTP 404) when the data knows nothing of `asn`. */
export function requireKnown(s: Pick<AnalysisSession, 'engine'>, asn: number): void {
  const reason = noDataReason(s, asn);
  if (reason) throw new UserError(reason, 1, 'Check the AS number, or fetch or import its object (asrel fetch ASn, asrel import DUMP).');
}
