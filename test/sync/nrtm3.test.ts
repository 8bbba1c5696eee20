// Issue 23: `asrel sync` from a dump and its serial, then NRTMv3 over whois, against servers on
// 127.0.0.1 (a file server for the dump, the suite's whois FakeServer answering `-g`).
// SYNTHETIC DATA: every object is made up (private-use ASNs).
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { syncState } from '../../src/store/sync-state.js';
import { syncSource, type SyncTarget } from '../../src/sync/run.js';
import { parseNrtm3 } from '../../src/sync/nrtm3-parse.js';
import { autNum, customerOf, mirrorHarness, Nrtm3Journal, type FileServer } from './servers.js';

const h = mirrorHarness('asrel-sync3-');
const store = () => h.store();

const link = customerOf(65001, 65002);
const DUMP = [autNum(65001, link.a), autNum(65002, link.b), autNum(65003, ['import:         from AS65002 accept ANY'])];

function publishDump(files: FileServer, objects: string[], serial: number): void {
  files.files.set('/test.db.gz', gzipSync(Buffer.from(`# synthetic test dump\n\n${objects.join('\n')}`)));
  files.files.set('/TEST.CURRENTSERIAL', Buffer.from(`${serial}\n`));
}

async function setup(serial = 100) {
  const files = await h.files();
  publishDump(files, DUMP, serial);
  const journal = new Nrtm3Journal();
  journal.oldest = serial + 1;
  const whois = await h.whois(journal);
  const t: SyncTarget = { name: 'TEST', nrtm3: whois.address, dump: [files.url('/test.db.gz')], serial: files.url('/TEST.CURRENTSERIAL') };
  return { files, journal, whois, t };
}

describe('sync over NRTMv3', () => {
  it('loads the dump at its serial, then applies ADD and DEL from the serial after it', async () => {
    const { journal, t } = await setup();
    const s = store();
    const first = await syncSource(s, t);
    expect(first).toMatchObject({ result: 'loaded', serial: 100, added: 3 });
    expect(journal.queries).toEqual(['-g TEST:3:101-LAST']);

    journal.add(101, 'ADD', autNum(65004, ['import:         from AS65001 accept ANY']));
    journal.add(102, 'ADD', 'person:  Not Stored\nnic-hdl: NS1-TEST\nsource:  TEST\n');
    journal.add(104, 'DEL', DUMP[2]!); // serials may skip (IRRd journals)
    const lines: string[] = [];
    const r = await syncSource(s, t, { onLine: (l) => lines.push(l) });
    expect(r).toMatchObject({ result: 'applied', serial: 104, added: 1, removed: 1 });
    expect(lines).toEqual(['TEST: applied serials 101-104 (1 added or changed, 1 removed)']);
    expect(s.hasAutNum(65004)).toBe(true);
    expect(s.hasAutNum(65003)).toBe(false);
    expect(syncState(s, 'TEST')).toMatchObject({ protocol: 'nrtm3', serial: 104, autNums: 3 });
    expect(await syncSource(s, t)).toMatchObject({ result: 'current', serial: 104 });
    expect(journal.queries.at(-1)).toBe('-g TEST:3:105-LAST');
  });

  it('a gap (%ERROR:401, the journal no longer holds the next serial) reloads the dump and says why', async () => {
    const { files, journal, t } = await setup();
    const s = store();
    await syncSource(s, t);
    // The server moved on: its journal now starts at 150, and a newer dump was cut at 160.
    journal.oldest = 150;
    for (let n = 150; n <= 170; n++) journal.add(n, 'ADD', autNum(65100 + n, []));
    publishDump(files, [...DUMP, autNum(65999, [])], 160);
    const r = await syncSource(s, t);
    // Loaded whole at the dump's serial, then the journal's changes after it.
    expect(r).toMatchObject({ result: 'loaded', serial: 170 });
    expect(r.reason).toBe('a gap: the source keeps serials from 150, the store is at 100: 127.0.0.1:' + t.nrtm3!.split(':')[1] + ' answered %ERROR:401: invalid range: Not within 150-170');
    expect(syncState(s, 'TEST')).toMatchObject({ serial: 170, note: null });
    expect(s.hasAutNum(65999)).toBe(true);
    expect(s.hasAutNum(65270)).toBe(true);
    expect(journal.queries).toEqual(['-g TEST:3:101-LAST', '-g TEST:3:101-LAST', '-g TEST:3:161-LAST']);
  });

  it('a serial going backwards (the server restarted its journal) reloads the dump', async () => {
    const { files, journal, t } = await setup();
    const s = store();
    await syncSource(s, t);
    journal.add(101, 'ADD', autNum(65004, []));
    await syncSource(s, t);
    journal.entries = [];
    journal.oldest = 1;
    journal.add(1, 'ADD', autNum(65005, []));
    journal.add(2, 'ADD', autNum(65006, []));
    publishDump(files, DUMP, 1);
    const lines: string[] = [];
    const r = await syncSource(s, t, { onLine: (l) => lines.push(l) });
    expect(lines[0]).toMatch(/^TEST: loaded dump at serial 1 \(3 objects kept, 1 dropped\): the source's serial went backwards \(its newest is 2, the store is at 101\)/);
    expect(r).toMatchObject({ serial: 2 });
    expect(s.hasAutNum(65004)).toBe(false);
    expect(s.hasAutNum(65006)).toBe(true);
  });

  it('an answer cut before %END applies nothing and keeps the serial; the next run applies it whole', async () => {
    const { journal, t } = await setup();
    const s = store();
    await syncSource(s, t);
    journal.add(101, 'ADD', autNum(65004, []));
    journal.add(102, 'ADD', autNum(65005, []));
    journal.answer = (q) => journal.answer && (journal.answer = undefined, journal.reply(q).replace(/\n%END TEST\n/, '\n').slice(0, -40));
    await expect(syncSource(s, t)).rejects.toThrow(/incomplete or malformed: no %END TEST line \(the answer was cut after \d changes\); nothing of it applied|is neither ADD n nor DEL n/);
    expect(syncState(s, 'TEST')).toMatchObject({ serial: 100 });
    expect(s.hasAutNum(65004)).toBe(false);
    expect(await syncSource(s, t)).toMatchObject({ result: 'applied', serial: 102 });
  });

  it('when the server refuses NRTM, follows the dump: loaded again when its serial moves', async () => {
    const { files, journal, t } = await setup();
    journal.answer = () => '%ERROR:402: not authorised to mirror the database from IP address 127.0.0.1\n\n';
    const s = store();
    const lines: string[] = [];
    const why = `${t.nrtm3} answered %ERROR:402: not authorised to mirror the database from IP address 127.0.0.1; following the dump instead, loaded again when its serial moves`;
    expect(await syncSource(s, t, { onLine: (l) => lines.push(l) })).toMatchObject({ result: 'loaded', serial: 100 });
    expect(lines).toEqual(['TEST: loaded dump at serial 100 (3 objects kept, 0 dropped): first sync of this source over NRTMv3', `TEST: ${why}; the dump is still at serial 100`]);
    expect(syncState(s, 'TEST')!.note).toBe(why);
    expect(await syncSource(s, t)).toMatchObject({ result: 'current', serial: 100 });
    publishDump(files, [...DUMP, autNum(65999, [])], 130);
    const r = await syncSource(s, t);
    expect(r).toMatchObject({ result: 'loaded', serial: 130, reason: `${why} (it moved to 130)` });
    expect(s.hasAutNum(65999)).toBe(true);
  });

  it('without a dump to start from, says what to give', async () => {
    const { whois } = await setup();
    await expect(syncSource(store(), { name: 'TEST', nrtm3: whois.address })).rejects.toThrow(/no dump with its serial file is known: give --dump URL/);
  });

  it('parses the answers IRRd writes (comments first, %END without a final newline) and refuses out-of-order serials', () => {
    const ok = parseNrtm3('% NRTM v3 contains serials per object.\n\n%START Version: 3 TEST 11-12\n\nADD 11\n\nperson: X\nsource: TEST\n\nDEL 12\n\nperson: Y\nsource: TEST\n\n%END TEST', 'TEST');
    expect(ok).toMatchObject({ kind: 'ops', first: 11, last: 12, ops: [{ op: 'ADD', serial: 11 }, { op: 'DEL', serial: 12 }] });
    expect(() => parseNrtm3('%START Version: 3 TEST 11-12\n\nADD 12\n\nperson: X\n\nDEL 12\n\nperson: Y\n\n%END TEST\n', 'TEST')).toThrow(/serial 12 does not follow 12/);
    expect(() => parseNrtm3('%START Version: 1 TEST 11-12\n', 'TEST')).toThrow(/NRTM version 1, not 3/);
    expect(parseNrtm3('%ERROR:401: invalid range: Not within 3-9\n', 'TEST')).toEqual({ kind: 'error', code: 401, message: 'invalid range: Not within 3-9' });
  });
});
