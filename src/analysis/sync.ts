/**
 * `asrel sync`: which sources to mirror and from where (the table in src/sync/sources.ts, or
 * the command line's endpoints), one sync of each, `--status`, and `--watch`. The command
 * file calls only this module.
 */
import { dirname } from 'node:path';
import { HttpDumpError } from '../gather/http-dump.js';
import { InputError } from '../rpsl/read.js';
import { syncStates, type SyncState } from '../store/sync-state.js';
import { LoadStopped } from '../sync/apply.js';
import { lockSync } from '../sync/lock.js';
import { SyncError } from '../sync/errors.js';
import { SOURCES, sourceEntry } from '../sync/sources.js';
import { recordedTarget, syncSource, type SyncOutcome, type SyncTarget } from '../sync/run.js';
import { storeFailureError, UserError } from './errors.js';
import { openStore } from './open-data.js';

export type { SyncOutcome } from '../sync/run.js';

export interface SyncRequest {
  data: string;
  sources: string[];
  dump?: string[];
  serial?: string;
  nrtm4?: string;
  key?: string;
  nrtm3?: string;
  /** Seconds a whole download may take. */
  timeout?: number;
}

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

/**
 * The targets named. Endpoints given on the command line replace the table's for the one
 * source named (so a local test server is never mixed with the operator's endpoints); a
 * source synced before uses the endpoints recorded then.
 */
export function syncTargets(req: SyncRequest, synced: readonly SyncState[] = []): SyncTarget[] {
  const targets = resolveTargets(req, synced);
  if (req.key !== undefined && !targets.some((t) => t.nrtm4)) {
    throw new UserError('--key is the public key of an NRTMv4 notification file, and no NRTMv4 source is named', 2, 'Give --nrtm4 URL with --key, or name a source that publishes NRTMv4 (RIPE).');
  }
  return targets;
}

function resolveTargets(req: SyncRequest, synced: readonly SyncState[]): SyncTarget[] {
  for (const s of req.sources) if (!NAME.test(s)) throw new UserError(`'${s}' is not a source name`, 2, 'Name IRR sources as they are written, e.g. asrel sync RIPE RADB.');
  const overrides = req.dump !== undefined || req.nrtm4 !== undefined || req.nrtm3 !== undefined || req.serial !== undefined;
  if (overrides) {
    if (req.sources.length !== 1) throw new UserError('--dump, --serial, --nrtm4 and --nrtm3 give the endpoints of one source', 2, 'Name exactly one source with them, e.g. asrel sync RADB --nrtm3 127.0.0.1:4343 --dump URL --serial URL.');
    for (const u of [...(req.dump ?? []), req.nrtm4, req.serial]) {
      if (u !== undefined && !/^https?:\/\//i.test(u)) throw new UserError(`'${u}' is not an http(s) URL`, 2, 'asrel fetches dumps, serial files and NRTMv4 files over HTTP(S).');
    }
    return [{
      name: req.sources[0]!.toUpperCase(),
      ...(req.nrtm4 ? { nrtm4: { url: req.nrtm4, ...(req.key ? { key: req.key } : {}) } } : {}),
      ...(req.nrtm3 ? { nrtm3: req.nrtm3 } : {}),
      ...(req.dump ? { dump: req.dump } : {}),
      ...(req.serial ? { serial: req.serial } : {}),
    }];
  }
  const names = req.sources.length ? req.sources.map((s) => s.toUpperCase()) : synced.map((s) => s.source);
  if (names.length === 0) throw new UserError('name the sources to mirror', 2, `Known sources: ${SOURCES.map((s) => s.name).join(', ')}; e.g. asrel sync RIPE RADB.`);
  return names.map((name) => {
    const e = sourceEntry(name);
    const before = synced.find((s) => s.source === name);
    // A source synced before goes on from the endpoints it was synced from (the table's, or
    // those given on the command line then); the table names the endpoints of a first sync.
    const recorded = before && recordedTarget(before);
    if (recorded) return { ...recorded, ...(recorded.nrtm4 && req.key ? { nrtm4: { ...recorded.nrtm4, key: req.key } } : {}) };
    if (!e) {
      if (before) throw new UserError(`${name} was synced from ${before.endpoint}, which asrel's table of sources does not know`, 2, `Give its endpoints again, e.g. asrel sync ${name} --${before.protocol === 'dump' ? 'dump' : before.protocol} ${before.endpoint}.`);
      throw new UserError(`unknown source ${name}`, 2, `Known sources: ${SOURCES.map((s) => s.name).join(', ')}; for another, give --dump URL, --nrtm4 URL --key KEY or --nrtm3 HOST:PORT.`);
    }
    return {
      name,
      ...(e.nrtm4 ? { nrtm4: { url: e.nrtm4, ...(req.key ? { key: req.key } : {}) } } : {}),
      ...(e.nrtm3 ? { nrtm3: e.nrtm3 } : {}),
      ...(e.dump ? { dump: e.dump } : {}),
      ...(e.serial ? { serial: e.serial } : {}),
    };
  });
}

export interface SyncFailure {
  source: string;
  message: string;
  kind: 'refuse' | 'retry' | 'reload' | 'stopped';
}

/** One sync of each source named; a source that fails does not stop the others. */
export async function runSync(req: SyncRequest, o: { onLine?: (l: string) => void; stop?: () => boolean } = {}): Promise<{ outcomes: SyncOutcome[]; failures: SyncFailure[] }> {
  const store = openStore(req.data, { write: true });
  let unlock: (() => void) | undefined;
  try {
    const targets = syncTargets(req, syncStates(store));
    try {
      unlock = lockSync(dirname(store.path));
    } catch (e) {
      if (e instanceof SyncError) throw new UserError(e.message, 1, 'One sync per store at a time: a cron line and --watch should not both run.');
      throw e;
    }
    const outcomes: SyncOutcome[] = [];
    const failures: SyncFailure[] = [];
    for (const t of targets) {
      if (o.stop?.()) break;
      try {
        outcomes.push(await syncSource(store, t, { onLine: o.onLine, stop: o.stop, ...(req.timeout ? { deadlineS: req.timeout } : {}) }));
      } catch (e) {
        failures.push(failureOf(t.name, e, store.path));
      }
    }
    return { outcomes, failures };
  } finally {
    unlock?.();
    store.close();
  }
}

function failureOf(source: string, e: unknown, path: string): SyncFailure {
  if (e instanceof SyncError) return { source, message: e.message, kind: e.kind };
  if (e instanceof LoadStopped) return { source, message: e.message, kind: 'stopped' };
  if (e instanceof HttpDumpError || e instanceof InputError) return { source, message: `${e.message}; the next run starts that load again`, kind: 'retry' };
  const f = storeFailureError(e, { path });
  if (f) throw f;
  if ((e as { name?: string }).name === 'QueryInputError') return { source, message: (e as Error).message, kind: 'refuse' };
  throw e;
}

export interface StatusRow extends SyncState {
  /** Seconds since the last applied batch. */
  ageS: number;
}

/** Every synced source of the store (none for a store never synced). */
export function syncStatus(data: string, now = Date.now()): StatusRow[] {
  const store = openStore(data, { readonly: true });
  try {
    return syncStates(store).map((s) => ({ ...s, ageS: Math.max(0, Math.round((now - Date.parse(s.updated)) / 1000)) }));
  } finally {
    store.close();
  }
}

/** `1h 5m`, `3d 2h`, `40 s`. */
export function ageText(s: number): string {
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${m % 60}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}
