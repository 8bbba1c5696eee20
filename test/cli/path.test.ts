import { describe, expect, it } from 'vitest';
import { asrel, HE } from './run.js';

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
});
