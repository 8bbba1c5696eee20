import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../src/store/store.js';
import { fetchObjects } from '../../src/gather/fetcher.js';
import { crawl } from '../../src/gather/crawl.js';
import { IrrdClient } from '../../src/irr/irrd-client.js';
import { openObjectSource } from '../../src/irr/open.js';
import { Politeness } from '../../src/irr/politeness.js';
import { parseObjectKey } from '../../src/irr/query.js';
import { FakeServer, fixture, frame, realObjects, type FakeServerOptions } from '../irr/fake-server.js';

const objects = realObjects();
let dir: string;
let servers: FakeServer[] = [];
const closers: (() => Promise<void>)[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asrel-fetch-'));
});
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
  await rm(dir, { recursive: true, force: true });
});

async function serve(o: Partial<FakeServerOptions> = {}): Promise<FakeServer> {
  const s = new FakeServer({ objects, ...o });
  await s.start();
  servers.push(s);
  return s;
}
function irrd(s: FakeServer, o: { maxAttempts?: number; readTimeoutMs?: number; maxAnswerBytes?: number } = {}) {
  const c = new IrrdClient({ server: s.address, politeness: new Politeness({ maxNewPerSecond: 50 }), backoffMs: 5, ...o });
  closers.push(() => c.close());
  return c;
}
async function storedKeys(): Promise<string[]> {
  return [...Store.open(dir).list()].map((l) => `${l.cls} ${l.key}`).sort();
}

const NAMES = ['AS215778', 'AS3255', 'AS17830', 'AS215778:AS-LIKHNER', 'AS64999'];
const KEYS = NAMES.map(parseObjectKey);

describe('fetchObjects', () => {
  it('fetches, stores, then answers from the store within the TTL', async () => {
    const s = await serve();
    const store = Store.open(dir);
    const r = await fetchObjects(KEYS, { store, source: irrd(s) });
    expect(r.summary).toEqual({ fetched: 4, fromCache: 0, notFound: 1, notFoundKeys: ['aut-num AS64999'], failed: [] });
    expect(await storedKeys()).toEqual(['as-set AS215778:AS-LIKHNER', 'aut-num AS17830', 'aut-num AS215778', 'aut-num AS3255']);
    const [e] = store.versions('aut-num', 'AS17830');
    expect(`${e.object.attributes.map((a) => a.raw).join('\n')}\n`).toBe(objects.get('aut-num AS17830'));
    expect(e.provenance).toMatchObject({ kind: 'live', from: s.address });

    const before = s.allQueries.length;
    const again = await fetchObjects(KEYS, { store: Store.open(dir), source: irrd(s) });
    expect(again.summary).toMatchObject({ fetched: 0, fromCache: 4, notFound: 1 });
    expect(s.allQueries.slice(before)).toEqual(['!maut-num,AS64999']);

    const stale = await fetchObjects(KEYS.slice(0, 1), { store: Store.open(dir, { ttlMs: 0 }), source: irrd(s) });
    expect(stale.summary.fetched).toBe(1);
  });

  it('offline: answers from the store only and says what is missing', async () => {
    const s = await serve();
    const r = await fetchObjects(KEYS.slice(0, 2), { store: Store.open(dir), source: irrd(s), offline: true });
    expect(r.summary.failed).toEqual([
      { key: 'aut-num AS215778', error: 'not in the store, and --offline forbids fetching it' },
      { key: 'aut-num AS3255', error: 'not in the store, and --offline forbids fetching it' },
    ]);
    expect(s.connections).toBe(0);
  });

  it('a reset with no retries left: the store holds exactly the answers fully received', async () => {
    const s = await serve();
    const first = Buffer.byteLength(frame(objects.get('aut-num AS215778')));
    s['o'].resetAfter = { conn: 1, bytes: 2 + first + 500 }; // C for !n, the first object, 500 bytes of the second
    const r = await fetchObjects(KEYS, { store: Store.open(dir), source: irrd(s, { maxAttempts: 1 }) });
    expect(r.summary.fetched).toBe(1);
    expect(r.summary.failed.map((f) => f.key)).toEqual(['as-set AS215778:AS-LIKHNER', 'aut-num AS17830', 'aut-num AS3255', 'aut-num AS64999']);
    expect(r.summary.failed[0].error).toMatch(new RegExp(`^${s.address}: query '!mas-set,AS215778:AS-LIKHNER': connection failed: ECONNRESET|the server closed the connection`));
    expect(await storedKeys()).toEqual(['aut-num AS215778']);
  });

  it('a stall, a garbled frame, an F and a 100 MB answer in one batch: each fails clearly, the rest is stored', async () => {
    const s = await serve({
      override: (q, conn) => {
        if (q === '!maut-num,AS3255' && conn === 1) return { stall: true }; // retried on connection 2
        if (q === '!mas-set,AS-DYNANET') return { raw: fixture('irr-access/irrd-legacy-issue-44-bang-m-garbled.txt') };
        if (q === '!mas-set,AS-BROKEN') return { raw: 'F Internal error\n' };
        if (q === '!mas-set,AS-HUGE') return { huge: 100 * 1024 * 1024 };
        return undefined;
      },
    });
    const keys = [...KEYS, ...['AS-DYNANET', 'AS-BROKEN', 'AS-HUGE'].map(parseObjectKey)];
    const r = await fetchObjects(keys, { store: Store.open(dir), source: irrd(s, { readTimeoutMs: 150, maxAnswerBytes: 4 << 20 }) });
    expect(r.summary.fetched).toBe(4);
    expect(r.summary.notFound).toBe(1);
    const errors = Object.fromEntries(r.summary.failed.map((f) => [f.key, f.error]));
    expect(Object.keys(errors).sort()).toEqual(['as-set AS-BROKEN', 'as-set AS-DYNANET', 'as-set AS-HUGE']);
    expect(errors['as-set AS-BROKEN']).toBe(`${s.address}: query '!mas-set,AS-BROKEN': the server answered F Internal error`);
    expect(errors['as-set AS-HUGE']).toMatch(/answer of 104857600 bytes exceeds the cap of 4194304 bytes/);
    expect(errors['as-set AS-DYNANET']).toMatch(/A736 frame does not match its payload/);
    expect(await storedKeys()).toEqual(['as-set AS215778:AS-LIKHNER', 'aut-num AS17830', 'aut-num AS215778', 'aut-num AS3255']);
  });

  it('falls back to RIPE-style queries when the server answers ! with % text (real AS3257 answer)', async () => {
    const s = await serve({ ripeOnly: true });
    const source = openObjectSource(s.address, { politeness: new Politeness({ maxNewPerSecond: 50 }), sources: ['RIPE'] });
    closers.push(() => source.close());
    const r = await fetchObjects(['AS3257', 'AS215778', 'AS64999'].map(parseObjectKey), { store: Store.open(dir), source });
    expect(r.summary).toMatchObject({ fetched: 2, notFound: 1, failed: [] });
    const [gtt] = Store.open(dir).versions('aut-num', 'AS3257');
    expect(gtt.object.attributes.filter((a) => a.name === 'import')).toHaveLength(2916);
    expect(gtt.object.source).toBe('RIPE');
    // RIPE-style: -k on the first query of the connection only, one connection for all
    const ripeConn = s.queries.findIndex((qs) => qs[0]?.startsWith('-'));
    expect(s.queries[ripeConn]).toEqual(['-k -r -s RIPE -T aut-num AS3257', '-r -s RIPE -T aut-num AS215778', '-r -s RIPE -T aut-num AS64999']);
  });
});

describe('crawl', () => {
  const dn42 = (name: string) => objects.get(name)!;
  const members = (set: string): string[] =>
    [...dn42(`as-set ${set}`).matchAll(/^members:\s*(.*)$/gm)].flatMap((m) => m[1].split(/[\s,]+/)).filter(Boolean).map((x) => x.toUpperCase());

  it('depth 0 fetches only the named objects; depth 1 adds neighbours and members of sets used as peerings', async () => {
    const s = await serve();
    const c = irrd(s);
    const r0 = await crawl([parseObjectKey('AS4242423182')], { store: Store.open(dir), source: c, depth: 0 });
    expect(r0.levels).toEqual([1]);

    // AS4242423182 (CRXN gateway) names three neighbours directly.
    const r1 = await crawl([parseObjectKey('AS4242423182')], { store: Store.open(dir), source: c, depth: 1 });
    expect(r1.levels).toEqual([1, 3]);
    expect(r1.summary).toMatchObject({ fromCache: 1, fetched: 3, failed: [] });

    // AS4242421331 (Niantic) peers with four as-sets of the AS-NIA hierarchy.
    const sets = ['AS-NIA:AS-TRANSIT', 'AS-NIA:AS-PEER', 'AS-NIA:AS-DOWNSTREAM', 'AS-NIA:AS-UPSTREAM'];
    const expected = new Set(sets.flatMap(members).filter((m) => /^AS\d+$/.test(m)));
    expected.delete('AS4242421331');
    const r2 = await crawl([parseObjectKey('AS4242421331')], { store: Store.open(dir), source: c, depth: 1 });
    expect(r2.levels).toEqual([1, expected.size]);
    for (const set of sets) expect(s.allQueries).toContain(`!mas-set,${set}`);
    for (const asn of expected) expect(s.allQueries).toContain(`!maut-num,${asn}`);
    const inRegistry = [...expected].filter((a) => objects.has(`aut-num ${a}`));
    expect(r2.summary.fetched).toBe(1 + inRegistry.length + sets.length); // the start object too
    expect(r2.summary.notFound).toBe(expected.size - inRegistry.length);
  });
});
