// Text from outside never drives the terminal: a file name and registry lines with escape
// sequences are printed with them made visible (`\x1b`). The objects are the bundled HE/Cogent RECONSTRUCTION
// (data/README.md) with made-up hostile bytes added.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asrel } from './run.js';

describe('hostile text in what asrel prints', () => {
  it('shows ESC/OSC sequences and bidi overrides as escapes in notes and answers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-hostile-'));
    const file = join(dir, 'evil\u001b]0;pwned\u0007\u202e.rpsl');
    const text = readFileSync('data/reconstructed/he-cogent-telia-2013.rpsl', 'utf8')
      .replace('mp-import:      afi ipv6 from AS6939 accept AS-HURRICANE', 'mp-import:      afi ipv6 from AS6939 accept AS-HURRICANE\u001b[2J\u001b[31m');
    writeFileSync(file, text);
    const r = asrel(['rel', '1299', '6939', '--input', file]);
    expect(r.code).toBe(0);
    for (const out of [r.stdout, r.stderr]) {
      expect(out).not.toMatch(/[\u001b\u0007\u202e]/);
    }
    expect(r.stderr).toContain('evil\\x1b]0;pwned\\x07\\u202e.rpsl'); // the file name with its OSC sequence made visible
  });

  it('shows line/paragraph separators and zero-width or format characters as escapes; accents and CJK stay (CRAFTED registry text)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-invisible-'));
    // U+2028, U+2029, zero-width space, ZWNJ, ZWJ, word joiner, BOM, soft hyphen, tag letter A (past U+FFFF).
    const inv = '\u2028\u2029\u200b\u200c\u200d\u2060\ufeff\u00ad\u{e0041}';
    const shown = '\\u2028\\u2029\\u200b\\u200c\\u200d\\u2060\\ufeff\\xad\\u{e0041}';
    const file = join(dir, `crafted${inv}.rpsl`);
    writeFileSync(file, `aut-num: AS1\nas-name: Café-東京${inv}X\nimport: from AS2 accept ANY # c${inv}\nmp-import: afi ipv6 from AS2 accept AS-Y${inv}\nexport: to AS2 announce AS1\nsource: TEST\n`);
    const invisible = /[\u2028\u2029\u200b\u200c\u200d\u2060\ufeff\u00ad\u{e0041}]/u;
    // rel --input: the file name in the notes.
    const rel = asrel(['rel', '1', '2', '--input', file]);
    expect(rel.code).toBe(0);
    expect(rel.stderr).toContain(`crafted${shown}.rpsl`);
    // parse: the registry line and the error quoting it.
    const parse = asrel(['parse', file]);
    expect(parse.stdout).toContain(`accept AS-Y${shown}`);
    // show, after an import: the stored object as text; JSON keeps the characters (as \u escapes).
    const data = join(dir, 'store');
    expect(asrel(['import', file, '--data', data]).code).toBe(0);
    const show = asrel(['show', 'AS1', '--offline', '--data', data]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`as-name: Café-東京${shown}X`);
    for (const out of [rel.stdout, rel.stderr, parse.stdout, parse.stderr, show.stdout, show.stderr]) expect(out).not.toMatch(invisible);
    const json = asrel(['show', 'AS1', '--offline', '--data', data, '--json']);
    expect(json.stdout).not.toMatch(invisible);
    expect(json.stdout).toContain('\\u2028\\u2029\\u200b');
    expect(json.stdout).toContain('\\udb40\\udc41');
    expect(JSON.stringify(JSON.parse(json.stdout))).toContain(`Café-東京${inv}X`);
  });
});
