/** What a policy attribute's name says about its grammar; shared by parser.ts and fast/. */
import type { PolicyAttributeName } from './ast.js';

const IMPORTS = new Set<PolicyAttributeName>(['import', 'mp-import', 'import-via', 'mp-import-via']);
const VIAS = new Set<PolicyAttributeName>(['import-via', 'export-via', 'mp-import-via', 'mp-export-via']);

/** `from … accept` (imports) rather than `to … announce`. */
export function isImport(attribute: PolicyAttributeName): boolean {
  return IMPORTS.has(attribute);
}

/** draft-snijders-rpsl-via: each peering is preceded by the intermediate AS. */
export function isVia(attribute: PolicyAttributeName): boolean {
  return VIAS.has(attribute);
}

/** RFC 4012 (mp-) and the -via drafts have `afi`; RFC 2622's import/export/default do not. */
export function allowsAfi(attribute: PolicyAttributeName): boolean {
  return attribute.startsWith('mp-') || VIAS.has(attribute);
}
