import type { Family } from '../infer/types.js';
import type { Topology } from '../graph/topology.js';
import type { Csr } from '../graph/csr.js';
import { customerConeSize, uphillNodes, ValleyFreeSearcher } from '../graph/valley-free.js';
import { siblingGroups } from '../graph/siblings.js';
import { OTHER_FAMILY as OTHER } from '../infer/families.js';
import type { AmbiguousFinding } from '../graph/ambiguous-links.js';

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
  /**
   * Whether another reading of one ambiguous IRR link in `family` joins the two or gives one of
   * them a provider (see `ambiguousLinks`; readings of several links together are not tried).
   * Set for the listed spots.
   */
  dependsOnAmbiguous: boolean;
  /** Such links (at most 3), those that join the two first. */
  ambiguousLinks: AmbiguousFinding[];
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
 * Valley-free reachability among a chosen set of nodes, pair by pair, without a graph search
 * per node. A valley-free path climbs from x (providers, siblings), crosses at most one peer
 * link and descends to y; read backwards, the descent is a climb from y. So x reaches y iff
 * the uphill sets of x and y meet, or a peer link joins them. Uphill sets are small (a node's
 * providers and theirs), so after `from(x)` marks x's set and its peers, `reaches(y)` reads
 * y's set only. Run on the graph of sibling groups (src/graph/siblings.ts), where a group of
 * thousands of siblings is one node and its uphill set is a few groups.
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
 * The transit-free ASes of family `f` (ASN order; a slot is a position in it) in classes: the
 * ASes of one sibling group in `f` and one in the other family are alike in every pair test
 * (the same uphill sets, the same peers, the same customer cone), so each pair of classes is
 * tested once and the ASes of a class never form a dark spot with each other (they reach each
 * other through their siblings). ASes without a link in the other family are in no class.
 */
class DarkClasses {
  readonly here: Topology;
  readonly there: Topology;
  readonly tops: number[];
  /** Slot → class, -1 when the AS has no link in the other family. */
  readonly classOf: Int32Array;
  /** Class → its slots, ascending: slots memberOff[c] .. memberOff[c+1] of `members`. Classes are numbered by their first slot. */
  readonly memberOff: Int32Array;
  readonly members: Int32Array;
  /** Class → its sibling group in `f`. */
  readonly groupHere: Int32Array;
  /** Pair tests made so far. */
  tests = 0;
  private readonly rh: PairReach;
  private readonly rt: PairReach;
  /** Class → earlier classes of more than one AS found dark with it (their rows were computed first). */
  private readonly earlier = new Map<number, number[]>();

  constructor(topos: Record<Family, Topology>, f: Family) {
    this.here = topos[f];
    this.there = topos[OTHER[f]];
    this.tops = transitFree(this.here);
    const gh = siblingGroups(this.here.csr);
    const gt = siblingGroups(this.there.csr);
    const T = this.tops.length;
    this.classOf = new Int32Array(T).fill(-1);
    const ids = new Map<number, number>();
    const firstGroups: [number, number][] = [];
    const sizes: number[] = [];
    for (let s = 0; s < T; s++) {
      const j = this.there.csr.index.get(this.tops[s]!);
      if (j === undefined) continue;
      const g = gh.of[this.here.csr.index.get(this.tops[s]!)!]!;
      const h = gt.of[j]!;
      const key = g * gt.count + h;
      let c = ids.get(key);
      if (c === undefined) {
        ids.set(key, (c = ids.size));
        firstGroups.push([g, h]);
        sizes.push(0);
      }
      this.classOf[s] = c;
      sizes[c]++;
    }
    const C = ids.size;
    this.memberOff = new Int32Array(C + 1);
    for (let c = 0; c < C; c++) this.memberOff[c + 1] = this.memberOff[c]! + sizes[c]!;
    this.members = new Int32Array(this.memberOff[C]!);
    const fill = this.memberOff.slice(0, C);
    for (let s = 0; s < T; s++) if (this.classOf[s]! >= 0) this.members[fill[this.classOf[s]!]!++] = s;
    this.groupHere = Int32Array.from(firstGroups, ([g]) => g);
    this.rh = new PairReach(gh.graph, this.groupHere);
    this.rt = new PairReach(gt.graph, Int32Array.from(firstGroups, ([, h]) => h));
  }

  get count(): number {
    return this.memberOff.length - 1;
  }

  size(c: number): number {
    return this.memberOff[c + 1]! - this.memberOff[c]!;
  }

  /**
   * The classes dark with class c: no path in `f`, a path in the other family. Later classes
   * are tested here (each pair once); earlier ones come from their own rows, kept only for
   * classes of more than one AS (an earlier class of one AS has its pairs with c made already).
   */
  row(c: number): number[] {
    const out = this.earlier.get(c) ?? [];
    this.earlier.delete(c);
    const { rh, rt } = this;
    rh.from(c);
    rt.from(c);
    const many = this.size(c) > 1;
    for (let y = c + 1, C = this.count; y < C; y++) {
      this.tests++;
      if (rh.reaches(y) || !rt.reaches(y)) continue;
      out.push(y);
      if (many) {
        let e = this.earlier.get(y);
        if (!e) this.earlier.set(y, (e = []));
        e.push(c);
      }
    }
    return out;
  }

  /** The slots of class y after slot s: members[from .. to). */
  after(y: number, s: number): [number, number] {
    let lo = this.memberOff[y]!, hi = this.memberOff[y + 1]!;
    const end = hi;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.members[mid]! > s) hi = mid;
      else lo = mid + 1;
    }
    return [lo, end];
  }

  /**
   * Visits, slot by slot in ASN order, the classes dark with the slot's class (`partners`).
   * A class's row is computed at its first slot and kept until its last.
   */
  forEachSlot(visit: (s: number, partners: readonly number[]) => void): void {
    const rows = new Map<number, number[]>();
    for (let s = 0; s < this.tops.length; s++) {
      const c = this.classOf[s]!;
      if (c < 0) continue;
      let r = rows.get(c);
      if (!r) {
        r = this.row(c);
        if (this.size(c) > 1) rows.set(c, r);
      }
      visit(s, r);
      if (this.members[this.memberOff[c + 1]! - 1] === s) rows.delete(c);
    }
  }

  /** A shortest path in the other family between two slots' ASes, searched from the first (one search per source). */
  otherPaths(): (s: number, t: number) => number[] {
    const there = this.there.csr;
    const st = new ValleyFreeSearcher(there);
    let from = -1;
    return (s, t) => {
      const a = there.index.get(this.tops[s]!)!;
      if (from !== a) st.run((from = a));
      return st.pathTo(there.index.get(this.tops[t]!)!)!.map((k) => there.asns[k]!);
    };
  }
}

/**
 * Visits every pair of transit-free ASes of family `f` (a before b, in ASN order) that cannot
 * reach each other valley-free in `f` but can in the other family; `otherPath()` gives a
 * shortest such path, searched only when asked. Returns the number of transit-free ASes checked.
 */
export function forEachDarkPair(topos: Record<Family, Topology>, f: Family, visit: (a: number, b: number, otherPath: () => number[]) => void): number {
  const dc = new DarkClasses(topos, f);
  const path = dc.otherPaths();
  const { tops, members } = dc;
  dc.forEachSlot((s, partners) => {
    const later: number[] = [];
    for (const y of partners) {
      const [from, to] = dc.after(y, s);
      for (let k = from; k < to; k++) later.push(members[k]!);
    }
    later.sort((x, y) => x - y);
    for (const t of later) visit(tops[s]!, tops[t]!, () => path(s, t));
  });
  return tops.length;
}

export interface DarkSpotResult {
  /** The largest dark spots (all of them without `keep`), ranked. */
  spots: DarkSpot[];
  /** How many dark spots there are per family. */
  total: Record<Family, number>;
  transitFree: Record<Family, number>;
  /**
   * Pair tests made per family: transit-free ASes alike in both families (one sibling group
   * in each) are tested as one, so this is at most transitFree·(transitFree−1)/2.
   */
  pairTests: Record<Family, number>;
}

/**
 * Pairs of transit-free ASes (in the family where they are split) that cannot reach each
 * other valley-free in that family but can in the other, ranked by the number of AS pairs
 * the split cuts off (product of the customer cones). Valley-free reachability is
 * symmetric (a path reversed is valley-free), so unordered pairs suffice. With `keep`,
 * only the largest `keep` are kept (and their paths built); the rest are counted: a
 * registry with thousands of transit-free ASes has millions of such pairs, and a sibling
 * group of thousands of transit-free ASes split from one AS is thousands of pairs counted
 * at once (all of a class's pairs with one AS have the same cones). Each listed spot says
 * whether it could rest on an ambiguous link (src/graph/ambiguous-links.ts).
 */
export function findDarkSpots(topos: Record<Family, Topology>, families: Family[], opts: { keep?: number } = {}): DarkSpotResult {
  const keep = opts.keep ?? Infinity;
  let spots: DarkSpot[] = [];
  let threshold: DarkSpot | undefined;
  const total = { ipv4: 0, ipv6: 0 } as Record<Family, number>;
  const counts = { ipv4: 0, ipv6: 0 } as Record<Family, number>;
  const pairTests = { ipv4: 0, ipv6: 0 } as Record<Family, number>;
  for (const f of families) {
    const dc = new DarkClasses(topos, f);
    const { tops, members, classOf } = dc;
    const path = dc.otherPaths();
    // Cone sizes by class: every AS of a class has its sibling group's cone.
    const cones = new Map<number, number>();
    const cone = (c: number) => {
      let v = cones.get(c);
      if (v === undefined) cones.set(c, (v = customerConeSize(dc.here.csr, tops[members[dc.memberOff[c]!]!]!)));
      return v;
    };
    dc.forEachSlot((s, partners) => {
      const coneA = cone(classOf[s]!);
      for (const y of partners) {
        const [from, to] = dc.after(y, s);
        if (from === to) continue;
        total[f] += to - from;
        const coneB = cone(y);
        // Most pairs rank below the kept ones: decided on the product, before building anything.
        if (threshold && coneA * coneB < threshold.coneA * threshold.coneB) continue;
        // The pairs of slot s with class y share their cones: only the first `keep` (by b) can be kept.
        for (let k = from; k < to && k - from < keep; k++) {
          const spot: DarkSpot = { family: f, otherFamily: OTHER[f], a: tops[s]!, b: tops[members[k]!]!, coneA, coneB, otherPath: [], dependsOnAmbiguous: false, ambiguousLinks: [] };
          if (threshold && rank(spot, threshold) >= 0) break;
          spot.otherPath = path(s, members[k]!);
          spots.push(spot);
          if (spots.length >= 2 * keep) {
            spots = spots.sort(rank).slice(0, keep);
            threshold = spots[spots.length - 1];
          }
        }
      }
    });
    counts[f] = tops.length;
    pairTests[f] = dc.tests;
  }
  spots.sort(rank);
  if (spots.length > keep) spots = spots.slice(0, keep);
  // Listed spots only: two uphill sets and their ambiguous links each.
  for (const spot of spots) {
    spot.ambiguousLinks = topos[spot.family].ambiguousLinks.between(spot.a, spot.b);
    spot.dependsOnAmbiguous = spot.ambiguousLinks.length > 0;
  }
  return { spots, total, transitFree: counts, pairTests };
}
