import type { Family } from './types.js';

/** The families asrel infers and searches, in output order (multicast is parsed, not inferred). */
export const FAMILIES: readonly Family[] = ['ipv4', 'ipv6'];

/** How a family is written for people. */
export const FAMILY_LABEL: Readonly<Record<Family, string>> = { ipv4: 'IPv4', ipv6: 'IPv6' };

/** The family an answer is compared with. */
export const OTHER_FAMILY: Readonly<Record<Family, Family>> = { ipv4: 'ipv6', ipv6: 'ipv4' };

/** How the store writes a family (`rules.family`; 0 is an attribute that could not be parsed). */
export const FAMILY_CODE: Readonly<Record<Family, 4 | 6>> = { ipv4: 4, ipv6: 6 };

/** The family of a store code (4 or 6). */
export const familyOfCode = (code: number): Family => (code === 4 ? 'ipv4' : 'ipv6');
