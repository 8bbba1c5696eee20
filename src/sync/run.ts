/**
 * One sync of one source: decide between a full load and the changes since the recorded
 * serial, fetch, check, apply. NRTMv4 when the source has a notification file, else NRTMv3
 * after a dump, else the dump alone. Every reload says why; signature and key problems
 * refuse, naming what to do; network faults leave the store as it was.
 */
import type { KeyObject } from 'node:crypto';
import { dirname, join } from 'node:path';
import { Ingest } from '../infer/ingest.js';
import { streamObjects } from '../rpsl/read.js';
import type { RpslObject } from '../rpsl/types.js';
import type { Store } from '../store/store.js';
import { ensureSyncTable, setSyncKeys, syncState, touchSyncState, type SyncState } from '../store/sync-state.js';
import type { ObjectProvenance } from '../store/types.js';
import { applyBatch, deletion, fullLoad, keptObject, type Change, type StateFields } from './apply.js';
import { SyncError } from './errors.js';
import { downloadFile, fetchSmall, fileBytes } from './http-file.js';
import { publicKey, verifyCompactJws } from './jws.js';
import { parseNotification, readNrtm4File, type FileRef, type UpdateNotification } from './nrtm4.js';
import { queryNrtm3, type Nrtm3Options } from './nrtm3.js';

/** What to sync one source from (the table's entry with the command line's overrides). */
export interface SyncTarget {
  name: string;
  nrtm4?: { url: string; key?: string };
  nrtm3?: string;
  dump?: string[];
  serial?: string;
}

export interface SyncOptions {
  /** Called with one line per applied batch and per reload (`--watch` prints them). */
  onLine?: (line: string) => void;
  /** Asked between batches (Ctrl-C). */
  stop?: () => boolean;
  /** Seconds a whole download may take (none by default). */
  deadlineS?: number;
  nrtm3?: Nrtm3Options;
  now?: () => Date;
}

export interface SyncOutcome {
  source: string;
  protocol: SyncState['protocol'];
  /** `loaded`: a full copy (with `reason`); `applied`: changes; `current`: nothing new. */
  result: 'loaded' | 'applied' | 'current';
  reason?: string;
  serial: number | null;
  sessionId: string | null;
  batches: number;
  added: number;
  removed: number;
}

/** Largest files accepted: a notification file, a delta, a snapshot. */
const MAX_UNF = 16 * 1024 * 1024;
const MAX_DELTA = 1024 ** 3;
const MAX_SNAPSHOT = 32 * 1024 ** 3;
/** Changes per transaction when an NRTMv3 answer holds many. */
const NRTM3_BATCH = 1000;

export async function syncSource(store: Store, target: SyncTarget, opts: SyncOptions = {}): Promise<SyncOutcome> {
  ensureSyncTable(store);
  const now = opts.now ?? (() => new Date());
  const before = syncState(store, target.name);
  try {
    if (target.nrtm4) return await viaNrtm4(store, target, target.nrtm4, before, opts, now);
    if (target.nrtm3) return await viaNrtm3(store, target, target.nrtm3, before, opts, now);
    if (target.dump?.length) return await viaDump(store, target, before, opts, now, 'dump');
    throw new SyncError('refuse', `no endpoint for ${target.name}: give --nrtm4 URL --key KEY, --nrtm3 HOST:PORT or --dump URL`);
  } catch (e) {
    if (before) touchSyncState(store, target.name, now().toISOString(), e instanceof Error ? e.message.slice(0, 500) : String(e));
    throw e;
  }
}

/** The endpoints as recorded (the key is recorded on its own, once verified). */
function targetJson(t: SyncTarget): string {
  return JSON.stringify({ ...(t.nrtm4 ? { nrtm4: t.nrtm4.url } : {}), ...(t.nrtm3 ? { nrtm3: t.nrtm3 } : {}), ...(t.dump ? { dump: t.dump } : {}), ...(t.serial ? { serial: t.serial } : {}) });
}

/** The endpoints a source was last synced from, as a target (undefined when none were recorded). */
export function recordedTarget(s: SyncState): SyncTarget | undefined {
  let j: { nrtm4?: unknown; nrtm3?: unknown; dump?: unknown; serial?: unknown };
  try {
    j = JSON.parse(s.target ?? '') as typeof j;
  } catch {
    return undefined;
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const dump = Array.isArray(j.dump) && j.dump.every((u) => typeof u === 'string') ? (j.dump as string[]) : undefined;
  const t: SyncTarget = {
    name: s.source,
    ...(str(j.nrtm4) ? { nrtm4: { url: str(j.nrtm4)! } } : {}),
    ...(str(j.nrtm3) ? { nrtm3: str(j.nrtm3)! } : {}),
    ...(dump ? { dump } : {}),
    ...(str(j.serial) ? { serial: str(j.serial)! } : {}),
  };
  return t.nrtm4 || t.nrtm3 || t.dump ? t : undefined;
}

function provenance(source: string, protocol: string, now: Date): ObjectProvenance {
  return { kind: 'dump', from: `${source} mirror (${protocol})`, date: now.toISOString().slice(0, 10) };
}

function tempDir(store: Store): string {
  return join(dirname(store.path), 'sync-tmp');
}

// ── NRTMv4 ─────────────────────────────────────────────────────────────────────────────

async function viaNrtm4(store: Store, target: SyncTarget, ep: { url: string; key?: string }, before: SyncState | undefined, opts: SyncOptions, now: () => Date): Promise<SyncOutcome> {
  const jws = (await fetchSmall(ep.url, MAX_UNF)).toString('utf8');
  const { payload, key, nextKey, rotated } = verifyWithKeys(jws, target.name, ep.key, before);
  const unf = parseNotification(payload, target.name, ep.url, now().getTime());
  if (rotated) opts.onLine?.(`${target.name}: the notification file is now signed with the next key it announced earlier; that key is recorded`);
  const nextPem = nextKeyOf(unf.nextSigningKey, target.name, opts) ?? nextKey;
  const prov = provenance(target.name, 'NRTMv4', now());
  const out: SyncOutcome = { source: target.name, protocol: 'nrtm4', result: 'current', serial: before?.serial ?? null, sessionId: unf.sessionId, batches: 0, added: 0, removed: 0 };
  const state = (serial: number | null, loaded: string, note: string | null): StateFields => ({
    source: target.name, protocol: 'nrtm4', endpoint: ep.url, target: targetJson(target), sessionId: unf.sessionId, serial,
    updated: now().toISOString(), checked: now().toISOString(), loaded, note, key, nextKey: nextPem,
  });
  let reason = reloadReason4(before, unf);
  let at = before?.serial ?? 0;
  let loaded = before?.loaded ?? now().toISOString();
  for (let attempt = 0; ; attempt++) {
    if (reason) {
      const why = reason;
      const v = unf.snapshot.version;
      const r = await loadSnapshot4(store, target, unf, prov, (done, n) => (done
        ? state(v, now().toISOString(), `snapshot ${v} loaded: ${why}`)
        : state(null, now().toISOString(), `loading snapshot ${v} (${n} objects so far): ${why}`)), opts);
      Object.assign(out, { result: 'loaded', reason, added: out.added + r.added, removed: out.removed + r.removed });
      out.batches++;
      opts.onLine?.(`${target.name}: loaded snapshot ${unf.snapshot.version} (${r.added} objects kept, ${r.removed} dropped): ${reason}`);
      at = unf.snapshot.version;
      loaded = now().toISOString();
      reason = undefined;
    }
    try {
      const ingest = new Ingest(store);
      for (const d of unf.deltas) {
        if (d.version <= at) continue;
        if (opts.stop?.()) break;
        const changes = await readDelta(store, target.name, unf, d, opts);
        const r = applyBatch(store, ingest, target.name, prov, changes, state(d.version, loaded, null));
        at = d.version;
        out.batches++;
        out.added += r.added;
        out.removed += r.removed;
        if (out.result === 'current') out.result = 'applied';
        opts.onLine?.(`${target.name}: applied delta ${d.version} (${r.added} added or changed, ${r.removed} removed)`);
      }
      break;
    } catch (e) {
      // A damaged delta: back to the snapshot, once.
      if (!(e instanceof SyncError) || e.kind !== 'reload' || attempt > 0) throw e;
      reason = e.message;
    }
  }
  out.serial = at;
  if (out.result === 'current') {
    touchSyncState(store, target.name, now().toISOString(), null);
    setSyncKeys(store, target.name, key, nextPem);
  }
  return out;
}

const pem = (k: KeyObject) => k.export({ type: 'spki', format: 'pem' }).toString();

/**
 * Verifies the notification file with `--key` when given, else with the key recorded at the
 * last sync and then the next key that file announced (the draft's key rotation). Returns the
 * payload and the key (PEM) that verified it.
 */
function verifyWithKeys(jws: string, source: string, given: string | undefined, before: SyncState | undefined): { payload: Buffer; key: string; nextKey: string | null; rotated: boolean } {
  if (given !== undefined) {
    const k = publicKey(given);
    try {
      return { payload: verifyCompactJws(jws, k), key: pem(k), nextKey: before?.nextKey ?? null, rotated: false };
    } catch (e) {
      throw e instanceof SyncError ? new SyncError(e.kind, `${e.message} (given with --key)`) : e;
    }
  }
  const known = [before?.key, before?.nextKey].filter((k): k is string => !!k);
  if (known.length === 0) {
    throw new SyncError('refuse', `no public key for ${source}'s NRTMv4 notification file: give --key (PEM, a PEM file, or base64 DER) as the operator publishes it; asrel applies nothing unsigned`);
  }
  let last: unknown;
  for (const [i, k] of known.entries()) {
    try {
      return { payload: verifyCompactJws(jws, publicKey(k)), key: k, nextKey: i === 0 ? before?.nextKey ?? null : null, rotated: i === 1 };
    } catch (e) {
      last = e;
    }
  }
  const why = last instanceof Error ? last.message : String(last);
  throw new SyncError('refuse', `${why} (tried the key recorded at the last sync${known.length > 1 ? ' and the next key it announced' : ''}; if the operator changed keys, give the new one with --key)`);
}

/** The announced next signing key as PEM, or undefined (an unreadable one is reported and ignored). */
function nextKeyOf(announced: string | undefined, source: string, opts: SyncOptions): string | undefined {
  if (!announced) return undefined;
  try {
    return pem(publicKey(announced.includes('-----BEGIN') ? announced : announced.replace(/\s+/g, '')));
  } catch {
    opts.onLine?.(`${source}: the notification file announces a next signing key asrel cannot read; ignored`);
    return undefined;
  }
}

/** Why the recorded state cannot be followed with deltas, or undefined when it can. */
function reloadReason4(s: SyncState | undefined, unf: UpdateNotification): string | undefined {
  if (s?.serial === null && s.note?.startsWith('loading')) return `an earlier full load did not finish (${s.note})`;
  if (!s || s.protocol !== 'nrtm4' || s.serial === null) return 'first sync of this source over NRTMv4';
  if (s.sessionId !== unf.sessionId) return `the source started a new NRTMv4 session (${unf.sessionId}; the store followed ${s.sessionId})`;
  if (s.serial > unf.version) return `the source's version went backwards (${unf.version}; the store is at ${s.serial})`;
  if (s.serial < unf.version) {
    const first = unf.deltas[0]?.version;
    if (first === undefined || first > s.serial + 1) return `a gap: the store is at version ${s.serial} and the source's deltas start at ${first ?? `none (snapshot ${unf.snapshot.version})`}`;
  }
  return undefined;
}

async function verifiedFile(store: Store, ref: FileRef, what: string, max: number, opts: SyncOptions) {
  const file = await downloadFile(ref.url, tempDir(store), max, opts.deadlineS);
  if (file.sha256 !== ref.hash) {
    file.remove();
    throw new SyncError('reload', `${what} is damaged: its SHA-256 is ${file.sha256.slice(0, 16)}…, the notification file lists ${ref.hash.slice(0, 16)}… (${file.bytes} bytes received)`);
  }
  return file;
}

async function readDelta(store: Store, source: string, unf: UpdateNotification, d: FileRef, opts: SyncOptions): Promise<Change[]> {
  const file = await verifiedFile(store, d, `delta ${d.version}`, MAX_DELTA, opts);
  try {
    const changes: Change[] = [];
    for await (const c of readNrtm4File(fileBytes(file.path), 'delta', { source, sessionId: unf.sessionId, version: d.version })) {
      const change = c.op === 'add' ? addOf(c.text, source, `${source} delta ${d.version}`) : deletion(c.cls, c.key);
      if (change) changes.push(change);
    }
    return changes;
  } finally {
    file.remove();
  }
}

function addOf(text: string, source: string, label: string): Change | undefined {
  const object = keptObject(text, source, label);
  return object && { op: 'add', object };
}

async function loadSnapshot4(store: Store, target: SyncTarget, unf: UpdateNotification, prov: ObjectProvenance, state: (done: boolean, loaded: number) => StateFields, opts: SyncOptions) {
  let file;
  try {
    file = await verifiedFile(store, unf.snapshot, `snapshot ${unf.snapshot.version}`, MAX_SNAPSHOT, opts);
  } catch (e) {
    // A damaged snapshot cannot be recovered from here: report, apply nothing.
    if (e instanceof SyncError && e.kind === 'reload') throw new SyncError('retry', `${e.message}; nothing applied`);
    throw e;
  }
  const source = target.name;
  async function* objects(): AsyncGenerator<RpslObject> {
    for await (const c of readNrtm4File(fileBytes(file!.path), 'snapshot', { source, sessionId: unf.sessionId, version: unf.snapshot.version })) {
      if (c.op !== 'add') continue;
      const o = keptObject(c.text, source, `${source} snapshot ${unf.snapshot.version}`);
      if (o) yield o;
    }
  }
  try {
    return await fullLoad(store, source, prov, objects(), state, opts.stop);
  } catch (e) {
    if (e instanceof SyncError && e.kind === 'reload') throw new SyncError('retry', `${e.message}; the load stopped part-way, and the next run loads the snapshot again`);
    throw e;
  } finally {
    file.remove();
  }
}

// ── NRTMv3 (after a dump) and dumps alone ───────────────────────────────────────────────

async function viaNrtm3(store: Store, target: SyncTarget, server: string, before: SyncState | undefined, opts: SyncOptions, now: () => Date): Promise<SyncOutcome> {
  const prov = provenance(target.name, 'NRTMv3', now());
  let out: SyncOutcome = { source: target.name, protocol: 'nrtm3', result: 'current', serial: before?.serial ?? null, sessionId: null, batches: 0, added: 0, removed: 0 };
  let s = before;
  let loaded = before?.loaded ?? now().toISOString();
  const reload = async (reason: string) => {
    if (!target.dump?.length || !target.serial) {
      throw new SyncError('refuse', `${target.name} must be loaded whole (${reason}), and no dump with its serial file is known: give --dump URL (and the dump's CURRENTSERIAL beside it)`);
    }
    out = { ...(await viaDump(store, target, s, opts, now, 'nrtm3', server, reason)), protocol: 'nrtm3' };
    s = syncState(store, target.name);
    loaded = s!.loaded;
  };
  if (s?.serial === null && s.note?.startsWith('loading')) await reload(`an earlier full load did not finish (${s.note})`);
  else if (!s || s.protocol !== 'nrtm3' || s.serial === null) await reload('first sync of this source over NRTMv3');
  for (let attempt = 0; attempt < 2; attempt++) {
    const from = s!.serial! + 1;
    const answer = await queryNrtm3(server, target.name, from, opts.nrtm3);
    if (answer.kind === 'up-to-date') break;
    if (answer.kind === 'error') {
      const range = /(\d+)\s*-\s*(\d+)/.exec(answer.message);
      const why = `${server} answered %ERROR:${answer.code}: ${answer.message.slice(0, 200)}`;
      if (attempt === 0 && (answer.code === 401 || range)) {
        const lo = range ? Number(range[1]) : undefined;
        const hi = range ? Number(range[2]) : undefined;
        if (hi !== undefined && from > hi + 1) await reload(`the source's serial went backwards (its newest is ${hi}, the store is at ${from - 1}): ${why}`);
        else if (lo !== undefined && from < lo) await reload(`a gap: the source keeps serials from ${lo}, the store is at ${from - 1}: ${why}`);
        else if (hi !== undefined && from === hi + 1) break;
        else await reload(why);
        continue;
      }
      // NRTM refused (most operators allow only hosts they know): follow the dump's serial instead.
      if (target.dump?.length && target.serial) {
        const note = `${why}; following the dump instead, loaded again when its serial moves`;
        const moved = await dumpSerial(target.serial);
        if (moved > s!.serial!) {
          await reload(`${note} (it moved to ${moved})`);
          break;
        }
        opts.onLine?.(`${target.name}: ${note}; the dump is still at serial ${moved}`);
        touchSyncState(store, target.name, now().toISOString(), note);
        return out;
      }
      throw new SyncError('refuse', why);
    }
    if (answer.first !== from) {
      if (attempt > 0) throw new SyncError('retry', `${server} answered serials from ${answer.first}, asked from ${from}`);
      await reload(`a gap: asked for serials from ${from}, ${server} answered from ${answer.first}`);
      continue;
    }
    const ingest = new Ingest(store);
    for (let i = 0; i < answer.ops.length; i += NRTM3_BATCH) {
      if (opts.stop?.()) break;
      const slice = answer.ops.slice(i, i + NRTM3_BATCH);
      const changes: Change[] = [];
      for (const op of slice) {
        const object = keptObject(op.text, target.name, `${target.name} serial ${op.serial}`);
        if (!object) continue;
        changes.push(op.op === 'ADD' ? { op: 'add', object } : { op: 'del', cls: object.class, key: object.key.toUpperCase() });
      }
      const last = i + NRTM3_BATCH >= answer.ops.length ? answer.last : slice.at(-1)!.serial;
      const r = applyBatch(store, ingest, target.name, prov, changes, {
        source: target.name, protocol: 'nrtm3', endpoint: server, target: targetJson(target), sessionId: null, serial: last,
        updated: now().toISOString(), checked: now().toISOString(), loaded, note: null, key: null, nextKey: null,
      });
      out.batches++;
      out.added += r.added;
      out.removed += r.removed;
      out.serial = last;
      if (out.result === 'current') out.result = 'applied';
      opts.onLine?.(`${target.name}: applied serials ${slice[0]!.serial}-${last} (${r.added} added or changed, ${r.removed} removed)`);
    }
    break;
  }
  if (out.result === 'current') touchSyncState(store, target.name, now().toISOString(), null);
  return out;
}

/** The serial in a CURRENTSERIAL file. */
async function dumpSerial(url: string): Promise<number> {
  const text = (await fetchSmall(url, 1024)).toString('utf8').trim();
  if (!/^\d{1,15}$/.test(text)) throw new SyncError('refuse', `${url} does not hold a serial (${JSON.stringify(text.slice(0, 40))})`);
  return Number(text);
}

async function viaDump(
  store: Store, target: SyncTarget, before: SyncState | undefined, opts: SyncOptions, now: () => Date,
  protocol: 'dump' | 'nrtm3', endpoint?: string, reason?: string,
): Promise<SyncOutcome> {
  const urls = target.dump ?? [];
  // The serial first: the dump is cut at it or later, and changes after it are applied again harmlessly.
  const serial = target.serial ? await dumpSerial(target.serial) : null;
  if (protocol === 'dump' && before?.protocol === 'dump' && serial !== null && before.serial === serial && !before.note?.startsWith('loading')) {
    touchSyncState(store, target.name, now().toISOString(), null);
    return { source: target.name, protocol, result: 'current', serial, sessionId: null, batches: 0, added: 0, removed: 0 };
  }
  const why = reason ?? (before?.serial === null && before.note?.startsWith('loading') ? `an earlier full load did not finish (${before.note})` : before ? (serial === null ? 'no serial file to compare: the dump is loaded again' : `the dump moved to serial ${serial} (the store holds ${before.serial ?? 'none'})`) : 'first sync of this source');
  const prov = provenance(target.name, protocol === 'nrtm3' ? 'dump, then NRTMv3' : 'dump', now());
  const source = target.name;
  async function* objects(): AsyncGenerator<RpslObject> {
    for (const url of urls) {
      // Downloaded whole first: read while it is applied, the body waits on the store, and
      // servers close connections that stall (Node's after 5 s, nginx's after 60 s).
      const file = await downloadFile(url, tempDir(store), MAX_SNAPSHOT, opts.deadlineS);
      try {
        for await (const o of streamObjects(file.path, url, undefined, { checkText: true })) {
          if (!Ingest.keeps(o)) continue;
          o.source = source.toUpperCase();
          yield o;
        }
      } finally {
        file.remove();
      }
    }
  }
  const r = await fullLoad(store, source, prov, objects(), (done, n) => ({
    source, protocol, endpoint: endpoint ?? urls[0]!, target: targetJson(target), sessionId: null, serial: done ? serial : null, updated: now().toISOString(),
    checked: now().toISOString(), loaded: now().toISOString(), note: done ? `dump loaded: ${why}` : `loading the dump (${n} objects so far): ${why}`, key: null, nextKey: null,
  }), opts.stop);
  opts.onLine?.(`${source}: loaded dump${serial !== null ? ` at serial ${serial}` : ''} (${r.added} objects kept, ${r.removed} dropped): ${why}`);
  return { source, protocol, result: 'loaded', reason: why, serial, sessionId: null, batches: 1, added: r.added, removed: r.removed };
}
