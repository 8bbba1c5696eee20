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
  /** The invalid paths with the most routes (at most `keep` per family). */
  topInvalid: CheckedPath[];
  counts: Record<Family, Record<AspaVerdict, number>>;
  routes: Record<Family, Record<AspaVerdict, number>>;
}

/** Each distinct path of the families verified, one at a time (a full table has millions: nothing is kept). */
export function* checkEach(table: PathTable, records: Map<number, AspaRecord>, procedure: Procedure, families: readonly Family[]): Generator<CheckedPath> {
  const aspa = lookupOf(records);
  for (const f of families) {
    for (const d of table.entries(f)) {
      if (d.uncheckable === 'confed' || d.uncheckable === 'short') continue;
      yield { afi: f, path: d.path, routes: d.routes, check: verifyAspa(d.path, d.uncheckable === 'as-set', procedure, aspa) };
    }
  }
}

/** Counts per family and verdict, and the `keep` most-routed invalid paths per family. */
export class CheckTally {
  private readonly zero = () => ({ valid: 0, invalid: 0, unknown: 0 });
  readonly counts: CheckResult['counts'] = { ipv4: this.zero(), ipv6: this.zero() };
  readonly routes: CheckResult['routes'] = { ipv4: this.zero(), ipv6: this.zero() };
  private readonly invalid: Record<Family, CheckedPath[]> = { ipv4: [], ipv6: [] };
  constructor(readonly procedure: Procedure, private readonly keep = 20) {}
  add(p: CheckedPath): void {
    this.counts[p.afi][p.check.verdict]++;
    this.routes[p.afi][p.check.verdict] += p.routes;
    if (p.check.verdict !== 'invalid') return;
    const mine = this.invalid[p.afi];
    mine.push(p);
    if (mine.length > this.keep * 4) { mine.sort((a, b) => b.routes - a.routes); mine.length = this.keep; }
  }
  result(): CheckResult {
    const top = (l: CheckedPath[]) => l.sort((a, b) => b.routes - a.routes).slice(0, this.keep);
    return { procedure: this.procedure, topInvalid: [...top(this.invalid.ipv4), ...top(this.invalid.ipv6)], counts: this.counts, routes: this.routes };
  }
}

/** Verifies every distinct path and tallies them (tests and the library; the CLI streams `checkEach`). */
export function checkPaths(table: PathTable, records: Map<number, AspaRecord>, procedure: Procedure, families: readonly Family[], keep = 20): CheckResult {
  const t = new CheckTally(procedure, keep);
  for (const p of checkEach(table, records, procedure, families)) t.add(p);
  return t.result();
}

/** The record of the deciding hop's customer, as text (`AS3356 → [174, 1299]`, `AS64500: no ASPA`). */
export function recordText(records: Map<number, AspaRecord>, c: AspaCheck): string {
  if (!c.decidingHop) return '';
  const r = records.get(c.decidingHop.from);
  return r ? `AS${r.customer} → [${r.providers.join(', ')}]` : `AS${c.decidingHop.from}: no ASPA`;
}
