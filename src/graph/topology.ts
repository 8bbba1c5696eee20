import type { Family, LinkInference, Relation } from '../infer/types.js';
import { buildGraph, pairKey, type BuildStats, type RelationshipGraph } from './build.js';
import { csrFromEdges, type Csr } from './csr.js';
import { AmbiguousLinks } from './ambiguous-links.js';
import type { AmbiguousGraphLink, RelationshipEdge } from './types.js';

/** What the whole data says beyond a graph that holds part of it (a question's cones). */
export interface Outside {
  /** An AS's numbers of links, providers and customers. */
  counts: (asn: number) => { links: number; providers: number; customers: number };
  /** The relation of a link the graph does not hold, from `from`'s side (undefined: no link). */
  relation: (from: number, to: number) => Relation | undefined;
  /** `counts` of many ASes at once. */
  countsMany: (asns: readonly number[]) => Map<number, { links: number; providers: number; customers: number }>;
}

/** Links below `--min-confidence` that a graph left out as unknown. */
export interface SetAside {
  min: number;
  /** Those the graph's read met (a question's cones: every link up from or level with a member). */
  links: LinkInference[];
}

/** A link as seen from one side: `relation` read from `from`'s side (c2p: `to` is its provider). */
export interface LinkView {
  from: number;
  to: number;
  relation: Relation;
  inference?: LinkInference;
}

/**
 * One family's relationships: the graphology graph (the model, with evidence on edges),
 * built when first asked for, and its typed-array compilation (for the search kernel).
 */
export class Topology {
  private built?: RelationshipGraph;

  private constructor(
    readonly family: Family,
    /** The edges the graph holds (one per pair): links are read from them, not from the graph. */
    private readonly kept: RelationshipEdge[],
    readonly csr: Csr,
    readonly stats: BuildStats,
    private readonly detail?: (a: number, b: number) => LinkInference | undefined,
    private readonly outside?: Outside,
    /** The ambiguous IRR links of the data the graph was built from (those left out by `drop` too). */
    readonly ambiguous: readonly AmbiguousGraphLink[] = [],
    /** `--min-confidence`: links of the data left out of this graph as unknown (a question's graph only). */
    readonly setAside?: SetAside,
  ) {}

  /**
   * `detail` gives a link's full inference (with its registry lines) on demand: graphs of a
   * whole registry keep only the relation on each edge and read evidence for the few links
   * an answer prints. `met`: the IRR links of ambiguous relation met building it, and those
   * `--min-confidence` set aside (a question's graph).
   */
  static fromEdges(edges: Iterable<RelationshipEdge>, family: Family, detail?: (a: number, b: number) => LinkInference | undefined, outside?: Outside, nodes?: readonly number[], met: { ambiguous?: readonly AmbiguousGraphLink[]; setAside?: SetAside } = {}): Topology {
    const { csr, stats, kept } = csrFromEdges(edges, family, nodes);
    return new Topology(family, kept, csr, stats, detail, outside, met.ambiguous, met.setAside);
  }

  private ambiguousIndex?: AmbiguousLinks;

  /** The ambiguous links indexed by AS, for asking whether an unreachable pair rests on one. */
  get ambiguousLinks(): AmbiguousLinks {
    this.ambiguousIndex ??= new AmbiguousLinks(this.csr, this.ambiguous);
    return this.ambiguousIndex;
  }

  /**
   * How many links, providers and customers an AS has in the data: a question's graph holds
   * no link down from its cones (`outside` gives the data's counts), a whole graph holds all.
   */
  countsOf(asn: number): { links: number; providers: number; customers: number } {
    if (this.outside) {
      // Asked again and again while sellers are ranked: kept.
      let c = this.outsideCounts.get(asn);
      if (!c) this.outsideCounts.set(asn, (c = this.outside.counts(asn)));
      return c;
    }
    const i = this.csr.index.get(asn);
    if (i === undefined) return { links: 0, providers: 0, customers: 0 };
    const c = this.csr;
    const providers = c.provOff[i + 1]! - c.provOff[i]!, customers = c.custOff[i + 1]! - c.custOff[i]!;
    return { links: providers + customers + c.peerOff[i + 1]! - c.peerOff[i]! + c.sibOff[i + 1]! - c.sibOff[i]!, providers, customers };
  }

  /**
   * The graphology graph, built on first use (library callers): searches run on the arrays
   * and links are read from the edges, so commands never pay for building it.
   */
  get graph(): RelationshipGraph {
    this.built ??= buildGraph(this.kept, this.family).graph;
    return this.built;
  }

  private readonly outsideCounts = new Map<number, { links: number; providers: number; customers: number }>();

  /** Reads the counts of many ASes at once, before `countsOf` asks them one by one (ranking thousands of tops). */
  preloadCounts(asns: Iterable<number>): void {
    if (!this.outside) return;
    const ask = [...asns].filter((x) => !this.outsideCounts.has(x));
    if (ask.length < 2) return;
    for (const [asn, c] of this.outside.countsMany(ask)) this.outsideCounts.set(asn, c);
  }

  /** The link's inference with its evidence, read from `from`'s side (of a link outside a question's graph too). */
  inferenceOf(from: number, to: number): LinkInference | undefined {
    const l = this.link(from, to);
    if (!l) return this.outside?.relation(from, to) ? this.detail?.(from, to) : undefined;
    return this.detail?.(from, to) ?? l.inference;
  }

  /** The relation between two ASes from `from`'s side: the graph's, or the data's for a link a question's graph does not hold. */
  relationOf(from: number, to: number): Relation | undefined {
    return this.link(from, to)?.relation ?? this.outside?.relation(from, to);
  }

  has(asn: number): boolean {
    return this.csr.index.has(asn);
  }

  get size(): { ases: number; links: number } {
    return { ases: this.csr.n, links: this.stats.links };
  }

  /**
   * Whether the links carry inferences (IRR data) rather than bare relations (a relationship
   * file): a graph built from inferences says so even when it holds no link at all.
   */
  hasInferences(): boolean {
    return this.detail !== undefined || this.kept.some((e) => e.inference !== undefined);
  }

  /** Pair (node indices, lower first) → its edge: links are looked up without building the graph. */
  private pairs?: Map<number, RelationshipEdge>;

  private edge(i: number, j: number): RelationshipEdge | undefined {
    if (!this.pairs) {
      this.pairs = new Map();
      for (const e of this.kept) {
        const x = this.csr.index.get(e.a)!;
        const y = this.csr.index.get(e.b)!;
        this.pairs.set(pairKey(x, y), e);
      }
    }
    return this.pairs.get(pairKey(i, j));
  }

  /** The link between two ASes, read from `from`'s side, or undefined when they are not neighbours. */
  link(from: number, to: number): LinkView | undefined {
    const i = this.csr.index.get(from);
    const j = this.csr.index.get(to);
    if (i === undefined || j === undefined) return undefined;
    const e = this.edge(i, j);
    if (!e) return undefined;
    const relation: Relation = e.relation === 'p2c' ? (e.a === from ? 'p2c' : 'c2p') : e.relation;
    return { from, to, relation, inference: e.inference };
  }

  /** Every link incident to `asn`, read from its side, by neighbour. */
  links(asn: number): LinkView[] {
    const i = this.csr.index.get(asn);
    if (i === undefined) return [];
    const out: LinkView[] = [];
    const c = this.csr;
    for (const [off, adj] of [[c.provOff, c.prov], [c.custOff, c.cust], [c.peerOff, c.peer], [c.sibOff, c.sib]] as const) {
      for (let p = off[i]!, e = off[i + 1]!; p < e; p++) out.push(this.link(asn, c.asns[adj[p]!]!)!);
    }
    return out.sort((x, y) => x.to - y.to);
  }
}
