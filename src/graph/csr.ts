import type { Family } from '../infer/types.js';
import { keepEdges, type BuildStats, type RelationshipGraph } from './build.js';
import type { RelationshipEdge } from './types.js';

/**
 * Compressed adjacency of one family's graph in typed arrays, for the search kernel:
 * node i (ASNs sorted ascending) has providers prov[provOff[i] .. provOff[i+1]), and the
 * same for customers, peers and siblings. Lists are sorted, so searches are deterministic.
 */
export interface Csr {
  n: number;
  /** index → ASN */
  asns: Uint32Array;
  /** ASN → index */
  index: Map<number, number>;
  provOff: Int32Array;
  prov: Int32Array;
  custOff: Int32Array;
  cust: Int32Array;
  peerOff: Int32Array;
  peer: Int32Array;
  sibOff: Int32Array;
  sib: Int32Array;
}

/** A relationship graph's CSR (the graph built already; `csrFromEdges` skips building it). */
export function compileCsr(graph: RelationshipGraph): Csr {
  const links: Link[] = [];
  graph.forEachEdge((_e, attr, _s, _t, sa, ta) => links.push({ a: sa.asn, b: ta.asn, relation: attr.relation }));
  const asns: number[] = [];
  graph.forEachNode((_k, attr) => asns.push(attr.asn));
  return csrOf(asns, links);
}

type Link = Pick<RelationshipEdge, 'a' | 'b' | 'relation'>;

/**
 * One family's edges → CSR, with buildGraph's rules and stats (`keepEdges`), without building
 * the graphology graph: whole-registry analyses need only the arrays. `kept` are the edges
 * the graph would hold, for reading links and for building it when a caller asks.
 */
export function csrFromEdges(edges: Iterable<RelationshipEdge>, family: Family, nodes: readonly number[] = []): { csr: Csr; stats: BuildStats; kept: RelationshipEdge[] } {
  const { kept, asns, stats } = keepEdges(edges, family);
  // ASes known to have links the edges leave out (a question's asked ASes with only customers).
  if (nodes.length) {
    const have = new Set(asns);
    for (const x of nodes) if (!have.has(x)) { asns.push(x); have.add(x); }
  }
  return { csr: csrOf(asns, kept), stats, kept };
}

/** The arrays, from the ASes and their (distinct) links. */
function csrOf(asnList: number[], links: readonly Link[]): Csr {
  asnList.sort((x, y) => x - y);
  const n = asnList.length;
  const asns = Uint32Array.from(asnList);
  const index = new Map<number, number>();
  for (let i = 0; i < n; i++) index.set(asns[i], i);

  const counts = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  const [pc, cc, rc, sc] = counts;
  const m = links.length;
  const src = new Int32Array(m);
  const dst = new Int32Array(m);
  const kind = new Uint8Array(m); // 0 p2c (src provider of dst), 1 p2p, 2 s2s
  for (let e = 0; e < m; e++) {
    const l = links[e]!;
    const i = index.get(l.a)!;
    const j = index.get(l.b)!;
    src[e] = i;
    dst[e] = j;
    if (l.relation === 'p2c') {
      kind[e] = 0;
      cc[i + 1]++;
      pc[j + 1]++;
    } else if (l.relation === 'p2p') {
      kind[e] = 1;
      rc[i + 1]++;
      rc[j + 1]++;
    } else {
      kind[e] = 2;
      sc[i + 1]++;
      sc[j + 1]++;
    }
  }
  for (const c of counts) for (let i = 0; i < n; i++) c[i + 1] += c[i];
  const prov = new Int32Array(pc[n]);
  const cust = new Int32Array(cc[n]);
  const peer = new Int32Array(rc[n]);
  const sib = new Int32Array(sc[n]);
  const fill = counts.map((c) => c.slice(0, n));
  const [pf, cf, rf, sf] = fill;
  for (let e = 0; e < m; e++) {
    const i = src[e];
    const j = dst[e];
    if (kind[e] === 0) {
      cust[cf[i]++] = j;
      prov[pf[j]++] = i;
    } else if (kind[e] === 1) {
      peer[rf[i]++] = j;
      peer[rf[j]++] = i;
    } else {
      sib[sf[i]++] = j;
      sib[sf[j]++] = i;
    }
  }
  const sortRanges = (off: Int32Array, arr: Int32Array) => {
    for (let i = 0; i < n; i++) if (off[i + 1] - off[i] > 1) arr.subarray(off[i], off[i + 1]).sort();
  };
  sortRanges(pc, prov);
  sortRanges(cc, cust);
  sortRanges(rc, peer);
  sortRanges(sc, sib);
  return { n, asns, index, provOff: pc, prov, custOff: cc, cust, peerOff: rc, peer, sibOff: sc, sib };
}
