import type { Family, LinkInference, Relation } from '../infer/types.js';
import { buildGraph, type BuildStats, type RelationshipGraph } from './build.js';
import { csrFromEdges, type Csr } from './csr.js';
import type { RelationshipEdge } from './types.js';

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
    /** The edges the graph holds, until it is built. */
    private kept: RelationshipEdge[],
    readonly csr: Csr,
    readonly stats: BuildStats,
    private readonly detail?: (a: number, b: number) => LinkInference | undefined,
  ) {}

  /**
   * `detail` gives a link's full inference (with its registry lines) on demand: graphs of a
   * whole registry keep only the relation on each edge and read evidence for the few links
   * an answer prints.
   */
  static fromEdges(edges: Iterable<RelationshipEdge>, family: Family, detail?: (a: number, b: number) => LinkInference | undefined): Topology {
    const { csr, stats, kept } = csrFromEdges(edges, family);
    return new Topology(family, kept, csr, stats, detail);
  }

  /**
   * The graphology graph, built on first use: searches and whole-registry counts run on the
   * arrays alone, so a dark-spot or reach run over a registry never builds it.
   */
  get graph(): RelationshipGraph {
    if (!this.built) {
      this.built = buildGraph(this.kept, this.family).graph;
      this.kept = [];
    }
    return this.built;
  }

  /** The link's inference with its evidence, read from `from`'s side. */
  inferenceOf(from: number, to: number): LinkInference | undefined {
    const l = this.link(from, to);
    return l && (this.detail?.(from, to) ?? l.inference);
  }

  has(asn: number): boolean {
    return this.csr.index.has(asn);
  }

  get size(): { ases: number; links: number } {
    return { ases: this.csr.n, links: this.stats.links };
  }

  /** The link between two ASes, read from `from`'s side, or undefined when they are not neighbours. */
  link(from: number, to: number): LinkView | undefined {
    const f = String(from);
    const t = String(to);
    if (!this.graph.hasNode(f) || !this.graph.hasNode(t)) return undefined;
    let key = this.graph.directedEdge(f, t);
    if (key !== undefined) return { from, to, relation: 'p2c', inference: this.graph.getEdgeAttribute(key, 'inference') };
    key = this.graph.directedEdge(t, f);
    if (key !== undefined) return { from, to, relation: 'c2p', inference: this.graph.getEdgeAttribute(key, 'inference') };
    key = this.graph.undirectedEdge(f, t);
    if (key !== undefined) {
      const a = this.graph.getEdgeAttributes(key);
      return { from, to, relation: a.relation === 's2s' ? 's2s' : 'p2p', inference: a.inference };
    }
    return undefined;
  }

  /** Every link incident to `asn`, read from its side. */
  links(asn: number): LinkView[] {
    const k = String(asn);
    if (!this.graph.hasNode(k)) return [];
    const out: LinkView[] = [];
    this.graph.forEachEdge(k, (_e, attr, s, t, sa, ta) => {
      const other = s === k ? ta.asn : sa.asn;
      const rel: Relation = attr.relation === 'p2c' ? (s === k ? 'p2c' : 'c2p') : attr.relation;
      out.push({ from: asn, to: other, relation: rel, inference: attr.inference });
    });
    return out.sort((x, y) => x.to - y.to);
  }
}
