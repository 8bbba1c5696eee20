// `asrel aspa import` (dated snapshots in the store), their use when --aspa is absent,
// `asrel diff --aspa` and `why-unreachable --aspa`. The records: the real rpki-client excerpts
// in test/fixtures/aspa/ (2026-09-16 and 2026-10-06) and SYNTHETIC sets written here.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { asrel, HE } from './run.js';

const RPKI = 'test/fixtures/aspa/rpki-client-json.console.2026-10-06.3records.json';
const VIEWS = 'test/fixtures/aspa/rpki-client-json.rpkiviews.2026-09-16.first5.jsonl';
const tmp = mkdtempSync(join(tmpdir(), 'asrel-aspa-store-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const list = (data: string) => JSON.parse(asrel(['aspa', 'import', '--list', '--data', data, '--json']).stdout).snapshots as Array<Record<string, unknown>>;

describe('asrel aspa import', () => {
  const data = join(tmp, 'store');

  it('stores a dated snapshot, lists it, and does not store the same records twice', () => {
    const r = asrel(['aspa', 'import', RPKI, '--data', data]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^stored ASPA snapshot #1 of 2026-10-06 .*dated by the date in its file name.*3 customers, 0 breaking the profile/);
    const again = asrel(['aspa', 'import', RPKI, '--data', data]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^already stored as snapshot #1 .*nothing written/);
    expect(asrel(['aspa', 'import', VIEWS, '--data', data]).code).toBe(0);
    const all = list(data);
    expect(all.map((s) => [s.id, String(s.date).slice(0, 10), s.records])).toEqual([[2, '2026-09-16', 5], [1, '2026-10-06', 3]]);
    const text = asrel(['aspa', 'import', '--list', '--data', data]).stdout;
    expect(text).toContain('ASPA snapshots in the store');
    expect(text).toMatch(/#1 {2}2026-10-06 {2}3 customers, 0 flagged, 0 skipped {2}rpki-client-json/);
  });

  it('dates a snapshot by the validator\'s metadata, or --date; flagged records are counted', () => {
    // SYNTHETIC: rpki-client's shape with a buildtime, one record with AS0 beside a provider.
    const f = join(tmp, 'meta.json');
    writeFileSync(f, '{"metadata":{"buildmachine":"x","buildtime":"2026-11-02T06:30:00Z"},"roas":[],"aspas":[{"customer_asid":64999,"providers":[0,65001]},{"customer_asid":43,"providers":[293]}]}');
    const d = join(tmp, 'meta-store');
    const r = asrel(['aspa', 'import', f, '--data', d, '--json', '-q']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.snapshot).toMatchObject({ date: '2026-11-02T06:30:00Z', dateHow: "the validator's metadata (buildtime)", records: 2, flagged: 1 });
    const g = asrel(['aspa', 'import', f, '--data', d, '--date', '2026-11-01', '--json', '-q']);
    expect(JSON.parse(g.stdout).snapshot).toMatchObject({ date: '2026-11-01T00:00:00Z', dateHow: '--date' });
    expect(asrel(['aspa', 'import', f, '--data', d, '--date', '2026-13-01']).code).toBe(2);
  });

  it('a truncated or damaged input stores nothing, not even part of it', () => {
    const before = list(data).length;
    const text = readFileSync(RPKI, 'utf8');
    const cut = join(tmp, 'cut.json');
    writeFileSync(cut, text.slice(0, Math.floor(text.length * 0.7)));
    const r = asrel(['aspa', 'import', cut, '--data', data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/the JSON ends early/);
    const gz = gzipSync(Buffer.from(text));
    const cutGz = join(tmp, 'cut.json.gz');
    writeFileSync(cutGz, gz.subarray(0, gz.length - 12));
    const z = asrel(['aspa', 'import', cutGz, '--data', data]);
    expect(z.code).toBe(1);
    const junk = join(tmp, 'junk.txt');
    writeFileSync(junk, 'hello\n');
    expect(asrel(['aspa', 'import', junk, '--data', data]).code).toBe(1);
    expect(list(data).length).toBe(before);
    expect(asrel(['aspa', 'import', '--data', data]).code).toBe(2);
  });

  it('the ASPA commands use the newest snapshot when --aspa is absent, and say which', () => {
    const r = asrel(['aspa', 'compare', '--data', data, '--relationships', HE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: aspa: the newest snapshot in the store .*: #1 of 2026-10-06 \(test\/fixtures\/aspa\/rpki-client-json\.console/);
    expect(r.stdout).toContain('AS0 confirmed (no provider in the relations) for AS174');
    // A file given wins over the store.
    const f = asrel(['aspa', 'compare', '--data', data, '--aspa', VIEWS, '--relationships', HE]);
    expect(f.stderr).not.toMatch(/newest snapshot/);
    expect(f.stdout).toMatch(/ASPA publishers: 5/);
  });

  it('check and impact read the snapshot too', () => {
    const paths = 'test/fixtures/mrt/synthetic-he-cogent.bgpdump-m.txt';
    const c = asrel(['aspa', 'check', paths, '--data', data, '--format', 'csv']);
    expect(c.code).toBe(0);
    expect(c.stderr).toMatch(/note: aspa: the newest snapshot in the store/);
    expect(c.stdout).toContain('ipv6,174 1299 6939,downstream,');
    // AS174's published AS0 is in the snapshot: impact weighs it without --aspa.
    const i = asrel(['aspa', 'impact', '174', paths, '--data', data, '--relationships', HE, '--json', '-q']);
    expect(i.code).toBe(0);
    expect(JSON.parse(i.stdout).providers).toEqual([0]);
  });

  it('with neither --aspa nor a snapshot: the usage error, exit 2', () => {
    const empty = join(tmp, 'empty');
    const r = asrel(['aspa', 'compare', '--data', empty, '--relationships', HE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--aspa is required/);
    expect(r.stderr).toMatch(/asrel aspa import/);
  });
});

describe('asrel diff --aspa', () => {
  const data = join(tmp, 'diff-store');

  it('compares the two newest snapshots: providers added and removed, customers in and out, AS0 changes', () => {
    // SYNTHETIC: two validator runs a day apart.
    const d1 = join(tmp, 'run-2026-11-01.json'), d2 = join(tmp, 'run-2026-11-02.json');
    writeFileSync(d1, '{"aspas":[{"customer_asid":64500,"providers":[64501,64502]},{"customer_asid":64510,"providers":[64511]},{"customer_asid":64520,"providers":[0]},{"customer_asid":64530,"providers":[64531]}]}');
    writeFileSync(d2, '{"aspas":[{"customer_asid":64500,"providers":[64502,64503]},{"customer_asid":64510,"providers":[0]},{"customer_asid":64520,"providers":[64521]},{"customer_asid":64540,"providers":[64541]}]}');
    expect(asrel(['aspa', 'import', d2, '--data', data, '-q']).code).toBe(0);
    expect(asrel(['aspa', 'import', d1, '--data', data, '-q']).code).toBe(0);
    const t = asrel(['diff', '--aspa', '--data', data]);
    expect(t.code).toBe(0);
    // Newest by date, not by import order: 2026-11-01 (#2) is the old side.
    expect(t.stdout).toMatch(/^ASPA changes from snapshot #2 of 2026-11-01 .* to snapshot #1 of 2026-11-02/);
    expect(t.stdout).toContain('customers: 4 before, 4 after: 1 appeared, 1 disappeared, 3 changed, 0 unchanged');
    expect(t.stdout).toContain('providers: 2 added, 2 removed; AS0: 1 published, 1 withdrawn');
    expect(t.stdout).toContain('~ AS64500: + AS64503; − AS64501; now [64502, 64503]');
    expect(t.stdout).toContain('~ AS64510: publishes AS0 (no providers) instead of [64511]');
    expect(t.stdout).toContain('~ AS64520: withdraws AS0: providers [64521]');
    expect(t.stdout).toContain('+ AS64540 → [64541]');
    expect(t.stdout).toContain('- AS64530 → [64531]');
    const csv = asrel(['diff', '--aspa', '2026-11-01', '#1', '--data', data, '--format', 'csv', '-q']);
    expect(csv.stdout.trim().split('\n')).toEqual([
      'change,customer,provider,old,new',
      'customer-appeared,64540,,,64541',
      'customer-disappeared,64530,,64531,',
      'provider-added,64500,64503,64501 64502,64502 64503',
      'provider-removed,64500,64501,64501 64502,64502 64503',
      'as0-published,64510,0,64511,0',
      'provider-removed,64510,64511,64511,0',
      'as0-withdrawn,64520,0,0,64521',
      'provider-added,64520,64521,0,64521',
    ]);
    const j = JSON.parse(asrel(['diff', '--aspa', '2', '--data', data, '--json', '-q']).stdout);
    expect(j.counts).toMatchObject({ appeared: 1, disappeared: 1, changed: 3, as0Published: 1, as0Withdrawn: 1 });
    expect(j.new.snapshot.id).toBe(1);
    // Files work as sides too, without a store.
    const files = asrel(['diff', '--aspa', d1, d2, '--format', 'csv', '-q']);
    expect(files.stdout).toBe(csv.stdout);
  });

  it('AS0 left beside a new provider: "no providers" withdrawn, the provider counted as added', () => {
    // The real 2026-09-16 records, then the same with AS174's AS0 joined by AS174 itself (CRAFTED, as in the audit).
    const data = join(tmp, 'as0-mixed-store'), next = join(tmp, 'as0-mixed.2026-09-17.json');
    writeFileSync(next, readFileSync(VIEWS, 'utf8').replace('"customer_asid": 174, "expires": 1789657200, "providers": [0]', '"customer_asid": 174, "expires": 1789657200, "providers": [0, 0, 174]'));
    expect(readFileSync(next, 'utf8')).toContain('[0, 0, 174]');
    expect(asrel(['aspa', 'import', VIEWS, '--data', data, '-q']).code).toBe(0);
    expect(asrel(['aspa', 'import', next, '--data', data, '-q']).code).toBe(0);
    const t = asrel(['diff', '--aspa', '--data', data]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('providers: 1 added, 0 removed; AS0: 0 published, 1 withdrawn');
    expect(t.stdout).toContain('~ AS174: no longer "no providers"; + AS174; now [0, 174] (AS0 beside providers: the profile forbids it, verification ignores it)');
    expect(t.stdout).not.toContain('withdraws AS0');
    const j = JSON.parse(asrel(['diff', '--aspa', '--data', data, '--json', '-q']).stdout);
    expect(j.counts).toMatchObject({ changed: 1, providersAdded: 1, providersRemoved: 0, as0Withdrawn: 1 });
    expect(asrel(['diff', '--aspa', '--data', data, '--format', 'csv', '-q']).stdout.trim().split('\n').slice(1)).toEqual([
      'as0-withdrawn,174,0,0,0 174',
      'provider-added,174,174,0,0 174',
    ]);
  });

  it('says what is missing: one snapshot, an unknown id, --old beside --aspa', () => {
    const one = join(tmp, 'one-store');
    asrel(['aspa', 'import', RPKI, '--data', one, '-q']);
    const r = asrel(['diff', '--aspa', '--data', one]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/holds one ASPA snapshot: two are needed/);
    const x = asrel(['diff', '--aspa', '9', '--data', one]);
    expect(x.code).toBe(1);
    expect(x.stderr).toMatch(/no ASPA snapshot #9 .*\nThe store holds: #1 2026-10-06/);
    expect(asrel(['diff', '--aspa', '--old', RPKI]).code).toBe(2);
    expect(asrel(['diff']).stderr).toMatch(/Missing required argument: old/);
  });
});

describe('why-unreachable --aspa', () => {
  // An empty store folder of the test's own: the bundled data answers, and no stored snapshot is seen.
  const none = mkdtempSync(join(tmp, 'none-'));
  it('the headline pair: AS174 publishes AS0 (real record of 2026-10-06), hop by hop, and what the fixes ask', () => {
    const r = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--offline', '--data', none, '--aspa', RPKI]);
    expect(r.code).toBe(0);
    const aspa = r.stdout.slice(r.stdout.indexOf('\nASPA ('));
    expect(aspa).toContain('AS174: publishes AS0');
    expect(aspa).toContain('AS6939: no ASPA');
    expect(aspa).toContain('AS1299 – AS174 (IPv4: peers): AS1299 has no ASPA (No Attestation); AS174 publishes AS0 (Not Provider+)');
    expect(aspa).toContain("AS174's routes at AS6939 (AS_PATH 1299 174, downstream): valid");
    expect(aspa).toMatch(/2\. AS174 publishes AS0: its routes through AS1299 would be ASPA Invalid until AS174 replaces AS0/);
    const j = JSON.parse(asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--offline', '--data', none, '--aspa', RPKI, '--json']).stdout);
    expect(j.aspa.ases.find((s: { asn: number }) => s.asn === 174)).toEqual({ asn: 174, status: 'as0' });
    expect(j.aspa.fixes.map((f: { status: string }) => f.status)).toEqual(['no-aspa', 'as0', 'peering']);
  });

  it('without ASPA data the answer is what it always was; a stored snapshot is used and --no-aspa leaves it out', () => {
    const plain = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--offline', '--data', none]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('AS6939 cannot reach AS174 in IPv6');
    expect(plain.stdout).not.toContain('ASPA');
    const data = join(tmp, 'wu-store');
    asrel(['aspa', 'import', RPKI, '--data', data, '-q']);
    const stored = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--offline', '--data', data]);
    expect(stored.stdout.startsWith(plain.stdout)).toBe(true);
    expect(stored.stdout).toContain('ASPA (snapshot #1 of 2026-10-06');
    expect(stored.stderr).toMatch(/note: aspa: the newest snapshot in the store/);
    const off = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--offline', '--data', data, '--no-aspa']);
    expect(off.stdout).toBe(plain.stdout);
  });
});
