import type { Family } from './types.js';

/** The families asrel infers and searches, in output order (multicast is parsed, not inferred). */
export const FAMILIES: readonly Family[] = ['ipv4', 'ipv6'];
