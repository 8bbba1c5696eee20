/**
 * The questions of the CLI as functions over an open session, each returning what the CLI's
 * `--json` prints (the same keys, in the same order): the web API serves these, and the CLI
 * commands can call them too.
 */
import { explainReachability } from '../explain/explain.js';
import { darkSpotsAnswer, darkSpotsJson, darkSpotsSearch } from './dark-spots-answer.js';
import { reachSummary } from '../explain/reach.js';
import type { Explanation } from '../explain/types.js';
import type { Topology } from '../graph/topology.js';
import { FAMILIES, FAMILY_LABEL } from '../infer/families.js';
import type { Family } from '../infer/types.js';
import { ixpFixText, peeringPlaces } from '../ixp/annotate.js';
import { commonIxps } from '../ixp/common.js';
import type { IxpPresence } from '../ixp/types.js';
import { explanationJson } from '../report/reachability-json.js';
import { dataLines } from './data-lines.js';
import { neighboursJson } from './neighbours-answer.js';
import { withExchanges } from './pair-answer.js';
import { reachJson } from './reach-answer.js';
import { relJson } from './rel-answer.js';
import { UserError } from './errors.js';
import { requireKnownIn } from './known.js';
import { familyGraph, type AnalysisSession } from './session.js';

export interface PairQuestion {
  a: number;
  b: number;
  afi: Family;
  /** `--ixp` sources: exchanges where a new peer link could be made. */
  ixp?: string[];
}

export interface PairAnswer {
  ex: Explanation;
  notes: string[];
  topologies: Partial<Record<Family, Topology>>;
  ixp?: IxpPresence;
}

/** A → B in one family, explained (the graphs of `families`: `path` needs the asked one only). */
export async function explainQuestion(s: AnalysisSession, q: PairQuestion, families: readonly Family[] = FAMILIES): Promise<PairAnswer> {
  const gathered = await s.gatherFor([q.a, q.b]);
  requireKnownIn(s, q.a);
  requireKnownIn(s, q.b);
  let g = s.cones([q.a, q.b], families);
  familyGraph(g, q.afi);
  let ex = explainReachability({ a: q.a, b: q.b, family: q.afi, topologies: g.topologies, hasObject: g.hasObject });
  // Unreachable: its fixes and gaps need the cones' links out of them too (as the CLI asks).
  if (!ex.reachable && ex.reason !== 'no-link-in-family') {
    g = s.cones([q.a, q.b], families, [q.afi]);
    ex = explainReachability({ a: q.a, b: q.b, family: q.afi, topologies: g.topologies, hasObject: g.hasObject });
  }
  const notes = [...gathered, ...g.notes];
  return { ...await withExchanges(ex, q.ixp, { dataDir: s.args.data, offline: !s.args.live }, notes), notes, topologies: g.topologies };
}

/** `why-unreachable --json`. */
export function whyUnreachableJson(r: PairAnswer): Record<string, unknown> {
  return explanationJson(r.ex, r.notes);
}

/** `path --json`. */
export function pathJson(r: PairAnswer): Record<string, unknown> {
  const { a, b, family, reachable, path, hops, absent, reason, setAside } = r.ex;
  // An AS the IXP data says nothing of (not listed, a failed lookup): unknown, not "no exchange".
  const ixpUnknown = r.ixp?.unknown?.get(a) ?? r.ixp?.unknown?.get(b);
  const ixpPart = r.ixp && !reachable ? (ixpUnknown ? { ixpUnknown } : { commonIxps: commonIxps(r.ixp, a, b, family) }) : {};
  // Why there is no path when it is not a plain "no path": missing data or a threshold (as why-unreachable says).
  const why = reason ? { reason, ...(setAside ? { setAside } : {}) } : {};
  return { a, b, afi: family, reachable, path, hops, absent, ...why, notes: r.notes, model: r.ex.model, ...ixpPart };
}

/**
 * `path` with `--ixp` and no path: where A and B could peer, worded as a new-peering fix's
 * exchanges are (that one's exchanges are unknown, or those both are at); undefined without `--ixp`.
 */
export function pathPeeringPlaces(r: PairAnswer): string | undefined {
  const { ex, ixp } = r;
  if (!ixp) return undefined;
  return ixpFixText({ kind: 'new-peering', reason: '', ...peeringPlaces(ixp, ex.a, ex.b, ex.family) }, FAMILY_LABEL[ex.family]);
}

/** `rel --json`: the relationship in each family with the lines from both sides. */
export async function relQuestion(s: AnalysisSession, a: number, b: number, fams: readonly Family[]): Promise<Record<string, unknown>> {
  if (a === b) throw new UserError(`AS${a} is given twice`, 2, 'Name two different ASes.');
  const gathered = await s.gatherFor([a, b]);
  requireKnownIn(s, a);
  requireKnownIn(s, b);
  const results = fams.map((f) => s.engine.infer(a, b, f));
  return relJson(a, b, results, [...s.openNotes, ...gathered, ...dataLines(s.store, [a, b])]);
}

/** `neighbors --json`: every neighbour with its relation per family. */
export async function neighborsQuestion(s: AnalysisSession, asn: number, fams: readonly Family[]): Promise<Record<string, unknown>> {
  const gathered = await s.gatherFor([asn], true);
  requireKnownIn(s, asn);
  const links = fams.flatMap((f) => s.engine.neighbours(asn, f, { evidence: 'count' }));
  const notes = [...s.openNotes, ...gathered, ...dataLines(s.store, [asn, ...links.map((l) => l.b)])];
  return neighboursJson(asn, s.engine.hasObject(asn), links, fams, notes);
}

/** `reach --json`: how many ASes `asn` reaches in each family, and those reached in one only. */
export function reachQuestion(s: AnalysisSession, asn: number, top: number): Record<string, unknown> {
  requireKnownIn(s, asn);
  const g = s.wholeGraphs();
  return reachJson(reachSummary(asn, { ipv4: familyGraph(g, 'ipv4'), ipv6: familyGraph(g, 'ipv6') }), top, g.notes);
}

/** `dark-spots --json`: transit-free pairs dark in one family, lit in the other, largest first. */
export async function darkSpotsQuestion(s: AnalysisSession, top: number, afi?: Family, ixpSources?: string[]): Promise<Record<string, unknown>> {
  const g = s.wholeGraphs();
  const topos = { ipv4: familyGraph(g, 'ipv4'), ipv6: familyGraph(g, 'ipv6') };
  const families = afi ? [afi] : [...FAMILIES];
  const result = s.remember(`dark-spots|${families.join(',')}|${top}`, () => darkSpotsSearch(topos, families, top));
  const notes = [...g.notes];
  const answer = await darkSpotsAnswer(result, families, ixpSources?.length
    ? { sources: ixpSources, ctx: { dataDir: s.args.data, offline: !s.args.live }, notes } : undefined);
  return darkSpotsJson(answer, notes);
}
