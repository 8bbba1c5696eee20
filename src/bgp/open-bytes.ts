/**
 * The bytes of one input — a file, an http(s) URL or `-` (stdin) — decompressed by content
 * (gzip, bzip2, xz or plain), as a stream of chunks. xz (validator archives) goes through the
 * native `xz -dc`; without it, a clear error.
 *
 * gzip: node's zlib. bzip2 (RouteViews and RIS RIB archives): the native `bzip2 -dc` when it
 * is on PATH — several times faster than JavaScript, and it runs on the other core — else the
 * pure-JavaScript `unbzip2-stream` (maintained-enough, streamed, no native build), so a
 * machine without bzip2 still reads the file.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { isUrl, openHttpDump } from '../gather/http-dump.js';
import { isStdin } from '../rpsl/open-input.js';

export class InputOpenError extends Error {}
/** The compressed data broke off or is corrupt: what was read before stands. */
export class DamagedInputError extends Error {}

export type Compression = 'gzip' | 'bzip2' | 'xz' | 'none';

export function compressionOf(head: Buffer): Compression {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 6 && head[0] === 0xfd && head[1] === 0x37 && head[2] === 0x7a && head[3] === 0x58 && head[4] === 0x5a && head[5] === 0) return 'xz';
  if (head.length >= 4 && head[0] === 0x42 && head[1] === 0x5a && head[2] === 0x68 && head[3]! >= 0x31 && head[3]! <= 0x39) return 'bzip2';
  return 'none';
}

const native = new Map<string, boolean>();
function hasNative(tool: 'bzip2' | 'xz'): boolean {
  let ok = native.get(tool);
  if (ok === undefined) {
    try {
      ok = spawnSync(tool, ['--help'], { stdio: 'ignore', timeout: 5000 }).status === 0;
    } catch {
      ok = false;
    }
    native.set(tool, ok);
  }
  return ok;
}

/** Decompresses through `tool -dc` in a child process (native speed, on the other core). */
async function* throughChild(tool: 'bzip2' | 'xz', input: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const child = spawn(tool, ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => { if (stderr.length < 500) stderr += c.toString(); });
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  child.stdin.on('error', () => { /* the child stopped reading: its exit status says why */ });
  const feed = (async () => {
    try {
      for await (const c of input) if (!child.stdin.write(c)) await new Promise((r) => child.stdin.once('drain', r));
    } finally {
      child.stdin.end();
    }
  })();
  try {
    for await (const c of child.stdout) yield c as Buffer;
    await feed;
    const code = await exited;
    if (code !== 0) throw new DamagedInputError(`${tool} data is damaged (${stderr.trim().split('\n')[0]?.replace(new RegExp(`^${tool}: `), '') || `${tool} exited ${code}`})`);
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

async function* decompress(kind: Compression, head: Buffer, rest: AsyncIterator<Buffer>, opts: OpenOptions): AsyncGenerator<Buffer> {
  async function* all(): AsyncGenerator<Buffer> {
    yield head;
    for (let n = await rest.next(); !n.done; n = await rest.next()) yield n.value;
  }
  if (kind === 'none') {
    yield* all();
    return;
  }
  if (kind === 'gzip') {
    // A damaged gzip tail ends the input with what was decompressed so far (the caller counts it).
    try {
      yield* Readable.from(all()).pipe(createGunzip());
    } catch (e) {
      throw new DamagedInputError(`gzip: ${(e as Error).message}`);
    }
    return;
  }
  if (kind === 'xz') {
    if (!hasNative('xz')) throw new InputOpenError('the input is xz-compressed and the `xz` program is not installed (apt-get install xz-utils), or decompress it first');
    yield* throughChild('xz', all());
    return;
  }
  if (opts.bzip2 !== 'js' && hasNative('bzip2')) {
    yield* throughChild('bzip2', all());
    return;
  }
  const { default: bz2 } = await import('unbzip2-stream');
  // unbzip2-stream is a classic (through) stream: bridge it into an async-iterable one, errors included.
  const decoder = bz2();
  const out = new PassThrough();
  decoder.on('error', (e: Error) => out.destroy(e));
  Readable.from(all()).pipe(decoder).pipe(out);
  try {
    yield* out;
  } catch (e) {
    throw new DamagedInputError(`bzip2: ${(e as Error).message}`);
  }
}

/** The decompressed bytes of `input`, and which compression it had. */
export interface OpenOptions {
  /** bzip2 decoder: the native `bzip2` when on PATH (auto, the default) or always the JavaScript one. */
  bzip2?: 'auto' | 'js';
}

export async function openBytes(input: string | AsyncIterable<Buffer>, opts: OpenOptions = {}): Promise<{ chunks: AsyncIterable<Buffer>; name: string }> {
  let src: AsyncIterable<Buffer>;
  let name: string;
  if (typeof input !== 'string') {
    src = input;
    name = 'stream';
  } else if (isStdin(input)) {
    src = process.stdin;
    name = 'stdin';
  } else if (isUrl(input)) {
    try {
      const d = await openHttpDump(input);
      src = d.stream as unknown as AsyncIterable<Buffer>;
      name = d.name;
    } catch (e) {
      throw new InputOpenError((e as Error).message);
    }
  } else {
    src = createReadStream(input);
    name = input;
  }
  async function* chunks(): AsyncGenerator<Buffer> {
    const it = src[Symbol.asyncIterator]();
    let first: IteratorResult<Buffer>;
    try {
      first = await it.next();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputOpenError(`cannot read ${name}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : (e as Error).message}`);
    }
    if (first.done) return;
    const head = Buffer.isBuffer(first.value) ? first.value : Buffer.from(first.value);
    yield* decompress(compressionOf(head), head, it, opts);
  }
  return { chunks: chunks(), name };
}
