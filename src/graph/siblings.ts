import type { Csr } from './csr.js';

/**
 * Sibling groups of one family's graph: the connected components of its sibling links, each
 * as one node. Valley-free search may cross sibling links anywhere without changing phase, so
 * every AS of a group has the same uphill set, customer cone and reachability: analyses that
 * ask these for many ASes ask once per group. A hub with N siblings is N links; asking per
 * member, with each answer holding the whole group, is N² (issue 20).
 */
export interface SiblingGroups {
  /** Number of groups (an AS without siblings is a group of one). */
  count: number;
  /** Node index → group; groups are numbered in the order of their lowest node (lowest ASN). */
  of: Int32Array;
  /** Group → number of ASes in it. */
  size: Int32Array;
  /**
   * The graph with each group as one node: the provider, customer and peer links of its ASes
   * to other groups, each pair once, and no sibling links. `asns[g]` is the group's lowest
   * ASN. The graph itself when it has no sibling links.
   */
  graph: Csr;
}

const cache = new WeakMap<Csr, SiblingGroups>();

/** The sibling groups of a graph, computed once per graph in O(V + E). */
export function siblingGroups(csr: Csr): SiblingGroups {
  let g = cache.get(csr);
  if (!g) cache.set(csr, (g = compute(csr)));
  return g;
}

function compute(csr: Csr): SiblingGroups {
  const { n } = csr;
  if (csr.sib.length === 0) {
    const of = new Int32Array(n);
    for (let i = 0; i < n; i++) of[i] = i;
    return { count: n, of, size: new Int32Array(n).fill(1), graph: csr };
  }
  // Union–find over the sibling links, then groups numbered by their lowest node.
  const root = new Int32Array(n);
  for (let i = 0; i < n; i++) root[i] = i;
  const find = (x: number): number => {
    while (root[x] !== x) {
      root[x] = root[root[x]!]!;
      x = root[x]!;
    }
    return x;
  };
  for (let i = 0; i < n; i++) {
    for (let k = csr.sibOff[i]!, e = csr.sibOff[i + 1]!; k < e; k++) {
      const a = find(i), b = find(csr.sib[k]!);
      if (a !== b) root[a < b ? b : a] = a < b ? a : b;
    }
  }
  const of = new Int32Array(n).fill(-1);
  let count = 0;
  const label = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const r = find(i);
    if (label[r]! < 0) label[r] = count++;
    of[i] = label[r]!;
  }
  const size = new Int32Array(count);
  const asns = new Uint32Array(count);
  for (let i = n - 1; i >= 0; i--) {
    size[of[i]!]++;
    asns[of[i]!] = csr.asns[i]!;
  }
  const [provOff, prov] = condense(csr.provOff, csr.prov, of, count);
  const [custOff, cust] = condense(csr.custOff, csr.cust, of, count);
  const [peerOff, peer] = condense(csr.peerOff, csr.peer, of, count);
  const index = new Map<number, number>();
  for (let x = 0; x < count; x++) index.set(asns[x]!, x);
  const graph: Csr = { n: count, asns, index, provOff, prov, custOff, cust, peerOff, peer, sibOff: new Int32Array(count + 1), sib: new Int32Array(0) };
  return { count, of, size, graph };
}

/** One adjacency kind between groups: sorted, each pair once, links inside a group left out. */
function condense(off: Int32Array, adj: Int32Array, of: Int32Array, count: number): [Int32Array, Int32Array] {
  const n = of.length;
  const cnt = new Int32Array(count + 1);
  for (let i = 0; i < n; i++) {
    const g = of[i]!;
    for (let k = off[i]!, e = off[i + 1]!; k < e; k++) if (of[adj[k]!] !== g) cnt[g + 1]++;
  }
  for (let g = 0; g < count; g++) cnt[g + 1] += cnt[g]!;
  const all = new Int32Array(cnt[count]!);
  const fill = cnt.slice(0, count);
  for (let i = 0; i < n; i++) {
    const g = of[i]!;
    for (let k = off[i]!, e = off[i + 1]!; k < e; k++) {
      const h = of[adj[k]!]!;
      if (h !== g) all[fill[g]++] = h;
    }
  }
  // Sort each group's list and drop repeats, compacting in place.
  const outOff = new Int32Array(count + 1);
  let w = 0;
  for (let g = 0; g < count; g++) {
    const s = cnt[g]!, e = cnt[g + 1]!;
    if (e - s > 1) all.subarray(s, e).sort();
    for (let k = s; k < e; k++) if (k === s || all[k] !== all[k - 1]) all[w++] = all[k]!;
    outOff[g + 1] = w;
  }
  return [outOff, all.slice(0, w)];
}
