/**
 * The store: one SQLite database (better-sqlite3) holding every object with its provenance
 * and, beside each aut-num, its policy rules as one-sided claims computed when the object was
 * written (src/gather/ingest.ts computes them; this module only keeps and serves them).
 * Analyses read claims and the reverse index; object text is read back only for the lines
 * an answer prints. A file store and an in-memory one (`:memory:`, for --input files and the
 * bundled snapshot) behave the same, so every way of loading data gives the same answer.
 */
import Database from 'better-sqlite3';
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { readObjects } from '../rpsl/read.js';
import type { RpslAttribute, RpslObject } from '../rpsl/types.js';
import { APPLICATION_ID, RULES_INDEXES_SQL, SCHEMA_SQL, SCHEMA_VERSION } from './schema.js';
import { noteStoreOpened, noteStoreOpening, storeFailure, storeFailureKind } from './failures.js';
import { openWalCopy, walBytes, walNotReadNote } from './wal-copy.js';
import { SOURCE_RANK_SQL } from './source-order.js';
import { PACKED_CLAIM_SQL } from './packed-claims.js';
import { ObjectLines } from './object-lines.js';
import { LinkTable, REBUILD_COUNTS } from './links.js';
import type { LookupClass, ObjectProvenance, StoredObject } from './types.js';

export const STORE_CLASSES: readonly LookupClass[] = ['aut-num', 'as-set', 'route-set', 'filter-set', 'peering-set'];
export const DEFAULT_TTL_MS = 24 * 3600 * 1000;
export const STORE_FILE = 'asrel.sqlite';
/** SQLite page caches (KiB): answers, and writers or whole-registry runs from claims. */
const READ_CACHE_KIB = 8192;
const WIDE_CACHE_KIB = 65536;

type Db = Database.Database;

// Lets openReadOnly() open a store immutable through a `file:` URI. better-sqlite3 reads this
// once, when its first database opens; every path asrel opens is absolute or `:memory:`.
process.env.SQLITE_USE_URI ??= '1';

/** A store that cannot be opened or is not one: one line and a hint, never a stack trace. */
export class StoreError extends Error {
  /** `separator` between the path and the message: `: ` (`store X: is not a folder`), or ` ` to read as one sentence. */
  constructor(readonly path: string, message: string, readonly hint?: string, separator = ': ') {
    super(`store ${path}${separator}${message}`);
    this.name = 'StoreError';
  }
}

/** What a claim says, as stored. Families: 4, 6, or 0 for an attribute that could not be parsed. */
export interface RuleFields {
  attrIndex: number;
  termIndex: number;
  family: 0 | 4 | 6;
  direction: 0 | 1 | 2;
  attribute: string;
  line: number;
  /** The neighbour, when the peering is exactly one AS. */
  peer: number | null;
  /** Coded peerings (JSON) otherwise. */
  peerings: string | null;
  cls: 0 | 1 | 2 | 3;
  classBy: string | null;
  notes: string | null;
}

/** A rule row as ingest computes it. */
export interface RuleRow extends RuleFields {
  /** The peering covers AS-ANY. */
  isAny: boolean;
  /** Reverse index: names the peering holds in positive position (`AS174`, `AS-FOO`, `PRNG-X`). */
  mentions: string[];
  /** Filter-sets and route-sets the class depends on. */
  deps: string[];
}

/** What ingest derives from one object besides its rules. */
export interface Derived {
  rules: RuleRow[];
  /** as-set / peering-set members (upper case). */
  members: string[];
  /** aut-num `member-of:` sets with the object's mnt-by list. */
  memberOf: { set: string; mntBy: string[] }[];
}

/** A stored rule as analysis reads it. */
export interface StoredRule extends RuleFields {
  id: number;
  objectId: number;
  owner: number;
}

export const RULE_COLUMNS = `r.id, r.object_id AS objectId, r.owner, r.attr_index AS attrIndex, r.term_index AS termIndex, r.family,
  r.direction, r.attribute, r.line, r.peer, r.peerings, r.class AS cls, r.class_by AS classBy, r.notes`;

/** Stored lines `from`..`to` of one object whose rules move by `line` lines and `attr` attribute indexes. */
export interface RuleMove {
  from: number;
  to: number;
  line: number;
  attr: number;
}

/** What writing an aut-num over its stored version changes in its rules (Store.rewrite). */
export interface RuleChange {
  removedLines: number[];
  moves: RuleMove[];
  added: RuleRow[];
  memberOf: Derived['memberOf'];
}

/** The stored version a write replaces in place (Store.inPlace). */
export interface InPlace {
  id: number;
  storedText: string;
  storedFirstLine: number;
  /** What the write stores. */
  text: string;
  firstLine: number;
}

export interface StoredVersion extends StoredObject {
  id: number;
}

interface ObjectRow {
  id: number;
  class: string;
  key: string;
  source: string;
  kind: 'live' | 'dump' | 'bundled';
  origin: string;
  date: string;
  reconstructed: number;
  first_line: number;
  text: string;
}

/** The object's lines, with `#` lines where its input had lines the reader skipped, so line numbers survive. */
export function objectText(o: RpslObject): { text: string; firstLine: number } {
  const firstLine = o.attributes[0]?.line ?? 1;
  let next = firstLine;
  // Joined once, lines counted without splitting: a tier-1's object is 28,000 attributes, and
  // every write of it builds this text (to compare with the stored one).
  const parts: string[] = [];
  for (const a of o.attributes) {
    while (next < a.line) {
      parts.push('#');
      next++;
    }
    parts.push(a.raw);
    next++;
    for (let i = a.raw.indexOf('\n'); i >= 0; i = a.raw.indexOf('\n', i + 1)) next++;
  }
  parts.push('');
  return { text: parts.join('\n'), firstLine };
}

function provenanceOf(r: Pick<ObjectRow, 'kind' | 'origin' | 'date' | 'reconstructed'>): ObjectProvenance {
  return { kind: r.kind, from: r.origin, date: r.date, ...(r.reconstructed ? { reconstructed: true } : {}) };
}

/** Family codes for an SQL `IN (…)` list; never empty (no code matches -1). */
function familyList(families: readonly (4 | 6)[]): string {
  return families.filter((f) => f === 4 || f === 6).join(',') || '-1';
}

/** Parses a stored row back into an object with the line numbers of its input. */
function rowObject(r: ObjectRow): RpslObject | undefined {
  const { objects } = readObjects(r.text, r.origin);
  const o = objects[0];
  if (!o || objects.length !== 1) return undefined;
  const shift = r.first_line - 1;
  for (const a of o.attributes) a.line += shift;
  o.origin = { input: r.origin, line: r.first_line };
  o.source = r.source;
  return o;
}

export class Store {
  readonly ttlMs: number;
  private readonly q: ReturnType<typeof prepare>;
  /** Parsed objects recently read back (evidence of one answer touches few). */
  private readonly parsed = new Map<number, RpslObject | undefined>();
  /** Line starts of objects recently read for single attributes (evidence of whole-registry runs). */
  private readonly lines = new ObjectLines();
  /** Links kept decided (src/infer/link-upkeep.ts keeps them current). */
  readonly links: LinkTable;

  private constructor(readonly db: Db, readonly path: string, opts: { ttlMs?: number }) {
    this.ttlMs = opts.ttlMs ?? DEFAULT_TTL_MS;
    this.q = prepare(db);
    // A version 4 store read as it is (read-only) has rows in an older form: its links are decided from claims.
    const version = (db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined)?.value;
    this.links = new LinkTable(db, version === undefined || Number(version) >= 5);
  }

  /** An in-memory store (for files given with --input and for the bundled snapshot). */
  static memory(): Store {
    const db = new Database(':memory:');
    initialise(db, ':memory:');
    return new Store(db, ':memory:', {});
  }

  /** An in-memory store from a serialized database (a prebuilt bundled snapshot); throws a StoreError when it is not a current asrel store. */
  static fromBuffer(buffer: Buffer, label: string): Store {
    const db = new Database(buffer);
    try {
      initialise(db, label);
    } catch (e) {
      db.close();
      throw e;
    }
    return new Store(db, label, {});
  }

  /**
   * Opens (creating when absent) the store in folder `dir`. A folder of the old one-file-per-
   * object layout, a file that is not an asrel store, or a damaged database is a StoreError.
   * A store whose file or folder cannot be written (read-only media, no write permission) is
   * opened read-only (`readOnly`): it answers, and writing to it is a SQLITE_READONLY error.
   */
  static open(dir: string, opts: { ttlMs?: number; readonly?: boolean } = {}): Store {
    // Absolute: SQLite takes a name starting with `file:` for a URI (see openReadOnly).
    dir = resolve(dir);
    const path = join(dir, STORE_FILE);
    let exists = false;
    try {
      const s = statSync(dir);
      if (!s.isDirectory()) throw new StoreError(dir, 'is not a folder', 'Give --data a folder (asrel keeps its database there).');
      exists = statSync(path, { throwIfNoEntry: false }) !== undefined;
    } catch (e) {
      if (e instanceof StoreError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new StoreError(dir, `cannot be used (${code ?? (e as Error).message})`, 'Give --data a folder you can write to.');
    }
    if (!exists && statSync(join(dir, 'objects'), { throwIfNoEntry: false })?.isDirectory()) {
      throw new StoreError(dir, 'holds a store of the old layout (one file per object), which this version does not read',
        `Move it away and fetch or import again, e.g. \`mv ${dir} ${dir}.old\`.`);
    }
    if (!exists && opts.readonly) return Store.memory();
    if (!exists) makeFolders(dir);
    noteStoreOpened(path);
    if (exists && !(writable(path) && writable(dir))) return new Store(openReadOnly(path), path, opts);
    let db: Db;
    try {
      db = new Database(path, { timeout: 10_000 });
    } catch (e) {
      throw new StoreError(path, `cannot open the database (${(e as Error).message})`, 'Check the permissions of the --data folder.');
    }
    try {
      initialise(db, path);
    } catch (e) {
      db.close();
      throw openFailure(e, path);
    }
    // A cap on the file's pages behaves as a full disk (SQLITE_FULL): for fault tests without root.
    const maxPages = process.env.ASREL_STORE_MAX_PAGES;
    if (maxPages && /^\d+$/.test(maxPages)) db.pragma(`max_page_count = ${maxPages}`);
    return new Store(db, path, opts);
  }

  private wide = false;
  /**
   * A page cache of 64 MiB, for the rest of this connection's life: writing a registry, or
   * sorting and joining hundreds of thousands of claims, rereads pages an 8 MiB cache drops.
   * Answers keep the small one (its pages count in their peak memory).
   */
  widenCache(): void {
    if (this.wide) return;
    this.wide = true;
    this.db.pragma(`cache_size = -${WIDE_CACHE_KIB}`);
  }

  /** True when the store was opened read-only (its file or folder cannot be written). */
  get readOnly(): boolean {
    return this.db.readonly;
  }

  /**
   * SQLite's quick check (structure of every page, not index contents) of the store file in
   * `dir`, opened read-only without reading it as a store first (that may be what fails):
   * `['ok']` when the file is sound, else up to `max` lines saying what is wrong. Undefined
   * when there is no store file.
   */
  static quickCheck(dir: string, max = 20): string[] | undefined {
    const path = join(resolve(dir), STORE_FILE);
    if (!statSync(path, { throwIfNoEntry: false })) return undefined;
    let db: Db | undefined;
    try {
      db = writable(dirname(path)) ? new Database(path, { readonly: true, fileMustExist: true }) : new Database(immutableUri(path), { readonly: true, fileMustExist: true });
      return quickCheck(db, max);
    } catch (e) {
      if (storeFailureKind(e) === 'damaged') return [(e as Error).message];
      throw e;
    } finally {
      db?.close();
    }
  }

  /** quickCheck() of this store's open database. */
  quickCheck(max = 20): string[] {
    return quickCheck(this.db, max);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** Runs `fn` in one transaction (a killed process loses at most this transaction). */
  transaction<T>(fn: () => T): T {
    // IMMEDIATE: take the write lock at the start, so two writers wait for each other (busy
    // timeout) instead of failing when one commits while the other holds a read snapshot.
    return this.db.transaction(fn).immediate();
  }

  /** The rules' big indexes are owed (a first import is loading: see deferRuleIndexes). */
  private rulesUnindexed = false;

  /**
   * A first import into an empty store: the rules' big indexes (RULES_INDEXES_SQL) are dropped
   * until its last object is written (`buildRuleIndexes`). Queries stay right without them,
   * only slower: a write that reads rules back (an object given twice) builds them first.
   * False, and nothing done, when the store holds any object or cannot be written.
   */
  deferRuleIndexes(): boolean {
    if (this.readOnly) return false;
    return this.transaction(() => {
      if (this.q.anyObject.get() !== undefined) return false;
      this.db.exec('DROP INDEX IF EXISTS rules_object; DROP INDEX IF EXISTS rules_owner; DROP INDEX IF EXISTS rules_peer');
      this.db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('rule-indexes', 'owed')").run();
      this.rulesUnindexed = true;
      return true;
    });
  }

  /** Builds the rules' indexes when they are owed (the end of a first import). */
  buildRuleIndexes(): void {
    if (!this.rulesUnindexed) return;
    this.transaction(() => buildOwedIndexes(this.db));
    this.rulesUnindexed = false;
  }

  // ── writing ──────────────────────────────────────────────────────────────────────────

  /**
   * Stores one object version, replacing the same (class, key, source) if present; the
   * version of the first source in SOURCE_ORDER (src/store/source-order.ts), the freshest
   * within one source rank, becomes the active one. What ingest derived is kept for the
   * active version only. Returns the id of an active version whose claims must be derived
   * again (when this write made an older-stored version active), else undefined.
   */
  /**
   * The same object written again (a dump loaded again, a mirror's unchanged object): when the
   * stored version of its (class, key, source) is the active one, holds the same text and is
   * not fresher, only its provenance and line numbers are updated (its claims say the same) and
   * its id is returned. Undefined otherwise: the caller writes it whole (`put`).
   */
  refreshUnchanged(object: RpslObject, provenance: ObjectProvenance): number | undefined {
    const prior = this.inPlace(object, provenance);
    if (!prior || prior.text !== prior.storedText) return undefined;
    this.refresh(prior, provenance);
    return prior.id;
  }

  /**
   * The stored version a write of `object` replaces in place: the active version of its
   * (class, key, source), not fresher than the write or the key's only version (the write then
   * stays the active one), with
   * its text and the text the write would store. Undefined when there is none.
   */
  inPlace(object: RpslObject, provenance: ObjectProvenance): InPlace | undefined {
    const row = this.q.sameVersion.get(object.class, object.key.toUpperCase(), safeSource(object.source)) as { id: number; active: number; text: string; date: string; first_line: number } | undefined;
    // A date going back could hand the key to another source's version: written whole then.
    if (!row || !row.active) return undefined;
    // Its rules are read back next (by object): indexed first.
    this.buildRuleIndexes();
    if (provenance.date < row.date && (this.q.versionCount.get(object.class, object.key.toUpperCase()) as { n: number }).n > 1) return undefined;
    const { text, firstLine } = objectText(object);
    return { id: row.id, storedText: row.text, storedFirstLine: row.first_line, text, firstLine };
  }

  /** The same text written again (`inPlace` found it): its provenance and line numbers only. */
  refresh(prior: InPlace, provenance: ObjectProvenance): void {
    this.q.refreshVersion.run(provenance.kind, provenance.from, provenance.date, provenance.reconstructed ? 1 : 0, prior.firstLine, prior.id);
    if (prior.firstLine !== prior.storedFirstLine) this.q.shiftRuleLines.run(prior.firstLine - prior.storedFirstLine, prior.id);
    this.parsed.delete(prior.id);
    this.lines.forget(prior.id);
  }

  /**
   * An aut-num written over its version `prior` in place with some policy attributes changed
   * (src/infer/rewrite-plan.ts says which): its text and provenance replaced, the rules of the
   * attributes that went away dropped, those of attributes that stay moved to their new lines
   * and indexes, the new ones added, its member-of rows written again. Returns the rules
   * dropped and the names their peerings held (what the link table must decide again).
   */
  rewrite(prior: InPlace, provenance: ObjectProvenance, asn: number, change: RuleChange): { removed: StoredRule[]; removedNames: string[] } {
    const id = prior.id;
    this.q.rewriteVersion.run(provenance.kind, provenance.from, provenance.date, provenance.reconstructed ? 1 : 0, prior.firstLine, prior.text, id);
    this.parsed.delete(id);
    this.lines.forget(id);
    let removed: StoredRule[] = [];
    let removedNames: string[] = [];
    // The object's rows are found by object, then line (one pass over them); then by id. Each
    // move is one more pass (lines are not indexed: see schema.ts).
    const ids = change.removedLines.length > 0 ? JSON.stringify(this.q.ruleIdsAtLines.pluck().all(id, JSON.stringify(change.removedLines))) : '[]';
    if (ids !== '[]') {
      removed = this.q.rulesWithIds.all(ids) as StoredRule[];
      removedNames = this.q.namesOfRules.pluck().all(ids) as string[];
      this.q.deleteMentionsOfRules.run(ids);
      this.q.deleteRulesWithIds.run(ids);
    }
    // Stretches moving up first, from the top, then those moving down, from the bottom: the
    // rules one statement moves never land in a stretch a later one selects (what stays keeps its order).
    const up = change.moves.filter((m) => m.line <= 0).sort((x, y) => x.from - y.from);
    const down = change.moves.filter((m) => m.line > 0).sort((x, y) => y.from - x.from);
    for (const m of [...up, ...down]) this.q.moveRules.run(m.line, m.attr, id, m.from, m.to);
    this.q.deleteMemberOf.run(id);
    this.putDerived(id, asn, '', { rules: change.added, members: [], memberOf: change.memberOf });
    this.rulesChanged();
    return { removed, removedNames };
  }

  /** Whether the stored version `id` has any rule (an aut-num whose analysis failed has none). */
  hasRules(id: number): boolean {
    return this.q.anyRuleOf.get(id) !== undefined;
  }

  /** The sets the aut-num version `id` names in `member-of:`. */
  memberOfObject(id: number): string[] {
    return (this.q.memberOfObject.all(id) as { set_name: string }[]).map((r) => r.set_name);
  }

  put(object: RpslObject, provenance: ObjectProvenance, derived: Derived): { id: number; rederive?: number } {
    const { text, firstLine } = objectText(object);
    const source = safeSource(object.source);
    const asn = object.class === 'aut-num' && /^AS\d+$/.test(object.key) ? Number(object.key.slice(2)) : null;
    const key = object.key.toUpperCase();
    const before = this.q.activeId.get(object.class, key) as { id: number } | undefined;
    // A key with no version yet (every object of a first import): stored active at once. An
    // update rewrites the whole row, text and all (1.7 MB for a tier-1), so marking it after costs a copy.
    const row = this.q.upsert.get({
      class: object.class, key, source, asn, kind: provenance.kind, origin: provenance.from, date: provenance.date,
      reconstructed: provenance.reconstructed ? 1 : 0, first_line: firstLine, text, active: before ? 0 : 1,
    }) as { id: number; active: number };
    const id = row.id;
    this.parsed.delete(id);
    this.lines.forget(id);
    // Other versions of the key (or a version left inactive): the active one chosen again.
    const choose = before !== undefined || row.active !== 1;
    if (choose) {
      this.buildRuleIndexes();
      this.q.clearActive.run(object.class, key);
      this.q.setActive.run(object.class, key);
    }
    const now = choose ? (this.q.activeId.get(object.class, key) as { id: number }).id : id;
    if (before && before.id !== now) this.dropDerived(before.id);
    // A new row has nothing derived yet (a removed object's rows go with it: `remove`).
    if (choose) this.dropDerived(id);
    if (now === id) {
      this.putDerived(id, asn, key, derived);
      return { id };
    }
    return before?.id === now ? { id } : { id, rederive: now };
  }

  /**
   * Drops one stored version (class, key, source) and what was derived from it. When it was
   * the active one, the next remaining version (source order, then date) becomes active: its id is returned as
   * `rederive` (its claims must be derived again, as after put()).
   */
  remove(cls: string, key: string, source: string): { removed: boolean; rederive?: number } {
    const k = key.toUpperCase();
    const row = this.q.versionOf.get(cls, k, safeSource(source)) as { id: number; active: number } | undefined;
    if (!row) return { removed: false };
    this.buildRuleIndexes();
    this.dropDerived(row.id);
    this.q.deleteObject.run(row.id);
    this.parsed.delete(row.id);
    if (!row.active) return { removed: true };
    this.q.setActive.run(cls, k);
    const now = this.q.activeId.get(cls, k) as { id: number } | undefined;
    return now ? { removed: true, rederive: now.id } : { removed: true };
  }

  /** Writes what ingest derived from the (active) object `id`. */
  putDerived(id: number, asn: number | null, key: string, derived: Derived): void {
    for (const r of derived.rules) {
      const ruleId = Number(this.q.insertRule.run(
        id, asn ?? 0, r.attrIndex, r.termIndex, r.family, r.direction, r.attribute, r.line, r.peer, r.peerings, r.cls, r.isAny ? 1 : 0, r.classBy, r.notes,
      ).lastInsertRowid);
      for (const m of r.mentions) this.q.insertMention.run(m, ruleId, 0);
      for (const d of r.deps) this.q.insertMention.run(d, ruleId, 1);
    }
    for (const m of derived.members) this.q.insertMember.run(key.toUpperCase(), m, id);
    if (asn !== null) for (const m of derived.memberOf) this.q.insertMemberOf.run(m.set, asn, m.mntBy.join(' '), id);
  }

  private dropDerived(id: number): void {
    this.q.deleteMentions.run(id);
    this.q.deleteRules.run(id);
    this.q.deleteMembers.run(id);
    this.q.deleteMemberOf.run(id);
  }

  /** Rules whose class depends on one of these set names (to reclassify after they change). */
  dependentRules(names: readonly string[]): StoredRule[] {
    const out: StoredRule[] = [];
    for (const n of names) out.push(...(this.q.dependents.all(n) as StoredRule[]));
    return out;
  }

  updateRuleClass(id: number, cls: number, classBy: string | null, notes: string | null): void {
    this.q.updateClass.run(cls, classBy, notes, id);
  }

  // ── objects ──────────────────────────────────────────────────────────────────────────

  /** Every stored version of an object, the one used first (source order, then freshest). Unreadable rows are reported, not used. */
  versions(cls: LookupClass, key: string): StoredVersion[] {
    const rows = this.q.versions.all(cls, key.toUpperCase()) as ObjectRow[];
    const out: StoredVersion[] = [];
    for (const r of rows) {
      const object = this.objectById(r.id, r);
      if (object) out.push({ id: r.id, object, provenance: provenanceOf(r) });
    }
    return out;
  }

  entryIsFresh(e: StoredObject, now = Date.now()): boolean {
    const t = Date.parse(e.provenance.date);
    return e.provenance.kind !== 'live' || (Number.isFinite(t) && now - t < this.ttlMs);
  }

  /** The version analysis uses. */
  active(cls: LookupClass, key: string): StoredVersion | undefined {
    const r = this.q.active.get(cls, key.toUpperCase()) as ObjectRow | undefined;
    if (!r) return undefined;
    const object = this.objectById(r.id, r);
    return object ? { id: r.id, object, provenance: provenanceOf(r) } : undefined;
  }

  /** A set's active version (the SetSource the expander reads). */
  set(cls: Exclude<LookupClass, 'aut-num'>, name: string): StoredVersion | undefined {
    return this.active(cls, name);
  }

  /** The active aut-num's id and provenance, without reading its text. */
  autNumRef(asn: number): { id: number; source: string; provenance: ObjectProvenance } | undefined {
    const r = this.q.autNumRef.get(asn) as (ObjectRow | undefined);
    return r ? { id: r.id, source: r.source, provenance: provenanceOf(r) } : undefined;
  }

  /** The active aut-nums' ids and provenance of some ASes, in one statement (an AS without one is absent). */
  autNumRefsOf(asns: readonly number[]): { asn: number; id: number; source: string; provenance: ObjectProvenance }[] {
    return (this.q.autNumRefsOf.all(JSON.stringify(asns)) as (ObjectRow & { asn: number })[]).map((r) => ({ asn: r.asn, id: r.id, source: r.source, provenance: provenanceOf(r) }));
  }

  /** Every active aut-num's id and provenance, streamed (one query for a whole-registry run). */
  *allAutNumRefs(): Generator<{ asn: number; id: number; source: string; provenance: ObjectProvenance }> {
    for (const r of this.q.allAutNumRefs.iterate() as Iterable<ObjectRow & { asn: number }>) yield { asn: r.asn, id: r.id, source: r.source, provenance: provenanceOf(r) };
  }

  /** Every AS-ANY rule and unparsed attribute of the store. */
  allPartRules(): StoredRule[] {
    return this.q.allPartRules.all() as StoredRule[];
  }

  /**
   * Rules changed without new rows or objects (an object written over in place, classes read
   * again): counted, so that `derived` values are computed again.
   */
  rulesChanged(): void {
    this.q.countRuleChange.run();
  }

  /**
   * A value derived from the whole store, kept in its meta table with the store's state when it
   * was computed (the last object and rule ids, the active objects, rule changes counted by
   * `rulesChanged`): read back only while the store is unchanged. `compute` runs otherwise; a store that cannot be written keeps nothing.
   */
  derived(key: string, compute: () => string): string {
    const row = this.db.prepare(`SELECT (SELECT max(id) FROM objects) AS o, (SELECT max(id) FROM rules) AS r, (SELECT count(*) FROM objects WHERE active = 1) AS a,
      (SELECT value FROM meta WHERE key = 'rules-changed') AS c`).get() as { o: number | null; r: number | null; a: number; c: string | null };
    const state = `${row.o ?? 0}/${row.r ?? 0}/${row.a}${row.c ? `/${row.c}` : ''}`;
    const kept = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    if (kept && kept.value.startsWith(`${state} `)) return kept.value.slice(state.length + 1);
    const value = compute();
    try {
      this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(key, `${state} ${value}`);
    } catch {
      // A read-only or busy store: computed again next time.
    }
    return value;
  }

  /** Whether the store holds any aut-num (one indexed row, where `counts` reads every object and rule). */
  hasAutNums(): boolean {
    return this.q.anyAutNum.get() !== undefined;
  }

  /** Whether the store holds at least `n` aut-nums (reads at most n index entries). */
  hasAutNumsAtLeast(n: number): boolean {
    return (this.q.autNumsUpTo.get(n) as { n: number }).n >= n;
  }

  hasAutNum(asn: number): boolean {
    return this.q.autNumRef.get(asn) !== undefined;
  }

  /** The object (with input line numbers) of a stored row; cached for the few an answer prints. */
  objectById(id: number, row?: ObjectRow): RpslObject | undefined {
    if (this.parsed.has(id)) return this.parsed.get(id);
    const r = row ?? (this.q.byId.get(id) as ObjectRow | undefined);
    const o = r ? rowObject(r) : undefined;
    if (this.parsed.size > 256) this.parsed.clear();
    this.parsed.set(id, o);
    return o;
  }

  /** The attribute starting at `line` of a stored object: evidence text is read only when printed. */
  attributeAt(objectId: number, line: number): RpslAttribute | undefined {
    const whole = this.parsed.get(objectId);
    if (whole) return whole.attributes.find((a) => a.line === line);
    const load = () => {
      const r = this.q.textById.get(objectId) as { text: string; first_line: number } | undefined;
      return r && { text: r.text, firstLine: r.first_line };
    };
    const a = this.lines.attributeAt(objectId, load, line);
    return a === null ? this.objectById(objectId)?.attributes.find((x) => x.line === line) : a;
  }

  /** Active aut-num ASNs, ascending (streamed). */
  *owners(): Generator<number> {
    for (const r of this.q.owners.iterate() as Iterable<{ asn: number }>) yield r.asn;
  }

  // ── claims and the reverse index ────────────────────────────────────────────────────

  /** How many rules an AS's active aut-num holds (an index count: no rule is read). */
  ruleCountOf(asn: number): number {
    return (this.q.ruleCountOf.get(asn) as { n: number }).n;
  }

  /** The rules of an AS's active aut-num. */
  rulesOf(asn: number): StoredRule[] {
    return this.q.rulesOf.all(asn) as StoredRule[];
  }

  /**
   * Every claim naming one neighbour other than its owner, in the given families: one packed
   * string per owner (src/store/packed-claims.ts), in no particular order (callers sort; an
   * ORDER BY here doubles the time).
   */
  *packedClaims(families: readonly (4 | 6)[]): Generator<{ owner: number; objectId: number; packed: string }> {
    const list = familyList(families);
    const q = this.db.prepare(`SELECT r.owner, r.object_id, group_concat(${PACKED_CLAIM_SQL}, char(30)) FROM rules r
      WHERE r.peer IS NOT NULL AND r.peer != r.owner AND r.family IN (${list}) GROUP BY r.object_id`).raw();
    for (const [owner, objectId, packed] of q.iterate() as Iterable<[number, number, string]>) yield { owner, objectId, packed };
  }

  /** The claims of one AS naming one neighbour other than itself, packed (src/store/packed-claims.ts), in no set order. */
  packedClaimsOf(asn: number): { objectId: number; packed: string }[] {
    return (this.q.packedClaimsOf.all(asn) as [number, string][]).map(([objectId, packed]) => ({ objectId, packed }));
  }

  /** The claims of `owner` naming `peer` as their one neighbour, packed (one indexed lookup, whatever the size of either object). */
  packedClaimsBetween(owner: number, peer: number): { objectId: number; packed: string }[] {
    // Its statement names rules_peer (INDEXED BY), which a first import drops for a while.
    this.buildRuleIndexes();
    return (this.q.packedClaimsBetween.all(peer, owner) as [number, string][]).map(([objectId, packed]) => ({ objectId, packed }));
  }

  /** The claims naming AS `asn` as their one neighbour (the direct half of the reverse index), packed per owner, in no set order. */
  packedClaimsNaming(asn: number): { owner: number; objectId: number; packed: string }[] {
    return (this.q.packedClaimsNaming.all(asn) as [number, number, string][]).map(([owner, objectId, packed]) => ({ owner, objectId, packed }));
  }

  /** The rules of one AS that packed claims leave out: peerings naming sets or expressions, and attributes that could not be parsed. */
  otherRulesOf(asn: number): StoredRule[] {
    return this.q.otherRulesOf.all(asn) as StoredRule[];
  }

  /** Rules whose peering names sets or expressions (`peerings`), in the given families, in rule order. */
  setRules(families: readonly (4 | 6)[]): StoredRule[] {
    const list = familyList(families);
    return this.db.prepare(`SELECT ${RULE_COLUMNS} FROM rules r WHERE r.peerings IS NOT NULL AND r.family IN (${list}) ORDER BY r.id`).all() as StoredRule[];
  }

  /** AS-ANY rules of an AS and its attributes that could not be parsed. */
  partRulesOf(asn: number): StoredRule[] {
    return this.q.partRulesOf.all(asn, asn) as StoredRule[];
  }



  /** Rules whose peering expression holds `name` (a set, or an ASN inside an expression). */
  rulesMentioning(name: string): StoredRule[] {
    return this.q.rulesMentioning.all(name) as StoredRule[];
  }

  /** Owners of rules whose peering names the set, or whose filter depends on it: their links may change with it. */
  ownersMentioning(name: string): number[] {
    return (this.q.ownersMentioning.all(name) as { owner: number }[]).map((r) => r.owner);
  }

  /** Every direct member of the sets named `AS<n>:…` (hierarchical names: an AS's own sets), for whole-store runs. */
  *ownSetMembers(): Generator<{ set_name: string; member: string }> {
    yield* this.db.prepare("SELECT set_name, member FROM members WHERE set_name GLOB 'AS[0-9]*:*'").iterate() as Iterable<{ set_name: string; member: string }>;
  }

  /** Sets (as-set or peering-set) that list `member` directly, or through an aut-num's member-of. */
  setsHolding(member: string): string[] {
    const out = (this.q.setsHolding.all(member) as { set_name: string }[]).map((r) => r.set_name);
    const asn = /^AS(\d+)$/.exec(member);
    if (asn) for (const r of this.q.memberOfAsn.all(Number(asn[1])) as { set_name: string }[]) out.push(r.set_name);
    return out;
  }

  /** Sets and other non-AS names `asn`'s peerings name (the reverse index, read from the owner's side). */
  setMentionsOf(asn: number): string[] {
    return (this.q.setMentionsOf.all(asn) as { name: string }[]).map((r) => r.name);
  }

  /** The sets an aut-num names in `member-of:`. */
  memberOfAsn(asn: number): string[] {
    return (this.q.memberOfAsn.all(asn) as { set_name: string }[]).map((r) => r.set_name);
  }

  /** The active version's text, unparsed (to tell whether a write changed anything). */
  activeText(cls: LookupClass, key: string): string | undefined {
    return (this.q.active.get(cls, key.toUpperCase()) as ObjectRow | undefined)?.text;
  }

  /** Members of an active as-set or peering-set, as filed (upper case, `AS<n>` for ASNs). */
  membersOf(set: string): string[] {
    return (this.q.membersOf.all(set.toUpperCase()) as { member: string }[]).map((r) => r.member);
  }

  /** True when some active object came from a dump (the reverse index then covers that registry). */
  hasDumps(): boolean {
    return this.q.anyDump.get() !== undefined;
  }

  /** aut-nums that name `set` in `member-of:`, with their maintainers (for mbrs-by-ref). */
  memberOf(set: string): { asn: number; mntBy: string[] }[] {
    return (this.q.memberOfSet.all(set.toUpperCase()) as { asn: number; mnt_by: string }[]).map((r) => ({ asn: r.asn, mntBy: r.mnt_by ? r.mnt_by.split(' ') : [] }));
  }

  // ── summaries ────────────────────────────────────────────────────────────────────────

  counts(): { objects: number; autNums: number; rules: number } {
    const r = this.q.counts.get() as { objects: number; aut_nums: number };
    const rules = (this.q.ruleCount.get() as { n: number }).n;
    return { objects: r.objects, autNums: r.aut_nums, rules };
  }

  /** Active aut-nums grouped by provenance: one row per (kind, origin, date, reconstructed). */
  provenanceGroups(): { provenance: ObjectProvenance; count: number; sample: number[] }[] {
    return (this.q.provenanceGroups.all() as (ObjectRow & { n: number })[]).map((r) => ({
      provenance: provenanceOf(r),
      count: r.n,
      sample: (this.q.groupSample.all(r.kind, r.origin, r.date) as { asn: number }[]).map((x) => x.asn),
    }));
  }

  /** Provenance of the active aut-nums of these ASes (for an answer's `data:` lines). */
  provenanceOf(asns: Iterable<number>): Map<number, ObjectProvenance> {
    const out = new Map<number, ObjectProvenance>();
    const list = [...asns];
    // Thousands of point queries cost more than one statement joining the asked ASes, which
    // gives them in key order (as every aut-num's refs are read: AS1, AS10, AS100, …).
    if (list.length > 1000) {
      // Rows as arrays, one provenance object per distinct origin: thousands of ASes share a few.
      const shared = new Map<string, ObjectProvenance>();
      for (const [asn, kind, origin, date, reconstructed] of this.q.provenanceIn.iterate(JSON.stringify(list)) as Iterable<[number, ObjectRow['kind'], string, string, number]>) {
        const key = `${kind}\n${origin}\n${date}\n${reconstructed}`;
        let p = shared.get(key);
        if (!p) shared.set(key, (p = provenanceOf({ kind, origin, date, reconstructed })));
        out.set(asn, p);
      }
      return out;
    }
    for (const asn of list) {
      const r = this.autNumRef(asn);
      if (r) out.set(asn, r.provenance);
    }
    return out;
  }

  /** Keys of the stored objects of some classes (for `show --list`-like output). */
  *list(classes: readonly LookupClass[] = STORE_CLASSES): Generator<{ cls: LookupClass; key: string; source: string }> {
    for (const cls of classes) {
      for (const r of this.q.listClass.iterate(cls) as Iterable<{ key: string; source: string }>) yield { cls, key: r.key, source: r.source };
    }
  }
}

/**
 * Creates `dir` and its missing parents one level at a time. Node's recursive mkdir spins
 * forever on some pseudo file systems (`/proc/x`); this fails with the first error instead.
 */
function makeFolders(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); ; d = dirname(d)) {
    const s = statSync(d, { throwIfNoEntry: false });
    if (s) {
      if (!s.isDirectory()) throw new StoreError(dir, `${d} is not a folder`, 'Give --data a folder you can write to.');
      break;
    }
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) {
    try {
      mkdirSync(d);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      throw new StoreError(dir, `cannot create the folder (${code ?? (e as Error).message})`, 'Give --data a folder you can write to.');
    }
  }
}

function quickCheck(db: Db, max: number): string[] {
  const n = Math.max(1, Math.floor(max));
  // A row may hold several problems, one a line, under a `*** in database main ***` heading.
  return (db.pragma(`quick_check(${n})`) as { quick_check: string }[])
    .flatMap((r) => r.quick_check.split('\n'))
    .filter((l) => l && !/^\*\*\* in database /.test(l))
    .slice(0, n);
}

/** A `file:` URI that opens `path` immutable: no locks, no -wal or -shm (read-only media). */
function immutableUri(path: string): string {
  return `file:${encodeURI(path).replace(/[?#]/g, (c) => encodeURIComponent(c))}?immutable=1`;
}

/** A StoreError for a database that failed to initialise: damaged, foreign or of another version. */
function openFailure(e: unknown, path: string): StoreError {
  if (e instanceof StoreError) return e;
  const f = storeFailure(e, { path });
  if (f?.kind === 'damaged') return new StoreError(path, f.message.slice(`store ${path} `.length), f.hint, ' ');
  if (f) return new StoreError(path, f.message.replace(/^store \S+ /, '').replace(` (${path})`, ''), f.hint);
  return new StoreError(path, (e as Error).message, `Move the file away (\`mv ${path} ${path}.damaged\`) and fetch or import again.`);
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens a store that cannot be written. A WAL database needs its -shm file, which a read-only
 * folder cannot hold: then the file is opened immutable (a `file:` URI; SQLite then takes no
 * locks and reads no -wal, which is right for media nobody writes). A -wal left beside it
 * (an unclean copy, a writer that died) holds writes the immutable open would not see: they
 * are read from a temporary copy when it fits (wal-copy.ts says why a copy), else a note
 * (storeOpeningNotes) says they are missing.
 */
function openReadOnly(path: string): Db {
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: 10_000 });
    initialise(db, path);
    return db;
  } catch (e) {
    db?.close();
    // Only a missing -shm (a read-only folder) is worth the copy or the immutable open.
    const code = String((e as { code?: unknown }).code ?? '');
    if (!/^SQLITE_(CANTOPEN|READONLY)/.test(code)) throw openFailure(e, path);
  }
  const wal = walBytes(path);
  let note: string | undefined;
  if (wal > 0) {
    const copy = openWalCopy(path, wal, (c) => initialise(c, path));
    if ('db' in copy) return copy.db;
    note = walNotReadNote(path, wal, copy.why);
  }
  db = undefined;
  try {
    db = new Database(immutableUri(path), { readonly: true, fileMustExist: true, timeout: 10_000 });
    initialise(db, path);
  } catch (e) {
    db?.close();
    throw openFailure(e, path);
  }
  if (note) noteStoreOpening(path, note);
  return db;
}

/**
 * journal_mode = WAL, tried again while another connection holds the file: SQLite answers a
 * change of journal mode that meets a lock with SQLITE_BUSY at once, without waiting out the
 * busy timeout (two imports creating one store met it about once in 150 openings).
 */
function enableWal(db: Db): void {
  const deadline = Date.now() + 10_000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let ms = 2; ; ms = Math.min(100, ms * 2)) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if (!String((e as { code?: unknown }).code).startsWith('SQLITE_BUSY') || Date.now() > deadline) throw e;
      Atomics.wait(pause, 0, 0, ms);
    }
  }
}

function tableCount(db: Db): number {
  return (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
}

function foreignDatabase(path: string): StoreError {
  return new StoreError(path, 'is an SQLite database but not an asrel store', 'Give --data a folder of its own.');
}

/** The rules' indexes a first import owes (Store.deferRuleIndexes), built, and the debt cleared. */
function buildOwedIndexes(db: Db): void {
  db.exec(RULES_INDEXES_SQL);
  db.prepare("DELETE FROM meta WHERE key = 'rule-indexes'").run();
}

/**
 * Writes the schema into an empty database; false when another process wrote it first.
 * Two processes may create one store at once (two imports into a new folder). The write
 * lock is taken first (IMMEDIATE, waiting out the busy timeout): a deferred transaction
 * would read, then fail at once ("database is locked") on finding its snapshot stale when
 * the other commits. Then it looks again, as the other may have created the store meanwhile.
 */
function createSchema(db: Db): boolean {
  return db.transaction(() => {
    const empty = tableCount(db) === 0;
    if (empty) {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.exec(SCHEMA_SQL);
      setSchemaVersion(db);
    }
    return empty;
  }).immediate();
}

function setSchemaVersion(db: Db): void {
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
}

/** The versions this asrel upgrades in place where it can write. */
const OLDER_VERSIONS = [3, 4, 5];
/** The older versions it reads as they are where it cannot (the same answers: version 4's links decided from claims, version 5's aut-nums read from their rows). */
const READ_AS_IS = [4, 5];

/**
 * Versions 3 to 5, upgraded in place. Version 3 lacks the link table (and later tables):
 * created empty, its state absent, so readers decide links from claims until the next write
 * decides them all. Version 4 lacks two rule indexes (version 5 finds one owner's claims
 * naming one AS, and its rules naming sets, directly): built, which reads every rule once; and
 * the links' counts per AS (taken from its rows), their indexes by relation and the code of a
 * set's view. Version 5 lacks the aut-nums' covering index (objects_refs): built, which reads
 * every object once. Nothing stored is lost.
 */
function upgrade(db: Db): { value: string } {
  db.transaction(() => {
    // Read again under the write lock: another process may have upgraded it meanwhile.
    const from = Number((db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string }).value);
    if (!OLDER_VERSIONS.includes(from)) return;
    // Indexes whose columns changed (before version 5) are made again by the schema.
    if (from < 5) db.exec('DROP INDEX IF EXISTS rules_peer; DROP INDEX IF EXISTS links_hi;');
    db.exec(SCHEMA_SQL);
    // Sets' views get their own relation code (7) instead of a peering with `first` set.
    if (from === 4) db.exec(`UPDATE links SET relation = 7 WHERE relation = 3 AND first IS NOT NULL AND kind NOT LIKE 'cf%'; DELETE FROM link_counts; ${REBUILD_COUNTS}`);
    setSchemaVersion(db);
  }).immediate();
  return db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string };
}

function initialise(db: Db, path: string): void {
  // Both in one snapshot: a store another process is creating gets its id and its tables in
  // one transaction, and reading one before and one after that commit would take a new
  // store for a foreign database.
  const { appId, tables } = db.transaction(() => ({ appId: db.pragma('application_id', { simple: true }) as number, tables: tableCount(db) }))();
  if (tables > 0 && appId !== APPLICATION_ID) throw foreignDatabase(path);
  if (tables === 0 && db.readonly) throw new StoreError(path, 'is empty and read-only', 'Give --data a folder you can write to, then fetch or import.');
  if (path !== ':memory:' && !db.memory && !db.readonly) {
    enableWal(db);
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = OFF');
  // A page cache of 8 MiB (the default is 2 MiB) for answers, which read the link table and a
  // few objects; writers and whole-registry runs from claims widen it (Store.widenCache).
  // Temporary sort tables are kept in memory.
  db.pragma(`cache_size = -${READ_CACHE_KIB}`);
  db.pragma('temp_store = MEMORY');
  if (tables === 0) {
    if (createSchema(db)) return;
    // Another process created it meanwhile: an asrel store, unless it was not asrel.
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) throw foreignDatabase(path);
  }
  let v = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string } | undefined;
  if (v && OLDER_VERSIONS.includes(Number(v.value)) && !db.readonly) v = upgrade(db);
  // A first import stopped before building its rule indexes (killed): built by the next writer.
  if (!db.readonly && db.prepare("SELECT 1 FROM meta WHERE key = 'rule-indexes'").get()) db.transaction(() => buildOwedIndexes(db)).immediate();
  if (!v || (Number(v.value) !== SCHEMA_VERSION && !(READ_AS_IS.includes(Number(v.value)) && db.readonly))) {
    throw new StoreError(path, `has schema version ${v?.value ?? 'unknown'}; this asrel reads version ${SCHEMA_VERSION}`,
      `Move it away (\`mv ${path} ${path}.old\`) and fetch or import again.`);
  }
}

function prepare(db: Db) {
  // Aut-nums' refs in key order, their groups: from the covering index, sorted (SQLite would
  // walk the key index and read each row, text and all). A version 5 store read as it is lacks it.
  const refs = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'objects_refs'").get() ? 'INDEXED BY objects_refs' : '';
  return {
    upsert: db.prepare(`INSERT INTO objects (class, key, source, asn, kind, origin, date, reconstructed, first_line, text, active)
      VALUES (@class, @key, @source, @asn, @kind, @origin, @date, @reconstructed, @first_line, @text, @active)
      ON CONFLICT (class, key, source) DO UPDATE SET asn = excluded.asn, kind = excluded.kind, origin = excluded.origin,
        date = excluded.date, reconstructed = excluded.reconstructed, first_line = excluded.first_line, text = excluded.text
      RETURNING id, active`),
    sameVersion: db.prepare('SELECT id, active, text, date, first_line FROM objects WHERE class = ? AND key = ? AND source = ?'),
    refreshVersion: db.prepare('UPDATE objects SET kind = ?, origin = ?, date = ?, reconstructed = ?, first_line = ? WHERE id = ?'),
    shiftRuleLines: db.prepare('UPDATE rules SET line = line + ? WHERE object_id = ?'),
    rewriteVersion: db.prepare('UPDATE objects SET kind = ?, origin = ?, date = ?, reconstructed = ?, first_line = ?, text = ? WHERE id = ?'),
    ruleIdsAtLines: db.prepare('SELECT id FROM rules WHERE object_id = ? AND line IN (SELECT value FROM json_each(?))'),
    rulesWithIds: db.prepare(`SELECT ${RULE_COLUMNS} FROM rules r WHERE r.id IN (SELECT value FROM json_each(?))`),
    namesOfRules: db.prepare('SELECT DISTINCT name FROM mentions WHERE rule_id IN (SELECT value FROM json_each(?)) AND kind = 0'),
    deleteMentionsOfRules: db.prepare('DELETE FROM mentions WHERE rule_id IN (SELECT value FROM json_each(?))'),
    deleteRulesWithIds: db.prepare('DELETE FROM rules WHERE id IN (SELECT value FROM json_each(?))'),
    moveRules: db.prepare('UPDATE rules SET line = line + ?, attr_index = attr_index + ? WHERE object_id = ? AND line BETWEEN ? AND ?'),
    memberOfObject: db.prepare('SELECT set_name FROM member_of WHERE object_id = ?'),
    anyRuleOf: db.prepare('SELECT 1 FROM rules WHERE object_id = ? LIMIT 1'),
    countRuleChange: db.prepare(`INSERT INTO meta (key, value) VALUES ('rules-changed', '1')
      ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`),
    deleteMentions: db.prepare('DELETE FROM mentions WHERE rule_id IN (SELECT id FROM rules WHERE object_id = ?)'),
    deleteRules: db.prepare('DELETE FROM rules WHERE object_id = ?'),
    deleteMembers: db.prepare('DELETE FROM members WHERE object_id = ?'),
    deleteMemberOf: db.prepare('DELETE FROM member_of WHERE object_id = ?'),
    insertRule: db.prepare(`INSERT INTO rules (object_id, owner, attr_index, term_index, family, direction, attribute, line, peer, peerings, class, is_any, class_by, notes)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertMention: db.prepare('INSERT INTO mentions (name, rule_id, kind) VALUES (?, ?, ?)'),
    insertMember: db.prepare('INSERT INTO members (set_name, member, object_id) VALUES (?, ?, ?)'),
    insertMemberOf: db.prepare('INSERT INTO member_of (set_name, asn, mnt_by, object_id) VALUES (?, ?, ?, ?)'),
    clearActive: db.prepare('UPDATE objects SET active = 0 WHERE class = ? AND key = ? AND active = 1'),
    // The first source in SOURCE_ORDER wins (an RIR's object before a copy in RADB); within one
    // rank the freshest version, and equal dates go to the first source by name (repeatable).
    setActive: db.prepare(`UPDATE objects SET active = 1 WHERE id =
      (SELECT id FROM objects WHERE class = ? AND key = ? ORDER BY ${SOURCE_RANK_SQL}, date DESC, source ASC LIMIT 1)`),
    versions: db.prepare(`SELECT * FROM objects WHERE class = ? AND key = ? ORDER BY ${SOURCE_RANK_SQL}, date DESC, source ASC`),
    active: db.prepare('SELECT * FROM objects WHERE class = ? AND key = ? AND active = 1'),
    activeId: db.prepare('SELECT id FROM objects WHERE class = ? AND key = ? AND active = 1'),
    versionCount: db.prepare('SELECT count(*) AS n FROM objects WHERE class = ? AND key = ?'),
    versionOf: db.prepare('SELECT id, active FROM objects WHERE class = ? AND key = ? AND source = ?'),
    deleteObject: db.prepare('DELETE FROM objects WHERE id = ?'),
    autNumRef: db.prepare("SELECT id, source, kind, origin, date, reconstructed FROM objects WHERE asn = ? AND active = 1 AND class = 'aut-num'"),
    byId: db.prepare('SELECT * FROM objects WHERE id = ?'),
    textById: db.prepare('SELECT text, first_line FROM objects WHERE id = ?'),
    // CROSS JOIN: the list outside, each AS one index lookup (SQLite may otherwise scan the list for each object).
    provenanceIn: db.prepare(`SELECT o.asn, o.kind, o.origin, o.date, o.reconstructed FROM json_each(?) j CROSS
      JOIN objects o ON o.asn = j.value AND o.active = 1 AND o.asn IS NOT NULL AND o.class = 'aut-num' ORDER BY o.key`).raw(),
    // In key order (the (class, key) index gives it): data lines list groups in the order they are met.
    // objects_refs where it exists (chosen unforced: a version 5 store read as it is lacks it).
    autNumRefsOf: db.prepare(`SELECT o.asn, o.id, o.source, o.kind, o.origin, o.date, o.reconstructed FROM json_each(?) j
      CROSS JOIN objects o ON o.class = 'aut-num' AND o.asn = j.value AND o.active = 1 AND o.asn IS NOT NULL`),
    allAutNumRefs: db.prepare(`SELECT asn, id, source, kind, origin, date, reconstructed FROM objects ${refs} WHERE active = 1 AND class = 'aut-num' AND asn IS NOT NULL ORDER BY key`),
    // Two partial indexes, one per condition: few rows, read without scanning every claim.
    allPartRules: db.prepare(`SELECT ${RULE_COLUMNS} FROM rules r WHERE r.is_any = 1 UNION ALL SELECT ${RULE_COLUMNS} FROM rules r WHERE r.family = 0`),
    owners: db.prepare("SELECT asn FROM objects WHERE active = 1 AND asn IS NOT NULL AND class = 'aut-num' ORDER BY asn"),
    rulesOf: db.prepare(`SELECT ${RULE_COLUMNS} FROM rules r WHERE r.owner = ? ORDER BY r.line, r.id`),
    packedClaimsOf: db.prepare(`SELECT r.object_id, group_concat(${PACKED_CLAIM_SQL}, char(30)) FROM rules r
      WHERE r.owner = ? AND r.peer IS NOT NULL AND r.peer != r.owner GROUP BY r.object_id`).raw(),
    packedClaimsBetween: db.prepare(`SELECT r.object_id, group_concat(${PACKED_CLAIM_SQL}, char(30)) FROM rules r INDEXED BY rules_peer
      WHERE r.peer = ? AND r.owner = ? GROUP BY r.object_id`).raw(),
    packedClaimsNaming: db.prepare(`SELECT r.owner, r.object_id, group_concat(${PACKED_CLAIM_SQL}, char(30)) FROM rules r
      WHERE r.peer = ? AND r.owner != r.peer GROUP BY r.object_id`).raw(),
    otherRulesOf: db.prepare(`SELECT ${RULE_COLUMNS} FROM rules r WHERE r.owner = ? AND (r.peerings IS NOT NULL OR r.family = 0) ORDER BY r.line, r.id`),
    partRulesOf: db.prepare(`SELECT ${RULE_COLUMNS} FROM rules r WHERE r.owner = ? AND r.is_any = 1
      UNION ALL SELECT ${RULE_COLUMNS} FROM rules r WHERE r.owner = ? AND r.family = 0`),
    rulesMentioning: db.prepare(`SELECT ${RULE_COLUMNS} FROM mentions m JOIN rules r ON r.id = m.rule_id WHERE m.name = ? AND m.kind = 0 ORDER BY r.id`),
    ownersMentioning: db.prepare(`SELECT DISTINCT r.owner FROM mentions m JOIN rules r ON r.id = m.rule_id WHERE m.name = ?`),
    setsHolding: db.prepare(`SELECT DISTINCT set_name FROM members WHERE member = ?`),
    setMentionsOf: db.prepare(`SELECT DISTINCT m.name FROM rules r JOIN mentions m ON m.rule_id = r.id WHERE r.owner = ? AND m.kind = 0 AND NOT m.name GLOB 'AS[0-9]*' ORDER BY m.name`),
    memberOfAsn: db.prepare(`SELECT DISTINCT set_name FROM member_of WHERE asn = ?`),
    membersOf: db.prepare(`SELECT member FROM members WHERE set_name = ?`),
    anyAutNum: db.prepare("SELECT 1 FROM objects WHERE class = 'aut-num' AND active = 1 LIMIT 1"),
    anyObject: db.prepare('SELECT 1 FROM objects LIMIT 1'),
    autNumsUpTo: db.prepare("SELECT count(*) AS n FROM (SELECT 1 FROM objects WHERE class = 'aut-num' AND active = 1 LIMIT ?)"),
    anyDump: db.prepare("SELECT 1 FROM objects WHERE active = 1 AND kind = 'dump' LIMIT 1"),
    memberOfSet: db.prepare(`SELECT asn, mnt_by FROM member_of WHERE set_name = ? ORDER BY asn`),
    dependents: db.prepare(`SELECT ${RULE_COLUMNS} FROM mentions m JOIN rules r ON r.id = m.rule_id WHERE m.name = ? AND m.kind = 1`),
    updateClass: db.prepare('UPDATE rules SET class = ?, class_by = ?, notes = ? WHERE id = ?'),
    counts: db.prepare("SELECT count(*) AS objects, coalesce(sum(class = 'aut-num'), 0) AS aut_nums FROM objects WHERE active = 1"),
    ruleCount: db.prepare('SELECT count(*) AS n FROM rules'),
    ruleCountOf: db.prepare('SELECT count(*) AS n FROM rules WHERE owner = ?'),
    provenanceGroups: db.prepare(`SELECT kind, origin, min(date) AS date, max(reconstructed) AS reconstructed, count(*) AS n
      FROM objects ${refs} WHERE active = 1 AND class = 'aut-num' AND asn IS NOT NULL
      GROUP BY kind, origin, CASE WHEN kind = 'live' THEN '' ELSE date END ORDER BY kind, origin, date`),
    groupSample: db.prepare(`SELECT asn FROM objects ${refs} WHERE active = 1 AND class = 'aut-num' AND asn IS NOT NULL AND kind = ? AND origin = ?
      AND (kind = 'live' OR date = ?) ORDER BY asn LIMIT 8`),
    listClass: db.prepare('SELECT key, source FROM objects WHERE class = ? ORDER BY key, source'),
  };
}

function safeSource(source: string | undefined): string {
  const s = (source ?? 'UNKNOWN').toUpperCase();
  return /^[A-Z0-9_-]{1,64}$/.test(s) ? s : 'UNKNOWN';
}
