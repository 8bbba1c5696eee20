import { describe, expect, it } from 'vitest';
import { annotateFixes, ixpFixText, ixpNotes, irrYears } from '../../src/ixp/annotate.js';
import { loadIxp } from '../../src/ixp/load.js';
import type { Explanation, Fix } from '../../src/explain/types.js';

const ex = (fixes: Fix[]): Explanation => ({
  a: 6939, b: 174, family: 'ipv6', model: 'Gao-Rexford', reachable: false, path: null, hops: null, absent: [],
  fixes, dataGaps: null, ambiguous: [], differences: [],
});

describe('annotateFixes', () => {
  it('a peering fix with a shared exchange ranks above fixes without one, the order kept otherwise', async () => {
    const { presence } = await loadIxp(['test/fixtures/ixp/caida-ixp-201910'], { asns: [] });
    const fixes: Fix[] = [
      { kind: 'relation-change', customer: 6939, provider: 1299, current: 'p2p', reason: 'r1' },
      { kind: 'new-peering', peers: [6939, 999999], reason: 'r2' },
      { kind: 'new-transit', customer: 174, provider: 1299, reason: 'r3' },
      { kind: 'new-peering', peers: [6939, 174], reason: 'r4' },
    ];
    const out = annotateFixes(ex(fixes), presence).fixes!;
    expect(out.map((f) => f.reason)).toEqual(['r4', 'r1', 'r2', 'r3']);
    expect(out[0]!.commonIxps!.map((x) => x.name)).toEqual(['NaMeX', 'CIXP']);
    expect(out[2]!.commonIxps).toEqual([]);
    expect(out[1]!.commonIxps).toBeUndefined();
    expect(ixpFixText(out[0]!, 'IPv6')).toBe('both have IPv6 addresses at NaMeX (Rome) and CIXP (Geneva) — CAIDA IXPs dataset, 2019-10');
    expect(ixpFixText(out[2]!, 'IPv6')).toBe('no exchange where both have IPv6 addresses in CAIDA IXPs dataset, 2019-10');
  });

  it('lists at most 5 exchanges, then "and N more"', () => {
    const x = (i: number) => ({ name: `IX${i}`, ipv4: true, ipv6: true, size: 10 - i, source: 'S', date: '2020-01' });
    const f: Fix = { kind: 'new-peering', peers: [1, 2], reason: '', commonIxps: [1, 2, 3, 4, 5, 6, 7].map(x) };
    expect(ixpFixText(f, 'IPv4')).toBe('both have IPv4 addresses at IX1, IX2, IX3, IX4, IX5 and 2 more — S, 2020-01');
  });

  it('notes: the source and date, and a warning when the IRR data is years apart', async () => {
    const { presence } = await loadIxp(['test/fixtures/ixp/caida-ixp-201910'], { asns: [] });
    expect(irrYears(['data: bundled snapshot he-cogent-telia-2013 (2013) — a RECONSTRUCTION', 'relationships from caida-20150201.as-rel.txt', 'other 1999 AS2018'])).toEqual([2013, 2015]);
    const notes = ixpNotes(presence, ['data: bundled snapshot he-cogent-telia-2013 (2013)']);
    expect(notes[0]).toMatch(/^ixp: exchanges from CAIDA IXPs dataset \(2019-10\)/);
    expect(notes[1]).toMatch(/the IXP data \(CAIDA IXPs dataset, 2019-10\) and the IRR data \(2013\) are 6 years apart/);
    expect(ixpNotes(presence, ['data: store, fetched 2019-11-02'])).toHaveLength(1);
  });
});
