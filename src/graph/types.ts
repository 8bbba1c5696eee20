import type { Family, LinkInference, Relation } from '../infer/types.js';

/**
 * One directed business link as the graph sees it. `p2c`: `a` is `b`'s provider.
 * Edges come from IRR inference (with `inference` attached for evidence) or from a
 * relationship file (CAIDA serial-1/2, asrel CSV).
 */
export interface RelationshipEdge {
  a: number;
  b: number;
  family: Family;
  relation: 'p2c' | 'p2p' | 's2s';
  inference?: LinkInference;
}

/** How ambiguous inferences enter the graph (`--ambiguous`). */
export type AmbiguousPolicy = 'peer' | 'provider' | 'customer' | 'drop';

/**
 * An IRR link whose relation is ambiguous, kept beside the graph whatever `--ambiguous` did
 * with it, so that an answer can say when it rests on one (src/graph/ambiguous-links.ts).
 */
export interface AmbiguousGraphLink {
  a: number;
  b: number;
  /** The relations it may be, read from `a`'s side. */
  candidates: Relation[];
  /** How the graph holds it, from `a`'s side; null when left out (`--ambiguous drop`). */
  held: Relation | null;
}
