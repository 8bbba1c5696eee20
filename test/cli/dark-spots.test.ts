import { describe, expect, it } from 'vitest';
import { asrel, HE } from './run.js';

describe('asrel dark-spots', () => {
  it('finds AS174 ⟷ AS6939 dark in IPv6 but joined in IPv4', () => {
    const r = asrel(['dark-spots', '--relationships', HE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Dark spots in IPv4 (2 transit-free ASes checked): none');
    expect(r.stdout).toContain('AS174 (customer cone 1 AS) ⟷ AS6939 (1 AS): no IPv6 path; IPv4 path AS174 → AS1299 → AS6939');
    // Two transit-free ASes in IPv4 (174, 1299: one pair), three in IPv6 (three pairs); no sibling groups to share tests.
    expect(r.stdout).toContain('Pair tests: 1 in IPv4, 3 in IPv6');
    const j = JSON.parse(asrel(['dark-spots', '--relationships', HE, '--afi', 'ipv6', '--json']).stdout);
    expect(j.pairTests).toEqual({ ipv4: 0, ipv6: 3 });
    expect(j.spots).toEqual([{ family: 'ipv6', otherFamily: 'ipv4', a: 174, b: 6939, coneA: 1, coneB: 1, otherPath: [174, 1299, 6939] }]);
  });
  it('needs both families', () => {
    const r = asrel(['dark-spots', '--relationships', 'test/fixtures/caida-20150201-excerpt.as-rel.txt']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('no ipv6 relationships loaded');
  });
});
