/**
 * The ASPA draft of an AS the data holds — its aut-num or a link — else "no data" (exit 1), as
 * every other answer says it: AS0 ("no providers") is a claim that makes each route of the AS
 * through a provider Invalid, never drafted from an AS the data knows nothing of.
 */
import { draftAspa, type AspaDraft } from '../aspa/draft.js';
import type { RelationSource } from '../aspa/irr-providers.js';
import { UserError } from './errors.js';

export function draftOfKnown(source: RelationSource, asn: number, requireKnown: (asns: readonly number[]) => void, notes: string[]): AspaDraft {
  requireKnown([asn]);
  const d = draftAspa(source, asn);
  // Named by an object (an as-set, say) but neither an aut-num nor a link: still nothing about its providers.
  if (!d.hasObject && d.neighbours === 0) {
    throw new UserError(`AS${asn}: no data (no aut-num, and no link to it in the relations)`, 1, 'Check the AS number, or fetch or import its aut-num (asrel fetch ASn, asrel import DUMP).', 'no-data');
  }
  if (!d.hasObject && d.detail.length === 0) {
    notes.push(`AS${asn} has no aut-num: AS0 rests only on the objects of its ${d.neighbours} neighbour(s), none of which shows a provider`);
  }
  return d;
}
