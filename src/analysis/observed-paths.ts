/**
 * Distinct observed AS paths per family, from any number of route sources (MRT or
 * `bgpdump -m`): prepending collapsed, the collector's peer first as the route came. Memory
 * grows with the distinct paths (src/analysis/path-set.ts: typed arrays, ~30 bytes and the
 * ASNs per path), never with the routes.
 */
import type { RouteSource } from '../bgp/paths.js';
import type { Family } from '../infer/types.js';
import { PathSet } from './path-set.js';

/**
 * Why a distinct path cannot be checked hop by hop; `undefined` when it can. `as0`: the path
 * holds AS0, which a BGP speaker must not send or accept in an AS_PATH (RFC 7607).
 */
export type Uncheckable = 'as-set' | 'confed' | 'loop' | 'short' | 'as0';

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
  /** Records or lines skipped as damaged. */
  warnings: number;
  warningSummary: string;
  /** Records read after all, in a way worth saying (not skipped: their routes are in). */
  notices: number;
  noticeSummary: string;
  examples: string[];
}

export interface PathTable {
  /** Each distinct path once (of one family when given), built as it is asked for (the set itself holds typed arrays only). */
  entries(afi?: Family): Generator<DistinctPath>;
  /** Distinct paths over all families. */
  size: number;
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

// The tag of a path in the set: its family and what the reader flagged.
const V6 = 1, AS_SET = 2, CONFED = 4, NOT_FROM_PEER = 8;

export async function collectPaths(sources: Iterable<RouteSource>, families: readonly Family[]): Promise<PathTable> {
  const set = new PathSet();
  const routes: Record<Family, number> = { ipv4: 0, ipv6: 0 };
  const want4 = families.includes('ipv4'), want6 = families.includes('ipv6');
  const reports: SourceReport[] = [];
  for (const src of sources) {
    for await (const batch of src.batches()) {
      for (const r of batch) {
        const v6 = r.afi === 'ipv6';
        if (v6 ? !want6 : !want4) continue;
        routes[r.afi]++;
        // An empty path (a route from inside the collector's AS) starts with no AS at all, not with another one.
        set.add(r.path, (v6 ? V6 : 0) | (r.hasAsSet ? AS_SET : 0) | (r.confed ? CONFED : 0) | (r.path.length > 0 && r.path[0] !== r.peerAs ? NOT_FROM_PEER : 0));
      }
    }
    reports.push({
      name: src.name, format: src.format, records: src.counts.records, routes: src.counts.routes, withdrawals: src.counts.withdrawals,
      warnings: src.warnings.total, warningSummary: src.warnings.summary(),
      notices: src.warnings.noticeTotal, noticeSummary: src.warnings.noticeSummary(), examples: src.warnings.examples,
    });
  }
  function* entries(afi?: Family): Generator<DistinctPath> {
    for (let k = 0; k < set.size; k++) {
      const tag = set.tagOf(k);
      if (afi && (afi === 'ipv6') !== ((tag & V6) !== 0)) continue;
      const path = set.path(k);
      const uncheckable: Uncheckable | undefined = tag & AS_SET ? 'as-set' : tag & CONFED ? 'confed' : path.length < 1 ? 'short' : path.includes(0) ? 'as0' : hasLoop(path) ? 'loop' : undefined;
      yield { afi: tag & V6 ? 'ipv6' : 'ipv4', path, routes: set.routes(k), notFromPeer: (tag & NOT_FROM_PEER) !== 0, ...(uncheckable ? { uncheckable } : {}) };
    }
  }
  return { entries, size: set.size, routes, sources: reports };
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
