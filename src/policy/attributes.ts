/**
 * The policy attributes asrel parses, by name (as the object reader lower-cases them).
 * An explicit table, in the manner of IRRd's per-class field types, rather than pattern
 * checks on names: anything not listed here is not a policy attribute.
 */
import type { PolicyAttributeName } from '../../grammar/ast.js';

export const POLICY_ATTRIBUTES: ReadonlyMap<string, PolicyAttributeName> = new Map<string, PolicyAttributeName>([
  ['import', 'import'],
  ['export', 'export'],
  ['default', 'default'],
  ['mp-import', 'mp-import'],
  ['mp-export', 'mp-export'],
  ['mp-default', 'mp-default'],
  // draft-snijders-rpsl-via, implemented by the RIPE database.
  ['import-via', 'import-via'],
  ['export-via', 'export-via'],
  ['mp-import-via', 'mp-import-via'],
  ['mp-export-via', 'mp-export-via'],
]);

/** The policy attribute name for an attribute name, or undefined when it is not one. */
export function policyAttributeName(name: string): PolicyAttributeName | undefined {
  // The object reader already lower-cases names; other callers may not have.
  return POLICY_ATTRIBUTES.get(name) ?? POLICY_ATTRIBUTES.get(name.toLowerCase());
}
