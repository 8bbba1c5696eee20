import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asrel, HE } from './run.js';

const AS3255 = 'test/fixtures/irr-access/AS3255.rpsl';

describe('asrel reach', () => {
  it('lists what AS174 reaches in IPv4 only: AS6939, through AS1299', () => {
    const r = asrel(['reach', '174', '--relationships', HE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('AS174 reaches 3 of the 3 ASes in the IPv4 graph');
    expect(r.stdout).toContain('AS174 reaches 2 of the 3 ASes in the IPv6 graph');
    expect(r.stdout).toContain('AS6939 (customer cone 1): IPv4 path AS174 → AS1299 → AS6939');
  });

  it('--json gives the counts and the one-family-only list', () => {
    const j = JSON.parse(asrel(['reach', 'AS6939', '--relationships', HE, '--json']).stdout);
    expect(j.families.ipv6).toEqual({ present: true, reached: 2, total: 3 });
    expect(j.oneFamilyOnly).toEqual([{ asn: 174, family: 'ipv4', path: [6939, 1299, 174], cone: 1 }]);
    expect(j.noLinkInOther).toEqual({ ipv4: 0, ipv6: 0 });
  });

  it('takes one relationship file per family (asrel\'s own CAIDA export) and counts ASes with no link in the other family apart', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-reach-'));
    const prefix = join(dir, 'as3255');
    expect(asrel(['export', '--input', AS3255, '--format', 'caida', '--out', prefix]).code).toBe(0);
    const files = ['--relationships', `ipv4:${prefix}.ipv4.as-rel.txt`, '--relationships', `ipv6:${prefix}.ipv6.as-rel.txt`];
    const r = asrel(['reach', '3255', ...files, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.families.ipv6.present).toBe(true);
    // AS3255's IPv4-only neighbours (e.g. its IPv4 provider AS3356) have no IPv6 link at all: no data, not "not reached".
    expect(j.noLinkInOther.ipv4).toBeGreaterThan(300);
    expect(j.oneFamilyOnly.every((o: { asn: number }) => o.asn !== 3356)).toBe(true);
    // The same files without the prefixes: asrel's CAIDA header names the family.
    const plain = asrel(['reach', '3255', '--relationships', `${prefix}.ipv4.as-rel.txt`, '--relationships', `${prefix}.ipv6.as-rel.txt`]);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toContain('read as ipv6, as its asrel header says'); // a note: on stderr
    expect(plain.stdout).toMatch(/Reached in IPv4 but not in IPv6: 0 AS\(es\) with IPv6 links but no valley-free IPv6 path; \d+ more reached in IPv4 have no IPv6 link at all/);
    // A plain CAIDA file is IPv4 (today's meaning): one family only, and the hint names ipv6:FILE.
    const one = asrel(['reach', '3255', '--relationships', 'test/fixtures/caida-20150201-excerpt.as-rel.txt']);
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('no ipv6 relationships loaded');
    expect(one.stderr).toContain('--relationships ipv6:FILE');
  });

  it('an AS no link names is "no data" (exit 1), and a bad AS number is refused', () => {
    const r = asrel(['reach', '64500', '--relationships', HE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('AS64500: no data (no link in the relationship file');
    const bad = asrel(['reach', 'AS-FOO', '--relationships', HE]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('is not an AS number');
  });
});
