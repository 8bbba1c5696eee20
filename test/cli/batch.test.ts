import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asrel, HE } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'asrel-batch-'));
const list = join(dir, 'asns.txt');
writeFileSync(list, '# made-up list of the reconstruction\'s ASes\n6939\nAS174   # Cogent\n\n1299\n174\n');

describe('asrel batch', () => {
  it('every ordered pair with per-family reachability, length, path and the dark-spot flag', () => {
    const r = asrel(['batch', '--asns', list, '--relationships', HE]);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('a,b,ipv4_reachable,ipv4_length,ipv4_path,ipv6_reachable,ipv6_length,ipv6_path,dark_spot,dark_family');
    expect(rows).toHaveLength(1 + 6);
    expect(rows).toContain('6939,174,true,2,6939 1299 174,false,,,true,ipv6');
    expect(rows).toContain('1299,174,true,1,1299 174,true,1,1299 174,false,');
    expect(r.stderr).toContain('note: relationships from');
    expect(r.stderr).toContain('1 repeated AS number(s) ignored');
  });
  it('--afi ipv6 --out FILE writes only that family to the file', () => {
    const out = join(dir, 'out.csv');
    const r = asrel(['batch', '--asns', list, '--relationships', HE, '--afi', 'ipv6', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('a,b,ipv6_reachable,ipv6_length,ipv6_path');
    expect(rows).toContain('174,6939,false,,');
  });
  it('names the line of junk in the ASN list', () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, '6939\n174\nAS-HURRICANE\n');
    const r = asrel(['batch', '--asns', bad, '--relationships', HE]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('bad.txt:3: "AS-HURRICANE" is not an AS number');
    const r2 = asrel(['batch', '--asns', list, '--relationships', HE, '--afi', 'ipv5']);
    expect(r2.stderr).toContain('"ipv5" is not ipv4 or ipv6');
  });
});
