// Issue 28, point 4: a line of only blanks (spaces, tabs) inside an object. asrel reads it
// as IRRd does, as an empty continuation line (irrd/utils/text.py split_paragraphs_rpsl: "a
// line with other whitespace, e.g. a space, is not considered empty"), so one stray blank
// line cannot cut an object in two and lose the attributes after it; only when the next
// line starts another object of the same class (a second `aut-num:`) did the object end.
// The input is the real RIPE aut-num AS215778 (data/real/AS215778.ripe.2024-11-01.rpsl)
// EDITED for the case: lines of blanks inserted, as said at each test. The repository's
// real dumps have no such line (checked: `grep -c '^[ \t]\+$'` is 0 for every file).
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parsePolicies } from '../../src/policy/parse.js';
import { readObjects, streamObjects } from '../../src/rpsl/read.js';
import { streamPieces } from '../../src/rpsl/pieces.js';

const real = readFileSync(new URL('../../data/real/AS215778.ripe.2024-11-01.rpsl', import.meta.url), 'utf8');
const lines = real.split('\n');

/** The real object with `insert` put before its line `at` (1-based). */
function edited(at: number, insert: string): string {
  return [...lines.slice(0, at - 1), insert, ...lines.slice(at - 1)].join('\n');
}

async function streamed(text: string) {
  const objects = [];
  for await (const o of streamObjects(Readable.from([text]), 'x')) objects.push(o);
  return objects;
}

describe('lines of only blanks inside an object', () => {
  it('a line of spaces and a tab after the mp-imports keeps the object whole: every import and export stays', async () => {
    expect(lines[7]).toMatch(/^mp-export:/);
    const text = edited(8, ' \t  ');
    const { objects, diagnostics } = readObjects(text, 'x');
    expect(objects).toHaveLength(1);
    const original = readObjects(real, 'x').objects[0];
    expect(objects[0].attributes.map((a) => [a.name, a.value])).toEqual(original.attributes.map((a) => [a.name, a.value]));
    expect(diagnostics).toEqual([{
      input: 'x', line: 8, severity: 'warning',
      message: "line of only blanks inside an object read as an empty continuation line, as IRRd reads it (not the end of the object; write '+' for a blank line in a value, RFC 2622 §2)",
    }]);
    // The attribute before it keeps the blank line in its raw text (evidence quotes it).
    expect(objects[0].attributes[6].raw).toBe(`${lines[6]}\n \t  `);
    // Its policies all parse, five imports and five exports.
    const parsed = parsePolicies(objects[0]);
    expect(parsed.filter((p) => p.ast)).toHaveLength(10);
    expect(parsed.flatMap((p) => p.diagnostics)).toEqual([]);
    // The streaming reader agrees.
    expect((await streamed(text)).map((o) => o.attributes.length)).toEqual([original.attributes.length]);
  });

  it('inside a value spread over lines, the blank line joins nothing to it', () => {
    const text = 'aut-num: AS65000\nmp-import: afi ipv6.unicast\n   \n from AS209533 accept ANY\n';
    const { objects, diagnostics } = readObjects(text, 'constructed');
    expect(objects[0].attributes[1].value).toBe('afi ipv6.unicast from AS209533 accept ANY');
    expect(diagnostics.map((d) => d.line)).toEqual([3]);
  });

  it('followed by another object of the same class, it ended the object (with a warning); an empty line still ends one silently', () => {
    const two = `${real.trimEnd()}\n   \n${real}`;
    const { objects, diagnostics } = readObjects(two, 'x');
    expect(objects.map((o) => [o.key, o.attributes.length])).toEqual([['AS215778', 22], ['AS215778', 22]]);
    expect(diagnostics).toEqual([{ input: 'x', line: 23, severity: 'warning', message: 'line of only blanks read as the end of the aut-num object, as the next line starts another aut-num (an empty line should end it)' }]);
    expect(readObjects(`${real.trimEnd()}\n\n${real}`, 'x').diagnostics).toEqual([]);
    // Blanks just before the end of an object or of the input are no question: no warning.
    expect(readObjects(`${real.trimEnd()}\n  \n\n${real.trimEnd()}\n\t\n`, 'x')).toMatchObject({ diagnostics: [], objects: [{}, {}] });
  });

  it('pieces for worker threads cut only at empty lines, so they read the same objects', async () => {
    const text = Array.from({ length: 40 }, (_, i) => edited(3 + (i % 10), ' ')).join('\n\n');
    const whole = readObjects(text, 'x');
    let firstLine = 1;
    const pieced = [];
    for await (const { text: piece } of streamPieces(Readable.from([text]), 'x', 300)) {
      const r = readObjects(piece, 'x', firstLine);
      pieced.push(...r.objects.map((o) => [o.key, o.attributes.length, o.origin.line]));
      firstLine += r.lines;
    }
    expect(whole.objects).toHaveLength(40);
    expect(pieced).toEqual(whole.objects.map((o) => [o.key, o.attributes.length, o.origin.line]));
  });
});
