// Ordinary mistakes on the command line: one line saying what is wrong and what to do, exit 2,
// before any network or store work (issue 10).
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asrel } from './run.js';

const bad: [string[], RegExp][] = [
  [['rel', '1', '2', '--ttl', '-5'], /--ttl is a number of hours, 0 or more \(got -5\)/],
  [['rel', '1', '2', '--ttl', 'abc'], /--ttl is a number of hours/],
  [['why-unreachable', '1', '2', '--server', '127.0.0.1:abc'], /--server "127\.0\.0\.1:abc": port 'abc'/],
  [['fetch', 'AS1', '--max-connections', '0'], /--max-connections must be a whole number, 1 or more \(got 0\)/],
  [['fetch', 'AS1', '--timeout', '0'], /--timeout must be a number above 0/],
  [['import', 'data/real/AS3255.ripe.irrd-sample-2018.rpsl', '--data', '/proc/x'], /store \/proc\/x: cannot create the folder/],
  [['import', 'data/real/AS3255.ripe.irrd-sample-2018.rpsl', '--data', 'README.md'], /is not a folder/],
  // A folder where a file is wanted: said in words, not as Node's "EISDIR: illegal operation on a directory, read".
  [['parse', 'data/real'], /^asrel: cannot read data\/real: it is a folder$/m],
  [['batch', '--asns', 'data/real', '--offline'], /^asrel: cannot read --asns data\/real: it is a folder$/m],
];

describe('usage mistakes', () => {
  for (const [args, message] of bad) {
    it(args.join(' '), () => {
      const r = asrel(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.split('\n').filter(Boolean).length).toBeLessThanOrEqual(2); // the message and a hint, no stack
      expect(r.stdout).toBe('');
    });
  }

  it('--afi is case-insensitive', () => {
    const r = asrel(['rel', '6939', '1299', '--afi', 'IPv6', '--offline']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('ipv6: p2p — AS6939 and AS1299 are peers');
  });
});

describe('inputs', () => {
  it('refuses a binary file in import and --input with one line', () => {
    const store = mkdtempSync(join(tmpdir(), 'asrel-binary-'));
    for (const args of [['import', '/bin/ls', '--data', store], ['rel', '1', '2', '--input', '/bin/ls']]) {
      const r = asrel(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('/bin/ls is not an RPSL text file: it contains NUL bytes');
    }
  });

  it('reads standard input as - in import, --input and --asns', () => {
    const rpsl = readFileSync('data/real/AS3255.ripe.irrd-sample-2018.rpsl', 'utf8');
    const dir = mkdtempSync(join(tmpdir(), 'asrel-stdin-'));
    const imp = asrel(['import', '-', '--data', dir], { input: rpsl });
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toContain('standard input: 1 objects read, stored 1 aut-num');
    const rel = asrel(['rel', '3255', '174', '--input', '-', '--afi', 'ipv4'], { input: rpsl });
    expect(rel.code, rel.stderr).toBe(0);
    expect(rel.stdout).toContain('ipv4: c2p — AS3255 is AS174\'s customer');
    const batch = asrel(['batch', '--asns', '-', '--data', dir, '--offline'], { input: '3255\n174\n' });
    expect(batch.code, batch.stderr).toBe(0);
    expect(batch.stdout.split('\n')[1]).toMatch(/^3255,174,true,1,/);
  });
});

describe('more usage mistakes', () => {
  it('--top abc is named as typed', () => {
    const r = asrel(['dark-spots', '--top', 'abc', '--offline', '--data', '/nonexistent-asrel-store']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--top "abc": give a whole number, 1 or more');
  });

  it('a missing file is exit 2 in parse as everywhere', () => {
    const r = asrel(['parse', '/nonexistent-asrel.rpsl']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/nonexistent-asrel.rpsl: no such file');
  });

  it('--help ends with the exit-code table', () => {
    expect(asrel(['--help']).stdout).toMatch(/Exit codes: 0 answered; 1 could not answer for data or network reasons; 2 usage/);
  });
});
