// Issue 23: `asrel sync` over NRTMv4 against a repository served from 127.0.0.1 (test/sync/servers.ts).
// SYNTHETIC DATA: every object is made up (private-use ASNs).
import { describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { syncState } from '../../src/store/sync-state.js';
import { syncSource, type SyncTarget } from '../../src/sync/run.js';
import { SyncError } from '../../src/sync/errors.js';
import { autNum, customerOf, keyPair, mirrorHarness, Nrtm4Publisher, type TestChange } from './servers.js';

const h = mirrorHarness('asrel-sync-');
const store = () => h.store();

const link = customerOf(65001, 65002);
const BASE = [
  autNum(65001, link.a),
  autNum(65002, [...link.b, 'import:         from AS65003 accept ANY', 'export:         to AS65003 announce AS65002']),
  autNum(65003, ['import:         from AS65002 accept AS65002', 'export:         to AS65002 announce ANY']),
  'as-set:         AS65002:AS-CUSTOMERS\nmembers:        AS65001\nmnt-by:         MNT-TEST\nsource:         TEST\n',
  'person:         Not Stored\nnic-hdl:        NS1-TEST\nsource:         TEST\n',
];

const DELTAS: { version: number; changes: TestChange[] }[] = [
  { version: 2, changes: [{ op: 'add', text: autNum(65004, ['import:         from AS65002 accept ANY']) }] },
  { version: 3, changes: [{ op: 'add', text: autNum(65001, ['import:         from AS65003 accept ANY']) }] },
  { version: 4, changes: [{ op: 'del', cls: 'aut-num', key: 'AS65004' }, { op: 'del', cls: 'person', key: 'NS1-TEST' }] },
];

/** A publisher at version 1 with the base objects, and a store synced from it. */
async function synced() {
  const files = await h.files();
  const p = new Nrtm4Publisher(files);
  p.publish({ version: 1, objects: BASE }, []);
  const s = store();
  await syncSource(s, target(p));
  return { files, p, s };
}

function target(p: Nrtm4Publisher, key = p.key.publicPem): SyncTarget {
  return { name: 'TEST', nrtm4: { url: p.unfUrl, key } };
}

/** Every stored object of the store and the claims of its aut-nums, for comparing two stores. */
function contents(s: Store): unknown {
  return {
    objects: s.db.prepare('SELECT class, key, source, text, active FROM objects ORDER BY class, key, source').all(),
    rules: s.db.prepare('SELECT o.key, r.attr_index, r.term_index, r.family, r.direction, r.peer, r.class FROM rules r JOIN objects o ON o.id = r.object_id ORDER BY 1, 2, 3, 4').all(),
    members: s.db.prepare('SELECT set_name, member FROM members ORDER BY 1, 2').all(),
  };
}

describe('sync over NRTMv4', () => {
  it('loads the snapshot, then applies each delta in its own batch, and records version and session', async () => {
    const files = await h.files();
    const p = new Nrtm4Publisher(files);
    p.publish({ version: 1, objects: BASE }, []);
    const s = store();
    const first = await syncSource(s, target(p));
    expect(first).toMatchObject({ result: 'loaded', serial: 1, reason: 'first sync of this source over NRTMv4' });
    expect(s.counts().autNums).toBe(3);
    expect(s.active('as-set', 'AS65002:AS-CUSTOMERS')).toBeDefined();

    p.publish({ version: 1, objects: BASE }, DELTAS);
    const lines: string[] = [];
    const second = await syncSource(s, target(p), { onLine: (l) => lines.push(l) });
    expect(second).toMatchObject({ result: 'applied', serial: 4, batches: 3, added: 2, removed: 1 });
    expect(lines).toEqual([
      'TEST: applied delta 2 (1 added or changed, 0 removed)',
      'TEST: applied delta 3 (1 added or changed, 0 removed)',
      'TEST: applied delta 4 (0 added or changed, 1 removed)',
    ]);
    expect(s.hasAutNum(65004)).toBe(false);
    // AS65001's new object names AS65003 only: its claims about AS65002 are gone.
    expect(s.rulesOf(65001).map((r) => r.peer)).toEqual([65003]);
    expect(syncState(s, 'TEST')).toMatchObject({ protocol: 'nrtm4', serial: 4, sessionId: p.sessionId, objects: 4, autNums: 3 });

    // Nothing new: nothing applied, the version stays.
    expect(await syncSource(s, target(p))).toMatchObject({ result: 'current', serial: 4, batches: 0 });
  });

  it('refuses a notification file with a wrong signature, a missing key or a stale timestamp, applying nothing', async () => {
    const { p, s } = await synced();
    p.signWith = keyPair().privateKey;
    p.publish({ version: 1, objects: BASE }, DELTAS);
    await expect(syncSource(s, target(p))).rejects.toThrow(/signature does not verify with the key \(given with --key\)/);
    await expect(syncSource(s, target(p, keyPair('p256').publicPem))).rejects.toThrow(/signed with EdDSA but the key is ec, not Ed25519 \(given with --key\)/);
    await expect(syncSource(store(), { name: 'TEST', nrtm4: { url: p.unfUrl } })).rejects.toThrow(/no public key/);
    p.signWith = undefined;
    p.timestamp = new Date(Date.now() - 25 * 3600_000).toISOString();
    p.publish({ version: 1, objects: BASE }, DELTAS);
    await expect(syncSource(s, target(p))).rejects.toThrow(/is stale/);
    expect(syncState(s, 'TEST')).toMatchObject({ serial: 1 });
    expect(syncState(s, 'TEST')!.note).toMatch(/stale/);
    expect(s.hasAutNum(65004)).toBe(false);
  });

  it('verifies ES256 (P-256) signatures as IRRd writes them', async () => {
    const files = await h.files();
    const p = new Nrtm4Publisher(files);
    p.key = keyPair('p256');
    p.publish({ version: 1, objects: BASE }, []);
    expect(await syncSource(store(), target(p))).toMatchObject({ result: 'loaded', serial: 1 });
  });

  it('reloads the snapshot on a gap, a new session, a version going backwards, and says why', async () => {
    const files = await h.files();
    const p = new Nrtm4Publisher(files);
    p.publish({ version: 1, objects: BASE }, DELTAS.slice(0, 1));
    const s = store();
    await syncSource(s, target(p));
    expect(syncState(s, 'TEST')!.serial).toBe(2);

    // The deltas after 2 expired: the server lists 4 only, with a snapshot at 4.
    p.publish({ version: 4, objects: BASE.slice(1) }, DELTAS.slice(2));
    const gap = await syncSource(s, target(p));
    expect(gap).toMatchObject({ result: 'loaded', serial: 4 });
    expect(gap.reason).toBe('a gap: the store is at version 2 and the source\'s deltas start at 4');
    expect(s.hasAutNum(65001)).toBe(false); // not in the new snapshot: dropped

    const old = p.sessionId;
    p.sessionId = crypto.randomUUID();
    p.publish({ version: 1, objects: BASE }, []);
    const reset = await syncSource(s, target(p));
    expect(reset.reason).toBe(`the source started a new NRTMv4 session (${p.sessionId}; the store followed ${old})`);
    expect(s.hasAutNum(65001)).toBe(true);

    // Same session, an older version than the store's.
    p.publish({ version: 1, objects: BASE }, DELTAS.slice(0, 1));
    await syncSource(s, target(p));
    p.publish({ version: 1, objects: BASE }, []);
    const back = await syncSource(s, target(p));
    expect(back.reason).toBe('the source\'s version went backwards (1; the store is at 2)');
  });

  it('a delta cut mid-file fails its hash: the snapshot is loaded instead, and the store is whole', async () => {
    const { files, p, s } = await synced();
    // IRRd publishes a snapshot and a delta for one version: the snapshot at 3 is the way back.
    const { deltas } = p.publish({ version: 3, objects: [...BASE, autNum(65004, ['import:         from AS65002 accept ANY'])] }, DELTAS.slice(0, 2));
    const cut = deltas.get(2)!;
    files.hook = (path, res, body) => {
      if (path !== cut || !body) return false;
      const half = body.subarray(0, body.length >> 1);
      res.writeHead(200, { 'content-length': half.length }).end(half);
      return true;
    };
    const r = await syncSource(s, target(p));
    expect(r).toMatchObject({ result: 'loaded', serial: 3 });
    expect(r.reason).toMatch(/^delta 2 is damaged: its SHA-256 is [0-9a-f]{16}…, the notification file lists [0-9a-f]{16}…/);
    expect(s.hasAutNum(65004)).toBe(true);
    expect(syncState(s, 'TEST')).toMatchObject({ serial: 3 });
  });

  it('a snapshot plus deltas gives the same store as the final snapshot alone', async () => {
    const files = await h.files();
    const p = new Nrtm4Publisher(files);
    p.publish({ version: 1, objects: BASE }, []);
    const a = store();
    await syncSource(a, target(p));
    p.publish({ version: 1, objects: BASE }, DELTAS);
    await syncSource(a, target(p));

    const final = [autNum(65001, ['import:         from AS65003 accept ANY']), BASE[1]!, BASE[2]!, BASE[3]!];
    const q = new Nrtm4Publisher(files, 'TEST');
    q.sessionId = p.sessionId;
    q.key = p.key;
    q.publish({ version: 4, objects: final }, []);
    const b = store();
    await syncSource(b, target(q));
    expect(contents(b)).toEqual(contents(a));
  });

  it('applies a delta of 10,000 changes in one batch (time printed)', async () => {
    const { p, s } = await synced();
    const changes: TestChange[] = [];
    for (let i = 0; i < 10_000; i++) {
      const asn = 4_200_000_000 + i;
      changes.push({ op: 'add', text: autNum(asn, [`import:         from AS${asn + 1} accept ANY`, `export:         to AS${asn + 1} announce AS${asn}`]) });
    }
    p.publish({ version: 1, objects: BASE }, [{ version: 2, changes }]);
    const t0 = performance.now();
    const r = await syncSource(s, target(p));
    const ms = performance.now() - t0;
    console.log(`10,000 NRTMv4 changes applied in ${(ms / 1000).toFixed(2)} s (download, hash, parse, claims, one transaction)`);
    expect(r).toMatchObject({ result: 'applied', added: 10_000, batches: 1 });
    expect(s.counts().autNums).toBe(10_003);
  }, 120_000);

  it('a failed download leaves the store and its version as they were', async () => {
    const { files, p, s } = await synced();
    const { deltas } = p.publish({ version: 1, objects: BASE }, DELTAS);
    files.hook = (path, res, body) => {
      if (path !== deltas.get(3) || !body) return false;
      res.writeHead(200, { 'content-length': body.length });
      res.write(body.subarray(0, 10), () => res.destroy());
      return true;
    };
    const err = await syncSource(s, target(p)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncError);
    expect((err as SyncError).kind).toBe('retry');
    // Delta 2 was applied and recorded before delta 3 failed.
    expect(syncState(s, 'TEST')).toMatchObject({ serial: 2 });
    expect(s.hasAutNum(65004)).toBe(true);
  });

  it('remembers the key it verified with, and follows the next_signing_key the file announced', async () => {
    const files = await h.files();
    const p = new Nrtm4Publisher(files);
    const next = keyPair('p256');
    p.nextKey = next.publicPem;
    p.publish({ version: 1, objects: BASE }, []);
    const s = store();
    await syncSource(s, target(p));
    expect(syncState(s, 'TEST')).toMatchObject({ key: p.key.publicPem, nextKey: next.publicPem });
    // No --key: the recorded one.
    p.publish({ version: 1, objects: BASE }, DELTAS.slice(0, 1));
    expect(await syncSource(s, { name: 'TEST', nrtm4: { url: p.unfUrl } })).toMatchObject({ result: 'applied', serial: 2 });
    // The operator rolls over to the key it announced.
    p.key = next;
    p.nextKey = undefined;
    p.publish({ version: 1, objects: BASE }, DELTAS.slice(0, 2));
    const lines: string[] = [];
    expect(await syncSource(s, { name: 'TEST', nrtm4: { url: p.unfUrl } }, { onLine: (l) => lines.push(l) })).toMatchObject({ serial: 3 });
    expect(lines[0]).toBe('TEST: the notification file is now signed with the next key it announced earlier; that key is recorded');
    expect(syncState(s, 'TEST')).toMatchObject({ key: next.publicPem, nextKey: null });
    // A key nobody announced is refused.
    p.key = keyPair();
    p.publish({ version: 1, objects: BASE }, DELTAS);
    await expect(syncSource(s, { name: 'TEST', nrtm4: { url: p.unfUrl } })).rejects.toThrow(/signed with EdDSA but the key is ec, not Ed25519 \(tried the key recorded at the last sync; if the operator changed keys, give the new one with --key\)/);
    expect(syncState(s, 'TEST')!.serial).toBe(3);
  });
});
