// The address families and the evidence type, for callers of the analysis (the server, the page) that do not reach into the stages.
export type { Family } from '../infer/types.js';
export { FAMILIES, FAMILY_LABEL, OTHER_FAMILY } from '../infer/families.js';
export type { Evidence } from '../infer/types.js';
