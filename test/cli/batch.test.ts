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
    // depends_on_ambiguous came last, after the columns older readers know.
    expect(rows[0]).toBe('a,b,ipv4_reachable,ipv4_length,ipv4_path,ipv4_reason,ipv6_reachable,ipv6_length,ipv6_path,ipv6_reason,dark_spot,dark_family,depends_on_ambiguous');
    expect(rows).toHaveLength(1 + 6);
    expect(rows).toContain('6939,174,true,2,6939 1299 174,path,false,,,no-path,true,ipv6,false');
    expect(rows).toContain('1299,174,true,1,1299 174,path,true,1,1299 174,path,false,,false');
    expect(r.stderr).toContain('note: relationships from');
    expect(r.stderr).toContain('1 repeated AS number(s) ignored');
  });
  it('--afi ipv6 --out FILE writes only that family to the file', () => {
    const out = join(dir, 'out.csv');
    const r = asrel(['batch', '--asns', list, '--relationships', HE, '--afi', 'ipv6', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('a,b,ipv6_reachable,ipv6_length,ipv6_path,ipv6_reason');
    expect(rows).toContain('174,6939,false,,,no-path');
  });
  it('an AS with no link in a family is no-data there, not a dark spot; --json says the same', () => {
    // AS64500 (documentation ASN, made up) has no link in the reconstruction at all.
    const withStub = join(dir, 'stub.txt');
    writeFileSync(withStub, '6939\n174\n64500\n');
    const r = asrel(['batch', '--asns', withStub, '--relationships', HE]);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows).toContain('6939,64500,false,,,no-data,false,,,no-data,false,,false');
    expect(rows).toContain('174,6939,true,2,174 1299 6939,path,false,,,no-path,true,ipv6,false');
    const j = JSON.parse(asrel(['batch', '--asns', withStub, '--relationships', HE, '--json']).stdout);
    expect(j.families).toEqual(['ipv4', 'ipv6']);
    expect(j.pairs).toHaveLength(6);
    expect(j.pairs).toContainEqual({
      a: 6939, b: 174,
      ipv4: { reachable: true, length: 2, path: [6939, 1299, 174], reason: 'path' },
      ipv6: { reachable: false, length: null, path: null, reason: 'no-path' },
      darkSpot: true, darkFamily: 'ipv6', dependsOnAmbiguous: false,
    });
    expect(j.pairs.find((p: { a: number; b: number }) => p.a === 64500 && p.b === 174)).toMatchObject({ ipv4: { reason: 'no-data' }, darkSpot: false, darkFamily: null });
  });
  it('a dark spot that rests on an ambiguous link says so (bundled IRR data: AS3255–AS9098 in IPv6)', () => {
    // AS9098 has no aut-num; its only IPv6 link is AS3255's one mp-import line, which fits customer or peer.
    const amb = join(dir, 'ambiguous.txt');
    writeFileSync(amb, '9098\n3257\n174\n6939\n');
    const r = asrel(['batch', '--asns', amb, '--offline']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows).toContain('9098,3257,true,2,9098 3255 3257,path,false,,,no-path,true,ipv6,true');
    // HE and Cogent: no ambiguous link around them, the dark spot holds however such links are read.
    expect(rows).toContain('174,6939,true,2,174 1299 6939,path,false,,,no-path,true,ipv6,false');
    const j = JSON.parse(asrel(['batch', '--asns', amb, '--offline', '--json']).stdout);
    const p = j.pairs.find((x: { a: number; b: number }) => x.a === 9098 && x.b === 3257);
    expect(p).toMatchObject({ darkSpot: true, dependsOnAmbiguous: true });
    expect(p.ambiguousLinks).toEqual([expect.objectContaining({ held: 'p2p' })]);
    expect([p.ambiguousLinks[0].a, p.ambiguousLinks[0].b].sort()).toEqual([3255, 9098]);
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
