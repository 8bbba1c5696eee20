/**
 * Distinct observed AS paths per family, from any number of route sources (MRT or
 * `bgpdump -m`): prepending collapsed, the collector's peer first as the route came. Memory
 * grows with the distinct paths (a full table of 30 M routes has a few hundred thousand),
 * never with the routes.
 */
import { collapsePrepending } from '../bgp/as-path.js';
import type { RouteSource } from '../bgp/paths.js';
import type { Family } from '../infer/types.js';

/** Why a distinct path cannot be checked hop by hop; `undefined` when it can. */
export type Uncheckable = 'as-set' | 'confed' | 'loop' | 'short';

export interface DistinctPath {
  afi: Family;
  /** Prepending collapsed; AS_SET/confederation members left out (then `uncheckable` says so). */
  path: number[];
  routes: number;
  /** The path does not start with the peer AS the collector names (a route server, usually). */
  notFromPeer: boolean;
  uncheckable?: Uncheckable;
}

export interface SourceReport {
  name: string;
  format: string | undefined;
  records: number;
  routes: number;
  withdrawals: number;
  warnings: number;
  warningSummary: string;
  examples: string[];
}

export interface PathTable {
  paths: Map<string, DistinctPath>;
  routes: Record<Family, number>;
  sources: SourceReport[];
}

/** A loop: an AS that comes back after another one (prepending is already collapsed). */
function hasLoop(p: number[]): boolean {
  if (p.length < 3) return false;
  if (p.length <= 12) {
    for (let i = 0; i < p.length; i++) for (let j = i + 2; j < p.length; j++) if (p[i] === p[j]) return true;
    return false;
  }
  return new Set(p).size !== p.length;
}

export async function collectPaths(sources: Iterable<RouteSource>, families: readonly Family[]): Promise<PathTable> {
  const paths = new Map<string, DistinctPath>();
  const routes: Record<Family, number> = { ipv4: 0, ipv6: 0 };
  const want = { ipv4: families.includes('ipv4'), ipv6: families.includes('ipv6') };
  const reports: SourceReport[] = [];
  for (const src of sources) {
    for await (const batch of src.batches()) {
      for (const r of batch) {
        if (!want[r.afi]) continue;
        routes[r.afi]++;
        const p = collapsePrepending(r.path);
        const flag = r.hasAsSet ? 'S' : r.confed ? 'C' : '';
        const key = `${r.afi === 'ipv4' ? '4' : '6'}${flag}${p.join(' ')}`;
        const seen = paths.get(key);
        if (seen) {
          seen.routes++;
          continue;
        }
        const uncheckable: Uncheckable | undefined = r.hasAsSet ? 'as-set' : r.confed ? 'confed' : p.length < 1 ? 'short' : hasLoop(p) ? 'loop' : undefined;
        paths.set(key, { afi: r.afi, path: p, routes: 1, notFromPeer: p[0] !== r.peerAs, ...(uncheckable ? { uncheckable } : {}) });
      }
    }
    reports.push({
      name: src.name, format: src.format, records: src.counts.records, routes: src.counts.routes, withdrawals: src.counts.withdrawals,
      warnings: src.warnings.total, warningSummary: src.warnings.summary(), examples: src.warnings.examples,
    });
  }
  return { paths, routes, sources: reports };
}

/** Opens each input (file, URL or `-`) and collects its distinct paths; an input that cannot be read is a UserError. */
export async function readObservedPaths(inputs: readonly string[], families: readonly Family[]): Promise<PathTable> {
  const [{ openRoutes, InputOpenError }, { UserError }] = await Promise.all([import('../bgp/paths.js'), import('./errors.js')]);
  const sources: RouteSource[] = [];
  for (const input of inputs) sources.push(await openRoutes(input));
  try {
    const table = await collectPaths(sources, families);
    for (const s of table.sources) {
      if (s.routes === 0 && s.warnings > 0) {
        throw new UserError(`${s.name}: no routes could be read (${s.warningSummary})`, 1, 'Give MRT files (TABLE_DUMP_V2 RIBs, BGP4MP updates; plain, .gz or .bz2) or the text `bgpdump -m` prints.');
      }
    }
    return table;
  } catch (e) {
    if (e instanceof InputOpenError) throw new UserError(e.message, 2, 'Give MRT files or `bgpdump -m` text: paths, http(s) URLs, or - for standard input.');
    throw e;
  }
}
