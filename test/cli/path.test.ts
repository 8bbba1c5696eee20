import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asrel, HE } from './run.js';

const EXCERPT = 'test/fixtures/caida-20150201-excerpt.as-rel.txt';

describe('asrel path', () => {
  it('prints the IPv4 path hop by hop', () => {
    const r = asrel(['path', '6939', '174', '--afi', 'ipv4', '--relationships', HE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('AS6939 → AS1299 → AS174  (IPv4, 2 hop(s)');
    expect(r.stdout).toContain('1. AS6939 → AS1299: up to its provider');
  });
  it('says there is none in IPv6 and points to why-unreachable, exit 0; JSON shape', () => {
    const r = asrel(['path', '6939', '174', '--afi', 'ipv6', '--relationships', HE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No valley-free IPv6 path from AS6939 to AS174');
    expect(r.stdout).toContain('asrel why-unreachable 6939 174 --afi ipv6');
    const j = JSON.parse(asrel(['path', '174', '6939', '--afi', 'ipv4', '--relationships', HE, '--json']).stdout);
    expect(j).toMatchObject({ a: 174, b: 6939, afi: 'ipv4', reachable: true, path: [174, 1299, 6939] });
    expect(j.hops.map((h: { relation: string }) => h.relation)).toEqual(['p2p', 'p2c']);
  });
  it('works on a real CAIDA excerpt (IPv4)', () => {
    const r = asrel(['path', '6939', '174', '--relationships', 'test/fixtures/caida-20150201-excerpt.as-rel.txt', '--json']);
    expect(JSON.parse(r.stdout)).toMatchObject({ reachable: true, path: [6939, 1299, 174] });
  });

  // The real excerpt with crafted lines after it: a line repeated, and bad lines (the audit's).
  it('--relationships: bad lines are skipped with a note naming them, a repeated pair counted once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-path-rel-'));
    const real = readFileSync(EXCERPT, 'utf8');
    const lines = real.split('\n').length; // the crafted lines start after the excerpt's
    const file = join(dir, 'mixed.txt');
    writeFileSync(file, `${real}1299|6939|-1\n0|5|-1\n23456|7|0\n1|2|${'0'.repeat(3_000_000)}\n1|4294967296|-1\n`);
    const r = asrel(['path', '6939', '174', '--relationships', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('AS6939 → AS1299 → AS174  (IPv4, 2 hop(s)');
    expect(r.stderr).toContain(`(CAIDA serial-1, read as ipv4 (the default; CAIDA files do not say their family)): 4 ipv4 links; 1 repeated pair merged\n`);
    const note = r.stderr.split('\n').find((l) => l.includes('bad lines skipped'))!;
    expect(note).toBe(`note: ${file}: 4 bad lines skipped: line ${lines + 1}: first AS: AS0 is reserved and never names a network (RFC 7607); ` +
      `line ${lines + 2}: first AS: AS23456 is AS_TRANS, the stand-in for a 4-byte AS number on 2-byte BGP sessions, not a network (RFC 6793); ` +
      `line ${lines + 3}: relationship "${'0'.repeat(80)}…" is neither -1 (provider|customer) nor 0 (peer|peer); and 1 more`);
  });

  it('--relationships: a file with no good line is refused with its first bad line, exit 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-path-rel-'));
    const file = join(dir, 'bad.txt');
    writeFileSync(file, `1|2|${'0'.repeat(3_000_000)}\n0|5|-1\n`);
    const r = asrel(['path', '1', '2', '--relationships', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`asrel: ${file}:1: relationship "${'0'.repeat(80)}…" is neither -1 (provider|customer) nor 0 (peer|peer) (and 1 more bad line; no good one)`);
  });

  it('--relationships: when the asked family has no link, the error names the lines skipped (the notes are not printed)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-path-rel-'));
    const file = join(dir, 'v4.txt');
    writeFileSync(file, '1|2|0\n3|4|-1\n5|0|0\n');
    const r = asrel(['path', '1', '2', '--afi', 'ipv6', '--relationships', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`asrel: no ipv6 relationships loaded (${file}: 1 bad line skipped: line 3: second AS: AS0 is reserved and never names a network (RFC 7607))`);
  });
});
