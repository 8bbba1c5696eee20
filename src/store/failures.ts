/**
 * SQLite failures a user can meet anywhere a store is read or written — a damaged file, a
 * full or failing disk, read-only media — turned into one line that names the file and says
 * what to do. The CLI's last error handler asks storeFailure() about any error it did not
 * expect, so a SqliteError thrown deep inside an analysis is still one line, not a stack.
 *
 * This module imports nothing (the CLI entry loads it at start-up).
 */

/** Database files of stores this process opened, newest last: an SQLite error names them. */
const opened: string[] = [];

export function noteStoreOpened(path: string): void {
  if (!opened.includes(path)) opened.push(path);
}

/** What an answer from a store should say about how it was opened (a -wal not read), by database file. */
const openingNotes = new Map<string, string[]>();

export function noteStoreOpening(path: string, note: string): void {
  const notes = openingNotes.get(path) ?? [];
  if (!notes.includes(note)) notes.push(note);
  openingNotes.set(path, notes);
}

/** The notes of opening the store file `path` (none for most stores). */
export function storeOpeningNotes(path: string): string[] {
  return openingNotes.get(path) ?? [];
}

export type StoreFailureKind = 'damaged' | 'full' | 'io' | 'read-only';

export interface StoreFailure {
  kind: StoreFailureKind;
  message: string;
  hint: string;
  exitCode: 1 | 2;
}

/** The SQLite result code of an error (`SQLITE_CORRUPT_INDEX` → `SQLITE_CORRUPT`), or undefined. */
function sqliteCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  return code.split('_').slice(0, 2).join('_');
}

/** What kind of store failure `err` is, if it is one. */
export function storeFailureKind(err: unknown): StoreFailureKind | undefined {
  const sqlite = sqliteCode(err);
  if (sqlite === 'SQLITE_CORRUPT' || sqlite === 'SQLITE_NOTADB') return 'damaged';
  if (sqlite === 'SQLITE_FULL') return 'full';
  if (sqlite === 'SQLITE_IOERR') return 'io';
  if (sqlite === 'SQLITE_READONLY') return 'read-only';
  const errno = (err as { code?: unknown } | null)?.code;
  if (errno === 'ENOSPC' || errno === 'EDQUOT') return 'full';
  if (errno === 'EIO') return 'io';
  if (errno === 'EROFS') return 'read-only';
  return undefined;
}

function folderOf(file: string): string {
  const at = file.lastIndexOf('/');
  return at > 0 ? file.slice(0, at) : '.';
}

/** The store file(s) an error is about: the one given, else those this process opened. */
function files(path?: string): string {
  if (path) return path;
  if (opened.length === 0) return 'the store';
  return opened.length === 1 ? opened[0]! : opened.join(', ');
}

/**
 * One line and a hint for a store failure (undefined when `err` is not one). `stored` says
 * how many objects were committed before a write failed (import).
 */
export function storeFailure(err: unknown, opts: { path?: string; stored?: number } = {}): StoreFailure | undefined {
  const kind = storeFailureKind(err);
  if (!kind) return undefined;
  const file = files(opts.path);
  const message = (err as { message?: unknown } | null)?.message;
  const detail = (typeof message === 'string' ? message : String(err)).split('\n')[0]!.slice(0, 200);
  const after = opts.stored !== undefined ? ` after ${opts.stored} objects stored; the store is consistent` : '; what was committed before is kept';
  switch (kind) {
    case 'damaged':
      return {
        kind, exitCode: 2,
        message: `store ${file} is damaged (${detail})`,
        hint: `\`asrel check${opened.length === 1 || opts.path ? ` --data ${folderOf(file)}` : ''}\` reports what SQLite finds; move the file away (\`mv ${file} ${file}.damaged\`) and fetch or import again.`,
      };
    case 'full':
      return { kind, exitCode: 1, message: `disk full${after} (${file})`, hint: 'Free space on that disk (or use --data on another) and run it again.' };
    case 'io':
      return { kind, exitCode: 1, message: `input/output error writing or reading ${file}${after} (${detail})`, hint: 'The disk may be failing: check it, then `asrel check`.' };
    case 'read-only':
      // Found read-only at the start: a usage matter. Turned read-only while writing (EROFS): like a full disk.
      if (opts.stored !== undefined) return { kind, exitCode: 1, message: `store ${file} became read-only (${detail})${after}`, hint: 'Remount the disk writable (or use --data on another) and run it again.' };
      return { kind, exitCode: 2, message: `store ${file} is read-only`, hint: 'Commands that only read answer from it; to fetch or import, use a writable --data folder.' };
  }
}
