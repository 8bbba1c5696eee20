/**
 * `asrel import`: dump files, standard input or http(s) URLs into the store, one after the
 * other, with every failure turned into one line that says what stays stored. The command
 * file calls only this module; it keeps Ctrl-C, the progress bar and the printing.
 */
import { checkDate } from '../gather/dump-date.js';
import { HttpDumpError, isUrl, openHttpDump } from '../gather/http-dump.js';
import { importDump, type ImportSummary } from '../gather/import-dump.js';
import type { Store } from '../store/store.js';
import { storeFailureError, UserError } from './errors.js';
import { InputError, ioReason } from './input-files.js';
import { openStore, refuseDamaged } from './open-data.js';

export type { ImportSummary } from '../gather/import-dump.js';

export interface ImportRequest {
  /** The store folder. */
  data: string;
  /** Dump files, `-`/`/dev/stdin`, or http(s) URLs, in order. */
  files: readonly string[];
  /** Source for objects without a `source:` line (they are skipped otherwise). */
  source?: string;
  /** The dumps' date as typed (YYYY-MM-DD); else each file's name, Last-Modified or file time. */
  date?: string;
  /** Seconds a URL's whole download may take. */
  timeout?: number;
}

/** One file's summary; `interrupted`: Ctrl-C stopped it between transactions. */
export type FileImport = ImportSummary & { interrupted: boolean };

/** What shows one file's progress (the CLI's bar on a terminal). */
export interface ImportProgress {
  update(objects: number): void;
  stop(): void;
}

export interface ImportHooks {
  /** Called once the store is open and sound, before the first file: the CLI takes Ctrl-C from here on. */
  ready?: () => void;
  /** True once Ctrl-C asks to stop: the open transaction is committed and no further file is read. */
  stop?: () => boolean;
  /** A progress display for `file`, stopped when that file is done or has failed. */
  progress?: (file: string) => Promise<ImportProgress | undefined>;
}

const SOURCE_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

/**
 * Imports the files into the store in `req.data`, one after the other, and closes it. A bad
 * `--source` or `--date` is refused before the store is opened, and a damaged store before
 * anything is written (writing into a damaged file spreads the damage). A file that fails
 * stops the run with a UserError; the objects of earlier files stay stored.
 */
export async function importDumps(req: ImportRequest, hooks: ImportHooks = {}): Promise<FileImport[]> {
  if (req.source !== undefined && !SOURCE_NAME.test(req.source)) {
    throw new UserError(`--source '${req.source}' is not a source name`, 2, 'Use letters, digits, - and _, e.g. --source DN42.');
  }
  const date = req.date === undefined ? undefined : checkDate(req.date);
  if (req.date !== undefined && !date) throw new UserError(`--date '${req.date}' is not a date`, 2, 'Write it as YYYY-MM-DD, e.g. --date 2026-11-01.');
  const store = openStore(req.data, { write: true });
  const results: FileImport[] = [];
  try {
    refuseDamaged(store);
    hooks.ready?.();
    const stop = () => hooks.stop?.() ?? false;
    for (const file of req.files) {
      if (stop()) break;
      const before = results.reduce((n, r) => n + Object.values(r.stored).reduce((a, b) => a + b, 0), 0);
      results.push(await importOne(file, store, { source: req.source, date, stop, storedBefore: before, timeout: req.timeout, progress: hooks.progress }));
      if (results.at(-1)!.interrupted) break;
    }
  } finally {
    store.close();
  }
  return results;
}

async function importOne(file: string, store: Store, o: { source?: string; date?: string; stop: () => boolean; storedBefore: number; timeout?: number; progress?: ImportHooks['progress'] }): Promise<FileImport> {
  const bar = await o.progress?.(file);
  let committed = 0;
  const common = { defaultSource: o.source, onProgress: (n: number) => bar?.update(n), stopRequested: o.stop, onCommit: (n: number) => { committed = n; } };
  try {
    if (isUrl(file)) {
      const http = await openHttpDump(file, undefined, o.timeout);
      return await importDump(file, store, { ...common, stream: http.stream, from: http.name, date: o.date ?? http.lastModified });
    }
    return await importDump(file, store, { ...common, date: o.date });
  } catch (e) {
    const stored = o.storedBefore + committed;
    // A full disk, an I/O error or read-only media while writing: the committed transactions stay.
    const failure = storeFailureError(e, { path: store.path, stored });
    if (failure) throw failure;
    const code = (e as NodeJS.ErrnoException).code;
    if (e instanceof HttpDumpError) throw new UserError(e.message, 1, 'Check the URL and the network; objects of earlier files are stored.');
    if (isUrl(file) && e instanceof InputError) {
      // The body broke off (short of its Content-Length, or the connection reset): what came whole is stored.
      throw new UserError(`${file}: ${e.message.replace(/^cannot read \S+: /, '')}; ${stored} objects stored, the store is consistent`, 1,
        'Run the import again to fetch the whole dump; the objects stored are whole.');
    }
    if (e instanceof InputError && e.brokeOff) {
      // A local dump damaged or cut short (a download that stopped): as for a URL, what came whole is stored.
      throw new UserError(`${file}: ${e.message.replace(/^cannot read \S+: /, '')} (the dump is damaged or cut short); ${stored} objects stored, the store is consistent`, 1,
        'Download or copy the dump again and import it; the objects stored are whole.');
    }
    if (e instanceof InputError || code === 'ENOENT' || code === 'EISDIR') {
      throw new UserError(e instanceof InputError ? e.message : `cannot read ${file}: ${ioReason(e)}`, 2,
        'Give IRR dump files (plain or gzip RPSL) or http(s) URLs; objects of earlier files are stored.');
    }
    throw e;
  } finally {
    bar?.stop();
  }
}
