import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { IxpError } from './types.js';

/** Lines of a (possibly gzipped) text file, streamed: one line in memory at a time. */
export async function* fileLines(path: string): AsyncGenerator<string> {
  const raw = createReadStream(path);
  const opened = new Promise<void>((resolve, reject) => {
    raw.once('open', () => resolve());
    raw.once('error', (e) => reject(new IxpError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? e.message}`, 'Check the --ixp path.')));
  });
  await opened;
  const input = path.endsWith('.gz') ? raw.pipe(createGunzip()) : raw;
  yield* createInterface({ input, crlfDelay: Infinity });
}

/** Malformed lines of one file: counted, the first one named, never fatal. */
export interface Malformed {
  file: string;
  count: number;
  firstLine: number;
}

export function malformedNote(m: Malformed): string {
  return `ixp: ${m.file}: ${m.count} malformed line${m.count === 1 ? '' : 's'} skipped (first: line ${m.firstLine})`;
}

/** YYYY-MM from a file or folder name: `ix-asns_201910.json` → 2019-10, `…-2026-04` → 2026-04. */
export function dateFromName(path: string): string | undefined {
  const m = /(?:^|[^0-9])((?:19|20)\d\d)-?(0[1-9]|1[0-2])(?:-?(0[1-9]|[12]\d|3[01]))?(?![0-9])/.exec(path.split('/').slice(-2).join('/'));
  return m ? `${m[1]}-${m[2]}${m[3] ? `-${m[3]}` : ''}` : undefined;
}
