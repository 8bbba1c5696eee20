import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonSafe, sanitize, sanitizeLine } from '../../src/report/sanitize.js';
import { printable } from '../../src/irr/errors.js';

// Anything a terminal would act on or that shows nothing: C0 but \t \n, DEL, C1, format characters (bidi controls, zero-width, BOM), line/paragraph separators.
// eslint-disable-next-line no-control-regex
const DANGEROUS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}]/u;

describe('sanitize', () => {
  it('shows ESC, CSI, OSC, DCS and C1 introducers as visible escapes, so no sequence remains', () => {
    expect(sanitize('a\x1b[1;31mred\x1b[0m b')).toBe('a\\x1b[1;31mred\\x1b[0m b');
    expect(sanitize('\x1b]0;window title\x07text')).toBe('\\x1b]0;window title\\x07text');
    expect(sanitize('\x1b]8;;https://evil.example/\x1b\\link')).toBe('\\x1b]8;;https://evil.example/\\x1b\\link');
    expect(sanitize('\x9b2Jclear \x9d0;t\x9cok')).toBe('\\x9b2Jclear \\x9d0;t\\x9cok');
    expect(sanitize('ESC at end\x1b')).toBe('ESC at end\\x1b');
  });

  it('keeps \\n and \\t, normalises \\r\\n, shows other controls and bidi overrides', () => {
    expect(sanitize('a\r\nb\tc\rd\x00e\x08f\x7fg\x85h')).toBe('a\nb\tc\\rd\\x00e\\x08f\\x7fg\\x85h');
    expect(sanitize('\u202eevil\u202c \u2066iso\u2069')).toBe('\\u202eevil\\u202c \\u2066iso\\u2069');
    expect(sanitize('remarks: ╔═ Ünïcödé stays\n')).toBe('remarks: ╔═ Ünïcödé stays\n');
  });

  it('shows line/paragraph separators and invisible format characters; letters and marks of any script stay', () => {
    expect(sanitize('a\u2028b\u2029c')).toBe('a\\u2028b\\u2029c');
    expect(sanitize('AS1\u200b299 \u200c\u200d\u2060\ufeff\u200e\u061c')).toBe('AS1\\u200b299 \\u200c\\u200d\\u2060\\ufeff\\u200e\\u061c');
    expect(sanitize('soft\u00adhyphen, tag \u{e0041}')).toBe('soft\\xadhyphen, tag \\u{e0041}');
    expect(sanitize('Café 東京 Ελλάδα नमस्ते 😀 e\u0301')).toBe('Café 東京 Ελλάδα नमस्ते 😀 e\u0301');
    expect(jsonSafe(JSON.stringify('a\u2028\u{e0041}'))).toBe('"a\\u2028\\udb40\\udc41"');
  });

  it('never lets a control through, and is idempotent (property)', () => {
    const chars = fc.constantFrom('\x1b', '[', ']', '\\', '\x07', '\x9b', '\x9c', '\x9d', '\r', '\n', '\t', '\x00', '\u202e', '\u2066', '\u2028', '\u200b', '\ufeff', '\xad', '\u{e0041}', 'a', '0', ';', ' ', 'é', '東', '\x7f');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 40 }).map((a) => a.join('')), (s) => {
        const out = sanitize(s);
        expect(out).not.toMatch(DANGEROUS);
        expect(sanitize(out)).toBe(out);
        expect(sanitizeLine(s)).not.toMatch(/[\n\t]/);
        // JSON keeps the original text: jsonSafe leaves nothing raw and parses back to the same string.
        const json = jsonSafe(JSON.stringify(s));
        expect(json).not.toMatch(DANGEROUS);
        expect(JSON.parse(json)).toBe(s);
      }),
    );
  });

  it('sanitizeLine: one line, trimmed, cut at max characters', () => {
    expect(sanitizeLine('  F error:\r\n  second\tline \x1b[31m\n')).toBe('F error: second line \\x1b[31m');
    expect(sanitizeLine('x'.repeat(400))).toBe(`${'x'.repeat(300)}…`);
    expect(sanitizeLine('ab😀cd', 3)).toBe('ab…'); // does not split the surrogate pair
  });

  it('printable (for echoing user input) shows C1 and bidi characters visibly', () => {
    expect(printable('AS1\u202e\x9b\x1b\n')).toBe('AS1\\u202e\\x9b\\x1b\\n');
  });
});
