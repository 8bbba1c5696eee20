import type { RelationshipGraph } from './build.js';

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

export function compileCsr(graph: RelationshipGraph): Csr {
  const asnList: number[] = [];
  graph.forEachNode((_k, attr) => asnList.push(attr.asn));
  asnList.sort((x, y) => x - y);
  const n = asnList.length;
  const asns = Uint32Array.from(asnList);
  const index = new Map<number, number>();
  for (let i = 0; i < n; i++) index.set(asns[i], i);

  const counts = [new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1), new Int32Array(n + 1)];
  const [pc, cc, rc, sc] = counts;
  const src: number[] = [];
  const dst: number[] = [];
  const kind: number[] = []; // 0 p2c (src provider of dst), 1 p2p, 2 s2s
  graph.forEachEdge((_e, attr, s, t, sa, ta) => {
    const i = index.get(sa.asn)!;
    const j = index.get(ta.asn)!;
    src.push(i);
    dst.push(j);
    if (attr.relation === 'p2c') {
      kind.push(0);
      cc[i + 1]++;
      pc[j + 1]++;
    } else if (attr.relation === 'p2p') {
      kind.push(1);
      rc[i + 1]++;
      rc[j + 1]++;
    } else {
      kind.push(2);
      sc[i + 1]++;
      sc[j + 1]++;
    }
  });
  for (const c of counts) for (let i = 0; i < n; i++) c[i + 1] += c[i];
  const prov = new Int32Array(pc[n]);
  const cust = new Int32Array(cc[n]);
  const peer = new Int32Array(rc[n]);
  const sib = new Int32Array(sc[n]);
  const fill = counts.map((c) => c.slice(0, n));
  const [pf, cf, rf, sf] = fill;
  for (let e = 0; e < src.length; e++) {
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
