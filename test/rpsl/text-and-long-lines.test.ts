// Issue 10: binary input is refused with one line; a line longer than a read chunk is
// joined once (streaming stays linear), and chunk boundaries never change what is read.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { InputError, NotTextError, readObjects, streamObjects } from '../../src/rpsl/read.js';
import { textProblem } from '../../src/rpsl/text-check.js';
import type { RpslObject } from '../../src/rpsl/types.js';

const real = (f: string) => new URL(`../../data/real/${f}`, import.meta.url);

async function all(it: AsyncIterable<RpslObject>): Promise<RpslObject[]> {
  const out: RpslObject[] = [];
  for await (const o of it) out.push(o);
  return out;
}

/** A stream that delivers `bytes` in pieces of `size` bytes. */
function chunked(bytes: Buffer, size: number): Readable {
  async function* gen() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  return Readable.from(gen(), { objectMode: false });
}

describe('textProblem', () => {
  it('accepts real RPSL, UTF-8 and Latin-1 free text', () => {
    expect(textProblem(readFileSync(real('AS3257.ripe.2023-07-21.rpsl')))).toBeUndefined();
    expect(textProblem(readFileSync(real('dn42-registry-2023-10-22.db')))).toBeUndefined();
    expect(textProblem(Buffer.from('descr: Société Générale, Zürich\n', 'utf8'))).toBeUndefined();
    expect(textProblem(Buffer.from('descr: Société Générale, Zürich\n', 'latin1'))).toBeUndefined();
    expect(textProblem(Buffer.alloc(0))).toBeUndefined();
  });

  it('refuses NUL bytes and mostly-invalid UTF-8', () => {
    expect(textProblem(readFileSync(process.execPath).subarray(0, 65536))).toMatch(/NUL/);
    const noise = Buffer.from(Array.from({ length: 4096 }, (_, i) => 0x80 + ((i * 37) % 0x7f)));
    expect(textProblem(noise)).toMatch(/does not look like text/);
  });

  it('streamObjects with checkText throws NotTextError (an InputError) naming the input', async () => {
    const bin = readFileSync(process.execPath).subarray(0, 100_000);
    const err = await all(streamObjects(chunked(bin, 65536), 'node-binary', undefined, { checkText: true })).catch((e) => e);
    expect(err).toBeInstanceOf(NotTextError);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toBe('node-binary is not an RPSL text file: it contains NUL bytes (a binary file?)');
    // Gzip is looked at after decompression.
    const gz = await all(streamObjects(Readable.from([gzipSync(bin)]), 'x.gz', undefined, { checkText: true })).catch((e) => e);
    expect(gz).toBeInstanceOf(NotTextError);
    // Without the option the reader stays permissive (library default).
    await expect(all(streamObjects(chunked(bin, 65536), 'node-binary'))).resolves.toBeDefined();
  });
});

describe('streamObjects and chunk boundaries', () => {
  const as3257 = readFileSync(real('AS3257.ripe.2023-07-21.rpsl'));

  it('gives what readObjects gives, whatever the chunk size (including inside UTF-8 sequences)', async () => {
    const text = `${as3257.toString('utf8')}\naut-num: AS65000\ndescr: Zürich – Genève\nimport: from AS1 accept ANY\n`;
    const expected = readObjects(text, 'x').objects;
    for (const size of [1, 7, 4096, 65536]) {
      const got = await all(streamObjects(chunked(Buffer.from(text), size), 'x'));
      expect(got).toEqual(expected);
    }
  });

  it('a single line longer than many chunks is read whole', async () => {
    const long = Array.from({ length: 60_000 }, (_, i) => `AS${i + 1}`).join(' ');
    const text = `aut-num: AS1\nimport: from AS2 accept ${long}\nremarks: ${'x'.repeat(3_000_000)}\n`;
    const [o] = await all(streamObjects(chunked(Buffer.from(text), 65536), 'long'));
    expect(o.attributes.map((a) => a.name)).toEqual(['aut-num', 'import', 'remarks']);
    expect(o.attributes[1].value).toBe(`from AS2 accept ${long}`);
    expect(o.attributes[2].value).toHaveLength(3_000_000);
  });
});
