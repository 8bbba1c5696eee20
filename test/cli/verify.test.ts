// `asrel verify` as a user runs it: the real RIS rrc15 updates (2010-02-27) against CAIDA's
// 2015 relationships and against the bundled IRR data; the text of `bgpdump -m` on stdin;
// CSV; and one-line errors for inputs that are not routes.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { asrel } from './run.js';

const RRC15 = 'test/fixtures/mrt/rrc15-2010.02-updates.20100227.1600.gz';
const TEXT = 'test/fixtures/mrt/rrc03-2010.02-updates.20100227.1600.first-796-records.bgpdump-m.txt';
const CAIDA = ['../../../shared', '../../../../shared'].map((d) => resolve(import.meta.dirname, d, 'data/caida/20150201.as-rel.txt')).find(existsSync)!;
const tmp = mkdtempSync(join(tmpdir(), 'asrel-verify-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('asrel verify', () => {
  it('rrc15 (2010) against CAIDA 2015: the valley-free share, the valleys and their breaking hops', () => {
    const r = asrel(['verify', RRC15, '--relationships', CAIDA, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const s = j.summary.ipv4;
    expect(s).toMatchObject({ routes: 52468, distinctPaths: 3463, valleyFree: 46, valley: 1957, unknown: 1460 });
    expect(j.valleyFreeShare.ipv4).toBeCloseTo(46 / 2003, 6);
    expect(j.documentation).toBe('none');
    // Five years apart: AS20080–AS23148 is a peering in 2015, so AS1916's paths through it climb again at AS23148.
    expect(j.contradicted[0]).toMatchObject({ a: 23148, b: 701, relation: 'c2p', breaks: 878 });
    expect(j.sources[0]).toMatchObject({ records: 6615, routes: 52468, withdrawals: 1318, warnings: 0 });
    expect(r.stderr).toMatch(/read .*rrc15.*: 6,615 records, 52,468 routes, 1,318 withdrawals/);
    const t = asrel(['verify', RRC15, '--relationships', CAIDA, '--top', '2']);
    expect(t.stdout).toContain('valley-free 46 (2.3% of the 2,003 paths with a verdict), valleys 1,957');
    expect(t.stdout).toContain('1916 20080 23148 701 1785  (1,171 routes): breaks at AS23148 → AS701 (customer→provider), after AS20080 → AS23148 (peer–peer)');
  });

  it('against the IRR (bundled data): which links the registry documents, and from which side', () => {
    const r = asrel(['verify', RRC15, '--offline', '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('afi,a,b,relation,documented,documented_by,paths,routes,first_break_paths,example_path');
    expect(rows.length).toBe(3229 + 1);
    // AS3257's real RIPE aut-num (2023) is in the bundle: its links are documented from its side only.
    const gtt = rows.filter((l) => /,one,3257,/.test(l));
    expect(gtt.length).toBeGreaterThan(0);
    expect(rows.filter((l) => /,none,,/.test(l)).length).toBeGreaterThan(3000);
  });

  it('reads `bgpdump -m` text from stdin', () => {
    const r = asrel(['verify', '-', '--relationships', CAIDA, '--json'], { input: readFileSync(TEXT, 'utf8') });
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.sources[0]).toMatchObject({ name: 'stdin', format: 'bgpdump-text', routes: 1226, withdrawals: 133 });
  });

  it('--aspa: the verdicts side by side, and the ASPA blind spot of the HE/Cogent case (SYNTHETIC path and ASPAs, reconstructed relations)', () => {
    // A made-up route of AS6939 seen by a collector peer AS174 in each family, and ASPAs as the
    // reconstruction implies them (AS6939's providers: AS1299, the union of its families).
    const text = join(tmp, 'he.txt');
    writeFileSync(text, 'TABLE_DUMP2|1700000000|B|2001:db8::1|174|2001:db8:6939::/48|174 1299 6939|IGP|2001:db8::1|0|0||NAG||\n' +
      'TABLE_DUMP2|1700000000|B|192.0.2.1|174|198.51.100.0/24|174 1299 6939|IGP|192.0.2.1|0|0||NAG||\n');
    const aspa = join(tmp, 'he-aspa.json');
    writeFileSync(aspa, '{"aspas":[{"customer_asid":6939,"providers":[1299]},{"customer_asid":1299,"providers":[0]},{"customer_asid":174,"providers":[0]}]}');
    const r = asrel(['verify', text, '--relationships', 'test/fixtures/he-cogent-2015.reconstruction.csv', '--aspa', aspa, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.aspa.matrix.ipv4['valley-free'].valid).toBe(1);
    expect(j.aspa.matrix.ipv6.valley.valid).toBe(1);
    expect(j.aspa.blindSpots).toEqual([{ afi: 'ipv6', path: [174, 1299, 6939], routes: 1, customer: 6939, provider: 1299, relationHere: 'p2p', otherFamily: 'ipv4' }]);
    expect(j.darkSpots).toEqual([expect.objectContaining({ afi: 'ipv6', a: 174, b: 6939, transitFree: true })]);
  });

  // Crafted `bgpdump -m` lines (the audit's): AS0 in a path is invalid BGP; AS23456 stands for an AS the path does not name.
  it('counts a path holding AS0 as not checked and leaves hops to AS23456 out of the links', () => {
    const text = 'TABLE_DUMP2|1|B|1.2.3.4|3255|10.0.0.0/8|3255 174 0|IGP\nTABLE_DUMP2|1|B|1.2.3.4|3255|11.0.0.0/8|3255 174 23456 7|IGP\n';
    const r = asrel(['verify', '-', '--offline'], { input: text });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('undecided 1 (a hop whose link has no known relation); not checked: 1 holding AS0 (invalid in BGP, RFC 7607)');
    expect(r.stdout).toContain('  links seen in BGP: 1, 100.0% with a relation in the graph');
    expect(r.stdout).toContain('  1 paths pass through AS23456 (AS_TRANS, the stand-in for a 4-byte AS, RFC 6793): their hops to it have no known relation and are not counted as links');
    expect(r.stdout).not.toMatch(/– AS0\b|– AS23456|AS23456 –/);
    const csv = asrel(['verify', '-', '--offline', '--format', 'csv'], { input: text }).stdout.trim().split('\n');
    expect(csv.slice(1).map((l) => l.split(',').slice(1, 3).join(' '))).toEqual(['3255 174']);
  });

  it('lab captures: ADD-PATH messages read are not called damaged, and the verdicts add up to the distinct paths', () => {
    // BIRD logs ADD-PATH sessions under the plain BGP4MP subtype: 6 messages, all read.
    const r = asrel(['verify', 'test/fixtures/mrt/bird6_bgp', '--offline']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/read .*bird6_bgp \(mrt\): 29 records, 14 routes, 0 withdrawals; 6 ADD-PATH message under a plain BGP4MP subtype, read with path identifiers\n/);
    expect(r.stderr).not.toMatch(/damaged|skipped/);
    // 3 distinct paths: 2 undecided and 1 empty (an iBGP route from inside the collector's AS).
    expect(r.stdout).toContain('IPv6: 3 distinct paths from 14 routes\n  no path could be judged: undecided 2 (a hop whose link has no known relation); not checked: 1 with an empty AS path');
    expect(r.stdout).not.toContain('n/a of the 0 paths');
    expect(r.stdout).toContain('  2 paths do not start with the collector\'s peer AS');
    const j = JSON.parse(asrel(['verify', 'test/fixtures/mrt/bird6_bgp', '--offline', '--json']).stdout);
    const s = j.summary.ipv6;
    expect(s.valleyFree + s.valley + s.unknown + s.asSet + s.confed + s.loop + s.short).toBe(s.distinctPaths);
    expect(j.sources[0]).toMatchObject({ warnings: 0, notices: 6 });
    // A RIB of single-AS and empty paths: no link to count, so no percentages of nothing.
    const o = asrel(['verify', 'test/fixtures/mrt/openbgpd_rib_table-v2', '--offline']);
    expect(o.stdout).toContain('IPv6: 1 distinct paths from 20 routes\n  no path could be judged: not checked: 1 with an empty AS path');
    expect(o.stdout).toContain('  links seen in BGP: none (no path has two ASes)');
    expect(o.stdout).not.toContain('n/a');
  });

  it('a missing file or a file without routes is one line, not a stack', () => {
    const missing = asrel(['verify', join(tmp, 'nope.mrt'), '--relationships', CAIDA]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.mrt: no such file/);
    expect(missing.stderr).not.toMatch(/\bat .*\.js:\d+/);
    const junk = join(tmp, 'junk.bin');
    writeFileSync(junk, 'this is not MRT data, just a line of text that goes on for a while\n'.repeat(20));
    const j = asrel(['verify', junk, '--relationships', CAIDA]);
    expect(j.code).toBe(1);
    expect(j.stderr).toMatch(/junk\.bin: no routes could be read \(1 stretch of damaged bytes skipped/);
  });
});
