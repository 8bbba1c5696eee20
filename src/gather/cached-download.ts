/**
 * Data the project does not ship, by URL (`--relationships https://…`, `--ixp https://…`):
 * downloaded once into the store folder's `downloads/`, with the date the server gives it,
 * and read from there afterwards like a local file. The body is streamed to a temporary
 * file and renamed into place only when it arrived whole (its Content-Length, no reset), so
 * a cut download never stands in for the file. A stale copy answers when the server does
 * not, with a note; `--offline` reads the copy or says there is none.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { HttpDumpError, openHttpDump } from './http-dump.js';

export { isUrl } from './http-dump.js';

export interface CachedDownload {
  /** The local copy, read like any file. */
  path: string;
  /** The file's date: Last-Modified when the server sent one, else the day it was fetched. */
  date: string;
  /** One line for the answer's notes: where the copy came from and how old it is. */
  note: string;
}

export interface DownloadOptions {
  /** The store folder; the copies live in its `downloads/`. */
  dataDir: string;
  offline?: boolean;
  /** Hours before a copy is fetched again (the same --ttl as objects). */
  ttlHours?: number;
  /** The option that named the URL, for messages (`--relationships`). */
  what: string;
  /** Largest body accepted (bytes); default 4 GiB. */
  maxBytes?: number;
}

interface Meta {
  url: string;
  date: string;
  fetchedAt: string;
  bytes: number;
}

export class DownloadError extends Error {}

const DEFAULT_MAX = 4 * 1024 ** 3;

/** `downloads/<hash>/<name>`: the URL's hash keeps two files of one name apart, the name stays as served (readers go by it). */
function copyPath(dataDir: string, url: string): string {
  const name = basename(new URL(url).pathname).replace(/[^\w.+-]/g, '_') || 'download';
  return join(dataDir, 'downloads', createHash('sha256').update(url).digest('hex').slice(0, 12), name);
}

function readMeta(path: string): Meta | undefined {
  try {
    const m = JSON.parse(readFileSync(`${path}.json`, 'utf8')) as Meta;
    return statSync(path).size === m.bytes ? m : undefined;
  } catch {
    return undefined;
  }
}

export async function cachedDownload(url: string, opts: DownloadOptions): Promise<CachedDownload> {
  const path = copyPath(opts.dataDir, url);
  const have = readMeta(path);
  const age = have ? (Date.now() - Date.parse(have.fetchedAt)) / 3600_000 : Infinity;
  const fromCopy = (m: Meta, why: string): CachedDownload => ({ path, date: m.date, note: `${opts.what} ${url}: ${why} (dated ${m.date}, fetched ${m.fetchedAt.slice(0, 10)}), ${path}` });
  if (have && (opts.offline || age < (opts.ttlHours ?? 24))) return fromCopy(have, 'the copy in the store folder');
  if (opts.offline) throw new DownloadError(`${opts.what} ${url}: no copy in ${join(opts.dataDir, 'downloads')}, and --offline forbids fetching it`);
  mkdirSync(dirname(path), { recursive: true });
  try {
    const m = await download(url, path, opts.maxBytes ?? DEFAULT_MAX);
    return { path, date: m.date, note: `${opts.what} ${url}: downloaded now (dated ${m.date}), kept in ${path}` };
  } catch (e) {
    if (!(e instanceof HttpDumpError || e instanceof DownloadError)) throw e;
    if (have) return fromCopy(have, `${e.message}; using the copy in the store folder`);
    throw new DownloadError(`${opts.what}: ${e.message}`);
  }
}

async function download(url: string, path: string, maxBytes: number): Promise<Meta> {
  const dump = await openHttpDump(url);
  if (dump.size !== undefined && dump.size > maxBytes) throw new DownloadError(`${url} is ${dump.size} bytes, more than the ${maxBytes} accepted`);
  const tmp = `${path}.part-${process.pid}`;
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? new DownloadError(`${url} is larger than the ${maxBytes} bytes accepted`) : null, chunk);
    },
  });
  try {
    await pipeline(dump.stream, count, createWriteStream(tmp));
    if (dump.size !== undefined && bytes !== dump.size) throw new DownloadError(`the download of ${url} broke off after ${bytes} of ${dump.size} bytes`);
  } catch (e) {
    rmSync(tmp, { force: true });
    if (e instanceof DownloadError) throw e;
    throw new DownloadError(`the download of ${url} broke off after ${bytes} bytes (${(e as Error).message})`);
  }
  const now = new Date().toISOString();
  const meta: Meta = { url, date: dump.lastModified ?? now.slice(0, 10), fetchedAt: now, bytes };
  renameSync(tmp, path);
  writeFileSync(`${path}.json`, `${JSON.stringify(meta)}\n`);
  return meta;
}
