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
    expect(j.spots).toEqual([{ family: 'ipv6', otherFamily: 'ipv4', a: 174, b: 6939, coneA: 1, coneB: 1, otherPath: [174, 1299, 6939], dependsOnAmbiguous: false, ambiguousLinks: [] }]);
  });
  it('marks the dark spots that rest on an ambiguous link (bundled IRR data: AS3255–AS9098 in IPv6), and --ambiguous reads it the same in every command', () => {
    // AS9098 has no aut-num; its only IPv6 evidence is AS3255's mp-import line: customer or peer, held as peer by default.
    const r = asrel(['dark-spots', '--offline', '--top', '10']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const spots = lines.filter((l) => / ⟷ /.test(l));
    expect(spots).toHaveLength(7);
    const marked = (spot: string) => (lines[lines.indexOf(spot) + 1] ?? '').startsWith('    ');
    expect(spots.filter((l) => l.includes('AS9098')).every(marked)).toBe(true);
    expect(marked(spots.find((l) => l.includes('AS174 ') && l.includes('AS6939 '))!)).toBe(false);
    expect(r.stdout).toContain("  AS3257 (customer cone 1,871 ASes) ⟷ AS9098 (1 AS): no IPv6 path; IPv4 path AS3257 → AS3255 → AS9098\n" +
      "    rests on an ambiguous IPv6 link AS3255–AS9098 (held as: AS3255 and AS9098 are peers); read as: AS3255 is AS9098's provider (as --ambiguous customer reads it), the two reach each other\n");
    // AS6939 and AS9098 stay apart read so, but AS9098 then has a provider: no transit-free pair.
    expect(r.stdout).toContain('AS9098 has a provider, so it is not transit-free and the pair is no dark spot (still with no IPv6 path)');
    expect(r.stdout).toContain('Ambiguous links: 6 of the 7 dark spots listed rest on an IRR link whose relation is ambiguous');
    const j = JSON.parse(asrel(['dark-spots', '--offline', '--top', '10', '--json']).stdout);
    expect(j.spots.filter((s: { dependsOnAmbiguous: boolean }) => s.dependsOnAmbiguous)).toHaveLength(6);
    expect(j.spots.find((s: { a: number; b: number }) => s.a === 3257 && s.b === 9098).ambiguousLinks).toEqual([
      { a: 3255, b: 9098, candidates: ['p2c', 'p2p'], held: 'p2p', reading: 'p2c', joins: true, givesProvider: 9098 },
    ]);
    // The reading the line names is what --ambiguous customer does: only AS174 ⟷ AS6939 is left, unmarked.
    const c = asrel(['dark-spots', '--offline', '--top', '10', '--ambiguous', 'customer']);
    expect(c.stdout.split('\n').filter((l) => / ⟷ /.test(l))).toEqual(['  AS174 (customer cone 17 ASes) ⟷ AS6939 (1 AS): no IPv6 path; IPv4 path AS174 → AS1299 → AS6939']);
    expect(c.stdout).not.toContain('Ambiguous links:');
    // A question reads the link the same way whichever AS it climbs from (it used to read it from AS9098's side: "provider" joined them there).
    expect(asrel(['path', '9098', '3257', '--afi', 'ipv6', '--offline', '--ambiguous', 'customer']).stdout).toContain('AS9098 → AS3255 → AS3257');
    expect(asrel(['path', '9098', '3257', '--afi', 'ipv6', '--offline', '--ambiguous', 'provider']).stdout).toContain('No valley-free IPv6 path');
  });
  it('--help says what each --ambiguous choice does, by AS number order', () => {
    const h = asrel(['dark-spots', '--help']).stdout.replace(/\s+/g, ' ');
    expect(h).toContain("provider: the higher-numbered AS as the lower's provider");
    expect(h).toContain("customer: the higher-numbered AS as the lower's customer");
    expect(h).toContain('a dark spot only because of such a link');
  });
  it('needs both families', () => {
    const r = asrel(['dark-spots', '--relationships', 'test/fixtures/caida-20150201-excerpt.as-rel.txt']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('no ipv6 relationships loaded');
  });
});
