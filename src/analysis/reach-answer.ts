/**
 * The reach answer both faces give (`asrel reach` and `/api/reach`): how many ASes one AS
 * reaches valley-free in each family, and those it reaches in one family only.
 */
import { reachSummary, type ReachSummary } from '../explain/reach.js';
import { FAMILIES } from '../infer/families.js';
import { loadTopologies, requireFamily, type EdgeArgs } from './relationships.js';

export type { ReachSummary };

/** From the whole data a command loaded: reachability to every AS needs the whole graph, not one AS's cone. */
export async function reachAnswer(argv: EdgeArgs, asn: number): Promise<{ summary: ReachSummary; notes: string[] }> {
  const loaded = await loadTopologies(argv);
  const [v4, v6] = FAMILIES.map((f) => requireFamily(loaded, f));
  loaded.requireKnown([asn]);
  return { summary: reachSummary(asn, { ipv4: v4!, ipv6: v6! }), notes: loaded.notes };
}

/** `reach --json`: the one-family-only list cut to the `top` largest cones, with its full count. */
export function reachJson(s: ReachSummary, top: number, notes: string[]): Record<string, unknown> {
  return { ...s, oneFamilyOnlyTotal: s.oneFamilyOnly.length, oneFamilyOnly: s.oneFamilyOnly.slice(0, top), notes };
}
