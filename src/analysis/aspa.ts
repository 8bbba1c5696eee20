/**
 * The ASPA analyses as the CLI and the server call them (they do not reach into src/aspa):
 * compare, draft, check and impact, the relation sources they run over, and the verification's
 * words. The data they read (--aspa, stored snapshots) is aspa-data.ts.
 */
export { checkEach, CheckTally, checkPaths, type CheckedPath, type CheckResult } from '../aspa/check.js';
export { compareAspa, type CompareResult } from '../aspa/compare.js';
export { draftAs, type AspaDraft } from '../aspa/draft.js';
export { draftOfKnown } from './aspa-draft.js';
export { aspaImpact, type ImpactResult } from '../aspa/impact.js';
export { engineSource, topologySource, type RelationSource } from '../aspa/irr-providers.js';
export { explainAspa, lookupOf, type Procedure } from '../aspa/verification.js';
