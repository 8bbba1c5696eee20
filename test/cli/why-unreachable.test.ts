import { describe, expect, it } from 'vitest';
import { asrel, HE } from './run.js';

describe('asrel why-unreachable (HE–Cogent reconstruction via --relationships)', () => {
  it('IPv6: no path, cones and tops, the relationship that differs, exit 0', () => {
    const r = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--relationships', HE]);
    expect(r.code).toBe(0);
    // Notes on stderr, the answer on stdout.
    expect(r.stderr.split('\n')[0]).toMatch(/^note: relationships from .*he-cogent-2015\.reconstruction\.csv \(asrel CSV\): 2 ipv4 links, 2 ipv6 links$/);
    expect(r.stdout.split('\n')[0]).toBe('AS6939 cannot reach AS174 in IPv6 under the Gao–Rexford model (valley-free routing): no path climbs');
    expect(r.stdout).toContain('AS6939 cannot reach AS174 in IPv6 under the Gao–Rexford model');
    expect(r.stdout).toContain('AS6939 has no IPv6 provider');
    expect(r.stdout).toContain('AS174 has no IPv6 provider');
    expect(r.stdout).toContain('no IPv6 peer link joins the two cones');
    expect(r.stdout).toMatch(/1\. AS6939 buys IPv6 transit from AS1299 \(existing link\): today they are IPv6 peers; in IPv4 AS1299 is AS6939's provider/);
    expect(r.stdout).toContain('In IPv4, AS6939 reaches AS174: AS6939 → AS1299 → AS174');
    expect(r.stdout).toContain("AS6939–AS1299: IPv6: AS6939 and AS1299 are peers; IPv4: AS1299 is AS6939's provider");
  });

  it('IPv4: the path AS6939 → AS1299 → AS174, hop by hop', () => {
    const r = asrel(['why-unreachable', 'AS6939', 'AS174', '--afi', 'ipv4', '--relationships', HE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('AS6939 reaches AS174 in IPv4');
    expect(r.stdout).toContain("1. AS6939 → AS1299: up to its provider (AS1299 is AS6939's provider)");
    expect(r.stdout).toContain('2. AS1299 → AS174: across a peer link');
  });

  it('--json gives {a, b, afi, reachable, path} and the explanation', () => {
    const r = asrel(['why-unreachable', '--relationships', HE, '6939', '174', '--afi', 'ipv6', '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ a: 6939, b: 174, afi: 'ipv6', reachable: false, path: null });
    expect(j.notes).toHaveLength(1);
    expect(j.cones.a.tops).toEqual([6939]);
    expect(j.other).toMatchObject({ family: 'ipv4', reachable: true, path: [6939, 1299, 174] });
    expect(j.fixes[0]).toMatchObject({ kind: 'relation-change', customer: 6939, provider: 1299 });
  });

  it('errors go to stderr with a hint and a non-zero exit', () => {
    const bad = asrel(['why-unreachable', '6939', 'AS-FOO', '--relationships', HE]);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('"AS-FOO" is not an AS number (the second AS, B)');
    const v6 = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--relationships', 'test/fixtures/caida-20150201-excerpt.as-rel.txt']);
    expect(v6.code).not.toBe(0);
    expect(v6.stderr).toContain('no ipv6 relationships loaded');
    expect(v6.stderr).toContain('--relationships-afi ipv6');
    const missing = asrel(['why-unreachable', '6939', '174', '--relationships', 'test/fixtures/no-such-file.csv']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toMatch(/no-such-file\.csv: cannot read/);
  });

  it('--dot draws the cones, the other family\'s path and the fixes for Graphviz', () => {
    const r = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--relationships', HE, '--dot']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('digraph asrel {')).toBe(true);
    // One edge per pair: the fixes on existing IPv6 peer links say what the link is today and that it is on the IPv4 path.
    expect(r.stdout).toMatch(/"AS6939" -> "AS1299" \[color="#198754".*label="fix 1\\ntoday IPv6 peers\\non the IPv4 path/);
    expect(r.stdout).toMatch(/"AS174" -> "AS1299" \[color="#198754".*label="fix 2\\ntoday IPv6 peers\\non the IPv4 path"/);
    expect(r.stdout.split('\n').filter((l) => /"AS(174|1299)" -> "AS(174|1299)"/.test(l))).toHaveLength(1);
    const both = asrel(['why-unreachable', '6939', '174', '--relationships', HE, '--dot', '--json']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--dot and --json');
  });
});
