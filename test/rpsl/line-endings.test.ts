// Whole-text quirks of files users hand over: a UTF-8 byte order mark, and CR-only (classic
// Mac) line endings. The text is AS3255's real 2018 object (data/real), re-encoded here.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { streamObjects } from '../../src/rpsl/read.js';
import { streamPieces } from '../../src/rpsl/pieces.js';
import type { RpslObject } from '../../src/rpsl/types.js';

const AS3255 = readFileSync(new URL('../../data/real/AS3255.ripe.irrd-sample-2018.rpsl', import.meta.url), 'utf8');

/** The text as a stream of the given chunks (to place chunk boundaries on purpose). */
const chunked = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p, 'utf8')));

async function objects(input: NodeJS.ReadableStream): Promise<RpslObject[]> {
  const out: RpslObject[] = [];
  for await (const o of streamObjects(input, 'test')) out.push(o);
  return out;
}

const shape = (os: RpslObject[]) => os.map((o) => [o.key, o.attributes.length, o.attributes.filter((a) => a.name === 'import').length]);

describe('line endings and byte order marks', () => {
  it('reads a file that starts with a byte order mark, its first object included', async () => {
    const plain = await objects(chunked(AS3255));
    const bom = await objects(chunked(`\uFEFF${AS3255}`));
    expect(plain[0]!.key).toBe('AS3255');
    expect(shape(bom)).toEqual(shape(plain));
    expect(bom[0]!.attributes[0]).toMatchObject({ name: 'aut-num', line: 1 });
  });

  it('reads CR-only line endings as line ends, with the same objects and line numbers', async () => {
    const plain = await objects(chunked(AS3255));
    const mac = await objects(chunked(AS3255.replaceAll('\n', '\r')));
    expect(shape(mac)).toEqual(shape(plain));
    expect(mac[0]!.attributes.map((a) => [a.name, a.value, a.line])).toEqual(plain[0]!.attributes.map((a) => [a.name, a.value, a.line]));
  });

  it('keeps CRLF files as they were when the first CR and its LF fall in different chunks', async () => {
    const crlf = AS3255.replaceAll('\n', '\r\n');
    const cut = crlf.indexOf('\r') + 1;
    const split = await objects(chunked(crlf.slice(0, cut), crlf.slice(cut)));
    expect(shape(split)).toEqual(shape(await objects(chunked(AS3255))));
  });

  it('cuts CR-only text into the same pieces as the LF text (asrel parse reads pieces)', async () => {
    const texts = async (input: NodeJS.ReadableStream) => {
      const out: string[] = [];
      for await (const p of streamPieces(input, 'test', 4096)) out.push(p.text);
      return out;
    };
    expect(await texts(chunked(AS3255.replaceAll('\n', '\r')))).toEqual(await texts(chunked(AS3255)));
  });
});
