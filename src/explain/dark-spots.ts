import type { Family } from '../infer/types.js';
import type { Topology } from '../graph/topology.js';
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

const rank = (s: DarkSpot, t: DarkSpot) => t.coneA * t.coneB - s.coneA * s.coneB || s.a - t.a || s.b - t.b;

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
    const there = topos[OTHER[f]];
    const tops = transitFree(here);
    counts[f] = tops.length;
    const sh = new ValleyFreeSearcher(here.csr);
    const st = new ValleyFreeSearcher(there.csr);
    const coneSize = new Map<number, number>();
    const size = (asn: number) => {
      let s = coneSize.get(asn);
      if (s === undefined) coneSize.set(asn, (s = customerConeSize(here.csr, asn)));
      return s;
    };
    // Node indices once: the inner loop runs tops² / 2 times.
    const inHere = Int32Array.from(tops, (a) => here.csr.index.get(a)!);
    const inThere = Int32Array.from(tops, (a) => there.csr.index.get(a) ?? -1);
    for (let x = 0; x < tops.length; x++) {
      const a = tops[x];
      const ia = inThere[x]!;
      if (ia < 0) continue;
      sh.run(inHere[x]!);
      st.run(ia);
      for (let y = x + 1; y < tops.length; y++) {
        const ib = inThere[y]!;
        if (ib < 0 || sh.distanceTo(inHere[y]!) >= 0 || st.distanceTo(ib) < 0) continue;
        const b = tops[y];
        total[f]++;
        const spot: DarkSpot = { family: f, otherFamily: OTHER[f], a, b, coneA: size(a), coneB: size(b), otherPath: [] };
        if (threshold && rank(spot, threshold) >= 0) continue;
        spot.otherPath = st.pathTo(ib)!.map((k) => there.csr.asns[k]);
        spots.push(spot);
        if (spots.length >= 2 * keep) {
          spots = spots.sort(rank).slice(0, keep);
          threshold = spots[spots.length - 1];
        }
      }
    }
  }
  spots.sort(rank);
  if (spots.length > keep) spots = spots.slice(0, keep);
  return { spots, total, transitFree: counts };
}
