/**
 * `asrel aspa impact AS`: what one AS's ASPA (drafted from the relations, or as published)
 * changes on observed paths. Each distinct path through the AS is verified twice — with the
 * other ASPAs only, then with the AS's record added — and every path whose verdict changes is
 * counted and classified by the relations: a path that turns Invalid while valley-free under
 * them would break (look before publishing); one that is a valley is a leak newly caught.
 */
import type { PathTable } from '../analysis/observed-paths.js';
import { checkPath, type PathVerdict, type RelationOf } from '../analysis/verify.js';
import type { Family } from '../infer/types.js';
import type { AspaRecord } from './types.js';
import { verifyAspa, type AspaVerdict, type Procedure } from './verification.js';

export interface ImpactChange {
  afi: Family;
  path: number[];
  routes: number;
  before: AspaVerdict;
  after: AspaVerdict;
  /** The path under the relations: valley-free, valley or unknown. */
  relations: PathVerdict;
}

export interface ImpactResult {
  asn: number;
  providers: number[];
  procedure: Procedure;
  /** Distinct paths through the AS, per family. */
  through: Record<Family, number>;
  changes: ImpactChange[];
  counts: Record<Family, { breaks: number; caught: number; otherInvalid: number; newlyValid: number }>;
}

export function aspaImpact(table: PathTable, families: readonly Family[], asn: number, providers: number[], others: Map<number, AspaRecord>, procedure: Procedure,
  relations: Partial<Record<Family, RelationOf>>): ImpactResult {
  const before = (c: number) => (c === asn ? undefined : others.get(c)?.providers);
  const after = (c: number) => (c === asn ? providers : others.get(c)?.providers);
  const zero = () => ({ breaks: 0, caught: 0, otherInvalid: 0, newlyValid: 0 });
  const counts = { ipv4: zero(), ipv6: zero() };
  const through = { ipv4: 0, ipv6: 0 };
  const changes: ImpactChange[] = [];
  for (const f of families) {
    for (const d of table.entries(f)) {
      if (d.uncheckable === 'confed' || d.uncheckable === 'short' || !d.path.includes(asn)) continue;
      through[f]++;
      const set = d.uncheckable === 'as-set';
      const b = verifyAspa(d.path, set, procedure, before).verdict;
      const a = verifyAspa(d.path, set, procedure, after).verdict;
      if (a === b) continue;
      const rel: PathVerdict = relations[f] && !d.uncheckable ? checkPath(d.path, relations[f]!).verdict : 'unknown';
      if (a === 'invalid') {
        if (rel === 'valley-free') counts[f].breaks++;
        else if (rel === 'valley') counts[f].caught++;
        else counts[f].otherInvalid++;
      } else if (a === 'valid') counts[f].newlyValid++;
      changes.push({ afi: f, path: d.path, routes: d.routes, before: b, after: a, relations: rel });
    }
  }
  changes.sort((x, y) => y.routes - x.routes);
  return { asn, providers, procedure, through, changes, counts };
}
