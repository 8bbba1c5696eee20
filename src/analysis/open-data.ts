/**
 * The data an analysis reads, opened one way for every command: `--input` files written
 * into an in-memory store, or the store folder (after gathering what a question needs from
 * the server), or — when the store holds no aut-num — the bundled snapshot. Each is a Store
 * with the same claims, so the same objects give the same answer whichever way they came.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { packageRoot } from '../store/package-root.js';
import { InferenceEngine } from '../infer/engine.js';
import { levelBeyondFit } from '../infer/confidence.js';
import { Ingest } from '../infer/ingest.js';
import { InputError, ioReason } from '../rpsl/read.js';
import { inputLabel, isStdin } from '../rpsl/open-input.js';
import { readerProblemsText } from './input-files.js';
import { loadBundled } from '../store/bundled.js';
import { Store, StoreError } from '../store/store.js';
import { storeFailure, storeOpeningNotes } from '../store/failures.js';
import { damagedStoreError, UserError as DataError } from './errors.js';
import { defaultDataDir } from './data-dir.js';
import { irrKnowledge, requireKnown, type AsKnowledge } from './known.js';
import { STORE_FILE } from '../store/store.js';

export interface DataArgs {
  data: string;
  offline: boolean;
  server: string;
  sources?: string;
  ttl: number;
  /** RPSL files or dumps to analyse instead of the store and the bundled data. */
  input?: string[];
  /** Date of the --input files (YYYY-MM-DD), when their names do not say. */
  date?: string;
  /** No notes on stderr. */
  quiet?: boolean;
  /** Overall deadline of the live lookups, seconds (default QUESTION_DEADLINE_S). */
  timeout?: number;
}

/** What a question needs gathered: these ASes and their uphill cones; with `neighbours`, also every AS they name. */
export interface Need {
  asns?: number[];
  neighbours?: boolean;
}

export interface OpenedData {
  store: Store;
  engine: InferenceEngine;
  /** One line each, printed above an answer (stderr): what data was used, what failed. */
  notes: string[];
  /** Where the data came from, for the `data:` lines. */
  kind: 'input' | 'store' | 'bundled';
  /** The same in words, for messages: "the store /x", "the bundled snapshot", "--input a.rpsl". */
  where: string;
  /** What the data holds about an AS (an aut-num, objects naming it, nothing). */
  knowledge(asn: number): AsKnowledge;
  /** Throws "no data" (exit 1) for the first of `asns` the data knows nothing about. */
  requireKnown(asns: readonly number[]): void;
  close(): void;
}

/** The hint under "no data": what would bring data about the AS, for the way the data was opened. */
function noDataHint(kind: OpenedData['kind'], argv: DataArgs): string {
  if (kind === 'input') return 'Check the AS number, or add a file that holds its aut-num or names it (--input is repeatable).';
  const fetchIt = argv.offline ? 'run without --offline to ask the registry' : 'the registry was asked and had nothing either';
  return `Check the AS number; ${fetchIt}, or \`asrel import\` a dump that holds AS{asn}.`;
}

export function opened(store: Store, kind: OpenedData['kind'], where: string, notes: string[], argv: DataArgs, close: () => void): OpenedData {
  const knowledge = (asn: number) => irrKnowledge(store, asn);
  const hint = noDataHint(kind, argv);
  return {
    store, engine: engineFor(store, notes), notes, kind, where, knowledge, close,
    requireKnown: (asns) => requireKnown(asns, knowledge, where, hint),
  };
}

// Questions must answer quickly when the network is down: connect for a few seconds at
// most, give up on the first failed connection, wait at most 10 s for a stalled answer.
const ANSWER_CONNECT_TIMEOUT_MS = 4000;
const ANSWER_READ_TIMEOUT_S = 10;
/** All live lookups of one question end within this many seconds (--timeout): then it answers from what it has. */
export const QUESTION_DEADLINE_S = 20;

/** Writes RPSL files or dumps into an in-memory store, one `data:` note per file. */
export async function storeFromFiles(paths: readonly string[], date?: string): Promise<{ store: Store; notes: string[] }> {
  const store = Store.memory();
  const notes: string[] = [];
  let autNumsInAll = 0;
  for (const path of paths) {
    if (!isStdin(path)) {
      try {
        const s = await stat(path);
        // Pipes too: `--input <(zcat dump.gz)` names one (/dev/fd/63).
        if (s.isDirectory()) throw new DataError(`--input ${path} is a folder`, 2, 'Give an RPSL file or dump (plain or .gz), or - for standard input.');
        if (!s.isFile() && !s.isFIFO() && !s.isCharacterDevice() && !s.isSocket()) throw new DataError(`--input ${path} is not a file`, 2, 'Give an RPSL file or dump (plain or .gz), or - for standard input.');
      } catch (e) {
        if (e instanceof DataError) throw e;
        throw new DataError(`cannot read --input ${path}: ${ioReason(e)}`, 2,
          'Check the path; --input takes RPSL files or dumps (plain or .gz), or - for standard input.');
      }
    }
    // The readers, the whois client and the crawler are loaded where used: a question answered offline from a store needs none.
    const { importDump } = await import('../gather/import-dump.js');
    let r;
    try {
      r = await importDump(path, store, { ...(date ? { date } : {}), defaultSource: 'UNKNOWN' });
    } catch (e) {
      if (e instanceof InputError) throw new DataError(e.message, 2, 'Check that the file is RPSL text (plain or gzip).');
      throw e;
    }
    if (r.objects === 0) throw new DataError(`--input ${path} holds no RPSL objects`, 2, 'Give RPSL text: "attribute: value" lines, objects separated by blank lines.');
    autNumsInAll += r.stored['aut-num'] ?? 0;
    const from = inputLabel(path);
    const used = Object.values(r.stored).reduce((x, y) => x + y, 0);
    const autNums = r.stored['aut-num'] ?? 0;
    notes.push(...r.skipped.map((w) => `warning: ${w}`));
    notes.push(`data: ${from}: ${r.objects} objects (${autNums} aut-num), ${used} used${r.objects > used ? ` (${r.objects - used} of other classes ignored)` : ''}` +
      `${r.readerProblems ? `, ${readerProblemsText(r.readerProblems, path)}` : ''}; dated ${r.date.date.slice(0, 10)} (${r.date.how})` +
      (r.emptyScope ? `; ${r.emptyScope} policy attribute(s) import or export nothing as written (REFINE afi scopes intersect to no address family; \`asrel parse\` shows them)` : ''));
  }
  if (autNumsInAll === 0) {
    store.close();
    const named = paths.map((p) => (isStdin(p) ? 'standard input' : p)).join(', ');
    throw new DataError(`--input ${named}: no aut-num object in ${paths.length > 1 ? 'these files' : 'the file'}, so no policy to infer relationships from`, 1,
      'Give RPSL files or dumps holding aut-num objects (as-sets and routes alone say nothing about relationships).');
  }
  return { store, notes };
}

/** Where the build leaves the default bundle, already ingested (scripts/build.mjs). */
export const PREBUILT_BUNDLE = join('dist', 'bundled.sqlite');

/**
 * The bundled snapshot in an in-memory store: the default bundle (DN42 is a separate network
 * and is left out unless asked for) comes prebuilt from the build when it is there and current.
 */
export function bundledStore(ids: readonly string[] | undefined = DEFAULT_BUNDLE): Store {
  if (ids === DEFAULT_BUNDLE) {
    try {
      return Store.fromBuffer(readFileSync(join(packageRoot(), PREBUILT_BUNDLE)), 'bundled');
    } catch {
      // Not built, or of another schema version: ingest the files below.
    }
  }
  const store = Store.memory();
  const ingest = new Ingest(store);
  ingest.writeAll(loadBundled(ids));
  ingest.finish();
  return store;
}

/** The engine over `store`; a set expansion stopped at a limit adds a note (to the notes printed after the analysis). */
function engineFor(store: Store, notes: string[]): InferenceEngine {
  const engine = new InferenceEngine(store);
  engine.expander.onLimit = (n) => notes.push(n.message);
  engine.onLevel = (level) => {
    const beyond = levelBeyondFit(level);
    if (beyond) notes.push(beyond);
  };
  return engine;
}

export async function openData(argv: DataArgs, need?: Need): Promise<OpenedData> {
  if (argv.input && argv.input.length > 0) {
    const { store, notes } = await storeFromFiles(argv.input, argv.date);
    const where = `--input ${argv.input.map((p) => (isStdin(p) ? 'standard input' : p)).join(', ')}`;
    return opened(store, 'input', where, notes, argv, () => store.close());
  }
  requireStoreFolder(argv.data);
  // A store folder is created only when something may be fetched into it.
  const gathering = !!need?.asns && need.asns.length > 0 && !argv.offline;
  const store = openStore(argv.data, { ttlMs: argv.ttl * 3600 * 1000, readonly: !gathering });
  const notes: string[] = [...storeNotes(store)];
  if (gathering && store.readOnly) notes.push(`the store (${store.path}) is read-only: answering from it without fetching`);
  try {
    if (gathering && !store.readOnly && need?.asns) {
      const [{ gather }, { openSession }] = await Promise.all([import('../gather/gather.js'), import('../irr/session.js')]);
      const session = openSession({ ...argv, connectTimeoutMs: ANSWER_CONNECT_TIMEOUT_MS, maxAttempts: 1, readTimeout: ANSWER_READ_TIMEOUT_S, timeout: argv.timeout ?? QUESTION_DEADLINE_S });
      try {
        const g = await gather(need.asns, {
          store,
          source: session.source,
          ...(need.neighbours ? { neighboursOf: need.asns, maxObjects: 20_000 } : {}),
        });
        notes.push(...g.notes);
      } finally {
        await session.close();
      }
    }
  } catch (e) {
    store.close();
    throw e;
  }
  if (!store.hasAutNums()) {
    store.close();
    const bundled = bundledStore();
    notes.push(`the store (${argv.data}) is empty: using the bundled snapshot; fetch or import data for your own analysis`);
    return opened(bundled, 'bundled', 'the bundled snapshot', notes, argv, () => bundled.close());
  }
  if (need?.asns && !argv.offline && !store.hasDumps()) {
    notes.push('links rest on each AS\'s own policy and on the objects fetched so far: no registry dump is imported, so links that only the other side declares may be missing (`asrel import` the registries\' dumps)');
  }
  return opened(store, 'store', `the store ${argv.data}`, notes, argv, () => store.close());
}

/**
 * A question reads a store: only the default folder may be missing (the bundled snapshot
 * answers then). A folder named with --data that does not exist, or that holds files but no
 * store, is a mistake (a typo, or a path such as /proc), not an empty store: `import` and
 * `fetch` create stores. An empty folder is an empty store.
 */
export function requireStoreFolder(dir: string): void {
  if (resolve(dir) === resolve(defaultDataDir())) return;
  const s = statSync(dir, { throwIfNoEntry: false });
  if (!s) throw new DataError(`no store at ${dir}`, 2, 'Check the --data path; `asrel import` or `asrel fetch` creates a store there.');
  if (!s.isDirectory()) throw new DataError(`--data ${dir} is not a folder`, 2, 'Give --data the folder asrel keeps its store in.');
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (e) {
    throw new DataError(`cannot read --data ${dir} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, 2, 'Check the permissions of the store folder.');
  }
  // A folder of the old one-file-per-object layout is a store Store.open explains.
  if (!existsSync(join(dir, STORE_FILE)) && entries.length > 0 && !entries.includes('objects')) {
    throw new DataError(`no store at ${dir} (the folder holds no ${STORE_FILE})`, 2, 'Check the --data path; `asrel import` or `asrel fetch` creates a store there.');
  }
}

/** Bundled snapshots used by default: the real RIPE samples and the HE/Cogent reconstruction; DN42 is its own network. */
export const DEFAULT_BUNDLE: readonly string[] = [
  'he-cogent-telia-2013', 'ripe-AS3257-2023-07-21', 'ripe-AS3255-irrd-sample-2018', 'ripe-AS215778-2024-11-01', 'ripe-AS215778-AS-LIKHNER-2024-08-09',
];

/** What an answer from `store` should say about how it was opened (a read-only store's -wal that could not be read). */
export function storeNotes(store: Store): string[] {
  return storeOpeningNotes(store.path);
}

/** The store folder, with a store problem turned into one line and a hint (exit 2); `write`: a read-only store is one too. */
export function openStore(dir: string, opts: { ttlMs?: number; readonly?: boolean; write?: boolean } = {}): Store {
  let store: Store;
  try {
    store = Store.open(dir, opts);
  } catch (e) {
    if (e instanceof StoreError) throw new DataError(e.message, 2, e.hint);
    throw e;
  }
  if (opts.write && store.readOnly) {
    store.close();
    const f = storeFailure({ code: 'SQLITE_READONLY' }, { path: store.path })!;
    throw new DataError(f.message, f.exitCode, f.hint);
  }
  return store;
}

/** Refuses to write into a damaged store (writing spreads the damage), as every command refuses to read one; the caller closes it. */
export function refuseDamaged(store: Store): void {
  const problems = store.quickCheck(1);
  if (problems[0] !== 'ok') throw damagedStoreError(store.path, problems[0]);
}
