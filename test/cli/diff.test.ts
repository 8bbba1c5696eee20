// `asrel diff` from the command line: the HE/Cogent reconstruction (a RECONSTRUCTION,
// data/README.md) against a copy in which AS1299 sells IPv6 transit to AS6939 (a made-up
// edit), as files and as store folders; text, CSV and JSON.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asrel } from './run.js';

const HE = 'data/reconstructed/he-cogent-telia-2013.rpsl';
const dir = mkdtempSync(join(tmpdir(), 'asrel-diff-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const edited = join(dir, 'he-ipv6-transit.rpsl');
{
  let owner = '';
  writeFileSync(edited, readFileSync(HE, 'utf8').split('\n').map((l) => {
    owner = /^aut-num:\s+(AS\d+)/.exec(l)?.[1] ?? owner;
    if (owner === 'AS1299' && /^mp-export:\s+afi ipv6 to AS6939 /.test(l)) return 'mp-export:      afi ipv6 to AS6939 announce ANY';
    if (owner === 'AS6939' && /^mp-import:\s+afi ipv6 from AS1299 /.test(l)) return 'mp-import:      afi ipv6 from AS1299 accept ANY';
    return l;
  }).join('\n'));
}

describe('asrel diff', () => {
  it('text: per family counts, the changed link, the dark spot that disappeared', () => {
    const r = asrel(['diff', '--old', HE, '--new', edited]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('IPv4: 2 links before, 2 after: 0 added, 0 removed, 0 changed');
    expect(r.stdout).toContain('IPv6: 2 links before, 2 after: 0 added, 0 removed, 1 changed');
    expect(r.stdout).toContain('  ~ AS1299–AS6939 p2p → p2c');
    expect(r.stdout).toContain('IPv6: 1 before, 0 after; 0 appeared, 1 disappeared');
    expect(r.stdout).toContain('    - AS174 (customer cone 1 AS) ⟷ AS6939 (1 AS)');
    expect(r.stderr).toContain('note: old: he-cogent-telia-2013.rpsl');
  });

  it('CSV and --json, the JSON shape of the issue; store folders work as sides', () => {
    const csv = asrel(['diff', '--old', HE, '--new', edited, '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.stdout.trim().split('\n')).toEqual(['change,a,b,afi,old,new', 'changed,1299,6939,ipv6,p2p,p2c', 'dark-spot-disappeared,174,6939,ipv6,,']);
    const old = join(dir, 'old'), now = join(dir, 'new');
    expect(asrel(['import', HE, '--data', old]).code).toBe(0);
    expect(asrel(['import', edited, '--data', now]).code).toBe(0);
    const out = join(dir, 'diff.json');
    const r = asrel(['diff', '--old', old, '--new', now, '--json', '--out', out]);
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    expect(j.added).toEqual([]);
    expect(j.removed).toEqual([]);
    expect(j.changed).toEqual([{ a: 1299, b: 6939, afi: 'ipv6', old: 'p2p', new: 'p2c' }]);
    expect(j.darkSpots.appeared).toEqual([]);
    expect(j.darkSpots.disappeared).toEqual([{ a: 174, b: 6939, afi: 'ipv6', coneA: 1, coneB: 1 }]);
    expect(j.darkSpots.totals.ipv6).toEqual({ old: 1, new: 0, appeared: 0, disappeared: 1 });
    // Reversed, --afi ipv6, links only.
    const back = JSON.parse(asrel(['diff', '--old', now, '--new', old, '--afi', 'ipv6', '--no-dark-spots', '--json']).stdout);
    expect(back.changed).toEqual([{ a: 1299, b: 6939, afi: 'ipv6', old: 'p2c', new: 'p2p' }]);
    expect(back).not.toHaveProperty('darkSpots');
    expect(Object.keys(back.counts)).toEqual(['ipv6']);
  });

  it('says what is wrong with a side', () => {
    const r = asrel(['diff', '--old', join(dir, 'absent.rpsl'), '--new', HE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--old');
    expect(r.stderr).toContain('no such file or folder');
    const empty = mkdtempSync(join(tmpdir(), 'asrel-diff-empty-'));
    const e = asrel(['diff', '--old', HE, '--new', empty]);
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('holds no asrel store with aut-num objects');
    rmSync(empty, { recursive: true, force: true });
  });
});
