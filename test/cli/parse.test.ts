// `asrel parse` as a user runs it: the built CLI on real fixture files and on stdin.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { catalog, loadAll } from '../../src/cli/commands/index.js';
import { asrel } from './run.js';

const fixture = (name: string) => new URL(`../fixtures/policy/${name}`, import.meta.url).pathname;

describe('asrel parse', () => {
  it('prints each policy attribute in canonical form with its families', () => {
    const r = asrel(['parse', fixture('AS215778.ripe.2024-11-01.rpsl')]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^aut-num AS215778 \(.*AS215778\.ripe\.2024-11-01\.rpsl:2\)$/);
    expect(lines[1]).toBe('  4 mp-import: afi ipv6.unicast from AS209533 accept ANY  [ipv6.unicast]');
    expect(lines).toHaveLength(11);
  });

  it('--stats --json on the gzip AS3257 object: one JSON document with the counts', () => {
    const r = asrel(['parse', '--stats', '--json', fixture('AS3257.ripe.2023-07-21.rpsl.gz')]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({
      objects: 1,
      policyAttributes: { import: 2916, export: 2916, 'mp-import': 1857, 'mp-export': 1857 },
      parsed: 9546,
      diagnostics: [],
    });
  });

  it('--stats lists the genuine DN42 errors with file:line:column, exit 0', () => {
    const r = asrel(['parse', '--stats', fixture('dn42-aut-nums-with-policy.2023-10-22.rpsl')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('policy attributes: 183 (mp-import 92, mp-export 91)');
    expect(r.stdout).toContain('parsed without errors: 171; with errors: 12');
    expect(r.stdout).toMatch(/dn42-aut-nums-with-policy\.2023-10-22\.rpsl:\d+:35: error: AS64712 mp-export: AS4343433759 is out of range/);
    const json = JSON.parse(asrel(['parse', '--stats', '--json', fixture('dn42-aut-nums-with-policy.2023-10-22.rpsl')]).stdout);
    expect(json.diagnostics).toHaveLength(12);
    expect(Object.keys(json.diagnostics[0]).sort()).toEqual(['attribute', 'column', 'input', 'line', 'message', 'object', 'severity']);
  });

  it('reads - (stdin) and several files; --json gives one document with ASTs and diagnostics', () => {
    const input = 'aut-num: AS1\nimport: from AS2 accept ANY\nmp-import: afi ipv6.unicastfrom AS39790 accept ANY\n';
    const r = asrel(['parse', '--json', '-', fixture('AS215778.ripe.2024-11-01.rpsl')], { input });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.objects.map((o: any) => o.key)).toEqual(['AS1', 'AS215778']);
    const [ok, bad] = doc.objects[0].policies;
    expect(ok).toMatchObject({ attribute: 'import', ok: true, families: ['ipv4.unicast'], ast: { body: { type: 'term' } } });
    expect(bad).toMatchObject({ attribute: 'mp-import', ok: false, ast: null, diagnostics: [{ line: 3, column: 16, severity: 'error' }] });
    expect(doc.summary).toMatchObject({ files: ['-', fixture('AS215778.ripe.2024-11-01.rpsl')], objects: 2, parsed: 11 });
  });

  it('streams a dump bigger than one object and counts objects without policy', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-parse-'));
    const f = join(dir, 'two.rpsl');
    const as3257 = gunzipSync(readFileSync(fixture('AS3257.ripe.2023-07-21.rpsl.gz'))).toString();
    writeFileSync(f, `${as3257}\nas-set: AS-FOO\nmembers: AS1\n\n${as3257}`);
    const doc = JSON.parse(asrel(['parse', '--stats', '--json', f]).stdout);
    expect(doc).toMatchObject({ objects: 3, objectsWithPolicy: 2, parsed: 2 * 9546 });
  });

  // Crafted (the audit's): AS0 and AS_TRANS parse, with a warning; an out-of-range aut-num key skips its object.
  it('warns of AS0 and AS23456 as a neighbour and skips an aut-num keyed past AS4294967295', () => {
    const text = 'aut-num: AS4294967296\nimport: from AS4294967295 accept ANY\n\n' +
      'aut-num: AS4294967295\nimport: from AS0 accept ANY\nexport: to AS1 OR AS23456 announce ANY\n';
    const r = asrel(['parse', '-'], { input: text });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      'aut-num AS4294967295 (-:4)',
      '  5 import: from AS0 accept ANY  [ipv4.unicast]',
      '    warning at 5:14: AS0 is reserved and never names a network (RFC 7607): it cannot be a BGP neighbour, so no link is inferred to it',
      '  6 export: to AS1 OR AS23456 announce ANY  [ipv4.unicast]',
      '    warning at 6:19: AS23456 is AS_TRANS, the stand-in for a 4-byte AS number on 2-byte BGP sessions, not a network (RFC 6793): it cannot be a BGP neighbour, so no link is inferred to it',
      '-:1: error: aut-num AS4294967296 is out of range: AS numbers are 0–4294967295; the object is skipped',
      '',
    ].join('\n'));
  });

  it('an unreadable file is a user error with a hint, non-zero exit', () => {
    const r = asrel(['parse', '/nonexistent/AS1.rpsl']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/cannot read \/nonexistent\/AS1\.rpsl/);
    expect(r.stderr).toMatch(/Check the path/);
    expect(asrel(['parse']).stderr).toMatch(/name at least one file/);
  });

  it('worker threads (large inputs) give the same output as one thread, in input order', () => {
    const f = fixture('dn42-aut-nums-with-policy.2023-10-22.rpsl');
    const gz = fixture('AS3257.ripe.2023-07-21.rpsl.gz');
    const pooled = { ASREL_PARSE_WORKERS: '2', ASREL_PARSE_POOL_BYTES: '0' };
    const single = { ASREL_PARSE_WORKERS: '0' };
    for (const args of [['parse', '--json', f, gz], ['parse', f], ['parse', '--stats', '--json', f, gz]]) {
      const a = asrel(args, { env: pooled });
      const b = asrel(args, { env: single });
      expect(a.code).toBe(0);
      expect(a.stdout).toBe(b.stdout);
      expect(a.stdout.length).toBeGreaterThan(1000);
    }
  });

  it('refuses a file that is not text with one line, exit 2', () => {
    const r = asrel(['parse', process.execPath]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`asrel: ${process.execPath} is not an RPSL text file: it contains NUL bytes (a binary file?)\n`);
  });

  it('--stats counts the reader\'s diagnostics with the parser\'s, and reads files with a byte order mark or CR-only line ends', () => {
    // AS215778's real object with a crafted stray line, then re-encoded two ways.
    const dir = mkdtempSync(join(tmpdir(), 'asrel-parse-'));
    const real = readFileSync(fixture('AS215778.ripe.2024-11-01.rpsl'), 'utf8');
    const stray = join(dir, 'stray.rpsl');
    writeFileSync(stray, real.replace(/^(aut-num:.*\n)/m, '$1this line is not an attribute\n'));
    const r = asrel(['parse', '--stats', stray]);
    expect(r.stdout).toMatch(/^diagnostics: 1 error, 0 warnings \(1 error, 0 warnings from reading the text into objects\)$/m);
    expect(r.stdout).toMatch(/stray\.rpsl:\d+: error: not an attribute line/);
    const plain = asrel(['parse', '--stats', '--json', fixture('AS215778.ripe.2024-11-01.rpsl')]).stdout;
    for (const [name, text] of [['bom.rpsl', `\uFEFF${real}`], ['mac.rpsl', real.replaceAll('\n', '\r')]] as const) {
      writeFileSync(join(dir, name), text);
      const doc = JSON.parse(asrel(['parse', '--stats', '--json', join(dir, name)]).stdout);
      expect({ ...doc, files: [] }).toEqual({ ...JSON.parse(plain), files: [] });
    }
  });
});

describe('CLI start-up', () => {
  it('the command catalog names each command as its module does', async () => {
    const modules = await loadAll();
    modules.forEach((m, i) => {
      expect({ command: catalog[i].command, describe: catalog[i].describe, aliases: catalog[i].aliases }).toEqual({ command: m.command, describe: m.describe, aliases: m.aliases });
    });
  });

  it('--help lists every command without loading any; --version prints the version', () => {
    const help = asrel(['--help']);
    expect(help.code).toBe(0);
    for (const e of catalog) expect(help.stdout).toContain(`asrel ${e.command}`);
    expect(help.stdout).toContain('[aliases: neighbours]');
    expect(asrel(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+/);
    const none = asrel([]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Name a command/);
    expect(asrel(['parsee']).stderr).toMatch(/did you mean parse\?/);
  });
});
