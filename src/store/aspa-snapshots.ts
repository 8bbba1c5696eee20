/**
 * Dated snapshots of validated ASPA sets in the store (tables: aspa-schema.ts). A snapshot is
 * written whole in one transaction or not at all; records are kept compactly, one row per
 * customer with its providers as text. Reading one back gives the records the reader made.
 */
import { createHash } from 'node:crypto';
import type { AspaFormat, AspaRecord, ProfileFlag } from '../aspa/types.js';
import { ASPA_SCHEMA_SQL } from './aspa-schema.js';
import type { Store } from './store.js';

export interface AspaSnapshotInfo {
  id: number;
  /** ISO time: the validator's, the file's, or the import's (`dateHow`). */
  date: string;
  dateHow: string;
  /** The file name or URL it was imported from. */
  origin: string;
  format: AspaFormat | null;
  /** When it was imported (ISO). */
  imported: string;
  records: number;
  /** Records that break the profile (kept, flagged). */
  flagged: number;
  /** Records the reader skipped (not records: wrong types, malformed lines). */
  skipped: number;
  digest: string;
}

export interface AspaSnapshotInput {
  date: string;
  dateHow: string;
  origin: string;
  format: AspaFormat | undefined;
  records: Iterable<AspaRecord>;
  skipped: number;
}

/** Flags that say a record breaks the profile ('merged' and 'per-family' only say how it was read). */
export const PROFILE_BREAKS: readonly ProfileFlag[] = ['as0-mixed', 'customer-in-set', 'duplicate-provider', 'private-or-reserved'];
export const breaksProfile = (r: AspaRecord) => r.flags.some((f) => PROFILE_BREAKS.includes(f));

interface SnapshotRow {
  id: number; date: string; date_how: string; origin: string; format: string | null; imported: string;
  records: number; flagged: number; skipped: number; digest: string;
}

const info = (r: SnapshotRow): AspaSnapshotInfo => ({
  id: r.id, date: r.date, dateHow: r.date_how, origin: r.origin, format: r.format as AspaFormat | null, imported: r.imported,
  records: r.records, flagged: r.flagged, skipped: r.skipped, digest: r.digest,
});

/** True when the store has the ASPA tables (a store made before them has none, and no snapshot). */
function hasTables(store: Store): boolean {
  return store.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'aspa_snapshots'").get() !== undefined;
}

const list = (xs: readonly number[] | undefined) => (xs && xs.length ? xs.join(' ') : null);

/**
 * Writes a snapshot in one transaction. The same records with the same date already stored
 * are not stored twice: `existing` is that snapshot then.
 */
export function putAspaSnapshot(store: Store, input: AspaSnapshotInput): { snapshot: AspaSnapshotInfo; existing: boolean } {
  const records = [...input.records].sort((a, b) => a.customer - b.customer);
  const hash = createHash('sha256');
  for (const r of records) hash.update(`${r.customer}:${r.providers.join(' ')}:${r.flags.join(' ')}\n`);
  const digest = hash.digest('hex');
  // A store made before these tables gets them now (CREATE … IF NOT EXISTS).
  if (!hasTables(store)) store.db.exec(ASPA_SCHEMA_SQL);
  return store.transaction(() => {
    const same = store.db.prepare('SELECT * FROM aspa_snapshots WHERE digest = ? AND date = ? ORDER BY id LIMIT 1').get(digest, input.date) as SnapshotRow | undefined;
    if (same) return { snapshot: info(same), existing: true };
    const flagged = records.filter(breaksProfile).length;
    const row = store.db.prepare(`INSERT INTO aspa_snapshots (date, date_how, origin, format, imported, records, flagged, skipped, digest)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`).get(
      input.date, input.dateHow, input.origin, input.format ?? null, new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), records.length, flagged, input.skipped, digest,
    ) as SnapshotRow;
    const put = store.db.prepare('INSERT INTO aspa_records (snapshot_id, customer, providers, flags, ipv4, ipv6, expires) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const r of records) {
      put.run(row.id, r.customer, r.providers.join(' '), r.flags.length ? r.flags.join(' ') : null, list(r.perFamily?.ipv4), list(r.perFamily?.ipv6), r.expires ?? null);
    }
    return { snapshot: info(row), existing: false };
  });
}

/** Every snapshot, oldest first (by date, then by import order). */
export function aspaSnapshots(store: Store): AspaSnapshotInfo[] {
  if (!hasTables(store)) return [];
  return (store.db.prepare('SELECT * FROM aspa_snapshots ORDER BY date, id').all() as SnapshotRow[]).map(info);
}

const nums = (s: string | null) => (s ? s.split(' ').map(Number) : []);

/** The records of one snapshot, by customer. */
export function aspaSnapshotRecords(store: Store, snapshot: AspaSnapshotInfo): Map<number, AspaRecord> {
  const out = new Map<number, AspaRecord>();
  const format = snapshot.format ?? 'rpki-client-json';
  const rows = store.db.prepare('SELECT customer, providers, flags, ipv4, ipv6, expires FROM aspa_records WHERE snapshot_id = ? ORDER BY customer').raw()
    .iterate(snapshot.id) as Iterable<[number, string, string | null, string | null, string | null, number | null]>;
  for (const [customer, providers, flags, ipv4, ipv6, expires] of rows) {
    out.set(customer, {
      customer, providers: nums(providers), flags: (flags ? flags.split(' ') : []) as ProfileFlag[], format,
      ...(ipv4 !== null || ipv6 !== null ? { perFamily: { ipv4: nums(ipv4), ipv6: nums(ipv6) } } : {}),
      ...(expires !== null ? { expires } : {}),
    });
  }
  return out;
}
