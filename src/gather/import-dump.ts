import { Ingest } from '../infer/ingest.js';
import { streamObjects } from '../rpsl/read.js';
import { inputLabel, isStdin } from '../rpsl/open-input.js';
import type { RpslObject } from '../rpsl/types.js';
import type { Store } from '../store/store.js';
import { storeFailureKind } from '../store/failures.js';
import type { ObjectProvenance } from '../store/types.js';
import { dumpDate, type DumpDate } from './dump-date.js';

export interface ImportSummary {
  file: string;
  /** The date the objects carry and how it was found. */
  date: DumpDate;
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
  /** Objects skipped for a line over the line limit: `input:line: message`, the first 100. */
  skipped: string[];
  /** Objects stored whose policies could not be analysed (one line each, first few). */
  problems: string[];
  /** Policy attributes whose REFINE afi scopes intersect to no family (they import or export nothing as written). */
  emptyScope: number;
}

export interface ImportOptions {
  /** Source for objects that have no `source:` line; without it they are skipped. */
  defaultSource?: string;
  /** The dump's date (YYYY-MM-DD); else from the file name, else its modification time. */
  date?: string;
  /** Provenance name; default the file name. */
  from?: string;
  /** Called every `every` objects and at the end. */
  onProgress?: (objects: number) => void;
  every?: number;
  /** Called after each committed transaction with the objects stored so far (what survives a failure later on). */
  onCommit?: (stored: number) => void;
  /** Stop between transactions when this returns true (Ctrl-C): what was committed stays. */
  stopRequested?: () => boolean;
  /** A readable stream instead of opening `path` (an HTTP body, stdin). */
  stream?: NodeJS.ReadableStream;
}

/** Objects per transaction: big enough to be fast, small enough that an interrupt loses little. */
const BATCH = 2000;

/**
 * Streams a dump (plain or gzip, `-` for stdin) into the store. Memory stays bounded by one
 * batch of objects. Each object keeps the source of its own `source:` line; provenance is
 * `dump`, from the file name, with the dump's date (see dump-date.ts).
 */
export async function importDump(path: string, store: Store, opts: ImportOptions = {}): Promise<ImportSummary & { interrupted: boolean }> {
  const from = opts.from ?? inputLabel(path);
  const date = opts.stream ? { date: opts.date ?? new Date().toISOString(), how: (opts.date ? 'given' : 'now') as DumpDate['how'] } : await dumpDate(path, opts.date);
  const provenance: ObjectProvenance = { kind: 'dump', from, date: date.date };
  const summary: ImportSummary = { file: path, date, objects: 0, stored: {}, otherClasses: 0, withoutSource: 0, readerProblems: 0, skipped: [], problems: [], emptyScope: 0 };
  const every = opts.every ?? 1000;
  const ingest = new Ingest(store);
  // Into an empty store: the rules' indexes are built once, after the last object.
  store.deferRuleIndexes();
  let batch: RpslObject[] = [];
  let committed = 0;
  const flush = () => {
    if (batch.length === 0) return;
    const objects = batch;
    batch = [];
    store.transaction(() => {
      for (const object of objects) ingest.write(object, provenance);
    });
    // Counted once committed: a failed transaction (disk full) stores none of its objects.
    for (const object of objects) summary.stored[object.class] = (summary.stored[object.class] ?? 0) + 1;
    committed += objects.length;
    opts.onCommit?.(committed);
  };
  let interrupted = false;
  const label = isStdin(path) ? '<stdin>' : path;
  try {
    for await (const object of streamObjects(opts.stream ?? path, label, (d) => {
      summary.readerProblems++;
      if (d.skippedObject && summary.skipped.length < 100) summary.skipped.push(`${d.input}:${d.line}: ${d.message}`);
    }, { checkText: true })) {
      summary.objects++;
      if (summary.objects % every === 0) opts.onProgress?.(summary.objects);
      if (!Ingest.keeps(object)) {
        summary.otherClasses++;
        continue;
      }
      if (!object.source) {
        summary.withoutSource++;
        if (!opts.defaultSource) continue;
        object.source = opts.defaultSource.toUpperCase();
      }
      batch.push(object);
      if (batch.length >= BATCH) {
        flush();
        if (opts.stopRequested?.()) {
          interrupted = true;
          break;
        }
      }
    }
  } catch (e) {
    // The input failed (a cut download, a bad gzip tail): the objects read whole so far are
    // stored; the one it was in the middle of never reached the batch.
    if (!storeFailureKind(e)) {
      flush();
      store.buildRuleIndexes();
      ingest.finish();
    }
    throw e;
  }
  if (!interrupted) flush();
  store.buildRuleIndexes();
  // Stopped (Ctrl-C): the links are left to the next writer (readers decide them from claims
  // meanwhile) rather than deciding a whole registry's links after the user asked to stop.
  ingest.finish(interrupted ? { links: false } : {});
  summary.problems = ingest.problems.slice(0, 20);
  summary.emptyScope = ingest.emptyScope;
  opts.onProgress?.(summary.objects);
  return { ...summary, interrupted };
}
