import type { Direction } from '../policy/types.js';

export type Family = 'ipv4' | 'ipv6';

/** Relation read from the first AS's side: p2c = first is the second's provider. */
export type Relation = 'p2c' | 'c2p' | 'p2p' | 's2s';

export type InferredRelation = Relation | 'ambiguous' | 'conflict' | 'none';

/** Filter class of one rule in one family (DESIGN.md, inference rule 2). */
export type FilterClass = 'FULL' | 'DEFAULT' | 'RESTRICTED' | 'NONE';

/** One registry line that supports an inference. */
export interface Evidence {
  /** ASN whose aut-num holds the line. */
  asn: number;
  /** Registry source (`RADB`, `RIPE`, …) and provenance label of the data. */
  source: string;
  object: string;
  attribute: string;
  line: number;
  /** The attribute value as registered (continuations joined, comments removed), without the name. */
  text: string;
  direction: Direction;
  filterClass: FilterClass;
  /** strong: names the neighbour (by ASN or an expanded set); weak: AS-ANY and similar. */
  strength: 'strong' | 'weak';
  /** Candidate relations (from the owning AS's side towards the neighbour) this line allows. */
  allows: readonly Relation[];
}

/** The inference for one AS pair in one family; `a` < `b` is not required. */
export interface LinkInference {
  a: number;
  b: number;
  family: Family;
  relation: InferredRelation;
  /** For `ambiguous`: the relations still possible (read from a's side). */
  candidates: Relation[];
  /**
   * A calibrated probability (src/infer/confidence.ts): the share of links with this kind of
   * evidence that were labelled right on synthetic registries with defects; for `ambiguous`,
   * the chance that the real relation is among the candidates; 0 for `conflict` and `none`.
   */
  confidence: number;
  /** The evidence kind the confidence was read for, and for a conflict the AS whose view the kind lists first. */
  basis?: { kind: string; first?: number };
  evidence: Evidence[];
  /** ASNs of the pair that have no aut-num in the data (a data gap). */
  missing: number[];
  /** Human-readable reason for conflict/ambiguity (or why a `none` is unknown). */
  note?: string;
  /** `none` because a set expansion limit stopped before the other AS, not because nothing names it. */
  unknown?: true;
  /** Read from the link table (`evidence: 'summary'`): how many evidence lines, and the provenance labels of the sides they come from (absent with `evidence: 'count'`). */
  summary?: { count: number; sources?: string[] };
}
