// `asrel aspa compare|draft|check` as a user runs them: the real rpki-client records (AS174
// publishes AS0), the HE/Cogent reconstruction as relations (a RECONSTRUCTION, see its header),
// the bundled IRR data, and the real rrc15 updates checked against a SYNTHETIC ASPA set.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asrel, HE } from './run.js';

const RPKI = 'test/fixtures/aspa/rpki-client-json.console.2026-10-06.3records.json';
const RRC15 = 'test/fixtures/mrt/rrc15-2010.02-updates.20100227.1600.gz';
const tmp = mkdtempSync(join(tmpdir(), 'asrel-aspa-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
// The bundled snapshot: the test harness's default store folder does not exist.
const EMPTY = ['--offline'];

describe('asrel aspa', () => {
  it('compare: AS174\'s AS0 agrees with the relations; publishers they do not know are no data', () => {
    const r = asrel(['aspa', 'compare', '--aspa', RPKI, '--relationships', HE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('AS0 confirmed (no provider in the relations) for AS174');
    expect(r.stdout).toContain('no data: the relations know nothing of 2 publisher(s): AS43, AS80');
  });

  it('compare: a missing provider and a one-family provider, with the registry lines (bundled IRR data)', () => {
    const aspa = join(tmp, 'he.json');
    // SYNTHETIC records: AS6939 with AS174 instead of AS1299; AS1299 publishing AS0.
    writeFileSync(aspa, '{"aspas":[{"customer_asid":6939,"providers":[174]}]}');
    const r = asrel(['aspa', 'compare', '--aspa', aspa, ...EMPTY, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('kind,customer,provider,transit_families,irr_ipv4,irr_ipv6');
    expect(r.stdout).toContain('missing,6939,1299,ipv4,c2p,p2p');
    expect(r.stdout).toContain('aspa-only,6939,174,');
    const t = asrel(['aspa', 'compare', '--aspa', aspa, ...EMPTY]);
    expect(t.stdout).toMatch(/missing AS6939 AS1299: the IRR shows AS1299 giving AS6939 transit \(IPv4\)/);
    expect(t.stdout).toContain('export: to AS6939 announce ANY');
  });

  it('compare: a provider the IRR does not show for a customer without an aut-num says the data cannot show it', () => {
    // Real records (RIPE NCC's Routinator archive): AS559 publishes; the bundled data has no aut-num for AS559, only neighbours naming it.
    const r = asrel(['aspa', 'compare', '--aspa', 'test/fixtures/aspa/routinator-json.ripe-archive.ripencc.2026-09-01.first5.jsonl', ...EMPTY]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("aspa-only AS559 AS174: in the ASPA, but the IRR shows IPv4 no link, IPv6 no link (AS559 has no aut-num in the data: only its neighbours' objects speak of it)");
    // A customer with an aut-num (the synthetic record above) gets no such clause.
    const aspa = join(tmp, 'he2.json');
    writeFileSync(aspa, '{"aspas":[{"customer_asid":6939,"providers":[174]}]}');
    expect(asrel(['aspa', 'compare', '--aspa', aspa, ...EMPTY]).stdout).toMatch(/aspa-only AS6939 AS174: in the ASPA, but the IRR shows [^(\n]*\n/);
  });

  it('draft: the union of both families, the one-family price named, in rpki-client form', () => {
    const r = asrel(['aspa', 'draft', '6939', ...EMPTY]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('ASPA draft for AS6939: providers [1299]');
    expect(r.stdout).toContain('AS1299: IPv4; evidence: both sides');
    expect(r.stdout).toMatch(/AS1299 \(IPv4 only\) will be authorised in the other family too/);
    expect(asrel(['aspa', 'draft', '6939', ...EMPTY, '--format', 'rpki-client', '-q']).stdout).toBe('{"aspas":[{"customer_asid":6939,"providers":[1299]}]}\n');
    expect(asrel(['aspa', 'draft', '174', ...EMPTY, '--format', 'bird', '-q']).stdout).toBe('route aspa 174 transit;\n');
  });

  it('draft: AS0 only for an AS the data holds; one an as-set names without a link is no data', () => {
    // CRAFTED RPSL: AS64500 buys transit from AS64501 (no aut-num); AS64502 sits in an as-set no policy uses.
    const rpsl = join(tmp, 'draft.rpsl');
    writeFileSync(rpsl, 'aut-num: AS64500\nimport: from AS64501 accept ANY\nexport: to AS64501 announce AS64500\nsource: TEST\n\nas-set: AS-FOO\nmembers: AS64502\nsource: TEST\n');
    const known = asrel(['aspa', 'draft', '64501', '--input', rpsl, '--format', 'rpki-client']);
    expect(known.code).toBe(0);
    expect(known.stdout).toBe('{"aspas":[{"customer_asid":64501,"providers":[0]}]}\n');
    expect(known.stderr).toContain("note: AS64501 has no aut-num: AS0 rests only on the objects of its 1 neighbour(s), none of which shows a provider");
    const named = asrel(['aspa', 'draft', '64502', '--input', rpsl, '--format', 'bird']);
    expect(named.code).toBe(1);
    expect(named.stdout).toBe('');
    expect(named.stderr).toContain('asrel: AS64502: no data (no aut-num, and no link to it in the relations)');
  });

  it('check: the real rrc15 paths against a SYNTHETIC ASPA set, CSV per distinct path and family', () => {
    const aspa = join(tmp, 'syn.json');
    writeFileSync(aspa, '{"aspas":[{"customer_asid":22548,"providers":[16735]},{"customer_asid":16735,"providers":[3356]},{"customer_asid":1916,"providers":[20080]},{"customer_asid":20080,"providers":[0]}]}');
    const r = asrel(['aspa', 'check', RRC15, '--aspa', aspa, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('procedure: downstream (the default');
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('afi,path,procedure,verdict,routes,deciding_hop,hop_result,record');
    expect(rows.length).toBe(3463 + 1);
    expect(rows).toContain('ipv4,22548 3549 1916 12654,downstream,invalid,1,1916 3549,not-provider+,AS1916 → [20080]');
    // --offline out of habit is accepted (check asks no registry) and changes nothing.
    const off = asrel(['aspa', 'check', RRC15, '--aspa', aspa, '--format', 'csv', '--offline']);
    expect(off.code).toBe(0);
    expect(off.stdout).toBe(r.stdout);
    expect(asrel(['aspa', 'check', '--help']).stdout.replace(/\s+/g, ' ')).toContain('--offline accepted and ignored, for a uniform command line: check asks no registry');
    const up = asrel(['aspa', 'check', RRC15, '--aspa', aspa, '--procedure', 'upstream', '--json', '-q']);
    expect(JSON.parse(up.stdout).procedure).toBe('upstream');
  });

  it('impact: AS6939\'s drafted ASPA on the SYNTHETIC HE/Cogent route (reconstructed relations)', () => {
    const r = asrel(['aspa', 'impact', '6939', 'test/fixtures/mrt/synthetic-he-cogent.bgpdump-m.txt', '--draft', '--relationships', HE, '--json', '-q']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.providers).toEqual([1299]);
    expect(j.counts.ipv6).toEqual({ breaks: 0, caught: 0, otherInvalid: 0, newlyValid: 1 });
    expect(j.changes).toContainEqual(expect.objectContaining({ afi: 'ipv6', path: [174, 1299, 6939], before: 'unknown', after: 'valid', relations: 'valley' }));
    const none = asrel(['aspa', 'impact', '6939', 'test/fixtures/mrt/synthetic-he-cogent.bgpdump-m.txt', '--relationships', HE]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no ASPA for AS6939/);
  });

  it('input without one valid record is an error (exit 1) for every command that reads ASPAs, as for import', () => {
    // CRAFTED, as in the audit: a NUL byte inside the JSON; AS numbers that are none.
    const nul = join(tmp, 'nul.json'), bad = join(tmp, 'bad.json');
    writeFileSync(nul, '{"aspas":[{"customer_asid":6939,\u0000"providers":[1299]}]}');
    writeFileSync(bad, '{"aspas": [{"customer": "AS-1", "providers": ["AS4294967296"]}, {"customer": "AS6939", "providers": "AS1299"}]}');
    const want = (f: string, why: string) => `asrel: ${f}: no ASPA record in the input (${why})`;
    for (const args of [['aspa', 'compare', '--relationships', HE], ['aspa', 'check', RRC15], ['aspa', 'impact', '6939', RRC15, '--relationships', HE], ['verify', RRC15, '--relationships', HE], ['diff']]) {
      const r = asrel([...args, '--aspa', nul, ...(args[0] === 'diff' ? [bad] : [])]);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toContain(want(nul, '1 skipped: 1 not JSON'));
      expect(r.stdout).toBe('');
    }
    const c = asrel(['aspa', 'compare', '--relationships', HE, '--aspa', bad]);
    expect(c.code).toBe(1);
    expect(c.stderr).toContain(want(bad, '2 skipped: 1 AS number out of range, 1 no provider list'));
    const imp = asrel(['aspa', 'import', bad, '--data', join(tmp, 'no-records-store')]);
    expect(imp.code).toBe(1);
    expect(imp.stderr).toContain(`${want(bad, '2 skipped: 1 AS number out of range, 1 no provider list')}: nothing stored`);
  });

  it('compare: a record with an empty provider list is skipped with its reason, not read as "every provider missing"', () => {
    const f = join(tmp, 'empty-list.json');
    // CRAFTED: AS6939 with no provider at all (invalid: AS0 says "none"), AS174 publishing AS0.
    writeFileSync(f, '{"aspas":[{"customer_asid":6939,"providers":[]},{"customer_asid":174,"providers":[0]}]}');
    const r = asrel(['aspa', 'compare', '--aspa', f, ...EMPTY]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`note: aspa: ${f} (rpki-client-json): 1 customers; 1 skipped: 1 empty provider list`);
    expect(r.stdout).not.toContain('AS6939');
  });

  it('bad input is one line: no --aspa, a file that is not ASPA data, an unknown subcommand', () => {
    const a = asrel(['aspa', 'check', RRC15]);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--aspa is required/);
    const junk = join(tmp, 'junk.txt');
    writeFileSync(junk, 'hello\n');
    const b = asrel(['aspa', 'compare', '--aspa', junk, '--relationships', HE]);
    expect(b.code).toBe(1);
    expect(b.stderr).toMatch(/junk\.txt: not ASPA data/);
    const t = join(tmp, 'cut.json');
    writeFileSync(t, '{"aspas":[{"customer_asid":1,');
    const c = asrel(['aspa', 'compare', '--aspa', t, '--relationships', HE]);
    expect(c.code).toBe(1);
    expect(c.stderr).toMatch(/the JSON ends early/);
    expect(asrel(['aspa', 'nope']).code).toBe(2);
    const missing = asrel(['aspa', 'compare', '--aspa', join(tmp, 'nope.json'), '--relationships', HE]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json: no such file/);
  });
});
