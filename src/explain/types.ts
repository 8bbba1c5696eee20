import type { Evidence, Family, InferredRelation, Relation } from '../infer/types.js';

/** One hop of a path: `relation` read from `from`'s side (c2p: climbing to a provider). */
export interface Hop {
  from: number;
  to: number;
  relation: Relation;
  /** Confidence of the inferred relation (absent for relationship-file links). */
  confidence?: number;
  /** Registry lines behind the relation (empty for relationship-file links). */
  evidence: Evidence[];
  /** When the two sides' lines point to different relations: both views and which was taken (src/infer/combine.ts). */
  views?: string[];
}

export interface Cone {
  /** The AS whose uphill cone this is. */
  asn: number;
  /** Every AS reachable from `asn` by climbing c2p and sibling links (asn included), sorted. */
  members: number[];
  /** Transit-free members (no provider in this family). */
  tops: number[];
}

export type FixKind =
  /** An existing link would need another relation: `customer` buys transit from `provider`. */
  | 'relation-change'
  /** A new transit link: `customer` buys transit from `provider`. */
  | 'new-transit'
  /** A new peer link between the two. */
  | 'new-peering';

/**
 * An Internet exchange where both ASes of a new peer link are present (filled from IXP
 * data by `annotateFixes` in src/ixp/, not by the explain stage).
 */
export interface FixIxp {
  name: string;
  city?: string;
  country?: string;
  /** Both ASes have an IPv4 address there. */
  ipv4: boolean;
  /** Both ASes have an IPv6 address there. */
  ipv6: boolean;
  /** Members at the exchange, per the dataset. */
  size: number;
  /** The dataset's source label and date ("CAIDA IXPs dataset", "2019-10"). */
  source: string;
  date: string;
}

export interface Fix {
  kind: FixKind;
  /** For transit fixes: the buyer and the seller; for peering: the two peers. */
  customer?: number;
  provider?: number;
  peers?: [number, number];
  /** Current relation of the existing link, read from `customer`'s side (relation-change only). */
  current?: Relation;
  /** Relation of the same link in the other family, read from `customer`'s side, when it has one. */
  otherFamily?: Relation;
  /** Why it would fix the answer, one sentence. */
  reason: string;
  /**
   * New peer links, when IXP data was given: the exchanges where both ASes are present
   * with addresses of the fix's family, biggest first (empty: none in the data).
   */
  commonIxps?: FixIxp[];
  /** The IXP datasets checked for `commonIxps`, e.g. "CAIDA IXPs dataset, 2019-10". */
  ixpData?: string[];
  /** Why the IXP data cannot tell for this link (no data for one of its ASes): then no `commonIxps`. */
  ixpUnknown?: string;
}

/** An AS next to or inside a cone that has no aut-num in the data. */
export interface DataGap {
  asn: number;
  /** Links of this AS in the family, inferred from its neighbours' side only. */
  linksWith: number[];
}

/** A link whose relation is not the same in both families. */
export interface FamilyDifference {
  a: number;
  b: number;
  /** Relation read from `a`'s side per family; 'none' when the family has no link. */
  relation: Record<Family, Relation | 'none'>;
  evidence: Record<Family, Evidence[]>;
}

export interface FamilyAnswer {
  family: Family;
  reachable: boolean;
  path: number[] | null;
  hops: Hop[] | null;
  /** No path, in a graph that left out links below `--min-confidence`: no path among the links at or above it. */
  minConfidence?: number;
}

/** A link left out as unknown by `--min-confidence`, its relation read from `a`'s side. */
export interface SetAsideLink {
  a: number;
  b: number;
  relation: InferredRelation;
  confidence: number;
}

export interface SetAsideAnswer {
  minConfidence: number;
  /**
   * The set-aside links up from, or level with, a member of either cone (those at A or B
   * first): only these could change the answer. Without them the cones are the data's.
   */
  links: SetAsideLink[];
  /** The answer with every link kept (no threshold), when the caller asked the data for it. */
  withThem?: FamilyAnswer;
}

/** An ambiguous inference the graph resolved by the `--ambiguous` policy. */
export interface AmbiguousLink {
  a: number;
  b: number;
  candidates: Relation[];
  /** The relation the graph used, read from `a`'s side. */
  used: Relation;
}

/** An asked AS with no link in the asked family. */
export interface AbsentAs {
  asn: number;
  /** Whether it has an aut-num in the data (null: relationship files, which cannot tell). */
  hasAutNum: boolean | null;
  otherFamilyLinks: number | null;
}

export interface Explanation {
  a: number;
  b: number;
  family: Family;
  model: 'Gao-Rexford';
  reachable: boolean;
  path: number[] | null;
  hops: Hop[] | null;
  /** Of a and b, those with no link at all in this family. */
  absent: number[];
  /**
   * Why there is no path, when it is not a dark spot: `no-link-in-family` — A or B has no
   * link in this family at all, so the data cannot place it (no cones, no fixes are made up);
   * `below-min-confidence` — links at the cones were set aside by `--min-confidence`, so
   * whether A reaches B is unknown at that threshold (`setAside` names them; no fixes).
   */
  reason?: 'no-link-in-family' | 'below-min-confidence';
  /** `below-min-confidence`: the threshold and the set-aside links that could join the cones. */
  setAside?: SetAsideAnswer;
  /** For each absent AS: its links in the other family (null when that family was not loaded). */
  absentDetail?: AbsentAs[];
  /** Present when unreachable. */
  cones?: { a: Cone; b: Cone };
  /** When unreachable: ASes in both cones (a common provider) — empty, stated as proof. */
  sharedProviders?: number[];
  /** When unreachable: peer links between the cones — empty, stated as proof. */
  joiningPeerLinks?: [number, number][];
  /** Ranked, short. */
  fixes?: Fix[];
  /** null when the data cannot tell (relationship files carry no registry objects). */
  dataGaps: DataGap[] | null;
  /** Ambiguous links inside or next to the cones / on the path, with how they were used. */
  ambiguous: AmbiguousLink[];
  /** The other family's answer, when that family was loaded. */
  other?: FamilyAnswer;
  /** Links on either family's path whose relation differs between the families. */
  differences: FamilyDifference[];
}
