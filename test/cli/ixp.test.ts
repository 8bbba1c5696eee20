import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asrel, asrelAsync, HE } from './run.js';
import { fakePeeringDb, type FakePeeringDb } from '../ixp/fake-peeringdb.js';

const CAIDA = 'test/fixtures/ixp/caida-ixp-201910';
const HEADLINE = 'AS6939 and AS174 peer in IPv6 (new link): both have IPv6 addresses at NaMeX (Rome) and CIXP (Geneva) — CAIDA IXPs dataset, 2019-10';

describe('--ixp with the CAIDA IXP dataset (real rows)', () => {
  it('why-unreachable: the peering fix names the exchanges, ranks first, and the notes date the data', () => {
    const r = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--relationships', HE, '--ixp', CAIDA]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`  1. ${HEADLINE}; a peer link between the cones' tops`);
    // The fixes without a shared exchange come after it, in their own order.
    expect(r.stdout).toMatch(/2\. AS6939 buys IPv6 transit from AS1299 \(existing link\)/);
    expect(r.stderr).toContain('note: ixp: exchanges from CAIDA IXPs dataset (2019-10)');
    expect(r.stderr).toContain('note: ixp: the IXP data (CAIDA IXPs dataset, 2019-10) and the IRR data (2015) are 4 years apart');
    expect(r.stdout).not.toContain('note:');
  });

  it('the headline from the bundled snapshot, offline', () => {
    const r = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--offline', '--ixp', CAIDA]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`1. ${HEADLINE}`);
    expect(r.stderr).toMatch(/and the IRR data \(2013[^)]*\) are \d+ years apart/);
  });

  it('--json: commonIxps on the peering fix', () => {
    const j = JSON.parse(asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--relationships', HE, '--ixp', CAIDA, '--json']).stdout);
    expect(j.fixes[0]).toMatchObject({ kind: 'new-peering', peers: [6939, 174] });
    expect(j.fixes[0].commonIxps.map((x: { name: string; city: string; ipv4: boolean; ipv6: boolean }) => ({ name: x.name, city: x.city, ipv4: x.ipv4, ipv6: x.ipv6 })))
      .toEqual([{ name: 'NaMeX', city: 'Rome', ipv4: true, ipv6: true }, { name: 'CIXP', city: 'Geneva', ipv4: true, ipv6: true }]);
    expect(j.fixes[1].commonIxps).toBeUndefined();
    expect(j.notes.some((n: string) => n.startsWith('ixp: exchanges from CAIDA IXPs dataset (2019-10)'))).toBe(true);
  });

  it('path and report show where the two could peer', () => {
    const p = asrel(['path', '6939', '174', '--afi', 'ipv6', '--relationships', HE, '--ixp', CAIDA]);
    expect(p.stdout).toContain('Where AS6939 and AS174 could peer in IPv6: both have IPv6 addresses at NaMeX (Rome) and CIXP (Geneva) — CAIDA IXPs dataset, 2019-10.');
    const h = asrel(['report', '6939', '174', '--afi', 'ipv6', '--relationships', HE, '--ixp', CAIDA]);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('<p>Most likely fix: <strong>AS6939 and AS174 peer in IPv6 (new link)</strong>: both have IPv6 addresses at NaMeX (Rome) and CIXP (Geneva) — CAIDA IXPs dataset, 2019-10.</p>');
    expect(h.stdout).toContain('<span class="fix-head">AS6939 and AS174 peer in IPv6 (new link)</span>: both have IPv6 addresses at NaMeX (Rome) and CIXP (Geneva) — CAIDA IXPs dataset, 2019-10');
  });

  it('dark-spots: shared exchanges per pair and the summary line', () => {
    const r = asrel(['dark-spots', '--relationships', HE, '--ixp', CAIDA]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('IPv4 path AS174 → AS1299 → AS6939; 2 exchanges where both have IPv6 addresses');
    expect(r.stdout).toContain('1 of the 1 dark spot listed could close at an exchange where both are already present');
    const j = JSON.parse(asrel(['dark-spots', '--relationships', HE, '--ixp', CAIDA, '--json']).stdout);
    expect(j.spots[0]).toMatchObject({ a: 174, b: 6939, sharedIxps: 2 });
    expect(j.ixp).toEqual({ listed: 1, closable: 1, unknown: 0, datasets: [{ source: 'CAIDA IXPs dataset', date: '2019-10' }] });
  });

  it('a wrong --ixp path: one line, exit 2 (like --input)', () => {
    const r = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--relationships', HE, '--ixp', 'test/fixtures/nonexistent-ixp']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--ixp test/fixtures/nonexistent-ixp: no such file or folder');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('--ixp files that do not list an AS', () => {
  // The PeeringDB sample (real rows) lists AS6939 and AS3856 only: of AS174 it says nothing.
  const PDB = 'test/fixtures/ixp/peeringdb-api-sample-2026-04';

  it('the fix says the exchanges are unknown, not "no exchange where both"', () => {
    const r = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--relationships', HE, '--ixp', PDB, '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('AS6939 and AS174 peer in IPv6 (new link): exchanges unknown: AS174 is not in the IXP data;');
    expect(r.stdout).not.toContain('no exchange where both');
    const p = asrel(['path', '6939', '174', '--afi', 'ipv6', '--relationships', HE, '--ixp', PDB, '-q']);
    expect(p.stdout).toContain('Where AS6939 and AS174 could peer in IPv6: exchanges unknown: AS174 is not in the IXP data.');
    const j = JSON.parse(asrel(['path', '6939', '174', '--afi', 'ipv6', '--relationships', HE, '--ixp', PDB, '--json']).stdout);
    expect(j.ixpUnknown).toBe('AS174 is not in the IXP data');
    expect(j.commonIxps).toBeUndefined();
  });

  it('an AS one dataset lists is known: CAIDA lists AS174, so the two datasets together say where both are', () => {
    const r = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--relationships', HE, '--ixp', PDB, '--ixp', CAIDA, '-q']);
    expect(r.stdout).toContain('AS6939 and AS174 peer in IPv6 (new link): both have IPv6 addresses at NaMeX (Rome) and CIXP (Geneva) — CAIDA IXPs dataset, 2019-10');
  });
});

describe('--ixp peeringdb (local server on 127.0.0.1)', () => {
  let fake: FakePeeringDb;
  beforeAll(async () => { fake = await fakePeeringDb(); });
  afterAll(async () => { await fake.close(); });

  it('asks for the ASes of the answer, caches them, and --offline then answers from the cache', async () => {
    const data = mkdtempSync(join(tmpdir(), 'asrel-ixp-cli-'));
    const env = { ASREL_PEERINGDB_URL: fake.url };
    const off = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--relationships', HE, '--ixp', 'peeringdb', '--offline', '--data', data], { env });
    expect(off.code).toBe(0);
    expect(off.stderr).toContain('note: ixp: --offline: PeeringDB answers for AS174, AS6939 are not in the cache');
    // Nothing cached is not "no exchange where both …", and undated data claims no age.
    expect(off.stdout).toContain('AS6939 and AS174 peer in IPv6 (new link): exchanges unknown: no PeeringDB data cached for AS6939 (run once without --offline)');
    expect(off.stdout).not.toContain('no exchange where both');
    expect(off.stderr).not.toContain('years apart');
    expect(fake.requests).toEqual([]);
    const on = await asrelAsync(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--relationships', HE, '--ixp', 'peeringdb', '--data', data], env);
    expect(on.code).toBe(0);
    expect(fake.requests[0]).toBe('/api/netixlan?asn__in=174,6939');
    // The sample has no AS174 rows: the fix says so, with the source and the date.
    expect(on.stdout).toMatch(/AS6939 and AS174 peer in IPv6 \(new link\): no exchange where both have IPv6 addresses in PeeringDB, \d{4}-\d\d-\d\d/);
    const n = fake.requests.length;
    const again = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--relationships', HE, '--ixp', 'peeringdb', '--offline', '--data', data], { env });
    expect(fake.requests).toHaveLength(n);
    expect(again.stderr).not.toContain('not in the cache');
    expect(again.stderr).toMatch(/note: ixp: exchanges from PeeringDB \(\d{4}-\d\d-\d\d\), cache /);
  });

  it('a malformed answer: the answer without exchanges, a note, exit 0, no stack', async () => {
    const data = mkdtempSync(join(tmpdir(), 'asrel-ixp-cli-'));
    fake.script.push([200, {}, 'not json']);
    const r = await asrelAsync(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--relationships', HE, '--ixp', 'peeringdb', '--data', data], { ASREL_PEERINGDB_URL: fake.url });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: ixp: PeeringDB http:\/\/127\.0\.0\.1:\d+\/api\/netixlan\?asn__in=174,6939: not JSON .*: no exchanges known for AS174, AS6939/);
    expect(r.stdout).toContain('AS6939 cannot reach AS174 in IPv6');
    expect(r.stdout).toMatch(/peer in IPv6 \(new link\): exchanges unknown: PeeringDB could not be asked about AS6939/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unreachable PeeringDB: the answer, a note, exit 0', async () => {
    const data = mkdtempSync(join(tmpdir(), 'asrel-ixp-cli-'));
    const r = await asrelAsync(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--relationships', HE, '--ixp', 'peeringdb', '--data', data], { ASREL_PEERINGDB_URL: 'http://127.0.0.1:9' });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: ixp: .*no exchanges known for AS174, AS6939/);
    expect(r.stdout).toContain('exchanges unknown: PeeringDB could not be asked about AS6939');
  });
});
