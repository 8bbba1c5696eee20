// Pieces of whole objects (src/rpsl/pieces.ts): read one after another with their first
// line numbers, they give exactly what one pass over the whole input gives, whatever the
// chunk and piece sizes, line ends (LF, CRLF) and blank lines.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { countLines, streamPieces } from '../../src/rpsl/pieces.js';
import { readObjects } from '../../src/rpsl/read.js';

const as3255 = readFileSync(new URL('../../data/real/AS3255.ripe.irrd-sample-2018.rpsl', import.meta.url), 'utf8');

/** A stream that delivers `text` in pieces of `size` bytes. */
function chunked(text: string, size: number): Readable {
  const bytes = Buffer.from(text);
  async function* gen() {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  }
  return Readable.from(gen(), { objectMode: false });
}

async function readInPieces(text: string, chunk: number, pieceChars: number) {
  const pieces: string[] = [];
  for await (const p of streamPieces(chunked(text, chunk), 'x', pieceChars)) pieces.push(p);
  let firstLine = 1;
  const objects = [];
  const diagnostics = [];
  for (const p of pieces) {
    const r = readObjects(p, 'x', firstLine);
    expect(countLines(p)).toBe(r.lines);
    firstLine += r.lines;
    objects.push(...r.objects);
    diagnostics.push(...r.diagnostics);
  }
  return { pieces, objects, diagnostics };
}

describe('streamPieces', () => {
  const text = [
    `${as3255}\n`,
    'aut-num: AS65000\r\nimport: from AS1 accept ANY\r\n\r\n',
    'aut-num: AS65001\n   \t\nimport: from AS2\n+\n accept ANY\n\n\n',
    '% whois chatter\n  stray continuation\naut-num: AS65002\ndescr: Zürich – Genève\nexport: to AS1 announce ANY',
  ].join('');
  const whole = readObjects(text, 'x');

  it('gives the objects, line numbers and diagnostics of one pass, whatever the chunk and piece sizes', async () => {
    expect(whole.diagnostics.length).toBeGreaterThan(0);
    for (const chunk of [1, 7, 100, 4096, 65536]) {
      for (const pieceChars of [1, 50, 1000, 1 << 20]) {
        const got = await readInPieces(text, chunk, pieceChars);
        expect(got.pieces.join('')).toBe(text);
        expect(got.objects).toEqual(whole.objects);
        expect(got.diagnostics).toEqual(whole.diagnostics);
        // Every piece but the last ends just after an empty line.
        let at = 0;
        for (const p of got.pieces.slice(0, -1)) {
          at += p.length;
          expect(text.slice(0, at)).toMatch(/\n\r?\n$/);
        }
        if (pieceChars === 1 && chunk <= 100) expect(got.pieces.length).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('counts lines as readObjects does', () => {
    for (const t of ['', 'a', 'a\n', 'a\nb', '\n\n', text]) expect(countLines(t)).toBe(readObjects(t).lines);
    expect(countLines('a\r\nb\r\n')).toBe(2);
  });
});
