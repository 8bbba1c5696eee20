import type { Family, LinkInference } from '../infer/types.js';

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
