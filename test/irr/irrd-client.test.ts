import { describe, expect, it } from 'vitest';
import { IrrdClient, type IrrdClientOptions } from '../../src/irr/irrd-client.js';
import { IrrError } from '../../src/irr/errors.js';
import { Politeness } from '../../src/irr/politeness.js';
import { parseObjectKey } from '../../src/irr/query.js';
import { ASREL_VERSION } from '../../src/irr/version.js';
import { FakeServer, fixture, realObjects, serverHarness } from './fake-server.js';

const objects = realObjects();
const text = (k: string) => objects.get(k)!;
const { serve, track } = serverHarness(objects);

function client(s: FakeServer, o: Partial<IrrdClientOptions> = {}): IrrdClient {
  // A private Politeness per test: fast reconnects, no interference between tests.
  return track(new IrrdClient({ server: s.address, politeness: new Politeness({ maxNewPerSecond: 50 }), backoffMs: 10, readTimeoutMs: 2000, ...o }));
}


const KEYS = ['AS215778', 'AS3255', 'AS17830', 'AS215778:AS-LIKHNER', 'AS64999'].map(parseObjectKey);

describe('IrrdClient', () => {
  it('pipelines queries on one connection in !! mode and returns byte-exact objects', async () => {
    const s = await serve();
    const c = client(s, { sources: ['RIPE', 'DN42'] });
    const answers = await Promise.all(KEYS.map((k) => c.getObject(k)));
    expect(answers[0]).toBe(text('aut-num AS215778'));
    expect(answers[2]).toBe(text('aut-num AS17830')); // box-drawing remarks: multi-byte UTF-8
    expect(answers[2]).toContain('╔═');
    expect(answers[3]).toBe(text('as-set AS215778:AS-LIKHNER'));
    expect(answers[4]).toBeUndefined(); // D: not in the registry
    expect(s.connections).toBe(1);
    expect(s.queries[0].slice(0, 3)).toEqual(['!!', `!nasrel-${ASREL_VERSION}`, '!sRIPE,DN42']);
    expect(s.allQueries).toEqual(['!maut-num,AS215778', '!maut-num,AS3255', '!maut-num,AS17830', '!mas-set,AS215778:AS-LIKHNER', '!maut-num,AS64999']);
    expect(await c.setMembers('AS215778:AS-LIKHNER')).toEqual(['AS215778']);
  });

  it('names server and query on an F answer, and carries on', async () => {
    const s = await serve({ override: (q) => (q === '!maut-num,AS3255' ? { raw: 'F Internal database error\n' } : undefined) });
    const c = client(s);
    const [a, b] = await Promise.allSettled([c.getObject(KEYS[1]), c.getObject(KEYS[0])]);
    expect(a.status).toBe('rejected');
    const err = (a as PromiseRejectedResult).reason as IrrError;
    expect(err.kind).toBe('server-error');
    expect(err.message).toBe(`${s.address}: query '!maut-num,AS3255': the server answered F Internal database error`);
    expect(b).toEqual({ status: 'fulfilled', value: text('aut-num AS215778') });
  });

  it('fails every query clearly when the server refuses the source list', async () => {
    const s = await serve();
    const c = client(s, { sources: ['RADB', 'NOPE'] });
    await expect(c.getObject(KEYS[0])).rejects.toThrow(/rejected the source list 'RADB,NOPE': Unknown source NOPE/);
  });

  it('assembles an answer sent one byte every 10 ms', async () => {
    const s = await serve({ trickleMs: 10 });
    const c = client(s);
    expect(await c.setMembers('AS215778:AS-LIKHNER')).toEqual(['AS215778']); // ~30 bytes incl. the !n answer
  });

  it('re-sends only the unanswered queries after a reset mid-answer', async () => {
    const s = await serve();
    // Connection 1 is reset in the middle of the third answer (C for !n, then two objects, then part of the third).
    const upTo = 2 + [0, 1].reduce((n, i) => n + Buffer.byteLength(`A${Buffer.byteLength(text(`aut-num ${KEYS[i].key}`))}\n${text(`aut-num ${KEYS[i].key}`)}C\n`), 0);
    s['o'].resetAfter = { conn: 1, bytes: upTo + 100 };
    const c = client(s);
    const answers = await Promise.all(KEYS.map((k) => c.getObject(k)));
    expect(answers.slice(0, 4)).toEqual([text('aut-num AS215778'), text('aut-num AS3255'), text('aut-num AS17830'), text('as-set AS215778:AS-LIKHNER')]);
    expect(s.connections).toBe(2);
    expect(s.queries[1].filter((q) => !/^!(!|n)/.test(q))).toEqual(['!maut-num,AS17830', '!mas-set,AS215778:AS-LIKHNER', '!maut-num,AS64999']);
  });

  it('gives up on a stalled answer with a read-timeout error naming server and query', async () => {
    const s = await serve({ override: (q) => (q === '!maut-num,AS3255' ? { stallAfter: 40, raw: `A${Buffer.byteLength(text('aut-num AS3255'))}\n${text('aut-num AS3255')}C\n` } : undefined) });
    const c = client(s, { readTimeoutMs: 150, maxAttempts: 2 });
    const [first, stalled] = await Promise.allSettled([c.getObject(KEYS[0]), c.getObject(KEYS[1])]);
    expect(first).toEqual({ status: 'fulfilled', value: text('aut-num AS215778') });
    const err = (stalled as PromiseRejectedResult).reason as IrrError;
    expect(err.kind).toBe('read-timeout');
    expect(err.message).toMatch(new RegExp(`^${s.address}: query '!maut-num,AS3255': no data for 150 ms while waiting for the answer \\(received 33 of \\d+ bytes\\) \\(gave up after 2 attempts\\)$`));
    expect(s.connections).toBe(2);
    expect(s.allQueries).toEqual(['!maut-num,AS215778', '!maut-num,AS3255', '!maut-num,AS3255']);
  });

  it('retries a stall on the first connection and succeeds on the next', async () => {
    const s = await serve({ override: (q, conn) => (conn === 1 && q === '!maut-num,AS3255' ? { stall: true } : undefined) });
    const c = client(s, { readTimeoutMs: 150 });
    expect(await Promise.all(KEYS.slice(0, 3).map((k) => c.getObject(k)))).toEqual([text('aut-num AS215778'), text('aut-num AS3255'), text('aut-num AS17830')]);
    expect(s.queries[1].filter((q) => q.startsWith('!m'))).toEqual(['!maut-num,AS3255', '!maut-num,AS17830']);
  });

  it('rejects the real garbled A736 answer and re-sends what followed it', async () => {
    const garbled = fixture('irr-access/irrd-legacy-issue-44-bang-m-garbled.txt');
    const s = await serve({ override: (q) => (q === '!mas-set,AS-DYNANET' ? { raw: garbled } : undefined) });
    const c = client(s);
    const [before, bad, after] = await Promise.allSettled([c.getObject(KEYS[0]), c.getObject(parseObjectKey('AS-DYNANET')), c.getObject(KEYS[1])]);
    expect(before).toEqual({ status: 'fulfilled', value: text('aut-num AS215778') });
    expect((bad as PromiseRejectedResult).reason).toMatchObject({ kind: 'framing', query: '!mas-set,AS-DYNANET' });
    expect(String((bad as PromiseRejectedResult).reason.message)).toMatch(/A736 frame does not match its payload/);
    expect(after).toEqual({ status: 'fulfilled', value: text('aut-num AS3255') });
  });

  it('stops a 100 MB answer at the size cap without reading it', async () => {
    const s = await serve({ override: (q) => (q === '!mas-set,AS-HUGE' ? { huge: 100 * 1024 * 1024 } : undefined) });
    const c = client(s, { maxAnswerBytes: 1024 * 1024 });
    const err = await c.getObject(parseObjectKey('AS-HUGE')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IrrError);
    expect((err as IrrError).message).toBe(`${s.address}: query '!mas-set,AS-HUGE': answer of 104857600 bytes exceeds the cap of 1048576 bytes`);
    await new Promise((r) => setTimeout(r, 50));
    expect(s.bytesSent[0]).toBeLessThan(100 * 1024 * 1024);
    expect(await c.getObject(KEYS[0])).toBe(text('aut-num AS215778')); // the client is still usable
  });

  it('says so when a RIPE server answers the ! protocol with % text', async () => {
    const s = await serve({ ripeOnly: true });
    const c = client(s);
    const err = (await c.getObject(KEYS[0]).catch((e: unknown) => e)) as IrrError;
    expect(err.kind).toBe('not-irrd');
    expect(err.message).toContain("RIPE-style whois text ('% Note: this output has been filtered.')");
  });

  it('refuses to send a query with a line break in it', async () => {
    const s = await serve();
    const c = client(s);
    await expect(c.query('!maut-num,AS1\n!mas-set,AS-X')).rejects.toThrow(/refusing to send/);
    expect(s.connections).toBe(0);
  });

  it('reports a refused connection after its attempts', async () => {
    const s = await serve();
    const port = s.port;
    await s.stop();
    const c = track(new IrrdClient({ server: `127.0.0.1:${port}`, politeness: new Politeness({ maxNewPerSecond: 50 }), backoffMs: 5, maxAttempts: 3 }));
    await expect(c.getObject(KEYS[0])).rejects.toThrow(new RegExp(`127.0.0.1:${port}: query '!maut-num,AS215778': cannot connect: ECONNREFUSED \\(gave up after 3 failed connections\\)`));
  });
});

describe('politeness against a server that resets the 5th connection', () => {
  it('never opens a 5th connection with the default limits', async () => {
    const s = await serve({ maxConcurrent: 4, delayMs: 30 });
    const shared = new Politeness({ maxNewPerSecond: 50 }); // connection count at its default, 4
    const cs = Array.from({ length: 6 }, () => client(s, { politeness: shared }));
    const got = await Promise.all(cs.map((c, i) => c.getObject(KEYS[i % 2]).finally(() => c.close())));
    expect(got).toEqual(cs.map((_, i) => text(`aut-num ${KEYS[i % 2].key}`)));
    expect(s.resets).toBe(0);
    expect(s.maxOpen).toBeLessThanOrEqual(4);
  });

  it('retries after the 5th connection is reset when allowed 5', async () => {
    const s = await serve({ maxConcurrent: 4, delayMs: 30 });
    const shared = new Politeness({ maxConnections: 5, maxNewPerSecond: 50 });
    const cs = Array.from({ length: 5 }, () => client(s, { politeness: shared, backoffMs: 50 }));
    const got = await Promise.all(cs.map((c) => c.getObject(KEYS[0]).finally(() => c.close())));
    expect(got).toEqual(cs.map(() => text('aut-num AS215778')));
    // At least the 5th connection was reset; a slow host may reset its retry too, while the four are still open.
    expect(s.resets).toBeGreaterThanOrEqual(1);
  });

  it('spaces new connections to at most N per second', async () => {
    const p = new Politeness({ maxConnections: 10, maxNewPerSecond: 3 });
    const t0 = Date.now();
    const times: number[] = [];
    await Promise.all(Array.from({ length: 5 }, () => p.acquire('x:43').then((release) => { times.push(Date.now() - t0); release(); })));
    times.sort((a, b) => a - b);
    expect(times[2]).toBeLessThan(500);
    expect(times[3]).toBeGreaterThanOrEqual(990); // the 4th waits for the 1-second window
  });
});
