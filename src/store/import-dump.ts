import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { streamObjects } from '../rpsl/read.js';
import { DiskStore, STORE_CLASSES } from './disk-store.js';

export interface ImportSummary {
  file: string;
  /** Objects read from the dump. */
  objects: number;
  /** Objects written to the store, per class. */
  stored: Record<string, number>;
  /** Objects of classes the analysis does not use (route, mntner, person, …): not stored. */
  otherClasses: number;
  /** Objects without a `source:` line, stored under `--source` or skipped. */
  withoutSource: number;
  /** Lines the object reader could not place. */
  readerProblems: number;
}

export interface ImportOptions {
  /** Source for objects that have no `source:` line; without it they are skipped. */
  defaultSource?: string;
  /** Called every `every` objects and at the end. */
  onProgress?: (objects: number) => void;
  every?: number;
  /** fsync every object (slow on big dumps); the rename into place is atomic either way. */
  durable?: boolean;
}

/**
 * Streams a dump (plain or gzip, `-` for stdin) into the store. Memory stays bounded: at most
 * a few dozen objects are being written at any time. Each object keeps the source of its own
 * `source:` line; provenance is `dump`, from the file name, dated by the file's mtime.
 */
export async function importDump(path: string, store: DiskStore, opts: ImportOptions = {}): Promise<ImportSummary> {
  const from = path === '-' ? 'stdin' : basename(path);
  const date = path === '-' ? new Date().toISOString() : (await stat(path)).mtime.toISOString();
  const summary: ImportSummary = { file: path, objects: 0, stored: {}, otherClasses: 0, withoutSource: 0, readerProblems: 0 };
  const every = opts.every ?? 1000;
  const writing = new Set<Promise<void>>();
  let failure: unknown;
  for await (const object of streamObjects(path, path === '-' ? '<stdin>' : path, () => summary.readerProblems++)) {
    summary.objects++;
    if (summary.objects % every === 0) opts.onProgress?.(summary.objects);
    if (!(STORE_CLASSES as readonly string[]).includes(object.class)) {
      summary.otherClasses++;
      continue;
    }
    if (!object.source) {
      summary.withoutSource++;
      if (!opts.defaultSource) continue;
      object.source = opts.defaultSource.toUpperCase();
    }
    const p: Promise<void> = store.put(object, { kind: 'dump', from, date }, { durable: opts.durable ?? false }).then(
      () => {
        summary.stored[object.class] = (summary.stored[object.class] ?? 0) + 1;
      },
      (e: unknown) => {
        failure ??= e;
      },
    );
    writing.add(p);
    void p.finally(() => writing.delete(p));
    if (writing.size >= 32) await Promise.race(writing);
    if (failure) break;
  }
  await Promise.all(writing);
  if (failure) throw failure;
  opts.onProgress?.(summary.objects);
  return summary;
}
