/**
 * A → B in one family, explained, from the data a command opened or the relationship files
 * it named (`why-unreachable`, `path`, `report`): the web face asks the same through
 * `explainQuestion` (src/analysis/questions.ts) over its open session.
 */
import { explainReachability } from '../explain/explain.js';
import type { Explanation } from '../explain/types.js';
import { FAMILIES } from '../infer/families.js';
import type { Family } from '../infer/types.js';
import { annotateFixes, ixpAsnsOf } from '../ixp/annotate.js';
import { loadIxpForAnswer } from '../ixp/cli.js';
import type { IxpPresence } from '../ixp/types.js';
import { loadTopologies, requireFamily, type EdgeArgs } from './relationships.js';
import type { PairAnswer } from './questions.js';

export interface PairDataArgs extends EdgeArgs {
  afi: Family;
  /** `--ixp` sources: exchanges where a new peer link could be made. */
  ixp?: string[];
}

/** `families`: the graphs to build; `path` needs the asked family only, the explanation compares both. */
export async function explainPairAnswer(argv: PairDataArgs, a: number, b: number, families: readonly Family[] = FAMILIES): Promise<PairAnswer> {
  const loaded = await loadTopologies(argv, { asns: [a, b] }, families);
  loaded.requireKnown([a, b]);
  requireFamily(loaded, argv.afi);
  let ex: Explanation = explainReachability({ a, b, family: argv.afi, topologies: loaded.topologies, hasObject: loaded.hasObject });
  let ixp: IxpPresence | undefined;
  if (argv.ixp?.length) {
    // After the explanation: PeeringDB is asked only for the ASes of its peering fixes (and A and B), and not at all when A reaches B.
    ixp = (await loadIxpForAnswer(argv.ixp, { asns: ex.reachable ? [] : [a, b, ...ixpAsnsOf(ex)], dataDir: argv.data, offline: argv.offline }, loaded.notes)).presence;
    ex = annotateFixes(ex, ixp);
  }
  return { ex, notes: loaded.notes, topologies: loaded.topologies, ixp };
}
