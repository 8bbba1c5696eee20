import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { peeringDbPresence, retryAfterSeconds } from '../../src/ixp/peeringdb-client.js';
import { commonIxps } from '../../src/ixp/common.js';
import { fakePeeringDb, type FakePeeringDb } from './fake-peeringdb.js';

let fake: FakePeeringDb;
beforeEach(async () => { fake = await fakePeeringDb(); });
afterEach(async () => { await fake.close(); });
const cacheFile = () => join(mkdtempSync(join(tmpdir(), 'asrel-pdb-')), 'peeringdb-cache.json');
const now = () => new Date('2026-11-26T12:00:00Z');

describe('PeeringDB client (local server on 127.0.0.1, real sample pages)', () => {
  it('asks netixlan for just the ASes, then ix for their exchanges, and caches both with the date', async () => {
    const file = cacheFile();
    const r = await peeringDbPresence([6939, 3856, 174], { baseUrl: fake.url, cacheFile: file, now });
    expect(fake.requests[0]).toBe('/api/netixlan?asn__in=174,3856,6939');
    expect(fake.requests[1]).toMatch(/^\/api\/ix\?id__in=\d+(,\d+)*$/);
    expect(r.requests).toBe(2);
    expect(r.presence.datasets[0]).toMatchObject({ source: 'PeeringDB', date: '2026-11-26' });
    expect(commonIxps(r.presence, 6939, 3856, 'ipv6')[0]).toMatchObject({ name: 'DE-CIX Frankfurt', city: 'Frankfurt' });
    expect(commonIxps(r.presence, 6939, 174, 'ipv6')).toEqual([]);
    const cache = JSON.parse(readFileSync(file, 'utf8'));
    expect(cache.asns['174']).toEqual({ fetched: '2026-11-26', rows: [] });
    // A second answer comes from the cache.
    const again = await peeringDbPresence([6939, 3856], { baseUrl: fake.url, cacheFile: file, now });
    expect(again.requests).toBe(0);
    expect(fake.requests).toHaveLength(2);
    expect(commonIxps(again.presence, 6939, 3856, 'ipv6').length).toBe(commonIxps(r.presence, 6939, 3856, 'ipv6').length);
  });

  it('batches asn__in lists', async () => {
    await peeringDbPresence([6939, 3856, 174], { baseUrl: fake.url, batch: 2, now });
    expect(fake.requests.filter((u) => u.startsWith('/api/netixlan'))).toEqual(['/api/netixlan?asn__in=174,3856', '/api/netixlan?asn__in=6939']);
  });

  it('429 with Retry-After: 0, then 200: retried', async () => {
    fake.script.push([429, { 'retry-after': '0' }, '{"message": "Request was throttled."}']);
    const r = await peeringDbPresence([6939, 3856], { baseUrl: fake.url, now });
    expect(fake.requests[0]).toBe(fake.requests[1]);
    expect(commonIxps(r.presence, 6939, 3856, 'ipv6').length).toBeGreaterThan(0);
  });

  it('429 more often than the retries allow: a clear note, and the AS is unknown (not at no exchange)', async () => {
    for (let i = 0; i < 3; i++) fake.script.push([429, { 'retry-after': '0' }, '{}']);
    const r = await peeringDbPresence([6939], { baseUrl: fake.url, maxRetries: 2, now });
    expect(r.notes[0]).toMatch(/HTTP 429 \(rate limited; retried 2 times\): no exchanges known for AS6939/);
    expect(r.presence.unknown?.get(6939)).toMatch(/^PeeringDB could not be asked about AS6939/);
    expect(retryAfterSeconds('7')).toBe(7);
    expect(retryAfterSeconds(null)).toBe(1);
  });

  it('a malformed answer is a clear note, not a crash', async () => {
    fake.script.push([200, {}, '<html>maintenance</html>']);
    expect((await peeringDbPresence([6939], { baseUrl: fake.url, now })).notes[0]).toMatch(/not JSON/);
    fake.script.push([200, {}, '{"results": []}']);
    const r = await peeringDbPresence([6939], { baseUrl: fake.url, now });
    expect(r.notes[0]).toMatch(/no "data" list/);
    expect(r.presence.members.size).toBe(0);
    expect(r.presence.unknown?.has(6939)).toBe(true);
  });

  it('offline: the cache answers, or a note says what it cannot; no request either way', async () => {
    const file = cacheFile();
    const none = await peeringDbPresence([6939, 3856], { baseUrl: fake.url, cacheFile: file, offline: true, now });
    expect(none.notes[0]).toMatch(/--offline: PeeringDB answers for AS3856, AS6939 are not in the cache/);
    expect(existsSync(file)).toBe(false);
    await peeringDbPresence([6939, 3856], { baseUrl: fake.url, cacheFile: file, now });
    const n = fake.requests.length;
    const later = () => new Date('2027-06-01T00:00:00Z');
    const cached = await peeringDbPresence([6939, 3856], { baseUrl: fake.url, cacheFile: file, offline: true, now: later });
    expect(fake.requests).toHaveLength(n);
    expect(cached.notes).toEqual([]);
    expect(cached.presence.datasets[0]!.date).toBe('2026-11-26');
    expect(commonIxps(cached.presence, 6939, 3856, 'ipv6').length).toBeGreaterThan(0);
  });
});

describe('PeeringDB client when the network fails', () => {
  it('stale cached answers stand in, with a note; nothing cached: a note and the AS unknown', async () => {
    const fake = await fakePeeringDb();
    const file = cacheFile();
    await peeringDbPresence([6939, 3856], { baseUrl: fake.url, cacheFile: file, now });
    await fake.close();
    const later = () => new Date('2027-06-01T00:00:00Z');
    const r = await peeringDbPresence([6939, 3856], { baseUrl: fake.url, cacheFile: file, now: later, timeoutMs: 2000 });
    expect(r.notes[0]).toMatch(/^ixp: PeeringDB http:\/\/127\.0\.0\.1:\d+\/api\/netixlan\?asn__in=3856,6939: .*: using the cached PeeringDB answers instead$/);
    expect(r.presence.datasets[0]!.date).toBe('2026-11-26');
    const none = await peeringDbPresence([174], { baseUrl: fake.url, cacheFile: file, now: later, timeoutMs: 2000 });
    expect(none.notes[0]).toMatch(/no exchanges known for AS174$/);
    expect(none.presence.unknown?.has(174)).toBe(true);
    expect(none.presence.datasets[0]!.date).toBe('no date (no answers)');
  });
});
