import type { Family } from '../infer/types.js';
import type { Topology } from '../graph/topology.js';
import { customerCone, ValleyFreeSearcher } from '../graph/valley-free.js';
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

/**
 * Pairs of transit-free ASes (in the family where they are split) that cannot reach each
 * other valley-free in that family but can in the other, ranked by the number of AS pairs
 * the split cuts off (product of the customer cones). Valley-free reachability is
 * symmetric (a path reversed is valley-free), so unordered pairs suffice.
 */
export function findDarkSpots(topos: Record<Family, Topology>, families: Family[]): { spots: DarkSpot[]; transitFree: Record<Family, number> } {
  const spots: DarkSpot[] = [];
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
      if (s === undefined) coneSize.set(asn, (s = customerCone(here.csr, asn).length));
      return s;
    };
    for (let x = 0; x < tops.length; x++) {
      const a = tops[x];
      sh.run(here.csr.index.get(a)!);
      const ia = there.csr.index.get(a);
      if (ia === undefined) continue;
      st.run(ia);
      for (let y = x + 1; y < tops.length; y++) {
        const b = tops[y];
        if (sh.distanceTo(here.csr.index.get(b)!) >= 0) continue;
        const ib = there.csr.index.get(b);
        if (ib === undefined) continue;
        const p = st.pathTo(ib);
        if (!p) continue;
        spots.push({ family: f, otherFamily: OTHER[f], a, b, coneA: size(a), coneB: size(b), otherPath: p.map((k) => there.csr.asns[k]) });
      }
    }
  }
  spots.sort((s, t) => t.coneA * t.coneB - s.coneA * s.coneB || s.a - t.a || s.b - t.b);
  return { spots, transitFree: counts };
}
