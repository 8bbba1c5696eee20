/**
 * Reading and writing the sync_state table (src/store/sync-schema.ts). record() is called
 * inside the transaction that applied a batch, so the serial and the objects commit together.
 */
import { SYNC_SCHEMA_SQL } from './sync-schema.js';
import type { Store } from './store.js';

export interface SyncState {
  source: string;
  protocol: 'nrtm4' | 'nrtm3' | 'dump';
  endpoint: string;
  /** JSON of every endpoint it was synced from, so that `asrel sync NAME` finds them again. */
  target: string | null;
  sessionId: string | null;
  serial: number | null;
  updated: string;
  checked: string;
  loaded: string;
  objects: number;
  autNums: number;
  note: string | null;
  /** NRTMv4: the public key (PEM) the notification file verified with, and the next one it announced. */
  key: string | null;
  nextKey: string | null;
}

interface Row {
  source: string;
  protocol: SyncState['protocol'];
  endpoint: string;
  target: string | null;
  session_id: string | null;
  serial: number | null;
  updated: string;
  checked: string;
  loaded: string;
  objects: number;
  aut_nums: number;
  note: string | null;
  key: string | null;
  next_key: string | null;
}

function hasTable(store: Store): boolean {
  return store.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'").get() !== undefined;
}

/** Creates the table in a store made before sync existed (a no-op otherwise). */
export function ensureSyncTable(store: Store): void {
  if (!hasTable(store)) store.db.exec(SYNC_SCHEMA_SQL);
}

function fromRow(r: Row): SyncState {
  return {
    source: r.source, protocol: r.protocol, endpoint: r.endpoint, target: r.target, sessionId: r.session_id, serial: r.serial,
    updated: r.updated, checked: r.checked, loaded: r.loaded, objects: r.objects, autNums: r.aut_nums, note: r.note,
    key: r.key, nextKey: r.next_key,
  };
}

/** Every synced source, by name (none when the store was never synced). */
export function syncStates(store: Store): SyncState[] {
  if (!hasTable(store)) return [];
  return (store.db.prepare('SELECT * FROM sync_state ORDER BY source').all() as Row[]).map(fromRow);
}

export function syncState(store: Store, source: string): SyncState | undefined {
  if (!hasTable(store)) return undefined;
  const r = store.db.prepare('SELECT * FROM sync_state WHERE source = ?').get(source.toUpperCase()) as Row | undefined;
  return r && fromRow(r);
}

/** Objects of one source in the store, all classes and aut-nums (every version, active or not). */
export function sourceCounts(store: Store, source: string): { objects: number; autNums: number } {
  const r = store.db.prepare("SELECT count(*) AS n, coalesce(sum(class = 'aut-num'), 0) AS a FROM objects WHERE source = ?").get(source.toUpperCase()) as { n: number; a: number };
  return { objects: r.n, autNums: r.a };
}

/** Writes the source's state after a batch (call inside the batch's transaction). */
export function recordSyncState(store: Store, s: Omit<SyncState, 'objects' | 'autNums'>): void {
  const c = sourceCounts(store, s.source);
  store.db.prepare(`INSERT OR REPLACE INTO sync_state (source, protocol, endpoint, target, session_id, serial, updated, checked, loaded, objects, aut_nums, note, key, next_key)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(s.source.toUpperCase(), s.protocol, s.endpoint, s.target, s.sessionId, s.serial, s.updated, s.checked, s.loaded, c.objects, c.autNums, s.note, s.key, s.nextKey);
}

/** Records the NRTMv4 keys after a notification file verified (its announced next key may change without a batch). */
export function setSyncKeys(store: Store, source: string, key: string, nextKey: string | null): void {
  if (hasTable(store)) store.db.prepare('UPDATE sync_state SET key = ?, next_key = ? WHERE source = ?').run(key, nextKey, source.toUpperCase());
}

/** Notes that the source was asked and had nothing new (or failed): only `checked` and `note` change. */
export function touchSyncState(store: Store, source: string, checked: string, note: string | null): void {
  if (!hasTable(store)) return;
  store.db.prepare('UPDATE sync_state SET checked = ?, note = ? WHERE source = ?').run(checked, note, source.toUpperCase());
}

/** Drops a source's state: the next run loads it whole. */
export function forgetSyncState(store: Store, source: string): void {
  if (hasTable(store)) store.db.prepare('DELETE FROM sync_state WHERE source = ?').run(source.toUpperCase());
}

/** Keys (`class KEY`) of every stored object of one source (to drop those a full load no longer holds). */
export function sourceKeys(store: Store, source: string): string[] {
  return (store.db.prepare('SELECT class, key FROM objects WHERE source = ?').all(source.toUpperCase()) as { class: string; key: string }[]).map((r) => `${r.class} ${r.key}`);
}
