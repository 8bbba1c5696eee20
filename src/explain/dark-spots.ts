import type { Family } from '../infer/types.js';
import type { Topology } from '../graph/topology.js';
import type { Csr } from '../graph/csr.js';
import { customerConeSize, uphillNodes, ValleyFreeSearcher } from '../graph/valley-free.js';
import { OTHER_FAMILY as OTHER } from '../infer/families.js';

export interface DarkSpot {
  /** The family with no path. */
  family: Family;
  otherFamily: Family;
  a: number;
  b: number;
  /** Customer-cone sizes (the AS itself included) in `family`: the ASes the split cuts off. */
  coneA: number;
  coneB: number;
  /** The path that exists in the other family. */
  otherPath: number[];
}


/**
 * Transit-free ASes of a family: those with no provider in it. With IRR data this includes
 * ASes whose providers are simply not documented (data gaps); they have small cones, so
 * the ranking puts them last.
 */
export function transitFree(topo: Topology): number[] {
  const { csr } = topo;
  const out: number[] = [];
  for (let i = 0; i < csr.n; i++) {
    if (csr.provOff[i + 1] === csr.provOff[i]) out.push(csr.asns[i]);
  }
  return out;
}

export interface DarkSpotResult {
  /** The largest dark spots (all of them without `keep`), ranked. */
  spots: DarkSpot[];
  /** How many dark spots there are per family. */
  total: Record<Family, number>;
  transitFree: Record<Family, number>;
}

/**
 * Valley-free reachability among a chosen set of ASes, pair by pair, without a graph search
 * per AS. A valley-free path climbs from x (providers, siblings), crosses at most one peer
 * link and descends to y; read backwards, the descent is a climb from y. So x reaches y iff
 * the uphill sets of x and y meet, or a peer link joins them. Uphill sets are small (an AS's
 * providers and theirs), so after `from(x)` marks x's set and its peers, `reaches(y)` reads
 * y's set only: dark-spot search asks this for millions of pairs of transit-free ASes.
 */
class PairReach {
  private readonly upOff: Int32Array;
  private readonly up: Int32Array;
  private readonly mark: Int32Array;
  private stamp = 0;

  /** `nodes[i]` is the node of slot i (the slot numbers `from` and `reaches` take); -1 for none. */
  constructor(private readonly csr: Csr, nodes: ArrayLike<number>) {
    this.mark = new Int32Array(csr.n);
    const sets = Array.from(nodes, (x) => (x < 0 ? new Int32Array(0) : uphillNodes(csr, x)));
    this.upOff = new Int32Array(sets.length + 1);
    sets.forEach((u, i) => (this.upOff[i + 1] = this.upOff[i]! + u.length));
    this.up = new Int32Array(this.upOff[sets.length]!);
    sets.forEach((u, i) => this.up.set(u, this.upOff[i]!));
  }

  /** Marks what slot x's paths can reach before they descend: its uphill set and the peers of it. */
  from(x: number): void {
    const { peerOff, peer } = this.csr;
    const mark = this.mark;
    const stamp = ++this.stamp;
    for (let k = this.upOff[x]!, e = this.upOff[x + 1]!; k < e; k++) {
      const u = this.up[k]!;
      mark[u] = stamp;
      for (let j = peerOff[u]!, f = peerOff[u + 1]!; j < f; j++) mark[peer[j]!] = stamp;
    }
  }

  /** Whether the slot of the last `from` reaches slot y valley-free. */
  reaches(y: number): boolean {
    const mark = this.mark;
    const stamp = this.stamp;
    for (let k = this.upOff[y]!, e = this.upOff[y + 1]!; k < e; k++) if (mark[this.up[k]!] === stamp) return true;
    return false;
  }
}

const rank = (s: DarkSpot, t: DarkSpot) => t.coneA * t.coneB - s.coneA * s.coneB || s.a - t.a || s.b - t.b;

/**
 * Visits every pair of transit-free ASes of family `f` (a before b, in ASN order) that cannot
 * reach each other valley-free in `f` but can in the other family; `otherPath()` gives a
 * shortest such path, searched only when asked. Returns the number of transit-free ASes checked.
 */
export function forEachDarkPair(topos: Record<Family, Topology>, f: Family, visit: (a: number, b: number, otherPath: () => number[], x: number, y: number) => void): number {
  const here = topos[f];
  const there = topos[OTHER[f]];
  const tops = transitFree(here);
  // Node indices once: the inner loop runs tops² / 2 times.
  const inHere = Int32Array.from(tops, (a) => here.csr.index.get(a)!);
  const inThere = Int32Array.from(tops, (a) => there.csr.index.get(a) ?? -1);
  const rh = new PairReach(here.csr, inHere);
  const rt = new PairReach(there.csr, inThere);
  const st = new ValleyFreeSearcher(there.csr);
  let searchedFrom = -1;
  let source = -1;
  let target = -1;
  const otherPath = () => {
    if (searchedFrom !== source) st.run((searchedFrom = source));
    return st.pathTo(target)!.map((k) => there.csr.asns[k]!);
  };
  for (let x = 0; x < tops.length; x++) {
    const ia = inThere[x]!;
    if (ia < 0) continue;
    rh.from(x);
    rt.from(x);
    for (let y = x + 1; y < tops.length; y++) {
      const ib = inThere[y]!;
      if (ib < 0 || rh.reaches(y) || !rt.reaches(y)) continue;
      source = ia;
      target = ib;
      visit(tops[x]!, tops[y]!, otherPath, x, y);
    }
  }
  return tops.length;
}

/**
 * Pairs of transit-free ASes (in the family where they are split) that cannot reach each
 * other valley-free in that family but can in the other, ranked by the number of AS pairs
 * the split cuts off (product of the customer cones). Valley-free reachability is
 * symmetric (a path reversed is valley-free), so unordered pairs suffice. With `keep`,
 * only the largest `keep` are kept (and their paths built); the rest are counted: a
 * registry with thousands of transit-free ASes has millions of such pairs.
 */
export function findDarkSpots(topos: Record<Family, Topology>, families: Family[], opts: { keep?: number } = {}): DarkSpotResult {
  const keep = opts.keep ?? Infinity;
  let spots: DarkSpot[] = [];
  let threshold: DarkSpot | undefined;
  const total = { ipv4: 0, ipv6: 0 } as Record<Family, number>;
  const counts = { ipv4: 0, ipv6: 0 } as Record<Family, number>;
  for (const f of families) {
    const here = topos[f];
    // Cone sizes by transit-free slot: millions of pairs, a few thousand ASes.
    const cones: number[] = [];
    const size = (asn: number, slot: number) => (cones[slot] ??= customerConeSize(here.csr, asn));
    counts[f] = forEachDarkPair(topos, f, (a, b, otherPath, x, y) => {
      total[f]++;
      const coneA = size(a, x), coneB = size(b, y);
      // Most pairs rank below the kept ones: decided on the product, before building anything.
      if (threshold && coneA * coneB < threshold.coneA * threshold.coneB) return;
      const spot: DarkSpot = { family: f, otherFamily: OTHER[f], a, b, coneA, coneB, otherPath: [] };
      if (threshold && rank(spot, threshold) >= 0) return;
      spot.otherPath = otherPath();
      spots.push(spot);
      if (spots.length >= 2 * keep) {
        spots = spots.sort(rank).slice(0, keep);
        threshold = spots[spots.length - 1];
      }
    });
  }
  spots.sort(rank);
  if (spots.length > keep) spots = spots.slice(0, keep);
  return { spots, total, transitFree: counts };
}
