/**
 * A → B in one family, explained, from the data a command opened or the relationship files
 * it named (`why-unreachable`, `path`, `report`): the web face asks the same through
 * `explainQuestion` (src/analysis/questions.ts) over its open session.
 */
import { explainReachability, withSetAsideKept } from '../explain/explain.js';
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
  let loaded = await loadTopologies(argv, { asns: [a, b], lean: true }, families);
  loaded.requireKnown([a, b]);
  requireFamily(loaded, argv.afi);
  let ex = explainReachability({ a, b, family: argv.afi, topologies: loaded.topologies, hasObject: loaded.hasObject });
  // Unreachable: its fixes and gaps need the cones' links out of them too.
  if (!ex.reachable && ex.reason !== 'no-link-in-family' && loaded.fuller) {
    loaded = loaded.fuller(argv.afi);
    ex = explainReachability({ a, b, family: argv.afi, topologies: loaded.topologies, hasObject: loaded.hasObject });
  }
  // Links set aside by --min-confidence at the cones: the answer with them kept (the cones and
  // the links among their members, all a path needs) says whether they are what is missing.
  if (ex.reason === 'below-min-confidence' && loaded.engine) {
    const { irrTopologies } = await import('./topologies.js');
    const kept = irrTopologies(loaded.engine, { asns: [a, b], families: [argv.afi], ambiguous: argv.ambiguous, full: [] }).topologies[argv.afi];
    if (kept) ex = withSetAsideKept(ex, kept);
    // No path with every link either: what was set aside changes nothing, and "cannot reach" holds.
    if (ex.setAside?.withThem && !ex.setAside.withThem.reachable) {
      ex = explainReachability({ a, b, family: argv.afi, topologies: loaded.topologies, hasObject: loaded.hasObject, setAsideJoinNothing: true });
    }
  }
  return { ...await withExchanges(ex, argv.ixp, { dataDir: argv.data, offline: argv.offline }, loaded.notes), notes: loaded.notes, topologies: loaded.topologies };
}

/**
 * The explanation with the exchanges where each peering fix could be made, when `sources`
 * name IXP data. After the explanation: PeeringDB is asked only for the ASes of its peering
 * fixes (and A and B), and not at all when A reaches B. Notes about the IXP data go to `notes`.
 */
export async function withExchanges(ex: Explanation, sources: string[] | undefined, ctx: { dataDir: string; offline: boolean }, notes: string[]): Promise<{ ex: Explanation; ixp?: IxpPresence }> {
  if (!sources?.length) return { ex };
  const ixp = (await loadIxpForAnswer(sources, { asns: ex.reachable ? [] : [ex.a, ex.b, ...ixpAsnsOf(ex)], ...ctx }, notes)).presence;
  return { ex: annotateFixes(ex, ixp), ixp };
}
