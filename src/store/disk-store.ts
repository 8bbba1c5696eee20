import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { readObjects } from '../rpsl/read.js';
import type { RpslObject } from '../rpsl/types.js';
import type { LookupClass, ObjectProvenance, StoredObject } from './types.js';
import type { MemoryIndex } from './memory-index.js';

/*
 * The local store: one file per object and source, `<dir>/objects/<class>/<KEY>@<SOURCE>.rpsl`,
 * holding the object's RPSL text exactly as received after one header line
 *   # asrel-store {"source":"RADB","kind":"live","from":"whois.radb.net:43","date":"…"}
 * Writes go to a temporary file that is renamed into place, so a killed process leaves
 * either the old file or the new one, never half of one.
 */

export const STORE_CLASSES: readonly LookupClass[] = ['aut-num', 'as-set', 'route-set', 'filter-set', 'peering-set'];
const HEADER = '# asrel-store ';
export const DEFAULT_TTL_MS = 24 * 3600 * 1000;

export interface StoreHeader {
  source: string;
  kind: 'live' | 'dump';
  from: string;
  date: string;
}

/** One stored version of an object (one per source). */
export interface StoreEntry extends StoredObject {
  path: string;
  text: string;
}

export interface PutOptions {
  /** fsync the file and its folder (default true). Dump import turns it off for speed: the rename stays atomic. */
  durable?: boolean;
}

export class StoreError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`store ${path}: ${message}`);
    this.name = 'StoreError';
  }
}

export class DiskStore {
  readonly ttlMs: number;
  private readonly madeDirs = new Set<string>();
  /** Per class folder: encoded key → file names, read once, kept current by put() (this process's view). */
  private readonly listings = new Map<string, Map<string, Set<string>>>();

  constructor(
    readonly dir: string,
    opts: { ttlMs?: number } = {},
  ) {
    this.ttlMs = opts.ttlMs ?? DEFAULT_TTL_MS;
    if (!(this.ttlMs >= 0)) throw new RangeError(`the store TTL must be zero or more (got ${opts.ttlMs})`);
  }

  /** Stores one object (as `object`'s own lines) with where and when it came from. */
  async put(object: RpslObject, provenance: { kind: 'live' | 'dump'; from: string; date?: string }, opts: PutOptions = {}): Promise<StoreEntry> {
    if (!(STORE_CLASSES as readonly string[]).includes(object.class)) throw new StoreError(this.dir, `cannot store class '${object.class}'`);
    const source = safeSource(object.source);
    const header: StoreHeader = { source, kind: provenance.kind, from: provenance.from, date: provenance.date ?? new Date().toISOString() };
    const text = `${object.attributes.map((a) => a.raw).join('\n')}\n`;
    const folder = join(this.dir, 'objects', object.class);
    const path = join(folder, fileName(object.key, source));
    if (!this.madeDirs.has(folder)) {
      await fs.mkdir(folder, { recursive: true });
      this.madeDirs.add(folder);
    }
    await writeAtomic(path, `${HEADER}${JSON.stringify(header)}\n${text}`, opts.durable ?? true);
    const listing = await this.listing(folder);
    const k = encodeKey(object.key);
    if (!listing.has(k)) listing.set(k, new Set());
    listing.get(k)!.add(fileName(object.key, source));
    return { path, text, ...this.toStored(path, header, text) };
  }

  /** All stored versions (one per source) of an object, freshest first. */
  async get(cls: LookupClass, key: string): Promise<StoreEntry[]> {
    const folder = join(this.dir, 'objects', cls);
    const names = [...((await this.listing(folder)).get(encodeKey(key)) ?? [])];
    const out: StoreEntry[] = [];
    for (const n of names) {
      const e = await this.readEntry(join(folder, n));
      if (e && e.object.class === cls && e.object.key.toUpperCase() === key.toUpperCase()) out.push(e);
    }
    return out.sort((a, b) => b.provenance.date.localeCompare(a.provenance.date));
  }

  async has(cls: LookupClass, key: string): Promise<boolean> {
    return (await this.get(cls, key)).length > 0;
  }

  /** True when some stored version is younger than the TTL. */
  async isFresh(cls: LookupClass, key: string, now = Date.now()): Promise<boolean> {
    return (await this.get(cls, key)).some((e) => this.entryIsFresh(e, now));
  }

  entryIsFresh(e: StoredObject, now = Date.now()): boolean {
    const t = Date.parse(e.provenance.date);
    return Number.isFinite(t) && now - t < this.ttlMs;
  }

  /** Keys of the stored objects of the given classes (all classes by default). */
  async list(classes: readonly LookupClass[] = STORE_CLASSES): Promise<{ cls: LookupClass; key: string; source: string; path: string }[]> {
    const out: { cls: LookupClass; key: string; source: string; path: string }[] = [];
    for (const cls of classes) {
      const folder = join(this.dir, 'objects', cls);
      for (const n of (await readdirOrEmpty(folder)).sort()) {
        const m = /^([^.@][^@]*)@([A-Z0-9_-]+)\.rpsl$/.exec(n);
        if (m) out.push({ cls, key: decodeKey(m[1]), source: m[2], path: join(folder, n) });
      }
    }
    return out;
  }

  /**
   * Adds every stored object to `index`. Versions from sources earlier in `sourceOrder` win
   * (the index keeps the first it gets), then the freshest. Unreadable files are reported, not fatal.
   */
  async loadInto(index: MemoryIndex, opts: { sourceOrder?: string[]; classes?: readonly LookupClass[] } = {}): Promise<{ loaded: number; problems: string[] }> {
    const order = (opts.sourceOrder ?? []).map((s) => s.toUpperCase());
    const rank = (s: string) => {
      const i = order.indexOf(s);
      return i < 0 ? order.length : i;
    };
    const entries: StoreEntry[] = [];
    const problems: string[] = [];
    for (const item of await this.list(opts.classes)) {
      try {
        const e = await this.readEntry(item.path);
        if (e) entries.push(e);
        else problems.push(`${item.path}: not a stored object (no asrel-store header or no object)`);
      } catch (err) {
        problems.push(err instanceof Error ? err.message : String(err));
      }
    }
    entries.sort((a, b) => rank(a.object.source ?? '') - rank(b.object.source ?? '') || b.provenance.date.localeCompare(a.provenance.date));
    let loaded = 0;
    for (const e of entries) if (index.add({ object: e.object, provenance: e.provenance })) loaded++;
    return { loaded, problems };
  }

  private async listing(folder: string): Promise<Map<string, Set<string>>> {
    let l = this.listings.get(folder);
    if (!l) {
      const fresh = new Map<string, Set<string>>();
      for (const n of await readdirOrEmpty(folder)) {
        const m = /^([^.@][^@]*)@[A-Z0-9_-]+\.rpsl$/.exec(n);
        if (!m) continue;
        if (!fresh.has(m[1])) fresh.set(m[1], new Set());
        fresh.get(m[1])!.add(n);
      }
      l = this.listings.get(folder) ?? fresh; // another caller may have listed meanwhile
      this.listings.set(folder, l);
    }
    return l;
  }

  private async readEntry(path: string): Promise<StoreEntry | undefined> {
    let content: string;
    try {
      content = await fs.readFile(path, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new StoreError(path, (e as Error).message);
    }
    const nl = content.indexOf('\n');
    if (!content.startsWith(HEADER) || nl < 0) return undefined;
    let header: StoreHeader;
    try {
      header = JSON.parse(content.slice(HEADER.length, nl)) as StoreHeader;
    } catch {
      return undefined;
    }
    const text = content.slice(nl + 1);
    return { path, text, ...this.toStored(path, header, text) };
  }

  private toStored(path: string, header: StoreHeader, text: string): StoredObject {
    // A blank first line keeps line numbers equal to the file's, for evidence.
    const { objects } = readObjects(`\n${text}`, path);
    if (objects.length !== 1) throw new StoreError(path, `expected one object, found ${objects.length}`);
    const provenance: ObjectProvenance = { kind: header.kind, from: header.from, date: header.date };
    return { object: objects[0], provenance };
  }
}

/** Keys become file names: letters, digits, `-`, `_` as is; everything else (`:` of hierarchical names) %-encoded. */
function encodeKey(key: string): string {
  return key.toUpperCase().replace(/[^A-Z0-9_-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function decodeKey(name: string): string {
  return name.replace(/%([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function fileName(key: string, source: string): string {
  return `${encodeKey(key)}@${source}.rpsl`;
}

function safeSource(source: string | undefined): string {
  const s = (source ?? 'UNKNOWN').toUpperCase();
  return /^[A-Z0-9_-]{1,64}$/.test(s) ? s : 'UNKNOWN';
}

async function readdirOrEmpty(folder: string): Promise<string[]> {
  try {
    return await fs.readdir(folder);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

/** Writes via a temporary file in the same folder and renames it into place. */
export async function writeAtomic(path: string, content: string, durable: boolean): Promise<void> {
  const folder = dirname(path);
  const tmp = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await fs.open(tmp, 'w');
  try {
    await fh.writeFile(content, 'utf8');
    if (durable) await fh.sync();
  } catch (e) {
    await fh.close().catch(() => {});
    await fs.rm(tmp, { force: true });
    throw e;
  } finally {
    await fh.close().catch(() => {});
  }
  try {
    await fs.rename(tmp, path);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  if (durable) {
    const dh = await fs.open(folder, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  }
}
