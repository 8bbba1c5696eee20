// The address families, for callers of the analysis (the server) that do not reach into the stages.
export type { Family } from '../infer/types.js';
export { FAMILIES, FAMILY_LABEL, OTHER_FAMILY } from '../infer/families.js';
