import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readAttributes, readObjects, streamObjects, InputError } from '../../src/rpsl/read.js';
import type { RpslAttribute } from '../../src/rpsl/types.js';
import { normaliseKey, parseAsn } from '../../src/rpsl/keys.js';

const real = (f: string) => new URL(`../../data/real/${f}`, import.meta.url);

async function collect(it: AsyncIterable<{ key: string }>): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of it) keys.push(o.key);
  return keys;
}

describe('readObjects on real registry data', () => {
  it('reads AS3257 with every policy attribute and its line number', () => {
    const { objects, diagnostics } = readObjects(readFileSync(real('AS3257.ripe.2023-07-21.rpsl'), 'utf8'), 'AS3257');
    expect(diagnostics).toEqual([]);
    expect(objects).toHaveLength(1);
    const o = objects[0];
    expect([o.class, o.key, o.source]).toEqual(['aut-num', 'AS3257', 'RIPE']);
    const count = (n: string) => o.attributes.filter((a) => a.name === n).length;
    expect([count('import'), count('export'), count('mp-import'), count('mp-export')]).toEqual([2916, 2916, 1857, 1857]);
    // Line numbers are 1-based and cite the file: the first attribute is line 1.
    expect(o.attributes[0]).toMatchObject({ name: 'aut-num', value: 'AS3257', line: 1 });
    const last = o.attributes[o.attributes.length - 1];
    expect(last).toMatchObject({ name: 'source', value: 'RIPE', line: 9567 });
  });

  it('notes where each one-line value lies in the text when asked, and only then', () => {
    const text = readFileSync(real('AS3257.ripe.2023-07-21.rpsl'), 'utf8');
    const plain = readObjects(text, 'AS3257').objects[0].attributes;
    expect(plain.some((a) => 'offset' in a)).toBe(false);
    const withOffsets = readObjects(text, 'AS3257', 1, { offsets: true }).objects[0].attributes;
    expect(withOffsets.map(({ offset, ...a }) => a)).toStrictEqual(plain);
    for (const a of withOffsets) expect(text.slice(a.offset, a.offset! + a.value.length)).toBe(a.value);
    expect(withOffsets.filter((a) => a.offset === undefined)).toEqual([]);
    // Multi-line values, made up: joined, so not one span of the text.
    const made = readObjects('aut-num: AS1\nimport: from AS2\n  accept ANY\nexport:  to AS2 announce AS1 # c\r\nremarks:\n', 'm', 1, { offsets: true });
    const [num, imp, exp, rem] = made.objects[0].attributes;
    expect([num.offset, imp.offset, exp.offset, rem.offset]).toEqual([9, undefined, 52, undefined]);
    expect(made.objects[0].attributes.map((a) => a.value)).toEqual(['AS1', 'from AS2 accept ANY', 'to AS2 announce AS1', '']);
  });

  it('hands a sink the attributes and object ends readObjects builds objects from', () => {
    // The DN42 dump (3,084 objects), with stray lines and continuations added.
    const text = `junk before\n${readFileSync(real('dn42-registry-2023-10-22.db'), 'utf8')}\n  stray continuation\n\naut-num: AS1\nimport: from AS2\n+\taccept ANY\n`;
    // Each object: its first attribute, the others, then its end.
    const objects: RpslAttribute[][] = [];
    const events: string[] = [];
    const read = readAttributes(text, {
      attribute: (a, first) => {
        if (first) objects.push([]);
        objects[objects.length - 1].push(a);
        events.push(first ? 'first' : 'attribute');
      },
      endObject: () => events.push('end'),
    }, 'dn42');
    const reference = readObjects(text, 'dn42');
    expect(objects).toStrictEqual(reference.objects.map((o) => o.attributes));
    expect(events).toEqual(reference.objects.flatMap((o) => ['first', ...o.attributes.slice(1).map(() => 'attribute'), 'end']));
    expect(read).toStrictEqual({ diagnostics: reference.diagnostics, lines: reference.lines });
    expect(reference.diagnostics.length).toBe(2);
    expect(reference.objects.length).toBeGreaterThan(3_000);
  });

  it('normalises the key written as as03255 in the IRRd sample to AS3255', () => {
    const { objects } = readObjects(readFileSync(real('AS3255.ripe.irrd-sample-2018.rpsl'), 'utf8'));
    expect(objects.map((o) => o.key)).toEqual(['AS3255']);
    expect(objects[0].attributes.find((a) => a.line === 9)).toMatchObject({ name: 'import', value: 'from AS174 accept ANY' });
  });

  it('skips % comment lines of a real RIPE whois answer and keeps both objects', () => {
    const text = readFileSync(new URL('../fixtures/whois/ripe-whois-AS3257.redacted.txt', import.meta.url), 'utf8');
    const { objects } = readObjects(text);
    expect(objects.map((o) => `${o.class} ${o.key}`)).toEqual(['as-block AS3209', 'aut-num AS3257']);
  });
});

describe('readObjects on RPSL syntax (RFC 2622 §2)', () => {
  // Made-up object exercising continuation forms, comments and CRLF.
  const text = [
    'aut-num: AS64500',
    'IMPORT: from AS64501 # a comment',
    '  accept ANY',
    '+',
    '\taction pref=10;',
    'export:to AS64501 announce AS64500',
    '',
    '',
    'as-set: as-foo',
    'members: AS1, AS2 # trailing',
    'source: radb',
  ].join('\r\n');

  it('joins continuation lines (space, tab, +), strips # comments, lower-cases names', () => {
    const { objects, diagnostics } = readObjects(text, 'made-up');
    expect(diagnostics).toEqual([]);
    expect(objects).toHaveLength(2);
    const imp = objects[0].attributes[1];
    expect(imp).toMatchObject({ name: 'import', value: 'from AS64501 accept ANY action pref=10;', line: 2, column: 9 });
    expect(imp.raw.split('\n')).toHaveLength(4);
    expect(objects[0].attributes[2]).toMatchObject({ name: 'export', value: 'to AS64501 announce AS64500', column: 8 });
    expect(objects[1]).toMatchObject({ class: 'as-set', key: 'AS-FOO', source: 'RADB', origin: { line: 9 } });
    expect(objects[1].attributes[1].value).toBe('AS1, AS2');
  });

  it('reports a line that is not an attribute and keeps the rest of the object', () => {
    const { objects, diagnostics } = readObjects('aut-num: AS1\nthis is junk\nimport: from AS2 accept ANY\n', 'junk');
    expect(objects[0].attributes.map((a) => a.name)).toEqual(['aut-num', 'import']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ input: 'junk', line: 2, severity: 'error' });
  });

  // Crafted (the audit's): an aut-num key past 32 bits, or no AS number at all, cannot be indexed.
  it('skips an aut-num whose key is not an AS number, with an error naming it, and reads the others', async () => {
    const text = 'aut-num: AS4294967296\nimport: from AS4294967295 accept ANY\n\naut-num: foo\nimport: from AS1 accept ANY\n\n' +
      'aut-num: AS4294967295\nimport: from AS1 accept ANY\n\naut-num: AS65536.1\n\nas-set: AS-FOO\nmembers: AS1\n';
    const { objects, diagnostics } = readObjects(text, 'range');
    expect(objects.map((o) => o.key)).toEqual(['AS4294967295', 'AS-FOO']);
    expect(diagnostics).toEqual([
      { input: 'range', line: 1, severity: 'error', skippedObject: true, message: 'aut-num AS4294967296 is out of range: AS numbers are 0–4294967295; the object is skipped' },
      { input: 'range', line: 4, severity: 'error', skippedObject: true, message: 'aut-num "foo" is not an AS number; the object is skipped' },
      { input: 'range', line: 10, severity: 'error', skippedObject: true, message: 'aut-num AS65536.1 is not a valid asdot AS number (each part must be 0–65535); the object is skipped' },
    ]);
    const streamed: string[] = [];
    expect(await collect(streamObjects(Readable.from([text]), 'range', (d) => streamed.push(d.message)))).toEqual(['AS4294967295', 'AS-FOO']);
    expect(streamed).toHaveLength(3);
  });

  it('keeps the aut-num AS0 of the DN42 registry (a real object without policy)', () => {
    const { objects, diagnostics } = readObjects(readFileSync(real('dn42-registry-2023-10-22.db'), 'utf8'), 'dn42');
    expect(objects.find((o) => o.key === 'AS0')).toMatchObject({ class: 'aut-num', source: 'DN42' });
    expect(diagnostics.filter((d) => d.skippedObject)).toEqual([]);
  });

  it('never throws on arbitrary bytes', () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    expect(() => readObjects(junk)).not.toThrow();
  });
});

describe('streamObjects', () => {
  it('streams the DN42 dump: all 3,084 objects', async () => {
    const keys = await collect(streamObjects(real('dn42-registry-2023-10-22.db').pathname));
    expect(keys).toHaveLength(3084);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('reads gzip by content and plain streams alike', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-read-'));
    const plain = readFileSync(real('AS215778.ripe.2024-11-01.rpsl'));
    const gz = join(dir, 'dump-without-gz-suffix');
    writeFileSync(gz, gzipSync(plain));
    expect(await collect(streamObjects(gz))).toEqual(['AS215778']);
    expect(await collect(streamObjects(Readable.from([plain]), 'stream'))).toEqual(['AS215778']);
  });

  it('names the input when it cannot be read', async () => {
    await expect(collect(streamObjects('/nonexistent/dump.db.gz'))).rejects.toThrow(InputError);
    await expect(collect(streamObjects('/nonexistent/dump.db.gz'))).rejects.toThrow(/cannot read \/nonexistent\/dump\.db\.gz/);
  });
});

describe('AS numbers', () => {
  it('accepts asplain up to 4294967295 and asdot, rejects out-of-range', () => {
    expect(parseAsn('AS4294967295')).toEqual({ asn: 4294967295, asdot: false });
    expect(parseAsn('AS4294967296')).toBeUndefined();
    expect(parseAsn('as4.603')).toEqual({ asn: 4 * 65536 + 603, asdot: true });
    expect(parseAsn('AS65536.1')).toBeUndefined();
    expect(normaliseKey('aut-num', 'as03255')).toBe('AS3255');
  });
});
