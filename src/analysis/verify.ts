/**
 * `asrel verify`: observed BGP paths held against the relations asrel infers (or a
 * relationship file), per address family.
 *
 * Each distinct path (prepending collapsed, the collector's peer first) is walked hop by hop
 * with the Gao–Rexford automaton: climbing (customer → provider) and sibling hops keep it
 * UP, a peer hop or a descent turns it DOWN, and once DOWN only descents and sibling hops are
 * allowed. A hop whose link has no relation could be anything: the walk then carries every
 * state it could be in, so a path is a `valley` only when no relation of its unknown hops
 * could make it valley-free (the first hop where that becomes certain is the breaking hop),
 * `valley-free` when every hop is known and it is, and `unknown` otherwise.
 *
 * With IRR data, each adjacent pair is also looked up in the registry in that family:
 * documented by both sides, one side, or none. A breaking hop's relation is what BGP
 * contradicts (the first break is where the path stops being explainable, so it is the link
 * named). And a path joining two ASes that the IRR's graph cannot join valley-free in that
 * family is a dark spot contradicted by BGP.
 */
import type { Topology } from '../graph/topology.js';
import { isTransitFree, ValleyFreeSearcher } from '../graph/valley-free.js';
import type { InferenceEngine } from '../infer/engine.js';
import type { Evidence, Family, LinkInference, Relation } from '../infer/types.js';
import type { PathTable, SourceReport, Uncheckable } from './observed-paths.js';
import { AS_TRANS } from '../rpsl/keys.js';
import { hop, verifyAspa, type AspaLookup, type AspaVerdict, type Procedure } from '../aspa/verification.js';

export type PathVerdict = 'valley-free' | 'valley' | 'unknown' | Uncheckable;

export interface PathCheck {
  verdict: PathVerdict;
  /** For a valley: the hop i (the link path[i]–path[i+1]) where it became certain. */
  breakAt?: number;
  /** For a valley: the hop where the path had to stop climbing (a peer link or a descent): one of the two links is wrong, or the path is a leak. */
  downAt?: number;
  /** Each hop's relation read from the first AS's side, undefined where none is known. */
  relations: Array<Relation | undefined>;
}

const UP = 1;
const DOWN = 2;

export type RelationOf = (a: number, b: number) => Relation | undefined;

/**
 * A's side of the link a–b in one family's graph, by number: a map built once from the CSR
 * (node pairs as one number), so millions of hops cost no objects.
 */
export function relationLookup(topo: Topology): RelationOf {
  const c = topo.csr;
  const n = c.n;
  const rel = new Map<number, Relation>();
  const lists: Array<[Int32Array, Int32Array, Relation]> = [[c.provOff, c.prov, 'c2p'], [c.custOff, c.cust, 'p2c'], [c.peerOff, c.peer, 'p2p'], [c.sibOff, c.sib, 's2s']];
  for (let i = 0; i < n; i++) {
    for (const [off, adj, r] of lists) for (let k = off[i]!; k < off[i + 1]!; k++) rel.set(i * n + adj[k]!, r);
  }
  return (a, b) => {
    const i = c.index.get(a);
    if (i === undefined) return undefined;
    const j = c.index.get(b);
    return j === undefined ? undefined : rel.get(i * n + j);
  };
}

/** One path against one family's graph (the automaton described above). */
export function checkPath(path: readonly number[], topo: Topology | RelationOf): PathCheck {
  const relOf: RelationOf = typeof topo === 'function' ? topo : (a, b) => topo.link(a, b)?.relation;
  const relations: Array<Relation | undefined> = [];
  let states = UP; // a path may climb first
  let unknown = false;
  let breakAt: number | undefined;
  let downAt: number | undefined;
  for (let i = 0; i + 1 < path.length; i++) {
    const rel = relOf(path[i]!, path[i + 1]!);
    relations.push(rel);
    if (breakAt !== undefined) continue;
    let next = 0;
    if (rel === undefined) {
      unknown = true;
      // Any relation: from UP every state is possible, from DOWN only DOWN (a descent).
      next = states & UP ? UP | DOWN : DOWN;
    } else if (rel === 's2s') next = states;
    else if (rel === 'c2p') next = states & UP ? UP : 0;
    else next = DOWN; // p2p from UP only, p2c from either
    if (rel === 'p2p' && !(states & UP)) next = 0;
    if (next === 0) breakAt = i;
    else if (next === DOWN && states & UP) downAt = i;
    states = next;
  }
  if (breakAt !== undefined) return { verdict: 'valley', breakAt, ...(downAt !== undefined ? { downAt } : {}), relations };
  return { verdict: unknown ? 'unknown' : 'valley-free', relations };
}

export type Documented = 'both' | 'one' | 'none';

export interface LinkFinding {
  afi: Family;
  /** The two ASes as first seen in a path (a before b: a is nearer the collector). */
  a: number;
  b: number;
  /** a's side of the link in the graph used, or undefined when it has none. */
  relation?: Relation;
  /** IRR data only: which sides' policies name the other in this family. */
  documented?: Documented;
  /** IRR data only: the ASes whose policies name the other. */
  documentedBy?: number[];
  paths: number;
  routes: number;
  /** Distinct paths whose first breaking hop is this link. */
  breaks: number;
  example: number[];
}

export interface DarkSpotSeen {
  afi: Family;
  /** The collector's peer and the origin, joined by an observed path. */
  a: number;
  b: number;
  paths: number;
  example: number[];
  /** Both have no provider in the graph: a dark spot in the sense of `asrel dark-spots`. */
  transitFree: boolean;
}

export interface FamilySummary {
  routes: number;
  distinctPaths: number;
  valleyFree: number;
  valley: number;
  unknown: number;
  asSet: number;
  confed: number;
  loop: number;
  short: number;
  /** Paths holding AS0: invalid in BGP (RFC 7607), not checked. */
  as0: number;
  /** Checked paths through AS23456 (AS_TRANS, RFC 6793): their hops to it are unknown and not counted as links. */
  asTrans: number;
  notFromPeer: number;
  /** Distinct adjacent pairs in the checkable paths. */
  links: number;
  withRelation: number;
  documentedBoth?: number;
  documentedOne?: number;
  undocumented?: number;
}

export interface ContradictedRelation extends LinkFinding {
  inference?: LinkInference;
}

export interface VerifyResult {
  families: Family[];
  summary: Partial<Record<Family, FamilySummary>>;
  /** Every link seen, by family then paths (the CSV). */
  links: LinkFinding[];
  /** Links seen in BGP that no registry object names in that family, most paths first (IRR data). */
  undocumented: LinkFinding[];
  /** Links that are the first breaking hop of a valley, most paths first, with the registry lines (IRR data). */
  contradicted: ContradictedRelation[];
  darkSpots: DarkSpotSeen[];
  darkSpotTotal: Partial<Record<Family, number>>;
  /** Valleys, most routes first (a sample of `top`). */
  valleys: Array<{ afi: Family; path: number[]; routes: number; breakAt: number; downAt?: number; relations: Array<Relation | undefined> }>;
  sources: SourceReport[];
  documentation: 'irr' | 'none';
  /** With `--aspa`: each path's ASPA verdict beside its valley-free verdict. */
  aspa?: AspaSideBySide;
}

export interface AspaSideBySide {
  procedure: Procedure;
  /** Per family: valley-free verdict → ASPA verdict → distinct paths. */
  matrix: Partial<Record<Family, Record<'valley-free' | 'valley' | 'unknown', Record<AspaVerdict, number>>>>;
  /**
   * ASPA blind spots: paths that are a valley under the relations in one family but Valid
   * under ASPA, because a hop ASPA accepts as customer → provider is transit in the other
   * family only (one provider set for both families, verification §7.1).
   */
  blindSpots: Array<{ afi: Family; path: number[]; routes: number; customer: number; provider: number; relationHere?: Relation; otherFamily: Family }>;
  blindSpotTotal: Partial<Record<Family, number>>;
}

export interface VerifyInput {
  table: PathTable;
  topologies: Partial<Record<Family, Topology>>;
  families: Family[];
  /** IRR data: documentation per link and the registry lines of contradicted relations. */
  engine?: InferenceEngine;
  top: number;
  /** ASPA records and the procedure, for the side-by-side verdicts. */
  aspa?: { lookup: AspaLookup; procedure: Procedure };
}


function documentation(engine: InferenceEngine, a: number, b: number, f: Family): { documented: Documented; by: number[] } {
  const l = engine.infer(a, b, f, { evidence: true, text: false });
  if (l.relation === 'none') return { documented: 'none', by: [] };
  const by = [...new Set(l.evidence.filter((e: Evidence) => e.strength === 'strong').map((e) => e.asn))].sort((x, y) => x - y);
  return { documented: by.length >= 2 ? 'both' : by.length === 1 ? 'one' : 'none', by };
}

export function verify(input: VerifyInput): VerifyResult {
  const { table, topologies, families, engine, top } = input;
  const summary: Partial<Record<Family, FamilySummary>> = {};
  const links: LinkFinding[] = [];
  const valleys: VerifyResult['valleys'] = [];
  const darkSpots: DarkSpotSeen[] = [];
  const darkSpotTotal: Partial<Record<Family, number>> = {};
  const zero = (): Record<AspaVerdict, number> => ({ valid: 0, invalid: 0, unknown: 0 });
  const aspaSide: AspaSideBySide | undefined = input.aspa ? { procedure: input.aspa.procedure, matrix: {}, blindSpots: [], blindSpotTotal: {} } : undefined;
  for (const f of families) {
    const topo = topologies[f];
    const s: FamilySummary = { routes: table.routes[f], distinctPaths: 0, valleyFree: 0, valley: 0, unknown: 0, asSet: 0, confed: 0, loop: 0, short: 0, as0: 0, asTrans: 0, notFromPeer: 0, links: 0, withRelation: 0 };
    summary[f] = s;
    const byLink = new Map<number, LinkFinding>();
    // Dense ids for the ASes met, so that a link is one number (ids < 2^26).
    const ids = new Map<number, number>();
    const id = (a: number) => {
      let x = ids.get(a);
      if (x === undefined) ids.set(a, (x = ids.size));
      return x;
    };
    const graphRel = topo ? relationLookup(topo) : undefined;
    // A hop to AS_TRANS stands for some 4-byte AS the path does not name: its relation is unknown.
    const relOf: RelationOf | undefined = graphRel && ((a, b) => (a === AS_TRANS || b === AS_TRANS ? undefined : graphRel(a, b)));
    const other: Family = f === 'ipv4' ? 'ipv6' : 'ipv4';
    const otherRel = input.aspa && topologies[other] ? relationLookup(topologies[other]!) : undefined;
    const matrix = input.aspa ? { 'valley-free': zero(), valley: zero(), unknown: zero() } : undefined;
    if (matrix) aspaSide!.matrix[f] = matrix;
    for (const d of table.entries(f)) {
      s.distinctPaths++;
      if (d.notFromPeer) s.notFromPeer++;
      if (d.uncheckable) {
        s[d.uncheckable === 'as-set' ? 'asSet' : d.uncheckable]++;
        continue;
      }
      const c: PathCheck = relOf ? checkPath(d.path, relOf) : { verdict: 'unknown', relations: d.path.slice(1).map(() => undefined) };
      if (c.verdict === 'valley-free') s.valleyFree++;
      else if (c.verdict === 'valley') {
        s.valley++;
        valleys.push({ afi: f, path: d.path, routes: d.routes, breakAt: c.breakAt!, ...(c.downAt !== undefined ? { downAt: c.downAt } : {}), relations: c.relations });
      } else s.unknown++;
      if (input.aspa && matrix) {
        const verdict = verifyAspa(d.path, false, input.aspa.procedure, input.aspa.lookup).verdict;
        matrix[c.verdict === 'valley-free' || c.verdict === 'valley' ? c.verdict : 'unknown'][verdict]++;
        if (c.verdict === 'valley' && verdict === 'valid' && otherRel) {
          const why = oneFamilyHop(d.path, input.aspa.lookup, relOf!, otherRel);
          if (why) {
            aspaSide!.blindSpotTotal[f] = (aspaSide!.blindSpotTotal[f] ?? 0) + 1;
            aspaSide!.blindSpots.push({ afi: f, path: d.path, routes: d.routes, ...why, otherFamily: other });
          }
        }
      }
      const viaTrans = d.path.includes(AS_TRANS);
      if (viaTrans) s.asTrans++;
      for (let i = 0; i + 1 < d.path.length; i++) {
        if (viaTrans && (d.path[i] === AS_TRANS || d.path[i + 1] === AS_TRANS)) continue;
        const x = id(d.path[i]!), y = id(d.path[i + 1]!);
        const k = x < y ? x * 67108864 + y : y * 67108864 + x;
        let l = byLink.get(k);
        if (!l) {
          l = { afi: f, a: d.path[i]!, b: d.path[i + 1]!, paths: 0, routes: 0, breaks: 0, example: d.path, ...(c.relations[i] ? { relation: c.relations[i] } : {}) };
          byLink.set(k, l);
        }
        l.paths++;
        l.routes += d.routes;
        if (c.breakAt === i) {
          if (l.breaks === 0) l.example = d.path;
          l.breaks++;
        }
      }
    }
    s.links = byLink.size;
    for (const l of byLink.values()) {
      if (l.relation) s.withRelation++;
      if (engine) {
        const doc = documentation(engine, l.a, l.b, f);
        l.documented = doc.documented;
        l.documentedBy = doc.by;
      }
    }
    if (engine) {
      s.documentedBoth = 0; s.documentedOne = 0; s.undocumented = 0;
      for (const l of byLink.values()) {
        if (l.documented === 'both') s.documentedBoth++;
        else if (l.documented === 'one') s.documentedOne++;
        else s.undocumented++;
      }
    }
    links.push(...[...byLink.values()].sort((x, y) => y.paths - x.paths || x.a - y.a || x.b - y.b));
    if (topo) {
      const found = darkSpotsSeen(f, topo, table);
      darkSpotTotal[f] = found.length;
      darkSpots.push(...found.slice(0, top));
    }
  }
  const undocumented = engine ? topBy(links.filter((l) => l.documented === 'none'), families, top) : [];
  const contradicted: ContradictedRelation[] = topBy(links.filter((l) => l.breaks > 0).sort((x, y) => y.breaks - x.breaks || y.paths - x.paths), families, top)
    .map((l) => ({ ...l, ...(engine ? { inference: engine.infer(l.a, l.b, l.afi) } : {}) }));
  valleys.sort((x, y) => y.routes - x.routes || x.path.length - y.path.length);
  return {
    families, summary, links, undocumented, contradicted, darkSpots, darkSpotTotal,
    valleys: topBy(valleys, families, top), sources: table.sources, documentation: engine ? 'irr' : 'none',
    ...(aspaSide ? { aspa: { ...aspaSide, blindSpots: topBy(aspaSide.blindSpots.sort((x, y) => y.routes - x.routes), families, top) } } : {}),
  };
}

/** A hop ASPA accepts as customer → provider whose link is transit in the other family only. */
function oneFamilyHop(path: readonly number[], aspa: AspaLookup, here: RelationOf, there: RelationOf): { customer: number; provider: number; relationHere?: Relation } | undefined {
  for (let i = 0; i + 1 < path.length; i++) {
    for (const [x, y] of [[path[i]!, path[i + 1]!], [path[i + 1]!, path[i]!]] as const) {
      if (hop(aspa, x, y) !== 'provider+') continue;
      const h = here(x, y);
      if (h === 'c2p' || h === 's2s') continue;
      const t = there(x, y);
      if (t === 'c2p' || t === 's2s') return { customer: x, provider: y, ...(h ? { relationHere: h } : {}) };
    }
  }
  return undefined;
}

/** The first `top` of each family, keeping the list's order. */
function topBy<T extends { afi: Family }>(list: T[], families: Family[], top: number): T[] {
  return families.flatMap((f) => list.filter((x) => x.afi === f).slice(0, top));
}

/**
 * Pairs (collector peer, origin) joined by an observed path while the graph has no
 * valley-free path between them. One search per distinct first AS, kept as a bitmap of
 * what it reaches; the first ASes are taken in groups so that the bitmaps stay under 64 MB,
 * the paths read again for each group. O(peers × (V + E) + paths).
 */
function darkSpotsSeen(f: Family, topo: Topology, table: PathTable): DarkSpotSeen[] {
  const csr = topo.csr;
  const firsts = new Set<number>();
  for (const d of table.entries(f)) if (!d.uncheckable && d.path.length >= 2 && csr.index.has(d.path[0]!)) firsts.add(d.path[0]!);
  const all = [...firsts].sort((x, y) => x - y);
  const group = Math.max(1, Math.floor((64 << 20) / Math.max(1, csr.n)));
  const searcher = new ValleyFreeSearcher(csr);
  const found = new Map<string, DarkSpotSeen>();
  for (let g = 0; g < all.length; g += group) {
    const reach = new Map<number, Uint8Array>();
    for (const a of all.slice(g, g + group)) {
      searcher.run(csr.index.get(a)!);
      const r = new Uint8Array(csr.n);
      for (let j = 0; j < csr.n; j++) if (searcher.distanceTo(j) >= 0) r[j] = 1;
      reach.set(a, r);
    }
    for (const d of table.entries(f)) {
      if (d.uncheckable || d.path.length < 2) continue;
      const r = reach.get(d.path[0]!);
      const b = d.path[d.path.length - 1]!;
      const j = csr.index.get(b);
      if (!r || j === undefined || r[j]) continue;
      const a = d.path[0]!;
      const k = `${a} ${b}`;
      const e = found.get(k);
      if (e) e.paths++;
      else found.set(k, { afi: f, a, b, paths: 1, example: d.path, transitFree: isTransitFree(csr, a) && isTransitFree(csr, b) });
    }
  }
  return [...found.values()].sort((x, y) => y.paths - x.paths || x.a - y.a || x.b - y.b);
}
