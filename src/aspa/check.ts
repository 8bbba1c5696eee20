/**
 * `asrel aspa check PATHS`: every distinct observed path (per family, prepending collapsed,
 * the collector's peer first) verified with ASPA. A collector's peer has no known relation to
 * the collector: the downstream procedure is the default (a full table is what a provider
 * sends), and the one used is printed. The ASPA set is family-blind, so a path gets the same
 * verdict in both families; rows are per family all the same, to sit beside `asrel verify`.
 */
import type { PathTable } from '../analysis/observed-paths.js';
import type { Family } from '../infer/types.js';
import type { AspaRecord } from './types.js';
import { lookupOf, verifyAspa, type AspaCheck, type AspaVerdict, type Procedure } from './verification.js';

export interface CheckedPath {
  afi: Family;
  path: number[];
  routes: number;
  check: AspaCheck;
}

export interface CheckResult {
  procedure: Procedure;
  paths: CheckedPath[];
  counts: Record<Family, Record<AspaVerdict, number>>;
  routes: Record<Family, Record<AspaVerdict, number>>;
}

export function checkPaths(table: PathTable, records: Map<number, AspaRecord>, procedure: Procedure, families: readonly Family[]): CheckResult {
  const aspa = lookupOf(records);
  const zero = () => ({ valid: 0, invalid: 0, unknown: 0 });
  const counts = { ipv4: zero(), ipv6: zero() };
  const routes = { ipv4: zero(), ipv6: zero() };
  const paths: CheckedPath[] = [];
  for (const f of families) {
    for (const d of table.entries(f)) {
      if (d.uncheckable === 'confed' || d.uncheckable === 'short') continue;
      const check = verifyAspa(d.path, d.uncheckable === 'as-set', procedure, aspa);
      counts[f][check.verdict]++;
      routes[f][check.verdict] += d.routes;
      paths.push({ afi: f, path: d.path, routes: d.routes, check });
    }
  }
  return { procedure, paths, counts, routes };
}

/** The record of the deciding hop's customer, as text (`AS3356 → [174, 1299]`, `AS64500: no ASPA`). */
export function recordText(records: Map<number, AspaRecord>, c: AspaCheck): string {
  if (!c.decidingHop) return '';
  const r = records.get(c.decidingHop.from);
  return r ? `AS${r.customer} → [${r.providers.join(', ')}]` : `AS${c.decidingHop.from}: no ASPA`;
}
