/**
 * Files of a mirror over HTTP(S), bounded: small ones (the notification file, a
 * CURRENTSERIAL) read whole under a size cap and a timeout; large ones (snapshots, deltas)
 * streamed to a temporary file with their SHA-256 computed on the way, so a hash is checked
 * before a single object is applied. Bodies cut short end in a SyncError `retry`.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { HttpDumpError, openHttpDump } from '../gather/http-dump.js';
import { SyncError } from './errors.js';

/** Reads a small file whole: at most `maxBytes`, within `timeoutMs`. */
export async function fetchSmall(url: string, maxBytes: number, timeoutMs = 30_000): Promise<Buffer> {
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'follow', headers: { 'user-agent': 'asrel' }, signal });
  } catch (e) {
    throw new SyncError('retry', `cannot fetch ${url}: ${signal.aborted ? `no answer within ${timeoutMs / 1000} s` : why(e)}`);
  }
  if (!res.ok || !res.body) throw new SyncError('retry', `cannot fetch ${url}: HTTP ${res.status} ${res.statusText}`);
  const parts: Buffer[] = [];
  let n = 0;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      n += chunk.length;
      if (n > maxBytes) throw new SyncError('refuse', `${url} is larger than the ${maxBytes} bytes accepted for it`);
      parts.push(Buffer.from(chunk));
    }
  } catch (e) {
    if (e instanceof SyncError) throw e;
    throw new SyncError('retry', `the download of ${url} broke off after ${n} bytes: ${signal.aborted ? `no end within ${timeoutMs / 1000} s` : why(e)}`);
  }
  return Buffer.concat(parts, n);
}

function why(e: unknown): string {
  const c = (e as { cause?: { code?: string; message?: string } }).cause;
  return c?.code ?? c?.message ?? (e as Error).message;
}

export interface Downloaded {
  path: string;
  bytes: number;
  sha256: string;
  remove(): void;
}

/** Streams `url` into a temporary file in `dir`, at most `maxBytes`; `deadlineS` bounds the whole download. */
export async function downloadFile(url: string, dir: string, maxBytes: number, deadlineS?: number): Promise<Downloaded> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `download-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  const hash = createHash('sha256');
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new SyncError('refuse', `${url} is larger than the ${maxBytes} bytes accepted for it`));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    const body = await openHttpDump(url, undefined, deadlineS);
    if (body.size !== undefined && body.size > maxBytes) throw new SyncError('refuse', `${url} is ${body.size} bytes, more than the ${maxBytes} accepted for it`);
    await pipeline(body.stream, count, createWriteStream(path));
  } catch (e) {
    rmSync(path, { force: true });
    if (e instanceof SyncError) throw e;
    if (e instanceof HttpDumpError) throw new SyncError('retry', e.message);
    throw new SyncError('retry', `the download of ${url} broke off after ${bytes} bytes (${(e as Error).message})`);
  }
  return { path, bytes, sha256: hash.digest('hex'), remove: () => rmSync(path, { force: true }) };
}

/** The bytes of a downloaded file, gunzipped when it starts with the gzip magic. */
export async function* fileBytes(path: string): AsyncGenerator<Buffer> {
  const head = Buffer.alloc(2);
  const fd = await import('node:fs/promises').then((f) => f.open(path, 'r'));
  try {
    await fd.read(head, 0, 2, 0);
  } finally {
    await fd.close();
  }
  const raw = createReadStream(path);
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const gunzip = createGunzip();
    raw.pipe(gunzip);
    raw.on('error', (e) => gunzip.destroy(e));
    yield* gunzip as AsyncIterable<Buffer>;
  } else yield* raw as AsyncIterable<Buffer>;
}
