import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** `-` (and `/dev/stdin`, which the CLI passes for `-`: yargs does not take a lone `-` as a value) name standard input. */
export function isStdin(path: string): boolean {
  return path === '-' || path === '/dev/stdin';
}

/**
 * How answers name an input: `stdin`, the file's name, or a process substitution's whole
 * `/dev/fd/63` (`--input <(zcat dump.gz)`: "63" alone says nothing).
 */
export function inputLabel(path: string): string {
  if (isStdin(path)) return 'stdin';
  if (/^\/(?:dev|proc\/self)\/fd\//.test(path)) return path;
  return basename(path);
}

function isGzip(b: Buffer): boolean {
  return b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;
}

/**
 * Opens a path (`-` = stdin) or wraps a stream, gunzipping when the data starts with the
 * gzip magic bytes: dumps are recognised by content, whatever their file name.
 */
export function openInput(input: string | NodeJS.ReadableStream): Readable {
  const src: AsyncIterable<Buffer> =
    typeof input !== 'string' ? (input as Readable) : isStdin(input) ? process.stdin : createReadStream(input);
  async function* bytes(): AsyncGenerator<Buffer> {
    const it = src[Symbol.asyncIterator]();
    const first = await it.next();
    if (first.done) return;
    const head = Buffer.isBuffer(first.value) ? first.value : Buffer.from(first.value);
    async function* all(): AsyncGenerator<Buffer> {
      yield head;
      for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
    }
    if (isGzip(head)) {
      // pipeline, not pipe: a failing source (a cut download) destroys the gunzip with its
      // error, which the loop reading it then throws; pipe() would leave it unhandled.
      const gunzip = createGunzip();
      pipeline(Readable.from(all()), gunzip, () => {});
      yield* gunzip;
    } else yield* all();
  }
  return Readable.from(bytes(), { objectMode: false });
}
