import type { Explanation } from '../explain/types.js';

/**
 * JSON shape of why-unreachable / path: `{a, b, afi, reachable, path}` first (the stable
 * contract), then the explanation's details and the data notes.
 */
export function explanationJson(ex: Explanation, notes: string[]): Record<string, unknown> {
  const { a, b, family, reachable, path, ...rest } = ex;
  return { a, b, afi: family, reachable, path, notes, ...rest };
}
