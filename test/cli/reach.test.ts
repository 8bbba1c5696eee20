import { describe, expect, it } from 'vitest';
import { asrel, HE } from './run.js';

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
  });

  it('says when the AS has no link in a family, and rejects a bad AS number', () => {
    const r = asrel(['reach', '64500', '--relationships', HE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('AS64500 has no IPv4 link in the loaded data');
    const bad = asrel(['reach', 'AS-FOO', '--relationships', HE]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('is not an AS number');
  });
});
