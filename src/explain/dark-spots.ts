import type { Family } from '../infer/types.js';
import type { Topology } from '../graph/topology.js';
import type { Csr } from '../graph/csr.js';
import { customerConeSize, ValleyFreeSearcher } from '../graph/valley-free.js';
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
 * Sibling groups of a graph and, for the groups with no provider anywhere in them ("pure"),
 * the groups they peer with. Between two pure groups valley-free reachability needs no search:
 * a path from a pure group can climb nowhere but to its siblings, and can enter another pure
 * group only across a peer link (entering downhill needs a provider there). So x reaches y iff
 * they are siblings or their groups are joined by a peer link. Dark-spot search compares every
 * pair of transit-free ASes; this spares one graph search per AS in the family it is checked in.
 */
function topGroups(csr: Csr): { group: Int32Array; pure: Uint8Array; peered: (g: number, h: number) => boolean } {
  const parent = Int32Array.from({ length: csr.n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (let u = 0; u < csr.n; u++) {
    for (let k = csr.sibOff[u]!, e = csr.sibOff[u + 1]!; k < e; k++) {
      const a = find(u), b = find(csr.sib[k]!);
      if (a !== b) parent[a] = b;
    }
  }
  const group = new Int32Array(csr.n);
  const pure = new Uint8Array(csr.n).fill(1);
  for (let u = 0; u < csr.n; u++) {
    group[u] = find(u);
    if (csr.provOff[u + 1]! > csr.provOff[u]!) pure[group[u]!] = 0;
  }
  const peers = new Map<number, Set<number>>();
  for (let u = 0; u < csr.n; u++) {
    const g = group[u]!;
    if (!pure[g]) continue;
    for (let k = csr.peerOff[u]!, e = csr.peerOff[u + 1]!; k < e; k++) {
      let set = peers.get(g);
      if (!set) peers.set(g, (set = new Set()));
      set.add(group[csr.peer[k]!]!);
    }
  }
  return { group, pure, peered: (g, h) => peers.get(g)?.has(h) ?? false };
}

const rank = (s: DarkSpot, t: DarkSpot) => t.coneA * t.coneB - s.coneA * s.coneB || s.a - t.a || s.b - t.b;

/**
 * Visits every pair of transit-free ASes of family `f` (a before b, in ASN order) that cannot
 * reach each other valley-free in `f` but can in the other family; `otherPath()` gives that
 * path, built only when asked. Returns the number of transit-free ASes checked.
 */
export function forEachDarkPair(topos: Record<Family, Topology>, f: Family, visit: (a: number, b: number, otherPath: () => number[]) => void): number {
  const here = topos[f];
  const there = topos[OTHER[f]];
  const tops = transitFree(here);
  const sh = new ValleyFreeSearcher(here.csr);
  const st = new ValleyFreeSearcher(there.csr);
  // Node indices once: the inner loop runs tops² / 2 times.
  const inHere = Int32Array.from(tops, (a) => here.csr.index.get(a)!);
  const inThere = Int32Array.from(tops, (a) => there.csr.index.get(a) ?? -1);
  const groups = topGroups(here.csr);
  let target = -1;
  const otherPath = () => st.pathTo(target)!.map((k) => there.csr.asns[k]!);
  for (let x = 0; x < tops.length; x++) {
    const ia = inThere[x]!;
    if (ia < 0) continue;
    const gx = groups.group[inHere[x]!]!;
    let searched = false;
    st.run(ia);
    for (let y = x + 1; y < tops.length; y++) {
      const ib = inThere[y]!;
      if (ib < 0 || st.distanceTo(ib) < 0) continue;
      const gy = groups.group[inHere[y]!]!;
      let reachable: boolean;
      if (groups.pure[gx] && groups.pure[gy]) reachable = gx === gy || groups.peered(gx, gy);
      else {
        if (!searched) {
          sh.run(inHere[x]!);
          searched = true;
        }
        reachable = sh.distanceTo(inHere[y]!) >= 0;
      }
      if (reachable) continue;
      target = ib;
      visit(tops[x]!, tops[y]!, otherPath);
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
    const coneSize = new Map<number, number>();
    const size = (asn: number) => {
      let s = coneSize.get(asn);
      if (s === undefined) coneSize.set(asn, (s = customerConeSize(here.csr, asn)));
      return s;
    };
    counts[f] = forEachDarkPair(topos, f, (a, b, otherPath) => {
      total[f]++;
      const spot: DarkSpot = { family: f, otherFamily: OTHER[f], a, b, coneA: size(a), coneB: size(b), otherPath: [] };
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
