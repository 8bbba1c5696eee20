// Issue 23: NRTMv4 snapshot and delta files whose hash matches but whose content is wrong are
// refused record by record (SyncError `reload`), and the notification file's own rules are checked.
// SYNTHETIC DATA: made-up records.
import { describe, expect, it } from 'vitest';
import { SyncError } from '../../src/sync/errors.js';
import { parseNotification, readNrtm4File } from '../../src/sync/nrtm4.js';

const RS = '\x1e';
const head = { nrtm_version: 4, type: 'delta', source: 'TEST', session_id: 'abc-1', version: 5 };
const expectV5 = { source: 'TEST', sessionId: 'abc-1', version: 5 };

async function read(text: string, kind: 'snapshot' | 'delta' = 'delta', maxRecord?: number) {
  async function* bytes() {
    yield Buffer.from(text);
  }
  const out = [];
  for await (const c of readNrtm4File(bytes(), kind, expectV5, maxRecord)) out.push(c);
  return out;
}
const seq = (...records: unknown[]) => records.map((r) => `${RS}${JSON.stringify(r)}\n`).join('');

describe('NRTMv4 files', () => {
  it('reads add_modify and delete records after a matching header, as JSON text sequences or JSON lines', async () => {
    const records = [head, { action: 'add_modify', object: 'aut-num: AS1\n' }, { action: 'delete', object_class: 'AUT-NUM', primary_key: 'AS2' }];
    const want = [{ op: 'add', text: 'aut-num: AS1\n' }, { op: 'del', cls: 'aut-num', key: 'AS2' }];
    expect(await read(seq(...records))).toEqual(want);
    expect(await read(records.map((r) => JSON.stringify(r)).join('\n'))).toEqual(want);
  });

  it('refuses a header for another session or version, an unknown action, a cut record, an empty delta, an over-long record', async () => {
    const bad = async (text: string, re: RegExp, max?: number) => {
      const e = await read(text, 'delta', max).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(SyncError);
      expect((e as SyncError).kind).toBe('reload');
      expect((e as SyncError).message).toMatch(re);
    };
    await bad(seq({ ...head, session_id: 'other' }, { action: 'delete', object_class: 'aut-num', primary_key: 'AS2' }), /^delta 5 is damaged: its header names session "other", the notification file abc-1$/);
    await bad(seq({ ...head, version: 6 }), /its header says version 6/);
    await bad(seq({ ...head, type: 'snapshot' }), /its header is not an NRTMv4 delta header/);
    await bad(seq(head, { action: 'rename', object: 'x' }), /record 1 has action "rename"/);
    await bad(`${seq(head)}${RS}{"action": "add_modify", "obj`, /record 2 is not JSON/);
    await bad(seq(head), /it holds no change/);
    await bad(seq(head, { action: 'add_modify', object: 'x'.repeat(500) }), /record 2 is longer than 200 bytes/, 200);
  });

  it('checks the notification file: contiguous deltas, its version, hashes, same-scheme URLs', () => {
    const unf = (o: object) => Buffer.from(JSON.stringify({
      nrtm_version: 4, type: 'notification', source: 'TEST', session_id: 'abc-1', version: 3, timestamp: new Date().toISOString(),
      snapshot: { version: 1, url: 's.json.gz', hash: 'a'.repeat(64) },
      deltas: [{ version: 2, url: 'd2.json.gz', hash: 'b'.repeat(64) }, { version: 3, url: 'd3.json.gz', hash: 'c'.repeat(64) }],
      ...o,
    }));
    const ok = parseNotification(unf({}), 'TEST', 'https://mirror.example/test/update-notification-file.jose');
    expect(ok.deltas.map((d) => d.url)).toEqual(['https://mirror.example/test/d2.json.gz', 'https://mirror.example/test/d3.json.gz']);
    const refuse = (o: object, re: RegExp) => expect(() => parseNotification(unf(o), 'TEST', 'https://mirror.example/unf.jose')).toThrow(re);
    refuse({ version: 4 }, /says version 4 but its snapshot and deltas end at 3/);
    refuse({ deltas: [{ version: 2, url: 'd2', hash: 'b'.repeat(64) }, { version: 4, url: 'd4', hash: 'c'.repeat(64) }], version: 4 }, /not contiguous \(2 then 4\)/);
    refuse({ snapshot: { version: 1, url: 's', hash: 'nothex' } }, /no SHA-256 hash for the snapshot/);
    refuse({ snapshot: { version: 1, url: 'http://elsewhere/s', hash: 'a'.repeat(64) } }, /another scheme \(http:\)/);
    refuse({ source: 'OTHER' }, /is for source "OTHER", not TEST/);
    refuse({ nrtm_version: 3 }, /is not NRTM version 4/);
  });
});
