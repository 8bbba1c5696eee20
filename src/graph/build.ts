import GraphModule from 'graphology';
import type { AbstractGraph, GraphOptions } from 'graphology-types';
import type { Family, LinkInference, Relation } from '../infer/types.js';
import type { AmbiguousPolicy, RelationshipEdge } from './types.js';

/**
 * Default for ambiguous inferences: 'peer'. It is the conservative choice for
 * valley-free reachability: a valley-free path that crosses a link as a peer link stays
 * valley-free if that link is really provider–customer or sibling, so every path found
 * under 'peer' exists under any resolution of the ambiguity. 'provider'/'customer' may
 * invent transit that does not exist (claiming reachability that is not there), and
 * 'drop' forgets an adjacency the registry does show. An "unreachable" answer under
 * 'peer' may still hinge on an ambiguous link; the explanation lists such links.
 */
export const DEFAULT_AMBIGUOUS: AmbiguousPolicy = 'peer';
export const AMBIGUOUS_POLICIES: readonly AmbiguousPolicy[] = ['peer', 'provider', 'customer', 'drop'];

/** Edge attributes in the graphology model. */
export interface EdgeAttributes {
  relation: RelationshipEdge['relation'];
  inference?: LinkInference;
}
export interface NodeAttributes {
  asn: number;
}
/**
 * One family's relationship graph: p2c links are directed edges provider → customer,
 * p2p and s2s links undirected. Node keys are the ASN in decimal.
 */
export type RelationshipGraph = AbstractGraph<NodeAttributes, EdgeAttributes>;

// graphology's typings describe its CommonJS build, so under NodeNext its default import is
// typed as the module namespace; at run time (ESM build, bundled or not) it is the class.
type GraphCtor = new (opts?: GraphOptions) => RelationshipGraph;
const Graph: GraphCtor = ((GraphModule as unknown as { default?: GraphCtor }).default ?? GraphModule) as unknown as GraphCtor;

function edgeFor(inf: LinkInference, rel: Relation): RelationshipEdge {
  if (rel === 'c2p') return { a: inf.b, b: inf.a, family: inf.family, relation: 'p2c', inference: inf };
  return { a: inf.a, b: inf.b, family: inf.family, relation: rel, inference: inf };
}

const flip = (r: Relation): Relation => (r === 'p2c' ? 'c2p' : r === 'c2p' ? 'p2c' : r);

/**
 * Resolves one ambiguous inference, returned from `a`'s side (as its candidates are read).
 * The policy is read from the lower-numbered AS's side, whichever way the inference is
 * turned (a whole-data read has the lower first, a question's cones the AS they climb from),
 * so that a link resolves the same in every command: 'provider' means "the higher-numbered
 * AS is the lower's provider", 'customer' "… the lower's customer"; when that is not a
 * candidate, the link falls back to peer (the safe default).
 */
export function resolveAmbiguous(inf: LinkInference, policy: AmbiguousPolicy): Relation | null {
  if (policy === 'drop') return null;
  const want: Relation = policy === 'provider' ? 'c2p' : policy === 'customer' ? 'p2c' : 'p2p';
  const turned = inf.a > inf.b;
  const candidates = turned ? inf.candidates.map(flip) : inf.candidates;
  const r = candidates.includes(want) ? want : 'p2p';
  return turned ? flip(r) : r;
}

/**
 * Graph edges from inferences: definite relations as they are, ambiguous ones by
 * `ambiguous`, conflicts and 'none' left out (they are reported by the inference stage).
 */
export function edgesFromInferences(infs: LinkInference[], ambiguous: AmbiguousPolicy = DEFAULT_AMBIGUOUS): RelationshipEdge[] {
  const out: RelationshipEdge[] = [];
  for (const inf of infs) {
    if (inf.a === inf.b) continue;
    if (inf.relation === 'ambiguous') {
      const rel = resolveAmbiguous(inf, ambiguous);
      if (rel) out.push(edgeFor(inf, rel));
    } else if (inf.relation === 'p2c' || inf.relation === 'c2p' || inf.relation === 'p2p' || inf.relation === 's2s') {
      out.push(edgeFor(inf, inf.relation));
    }
  }
  return out;
}

export interface BuildStats {
  family: Family;
  nodes: number;
  links: number;
  /** The same link given twice with the same relation (kept once). */
  duplicates: number;
  /** The same pair given again with another relation: the first one is kept. */
  contradictions: { a: number; b: number; kept: string; dropped: string }[];
  /** Edges of the other family or self-loops, ignored. */
  ignored: number;
}

/** A link as a contradiction message names it. */
export function describeEdge(e: Pick<RelationshipEdge, 'a' | 'b' | 'relation'>): string {
  return e.relation === 'p2c' ? `AS${e.a} provider of AS${e.b}` : e.relation === 'p2p' ? 'peers' : 'siblings';
}

/** Whether `e` gives a pair the relation `prev` gave it (a repeat, not a contradiction). */
export function sameEdge(prev: RelationshipEdge, e: RelationshipEdge): boolean {
  return prev.relation === e.relation && (e.relation !== 'p2c' || prev.a === e.a);
}

/** One key per unordered pair of node numbers: lo·2^26 + hi, an exact double for up to 67 M nodes. */
export function pairKey(i: number, j: number): number {
  return i < j ? i * 67108864 + j : j * 67108864 + i;
}

/**
 * The edges a family's graph holds: other families' edges and self-loops ignored, the first
 * relation given for a pair kept, a repeat counted, another relation reported. `asns` in the
 * order they first appear.
 */
export function keepEdges(edges: Iterable<RelationshipEdge>, family: Family): { kept: RelationshipEdge[]; asns: number[]; stats: BuildStats } {
  const stats: BuildStats = { family, nodes: 0, links: 0, duplicates: 0, contradictions: [], ignored: 0 };
  const kept: RelationshipEdge[] = [];
  const ids = new Map<number, number>();
  const id = (asn: number) => {
    let i = ids.get(asn);
    if (i === undefined) ids.set(asn, (i = ids.size));
    return i;
  };
  const pairs = new Map<number, number>();
  for (const e of edges) {
    if (e.family !== family || e.a === e.b) {
      stats.ignored++;
      continue;
    }
    const i = id(e.a);
    const j = id(e.b);
    const key = pairKey(i, j);
    const k = pairs.get(key);
    if (k === undefined) {
      pairs.set(key, kept.push(e) - 1);
      continue;
    }
    const prev = kept[k]!;
    if (sameEdge(prev, e)) stats.duplicates++;
    else stats.contradictions.push({ a: e.a, b: e.b, kept: describeEdge(prev), dropped: describeEdge(e) });
  }
  stats.nodes = ids.size;
  stats.links = kept.length;
  return { kept, asns: [...ids.keys()], stats };
}

/** Builds one family's graphology graph (`keepEdges` decides which edges it holds). */
export function buildGraph(edges: Iterable<RelationshipEdge>, family: Family): { graph: RelationshipGraph; stats: BuildStats } {
  const graph: RelationshipGraph = new Graph({ type: 'mixed', multi: false, allowSelfLoops: false });
  const { kept, stats } = keepEdges(edges, family);
  for (const e of kept) {
    const ka = String(e.a);
    const kb = String(e.b);
    if (!graph.hasNode(ka)) graph.addNode(ka, { asn: e.a });
    if (!graph.hasNode(kb)) graph.addNode(kb, { asn: e.b });
    const attrs: EdgeAttributes = e.inference ? { relation: e.relation, inference: e.inference } : { relation: e.relation };
    if (e.relation === 'p2c') graph.addDirectedEdge(ka, kb, attrs);
    else graph.addUndirectedEdge(ka, kb, attrs);
  }
  return { graph, stats };
}
