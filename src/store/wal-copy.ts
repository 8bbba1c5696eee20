/**
 * A store in a folder that cannot be written, with a write-ahead log (`asrel.sqlite-wal`)
 * beside it and no `-shm`: a copy taken while a writer had the store open, or a writer that
 * died on media since made read-only. SQLite cannot open it read-only (a WAL database needs
 * its -shm, which the folder cannot hold), and the immutable open store.ts falls back to
 * reads no -wal: the writes it holds would silently be missing.
 *
 * Why a copy: SQLite reads a -wal only through a -shm, so the two files are copied to a
 * temporary folder, where SQLite folds the log into the copy (journal_mode = DELETE
 * checkpoints it). The copy is then opened read-only and unlinked at once: the open file
 * keeps its data (POSIX), so nothing is left behind even if the process is killed, and the
 * store itself is never written. The copy needs as much temporary space as the store (the
 * log again while it is folded in), so it is made only when that fits with room to spare
 * and under a cap (copying takes time); otherwise the caller opens immutable and says what
 * is not seen.
 */
import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, mkdtempSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** 4 GiB: larger stores are opened immutable with a note rather than copied. ASREL_WAL_COPY_MAX (bytes) changes it (tests). */
const DEFAULT_MAX_COPY = 4 * 1024 ** 3;
/** Space left free on the temporary folder's disk after the copy. */
const MARGIN = 256 * 1024 ** 2;

/** Bytes in the -wal beside `path` (0 when there is none). */
export function walBytes(path: string): number {
  return statSync(`${path}-wal`, { throwIfNoEntry: false })?.size ?? 0;
}

function maxCopy(): number {
  const env = process.env.ASREL_WAL_COPY_MAX;
  return env !== undefined && /^\d+$/.test(env) ? Number(env) : DEFAULT_MAX_COPY;
}

function mib(bytes: number): string {
  return bytes < 1024 ** 2 ? `${Math.ceil(bytes / 1024)} KiB` : `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

export type WalCopy = { db: Database.Database } | { why: string };

/**
 * The store `path` with its -wal folded in, from a temporary copy opened read-only, or why
 * not. `check` reads the opened copy as a store (it may throw: then the copy is closed).
 */
export function openWalCopy(path: string, wal: number, check: (db: Database.Database) => void): WalCopy {
  const need = statSync(path).size + 2 * wal;
  const cap = maxCopy();
  if (need > cap) return { why: `copying it and the store (${mib(need)}) to read it is over the ${mib(cap)} limit` };
  const tmp = tmpdir();
  let free = Infinity;
  try {
    const s = statfsSync(tmp);
    free = s.bavail * s.bsize;
  } catch {
    // Unknown: the copy itself says when it does not fit.
  }
  if (need + MARGIN > free) return { why: `${tmp} has no room for a copy (${mib(need)})` };
  let dir: string | undefined;
  let db: Database.Database | undefined;
  try {
    dir = mkdtempSync(join(tmp, 'asrel-wal-'));
    const copy = join(dir, 'asrel.sqlite');
    copyFileSync(path, copy);
    copyFileSync(`${path}-wal`, `${copy}-wal`);
    // The copies keep the files' modes: a read-only store file would make a read-only copy.
    chmodSync(copy, 0o600);
    chmodSync(`${copy}-wal`, 0o600);
    const w = new Database(copy, { fileMustExist: true });
    try {
      w.pragma('journal_mode = DELETE');
    } finally {
      w.close();
    }
    db = new Database(copy, { readonly: true, fileMustExist: true });
    check(db);
    return { db };
  } catch (e) {
    db?.close();
    db = undefined;
    return { why: `copying it to ${tmp} failed (${(e as Error).message.split('\n')[0]})` };
  } finally {
    // The open copy (if any) lives on after its name is gone. Where an open file cannot be
    // removed (Windows), it goes when the process ends.
    if (dir) removeNowOrAtExit(dir);
  }
}

function removeNowOrAtExit(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    process.once('exit', () => {
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // Left in the temporary folder.
      }
    });
  }
}

/** The note for a -wal that is not read. */
export function walNotReadNote(path: string, wal: number, why: string): string {
  return `the store ${path} has a write-ahead log (${path}-wal, ${mib(wal)}) that is not read, so the last writes may be missing from this answer: its folder is read-only and ${why}; copy the store folder somewhere writable and use --data there`;
}
