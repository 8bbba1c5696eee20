/**
 * Address-family scopes of REFINE/EXCEPT chains, checked while parsing (RFC 4012 §2.5.1):
 * the afi list after REFINE/EXCEPT scopes its right operand to the enclosing scope
 * intersected with that list (src/policy/afi.ts resolves the terms the same way). A chain
 * such as `afi any {…} REFINE afi ipv4 {…} REFINE afi ipv6 {…}` intersects to no family: as
 * written it imports nothing. asrel keeps that reading and says so with a warning.
 *
 * Only mp- attributes have families to intersect: the others are ipv4.unicast whatever
 * their afi lists say (and those lists are warned about already).
 */
import type { AfiSpec, PolicyAttributeName } from './ast.js';

/** ipv4.unicast, ipv4.multicast, ipv6.unicast, ipv6.multicast as bits 1, 2, 4, 8 (src/policy/afi.ts's ALL_FAMILIES order). */
export const ALL_FAMILIES_MASK = 15;

/** The families of an afi list; none written (or an empty list) means all four. */
export function afiMask(afis: AfiSpec[] | undefined): number {
  if (!afis || afis.length === 0) return ALL_FAMILIES_MASK;
  let m = 0;
  for (const a of afis) {
    const afi = a.afi === 'ipv4' ? 3 : a.afi === 'ipv6' ? 12 : 15;
    const safi = a.safi === 'unicast' ? 5 : a.safi === 'multicast' ? 10 : 15;
    m |= afi & safi;
  }
  return m;
}

/** Whether afi lists scope the families of this attribute (RFC 4012: the mp- ones). */
export function hasScopes(attribute: PolicyAttributeName): boolean {
  return attribute.startsWith('mp-');
}

/**
 * The warning for a REFINE/EXCEPT whose right operand's scope is empty while the enclosing
 * one is not; `underExcept` when it sits in the right operand of an EXCEPT (then only that
 * exception is lost). `whole` is true when the attribute as a whole yields nothing.
 */
export function emptyScopeMessage(kind: 'refine' | 'except', attribute: PolicyAttributeName, underExcept: boolean): { message: string; whole: boolean } {
  if (kind === 'except') {
    return { message: 'the afi list after this EXCEPT leaves its scope no address family: the exception excepts nothing as written', whole: false };
  }
  if (underExcept) {
    return { message: 'its REFINE scopes intersect to no address family: the EXCEPT part holding this REFINE excepts nothing as written', whole: false };
  }
  const verb = attribute.includes('export') ? 'exports' : 'imports';
  return { message: `its REFINE scopes intersect to no address family: it ${verb} nothing as written (RFC 4012 §2.5.1)`, whole: true };
}
