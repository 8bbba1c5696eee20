// Types and small constants of the stages that the faces (the CLI, the server) name in their
// own signatures, so that they import the analysis only (test/analysis/layers.test.ts).
export type { LinkInference } from '../infer/types.js';
export type { Topology } from '../graph/topology.js';
export type { AmbiguousPolicy, RelationshipEdge } from '../graph/types.js';
export { AMBIGUOUS_POLICIES, DEFAULT_AMBIGUOUS } from '../graph/build.js';
export { confidenceLevel } from '../infer/confidence.js';
export type { Protocol } from '../irr/open.js';
export type { Explanation } from '../explain/types.js';
