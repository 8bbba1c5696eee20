/**
 * PeeringDB's public API, asked only for the ASes an answer needs:
 * `GET /api/netixlan?asn__in=…` (batched) then `GET /api/ix?id__in=…` for the exchanges
 * they name. Answers are cached with the date they were fetched in a small JSON file next
 * to the store (`<data>/peeringdb-cache.json`); a cached AS is not asked again for
 * `maxAgeDays` (7). HTTP 429 and 503 are retried after Retry-After (bounded: at most 3
 * retries, at most 60 s each); every request has a timeout. `offline` never touches the
 * network: the cache answers, or a note says what it could not answer.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ixRows, netIxLanRows, parsePeeringDbPage, presenceFromPeeringDb, type Ix, type NetIxLan } from './peeringdb.js';
import { IxpError, type IxpPresence } from './types.js';

export const PEERINGDB_URL = 'https://www.peeringdb.com';
export const PEERINGDB_SOURCE = 'PeeringDB';
export const PEERINGDB_CACHE_FILE = 'peeringdb-cache.json';

/** The base URL: `ASREL_PEERINGDB_URL` (tests point it at 127.0.0.1) or www.peeringdb.com. */
export function peeringDbUrl(): string {
  return (process.env.ASREL_PEERINGDB_URL || PEERINGDB_URL).replace(/\/+$/, '');
}

export interface PeeringDbOptions {
  baseUrl?: string;
  /** The cache file; none: no cache. */
  cacheFile?: string;
  offline?: boolean;
  timeoutMs?: number;
  maxRetries?: number;
  /** ASNs or exchange ids per request. */
  batch?: number;
  maxAgeDays?: number;
  now?: () => Date;
  userAgent?: string;
}

interface CacheFile {
  version: 1;
  base: string;
  asns: Record<string, { fetched: string; rows: NetIxLan[] }>;
  /** `ix: null`: PeeringDB has no such exchange (not asked again until stale). */
  ixs: Record<string, { fetched: string; ix: Ix | null }>;
}

function readCache(file: string | undefined, base: string): CacheFile {
  const empty: CacheFile = { version: 1, base, asns: {}, ixs: {} };
  if (!file) return empty;
  try {
    const c = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
    return c && c.version === 1 && c.base === base && c.asns && c.ixs ? c : empty;
  } catch {
    return empty;
  }
}

function writeCache(file: string | undefined, c: CacheFile): void {
  if (!file) return;
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(c));
  renameSync(tmp, file);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seconds to wait from a Retry-After header (seconds or an HTTP date); 1 when absent or unreadable. */
export function retryAfterSeconds(h: string | null, now = Date.now()): number {
  if (h === null || h.trim() === '') return 1;
  if (/^\d+$/.test(h.trim())) return Number(h.trim());
  const t = Date.parse(h);
  return Number.isNaN(t) ? 1 : Math.max(0, Math.ceil((t - now) / 1000));
}

async function getRows(url: string, o: Required<Pick<PeeringDbOptions, 'timeoutMs' | 'maxRetries' | 'userAgent'>>): Promise<Record<string, unknown>[]> {
  for (let attempt = 0; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, { headers: { accept: 'application/json', 'user-agent': o.userAgent }, signal: AbortSignal.timeout(o.timeoutMs) });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      const why = err.name === 'TimeoutError' ? `no answer in ${o.timeoutMs / 1000} s` : err.cause?.code ?? err.message;
      throw new IxpError(`PeeringDB ${url}: ${why}`, 'Check the network, or give IXP files with --ixp FOLDER, or use --offline with a cache.');
    }
    if ((res.status === 429 || res.status === 503) && attempt < o.maxRetries) {
      const wait = retryAfterSeconds(res.headers.get('retry-after'));
      await res.body?.cancel();
      if (wait > 60) throw new IxpError(`PeeringDB ${url}: rate limited, asked to wait ${wait} s`, 'Try again later, or give IXP files with --ixp FOLDER.');
      await sleep(wait * 1000);
      continue;
    }
    const text = await res.text();
    if (!res.ok) {
      throw new IxpError(`PeeringDB ${url}: HTTP ${res.status}${res.status === 429 ? ' (rate limited; retried ' + o.maxRetries + ' times)' : ''}`,
        'Try again later, or give IXP files with --ixp FOLDER.');
    }
    return parsePeeringDbPage(text, `PeeringDB ${url}`);
  }
}

export interface PeeringDbAnswer {
  presence: IxpPresence;
  notes: string[];
  /** Requests made (0 when the cache answered). */
  requests: number;
}

/** The exchanges of `asns` per PeeringDB, from the cache when fresh, from the API otherwise. */
export async function peeringDbPresence(asns: readonly number[], opts: PeeringDbOptions = {}): Promise<PeeringDbAnswer> {
  const base = (opts.baseUrl ?? peeringDbUrl()).replace(/\/+$/, '');
  const now = opts.now?.() ?? new Date();
  const today = now.toISOString().slice(0, 10);
  const maxAge = (opts.maxAgeDays ?? 7) * 86400_000;
  const batch = opts.batch ?? 50;
  const http = { timeoutMs: opts.timeoutMs ?? 15_000, maxRetries: opts.maxRetries ?? 3, userAgent: opts.userAgent ?? 'asrel (https://github.com/; IXP presence for peering fixes)' };
  const cache = readCache(opts.cacheFile, base);
  const notes: string[] = [];
  const fresh = (d: string | undefined) => d !== undefined && now.getTime() - Date.parse(d) < maxAge;
  const wanted = [...new Set(asns)].sort((x, y) => x - y);
  let requests = 0;

  const needAsns = wanted.filter((a) => (opts.offline ? !cache.asns[a] : !fresh(cache.asns[a]?.fetched)));
  // ASes with no answer at all, and why: an answer must not read "no exchange" into them.
  const unknown = new Map<number, string>();
  if (needAsns.length && opts.offline) {
    notes.push(`ixp: --offline: PeeringDB answers for ${needAsns.map((a) => `AS${a}`).join(', ')} are not in the cache` +
      `${opts.cacheFile ? ` (${opts.cacheFile})` : ''}; run once without --offline to fetch them`);
    for (const a of needAsns) unknown.set(a, `no PeeringDB data cached for AS${a} (run once without --offline)`);
  } else if (needAsns.length) {
    try {
      for (let i = 0; i < needAsns.length; i += batch) {
        const part = needAsns.slice(i, i + batch);
        const got = netIxLanRows(await getRows(`${base}/api/netixlan?asn__in=${part.join(',')}`, http));
        requests++;
        for (const a of part) cache.asns[a] = { fetched: today, rows: [] };
        for (const r of got.rows) cache.asns[r.asn]?.rows.push(r);
      }
    } catch (e) {
      // A failed lookup is a note, never a failed answer: stale cached answers where there
      // are some, and for the other ASes the answer says their exchanges are unknown.
      if (!(e instanceof IxpError)) throw e;
      const missing = wanted.filter((a) => !cache.asns[a]);
      notes.push(`ixp: ${e.message}: ${missing.length ? `no exchanges known for ${missing.map((a) => `AS${a}`).join(', ')}` : 'using the cached PeeringDB answers instead'}`);
      for (const a of missing) unknown.set(a, `PeeringDB could not be asked about AS${a} (${e.message.replace(/^PeeringDB /, '')})`);
    }
  }
  const rows = wanted.flatMap((a) => cache.asns[a]?.rows ?? []);
  const ixIds = [...new Set(rows.map((r) => r.ix_id))].sort((x, y) => x - y);
  const needIx = ixIds.filter((id) => !cache.ixs[id] || (!opts.offline && !fresh(cache.ixs[id]!.fetched)));
  if (needIx.length && !opts.offline) {
    try {
      for (let i = 0; i < needIx.length; i += batch) {
        const part = needIx.slice(i, i + batch);
        const ixs = ixRows(await getRows(`${base}/api/ix?id__in=${part.join(',')}`, http));
        requests++;
        for (const id of part) cache.ixs[id] = { fetched: today, ix: null };
        for (const x of ixs) cache.ixs[x.id] = { fetched: today, ix: x };
      }
    } catch (e) {
      // Exchanges without their record are named by their LAN: worth a note, not a failed answer.
      if (!(e instanceof IxpError)) throw e;
      notes.push(`ixp: ${e.message}: some exchanges named by their LAN only`);
    }
  }
  if (requests) writeCache(opts.cacheFile, cache);

  const dates = wanted.map((a) => cache.asns[a]?.fetched).filter((d): d is string => !!d).sort();
  // Nothing fetched or cached: the dataset has no date, and no age is claimed for it.
  const date = dates[0] ?? 'no date (no answers)';
  const presence = presenceFromPeeringDb(rows, ixIds.map((id) => cache.ixs[id]?.ix).filter((x): x is Ix => !!x), {
    source: PEERINGDB_SOURCE,
    date,
    from: requests ? `${base} (asked now${opts.cacheFile ? `, cached in ${opts.cacheFile}` : ''})` : `cache ${opts.cacheFile ?? ''} of ${base}`.replace('  ', ' '),
  });
  if (unknown.size) presence.unknown = unknown;
  return { presence, notes, requests };
}
