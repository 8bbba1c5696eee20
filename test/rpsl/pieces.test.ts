// Pieces of whole objects (src/rpsl/pieces.ts): read one after another with their first
// line numbers, they give exactly what one pass over the whole input gives, whatever the
// chunk and piece sizes, line ends (LF, CRLF) and blank lines.
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { countLines, streamPieces } from '../../src/rpsl/pieces.js';
import { readObjects, streamObjects } from '../../src/rpsl/read.js';
import type { ReadDiagnostic, RpslObject } from '../../src/rpsl/types.js';

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
  for await (const p of streamPieces(chunked(text, chunk), 'x', pieceChars)) pieces.push(p.text);
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

  describe('lines over the limit (#20.3): the pieces skip the objects streamObjects skips, with the same warnings', () => {
    // Synthetic objects; the limit is 100 characters. Long lines: an object's first line, a
    // remarks line, two in one object, one in a comment, one of exactly 101 characters, one
    // with CRLF, one at the end of the input without its line end; a line of exactly 100 is not long.
    const max = 100;
    const x = (n: number) => 'x'.repeat(n);
    const text = [
      `aut-num: AS65001\nimport: from AS1 accept ANY\n\n`,
      `aut-num: AS65002${x(500)}\nimport: from AS2 accept ANY\nsource: TEST\n\n`,
      `aut-num: AS65003\nremarks: ${x(5000)}\nimport: from AS3 accept ANY\nremarks: ${x(300)}\n\n`,
      `aut-num: AS65004\n# ${x(200)}\nexport: to AS4 announce ANY\n\n`,
      `aut-num: AS65005\nremarks: ${x(101 - 9)}\n\n`,
      `aut-num: AS65006\nremarks: ${x(100 - 9)}\n\n`,
      `aut-num: AS65007\r\nremarks: ${x(150)}\r\nsource: TEST\r\n\r\n`,
      `aut-num: AS65009\nimport: from AS9 accept ANY\nremarks: ${x(1000)}`,
    ].join('');
    const sorted = (d: ReadDiagnostic[]) => [...d].sort((a, b) => a.line - b.line);

    it('whatever the chunk and piece sizes, and memory holds no long line whole', async () => {
      const objects: RpslObject[] = [];
      const diagnostics: ReadDiagnostic[] = [];
      for await (const o of streamObjects(chunked(text, 4096), 'x', (d) => diagnostics.push(d), { maxLine: max })) objects.push(o);
      expect(objects.map((o) => o.key)).toEqual(['AS65001', 'AS65006']);
      expect(diagnostics.filter((d) => d.skippedObject).map((d) => d.message.replace(/x{20,}/, 'x…'))).toEqual([
        'line 4 is longer than the line limit (100 characters, --max-line): the object starting "aut-num: AS65002x…"… at line 4 skipped',
        'line 9 is longer than the line limit (100 characters, --max-line): the object aut-num AS65003 at line 8 skipped',
        'line 11 is longer than the line limit (100 characters, --max-line): the object aut-num AS65003 at line 8 skipped',
        'line 14 is longer than the line limit (100 characters, --max-line): the object aut-num AS65004 at line 13 skipped',
        'line 18 is longer than the line limit (100 characters, --max-line): the object aut-num AS65005 at line 17 skipped',
        'line 24 is longer than the line limit (100 characters, --max-line): the object aut-num AS65007 at line 23 skipped',
        'line 29 is longer than the line limit (100 characters, --max-line): the object aut-num AS65009 at line 27 skipped',
      ]);
      for (const chunk of [1, 7, 64, 4096]) {
        for (const pieceChars of [1, 50, 1000, 1 << 20]) {
          const got: RpslObject[] = [];
          const diags: ReadDiagnostic[] = [];
          let firstLine = 1;
          for await (const p of streamPieces(chunked(text, chunk), 'x', pieceChars, { maxLine: max })) {
            expect(p.text.split('\n').every((l) => l.length <= max)).toBe(true);
            const r = readObjects(p.text, 'x', firstLine, { long: { marks: p.long, maxLine: max } });
            firstLine += r.lines;
            got.push(...r.objects);
            diags.push(...r.diagnostics);
          }
          expect(firstLine - 1).toBe(countLines(text));
          expect(got).toEqual(objects);
          expect(sorted(diags)).toEqual(sorted(diagnostics));
        }
      }
    });
  });
});
