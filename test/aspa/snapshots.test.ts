// ASPA snapshots in the store and the diff of two sets, on SYNTHETIC records; the validator's
// time read from the `metadata` object of the shapes rpki-client and Routinator write
// (made-up values, split across chunks so the streamed scanner meets them in pieces).
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { diffAspa } from '../../src/aspa/diff.js';
import { finish, metadataTime, readAspa } from '../../src/aspa/read.js';
import type { AspaRecord } from '../../src/aspa/types.js';
import { aspaSnapshotRecords, aspaSnapshots, putAspaSnapshot } from '../../src/store/aspa-snapshots.js';
import { Store } from '../../src/store/store.js';

const chunks = (s: string, size: number) => Readable.from(Array.from({ length: Math.ceil(s.length / size) }, (_, i) => Buffer.from(s.slice(i * size, (i + 1) * size))));
const recs = (rows: Array<[number, number[]]>) => new Map(rows.map(([c, ps]) => [c, finish(c, ps, 'rpki-client-json')]));

describe('the validator\'s time', () => {
  it('rpki-client buildtime, Routinator generatedTime and generated; none when absent or implausible', async () => {
    const doc = '{"metadata":{"buildmachine":"x","buildtime":"2026-11-02T06:30:00Z","elapsedtime":"12"},"roas":[{"asn":1,"prefix":"192.0.2.0/24","maxLength":24}],"aspas":[{"customer_asid":64500,"providers":[64501]}]}';
    for (const size of [1, 7, 4096]) {
      const set = await readAspa(chunks(doc, size));
      expect(set.generated).toEqual({ date: '2026-11-02T06:30:00Z', key: 'buildtime' });
      expect(set.records.size).toBe(1);
    }
    expect(metadataTime('{"generated":1790000000,"generatedTime":"2026-09-21T14:13:20Z"}')).toEqual({ date: '2026-09-21T14:13:20Z', key: 'generatedTime' });
    expect(metadataTime('{"generated":1790000000}')).toEqual({ date: '2026-09-21T14:13:20Z', key: 'generated' });
    expect(metadataTime('{"aspas":3}')).toBeUndefined();
    expect(metadataTime('{"buildtime":"1970-01-01T00:00:00Z"}')).toBeUndefined();
    expect((await readAspa(chunks('{"metadata":{"aspas":3},"aspas":[{"customer_asid":43,"providers":[293]}]}', 5))).generated).toBeUndefined();
  });
});

describe('snapshots in the store', () => {
  it('a snapshot reads back as it was written: providers, flags, per-family lists, expiry', () => {
    const store = Store.memory();
    const per = finish(64510, [64511, 64512], 'rpki-client-json-afi', { perFamily: { ipv4: [64511], ipv6: [64512] }, expires: 1790000000 });
    const records: AspaRecord[] = [finish(64500, [0, 64501], 'rpki-client-json'), finish(64520, [0], 'rpki-client-json'), per];
    const a = putAspaSnapshot(store, { date: '2026-11-01T00:00:00Z', dateHow: '--date', origin: 'a.json', format: 'rpki-client-json', records, skipped: 2 });
    expect(a.existing).toBe(false);
    // Documentation and private ASNs (RFC 5398, 6996) are flagged as such: every record here breaks the profile.
    expect(a.snapshot).toMatchObject({ id: 1, records: 3, flagged: 3, skipped: 2 });
    const back = aspaSnapshotRecords(store, a.snapshot);
    expect(back.get(64500)).toMatchObject({ providers: [0, 64501], flags: ['as0-mixed', 'private-or-reserved'] });
    expect(back.get(64520)).toMatchObject({ providers: [0], flags: ['private-or-reserved'] });
    expect(back.get(64510)).toMatchObject({ providers: [64511, 64512], perFamily: { ipv4: [64511], ipv6: [64512] }, expires: 1790000000 });
    // The same records and date: not stored again; another date: a new snapshot, listed by date.
    expect(putAspaSnapshot(store, { date: '2026-11-01T00:00:00Z', dateHow: '--date', origin: 'copy.json', format: 'rpki-client-json', records, skipped: 0 })).toMatchObject({ existing: true, snapshot: { id: 1 } });
    putAspaSnapshot(store, { date: '2026-10-01T00:00:00Z', dateHow: '--date', origin: 'older.json', format: 'rpki-client-json', records: records.slice(1), skipped: 0 });
    expect(aspaSnapshots(store).map((s) => [s.id, s.origin])).toEqual([[2, 'older.json'], [1, 'a.json']]);
    store.close();
  });

  it('a store made before the ASPA tables has no snapshot, and gets the tables when one is imported', () => {
    const store = Store.memory();
    store.db.exec('DROP TABLE aspa_records; DROP TABLE aspa_snapshots;');
    expect(aspaSnapshots(store)).toEqual([]);
    putAspaSnapshot(store, { date: '2026-11-01T00:00:00Z', dateHow: '--date', origin: 'a.json', format: 'rpki-client-json', records: [finish(43, [293], 'rpki-client-json')], skipped: 0 });
    expect(aspaSnapshots(store).map((x) => x.records)).toEqual([1]);
    store.close();
  });

  it('a write that fails leaves no snapshot behind (one transaction)', () => {
    const store = Store.memory();
    const bad = { customer: 64500, providers: [64501], flags: [], format: 'rpki-client-json' } as unknown as AspaRecord;
    // Two rows for one customer break the table's key half-way through the write.
    expect(() => putAspaSnapshot(store, { date: '2026-11-01T00:00:00Z', dateHow: '--date', origin: 'x', format: 'rpki-client-json', records: [bad, { ...bad }], skipped: 0 })).toThrow();
    expect(aspaSnapshots(store)).toEqual([]);
    expect(store.db.prepare('SELECT count(*) AS n FROM aspa_records').get()).toEqual({ n: 0 });
    store.close();
  });
});

describe('diffAspa', () => {
  it('names providers added and removed, customers in and out, AS0 published and withdrawn; AS0 dropped from beside providers counts no provider', () => {
    const d = diffAspa(
      recs([[1, [10, 11]], [2, [20]], [3, [0]], [4, [40]], [5, [0, 50]], [6, [60]]]),
      recs([[1, [11, 12]], [2, [0]], [3, [30]], [5, [50]], [6, [60]], [7, [70]]]),
    );
    expect(d.appeared).toEqual([{ customer: 7, providers: [70] }]);
    expect(d.disappeared).toEqual([{ customer: 4, providers: [40] }]);
    expect(d.changed).toEqual([
      { customer: 1, old: [10, 11], new: [11, 12], added: [12], removed: [10] },
      { customer: 2, old: [20], new: [0], added: [0], removed: [20], as0: 'published' },
      { customer: 3, old: [0], new: [30], added: [30], removed: [0], as0: 'withdrawn' },
      { customer: 5, old: [0, 50], new: [50], added: [], removed: [0] },
    ]);
    // Every provider added or removed is counted, AS0 coming or going too: 12 and 30 added, 10 and 20 removed.
    expect(d.counts).toEqual({ old: 6, new: 6, appeared: 1, disappeared: 1, changed: 4, unchanged: 1, providersAdded: 2, providersRemoved: 2, as0Published: 1, as0Withdrawn: 1 });
  });

  it('AS0 beside providers is read as verification reads it: the providers alone', () => {
    // [0] → [0, 174] ends "no providers" as [0] → [174] does; [50] → [0, 50] changes no provider.
    const d = diffAspa(recs([[174, [0]], [5, [50]], [6, [0, 60]]]), recs([[174, [0, 174]], [5, [0, 50]], [6, [0]]]));
    expect(d.changed).toEqual([
      { customer: 5, old: [50], new: [0, 50], added: [0], removed: [] },
      { customer: 6, old: [0, 60], new: [0], added: [], removed: [60], as0: 'published' },
      { customer: 174, old: [0], new: [0, 174], added: [174], removed: [], as0: 'withdrawn' },
    ]);
    expect(d.counts).toMatchObject({ providersAdded: 1, providersRemoved: 1, as0Published: 1, as0Withdrawn: 1 });
  });
});
