/**
 * Validated ASPAs for the commands that read them: `--aspa FILE|URL|-`, or else the newest
 * snapshot `asrel aspa import` kept in the store (a `note: aspa:` line says which), with
 * one-line errors. Also the import itself, the list of snapshots, and picking a snapshot by
 * id or date (`asrel diff --aspa`).
 */
import { existsSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { diffAspa, type AspaDiff } from '../aspa/diff.js';
import { AspaInputError, readAspa, type AspaSet } from '../aspa/read.js';
import { InputOpenError } from '../bgp/open-bytes.js';
import { ReaderWarnings } from '../bgp/warnings.js';
import { checkDate, dateInName } from '../gather/dump-date.js';
import { isUrl } from '../gather/http-dump.js';
import { isStdin } from '../rpsl/open-input.js';
import { aspaSnapshotRecords, aspaSnapshots, breaksProfile, putAspaSnapshot, type AspaSnapshotInfo } from '../store/aspa-snapshots.js';
import { STORE_FILE, type Store } from '../store/store.js';
import { UserError } from './errors.js';
import { openStore, refuseDamaged } from './open-data.js';
import { thousands } from '../report/thousands.js';

export type { AspaDiff, AspaSnapshotInfo };
const n = thousands;

const NO_ASPA_HINT = 'Give validated ASPAs with --aspa (rpki-client or Routinator JSON, an OpenBGPD aspa-set or BIRD route aspa text; file, URL or -), or keep a snapshot in the store with `asrel aspa import FILE`.';

/** Kinds of skipped records named in a note; the rest are counted as "other". */
const SKIP_KINDS_SHOWN = 4;

/** `2 skipped: 1 empty provider list, 1 AS number out of range`, or nothing. */
function skippedText(set: AspaSet): string {
  return set.warnings.total ? `${n(set.warnings.total)} skipped: ${set.warnings.summary(SKIP_KINDS_SHOWN)}` : '';
}

/**
 * Reads `--aspa FILE|URL|-`: the set and a `aspa:` note. Input without one valid record is an
 * error (exit 1) for every command, as for `aspa import` (`consequence` ends its message there):
 * an answer over no ASPA would read as "nobody publishes".
 */
export async function readAspaFile(file: string, notes: string[], consequence = ''): Promise<AspaSet> {
  let set: AspaSet;
  try {
    set = await readAspa(file);
  } catch (e) {
    if (e instanceof InputOpenError) throw new UserError(e.message, 2, 'Give a file, an http(s) URL or - for standard input.');
    if (e instanceof AspaInputError) throw new UserError(`${e.message}${consequence}`, 1, 'Give validator output: rpki-client -j / Routinator json(ext) / Cloudflare rpki.json, or the OpenBGPD or BIRD text.');
    throw e;
  }
  if (set.records.size === 0) {
    const skipped = skippedText(set);
    throw new UserError(`${set.name}: no ASPA record in the input${skipped ? ` (${skipped})` : ''}${consequence}`, 1, 'Give validator output that holds ASPAs (rpki-client 8.0 or later, Routinator 0.13 or later).');
  }
  const skipped = skippedText(set);
  notes.push(`aspa: ${set.name} (${set.format}): ${n(set.records.size)} customers${flagText(set)}${skipped ? `; ${skipped}` : ''}`);
  return set;
}

function flagText(set: AspaSet): string {
  const flagged = [...set.records.values()].filter(breaksProfile);
  return flagged.length ? `; ${n(flagged.length)} break the profile (kept, flagged: ${[...new Set(flagged.flatMap((r) => r.flags))].join(', ')})` : '';
}

/** `#3 of 2026-10-06 (rpki-client.json)`: how answers name a snapshot. */
export function snapshotLabel(s: AspaSnapshotInfo): string {
  return `#${s.id} of ${s.date.slice(0, 10)} (${s.origin})`;
}

/** Runs `fn` over the store in `dataDir` when there is one; undefined when there is none. */
function withStoreIfAny<T>(dataDir: string | undefined, fn: (store: Store) => T): T | undefined {
  if (!dataDir || !existsSync(join(dataDir, STORE_FILE))) return undefined;
  const store = openStore(dataDir, { readonly: true });
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

function snapshotSet(store: Store, s: AspaSnapshotInfo): AspaSet {
  return { name: `snapshot ${snapshotLabel(s)}`, format: s.format ?? undefined, records: aspaSnapshotRecords(store, s), warnings: new ReaderWarnings() };
}

function snapshotNote(s: AspaSnapshotInfo, dataDir: string, set: AspaSet): string {
  return `aspa: the newest snapshot in the store ${dataDir}: ${snapshotLabel(s)}, dated by ${s.dateHow}: ${n(set.records.size)} customers${flagText(set)}` +
    `${s.skipped ? `; ${n(s.skipped)} were skipped when imported` : ''} (--aspa FILE to use another set)`;
}

/** The newest snapshot of the store in `dataDir`, with its records, or undefined. */
export function newestAspaSnapshot(dataDir: string | undefined): { set: AspaSet; snapshot: AspaSnapshotInfo } | undefined {
  return withStoreIfAny(dataDir, (store) => {
    const all = aspaSnapshots(store);
    const s = newest(all);
    return s ? { set: snapshotSet(store, s), snapshot: s } : undefined;
  });
}

const newest = (all: AspaSnapshotInfo[]) => all[all.length - 1];

/** `--aspa FILE`, or the newest stored snapshot; neither is a usage error (exit 2). */
export async function loadAspaForAnswer(file: string | undefined, notes: string[], dataDir?: string): Promise<AspaSet> {
  const set = await loadAspaIfAny(file, notes, dataDir);
  if (!set) throw new UserError('--aspa is required: no ASPA snapshot in the store either', 2, NO_ASPA_HINT);
  return set;
}

/** `--aspa FILE`, or the newest stored snapshot, or undefined (`--no-aspa`: undefined, the store unread). */
export async function loadAspaIfAny(file: string | false | undefined, notes: string[], dataDir: string | undefined): Promise<AspaSet | undefined> {
  if (file === false) return undefined;
  if (file) return readAspaFile(file, notes);
  const stored = newestAspaSnapshot(dataDir);
  if (!stored) return undefined;
  notes.push(snapshotNote(stored.snapshot, dataDir!, stored.set));
  return stored.set;
}

/** Every snapshot in the store, oldest first (none when there is no store). */
export function listAspaSnapshots(dataDir: string): AspaSnapshotInfo[] {
  return withStoreIfAny(dataDir, aspaSnapshots) ?? [];
}

export interface AspaImport {
  snapshot: AspaSnapshotInfo;
  /** The same records with the same date were stored before: nothing was written. */
  existing: boolean;
  notes: string[];
}

/** The date of a snapshot: --date, the validator's metadata, a date in the file name, the file's time, or now — and which. */
function snapshotDate(input: string, set: AspaSet | undefined, date: string | undefined): { date: string; how: string } {
  const iso = (t: Date) => t.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (date !== undefined) {
    const d = checkDate(date);
    if (!d) throw new UserError(`--date '${date}' is not a date`, 2, 'Write it as YYYY-MM-DD, e.g. --date 2026-10-06.');
    return { date: `${d}T00:00:00Z`, how: '--date' };
  }
  if (set?.generated) return { date: set.generated.date, how: `the validator's metadata (${set.generated.key})` };
  if (!isStdin(input)) {
    const inName = dateInName(basename(isUrl(input) ? new URL(input).pathname : input));
    if (inName) return { date: `${inName}T00:00:00Z`, how: 'the date in its file name (no validator time in the input)' };
  }
  if (!isStdin(input) && !isUrl(input)) {
    const t = statSync(input, { throwIfNoEntry: false })?.mtime;
    if (t) return { date: iso(t), how: 'the file\'s modification time (no validator time in the input, no date in its name)' };
  }
  return { date: iso(new Date()), how: 'the import time (no validator time in the input, no file date)' };
}

/**
 * Reads one validator output whole (streamed; a truncated or damaged input is an error and
 * nothing is stored), then stores it as one snapshot in one transaction.
 */
export async function importAspa(input: string, dataDir: string, opts: { date?: string } = {}): Promise<AspaImport> {
  const notes: string[] = [];
  // A bad --date is said before the input is read.
  if (opts.date !== undefined) snapshotDate(input, undefined, opts.date);
  const set = await readAspaFile(input, notes, ': nothing stored');
  const { date, how } = snapshotDate(input, set, opts.date);
  const store = openStore(dataDir, { write: true });
  try {
    // As `asrel import` does: a damaged store is refused before anything is written.
    refuseDamaged(store);
    const r = putAspaSnapshot(store, { date, dateHow: how, origin: isStdin(input) ? 'standard input' : input, format: set.format, records: set.records.values(), skipped: set.warnings.total });
    return { ...r, notes };
  } finally {
    store.close();
  }
}

/** One side of `asrel diff --aspa`: a snapshot id (`3`, `#3`), a date (the newest snapshot of that day), `newest`, or a file or URL. */
export interface AspaSide {
  label: string;
  set: AspaSet;
  snapshot?: AspaSnapshotInfo;
}

export async function openAspaSide(spec: string, dataDir: string, notes: string[]): Promise<AspaSide> {
  const isFile = !isUrl(spec) && !isStdin(spec) && existsSync(spec);
  const id = /^#?(\d{1,9})$/.exec(spec);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(spec) ? spec : undefined;
  if (!isFile && (id || day || spec === 'newest' || spec === 'latest')) {
    const side = withStoreIfAny(dataDir, (store): AspaSide | { all: AspaSnapshotInfo[] } => {
      const all = aspaSnapshots(store);
      const s = id ? all.find((x) => x.id === Number(id[1])) : day ? newest(all.filter((x) => x.date.startsWith(day))) : newest(all);
      return s ? { label: `snapshot ${snapshotLabel(s)}`, set: snapshotSet(store, s), snapshot: s } : { all };
    });
    if (side && 'set' in side) return side;
    const have = (side as { all: AspaSnapshotInfo[] } | undefined)?.all.map((s) => `#${s.id} ${s.date.slice(0, 10)}`).join(', ');
    throw new UserError(`no ASPA snapshot ${id ? `#${id[1]}` : day ?? 'at all'} in the store ${dataDir}`, 1,
      have ? `The store holds: ${have}.` : 'Keep snapshots with `asrel aspa import FILE`, or give two validator outputs.');
  }
  const set = await readAspaFile(spec, notes);
  return { label: set.name, set };
}

/** The two sides of an ASPA diff: [] → the two newest snapshots; [OLD] → OLD against the newest; [OLD, NEW]. */
export async function openAspaSides(specs: readonly string[], dataDir: string, notes: string[]): Promise<{ old: AspaSide; new: AspaSide }> {
  if (specs.length > 2) throw new UserError(`--aspa takes at most two sides, got ${specs.length}`, 2, 'Give `--aspa OLD NEW` (snapshot ids, dates or files), `--aspa OLD` (against the newest snapshot), or `--aspa` alone (the two newest).');
  if (specs.length === 2) return { old: await openAspaSide(specs[0]!, dataDir, notes), new: await openAspaSide(specs[1]!, dataDir, notes) };
  const all = listAspaSnapshots(dataDir);
  const newestSpec = all.length ? `#${all[all.length - 1]!.id}` : undefined;
  if (specs.length === 1) {
    if (!newestSpec) throw new UserError(`no ASPA snapshot in the store ${dataDir} to compare ${specs[0]} with`, 1, 'Give both sides (`--aspa OLD NEW`), or keep snapshots with `asrel aspa import FILE`.');
    return { old: await openAspaSide(specs[0]!, dataDir, notes), new: await openAspaSide(newestSpec, dataDir, notes) };
  }
  if (all.length < 2) {
    throw new UserError(`the store ${dataDir} holds ${all.length === 0 ? 'no ASPA snapshot' : 'one ASPA snapshot'}: two are needed to compare`, 1,
      'Keep snapshots with `asrel aspa import FILE` (one per validator run), or give both sides: `asrel diff --aspa OLD.json NEW.json`.');
  }
  return { old: await openAspaSide(`#${all[all.length - 2]!.id}`, dataDir, notes), new: await openAspaSide(newestSpec!, dataDir, notes) };
}

/** Providers added and removed per customer, customers that came and went, AS0 changes. */
export function diffAspaSides(sides: { old: AspaSide; new: AspaSide }): AspaDiff {
  return diffAspa(sides.old.set.records, sides.new.set.records);
}
