import type { Family } from '../infer/types.js';
import type { Topology } from '../graph/topology.js';
import { customerConeSize, reachableFrom } from '../graph/valley-free.js';

export interface FamilyReach {
  /** The AS has at least one link in this family. */
  present: boolean;
  /** ASes it reaches valley-free (itself included), of `total` in the family's graph. */
  reached: number;
  total: number;
}

/** An AS the source reaches in one family only, with the path it has in the other. */
export interface OneFamilyOnly {
  asn: number;
  /** The family with the path. */
  family: Family;
  path: number[];
  /** Size of the AS's customer cone in that family: how much the missing path cuts off. */
  cone: number;
}

export interface ReachSummary {
  asn: number;
  families: Record<Family, FamilyReach>;
  /** ASes present in both graphs that the source reaches in exactly one family, biggest cones first. */
  oneFamilyOnly: OneFamilyOnly[];
  /**
   * Per family: ASes the source reaches in it that have no link at all in the other family
   * (no data there, rather than no path; not in `oneFamilyOnly`).
   */
  noLinkInOther: Record<Family, number>;
}

/**
 * Single-source valley-free reachability in both families, and the ASes whose reachability
 * differs between them: one AS's view of the dark spots.
 */
export function reachSummary(asn: number, topos: Record<Family, Topology>): ReachSummary {
  const fams: Family[] = ['ipv4', 'ipv6'];
  const r = { ipv4: reachableFrom(topos.ipv4.csr, asn), ipv6: reachableFrom(topos.ipv6.csr, asn) };
  const families = Object.fromEntries(fams.map((f) => [f, {
    present: topos[f].has(asn),
    reached: r[f].reached,
    total: topos[f].csr.n,
  }])) as Record<Family, FamilyReach>;
  const oneFamilyOnly: OneFamilyOnly[] = [];
  for (const target of topos.ipv4.csr.asns) {
    if (target === asn || !topos.ipv6.has(target)) continue;
    const in4 = r.ipv4.distance(target) >= 0;
    const in6 = r.ipv6.distance(target) >= 0;
    if (in4 === in6) continue;
    const family: Family = in4 ? 'ipv4' : 'ipv6';
    oneFamilyOnly.push({ asn: target, family, path: r[family].path(target) ?? [], cone: customerConeSize(topos[family].csr, target) });
  }
  oneFamilyOnly.sort((x, y) => y.cone - x.cone || x.asn - y.asn);
  const noLinkInOther = { ipv4: 0, ipv6: 0 } as Record<Family, number>;
  for (const f of fams) {
    const other = topos[f === 'ipv4' ? 'ipv6' : 'ipv4'];
    for (const target of topos[f].csr.asns) {
      if (target !== asn && !other.has(target) && r[f].distance(target) >= 0) noLinkInOther[f]++;
    }
  }
  return { asn, families, oneFamilyOnly, noLinkInOther };
}
