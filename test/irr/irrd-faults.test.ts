import { describe, expect, it } from 'vitest';
import { IrrdClient, type IrrdClientOptions } from '../../src/irr/irrd-client.js';
import { IrrError, QueryInputError } from '../../src/irr/errors.js';
import { Politeness } from '../../src/irr/politeness.js';
import { parseObjectKey } from '../../src/irr/query.js';
import { frame, realObjects, serverHarness, type FakeServer, type FakeServerOptions, type Override } from './fake-server.js';

/*
 * IRRd framing faults (issue 10): huge, malformed and mismatched A<n> headers, frames not
 * followed by C, garbage, a trickling server, and terminal escapes in F messages. Every
 * test is bounded by small timeouts configured here.
 */

const objects = realObjects();
const text = (k: string) => objects.get(k)!;
const [A, B, C] = ['AS215778', 'AS3255', 'AS17830'].map(parseObjectKey);
const qA = '!maut-num,AS215778';
const qB = '!maut-num,AS3255';
const harness = serverHarness(objects);
const { track } = harness;
const serve = (override: (q: string, conn: number) => Override | undefined, o: Partial<FakeServerOptions> = {}): Promise<FakeServer> => harness.serve({ override, ...o });

function client(s: FakeServer, o: Partial<IrrdClientOptions> = {}): IrrdClient {
  return track(new IrrdClient({ server: s.address, politeness: new Politeness({ maxNewPerSecond: 50 }), backoffMs: 5, readTimeoutMs: 1000, queryDeadlineMs: 1000, ...o }));
}


const settle = (ps: Promise<unknown>[]) => Promise.allSettled(ps);
const reason = (r: PromiseSettledResult<unknown>) => (r as PromiseRejectedResult).reason as IrrError;
const queriesOn = (s: FakeServer, conn: number) => s.queries[conn - 1].filter((q) => q.startsWith('!m'));

describe('IrrdClient: length headers', () => {
  it('refuses an A<n> over the cap on its header, reads none of the payload, does not retry it', async () => {
    const s = await serve((q) => (q === qB ? { huge: 1e12 } : undefined));
    const c = client(s, { maxAnswerBytes: 1 << 20 });
    const [a, b, after] = await settle([c.getObject(A), c.getObject(B), c.getObject(C)]);
    expect(a).toEqual({ status: 'fulfilled', value: text('aut-num AS215778') });
    expect(reason(b)).toMatchObject({ kind: 'too-large', network: false, message: `${s.address}: query '${qB}': answer of 1000000000000 bytes exceeds the cap of 1048576 bytes` });
    expect(after).toEqual({ status: 'fulfilled', value: text('aut-num AS17830') });
    expect(s.allQueries.filter((q) => q === qB)).toHaveLength(1); // not retried
    expect(queriesOn(s, 2)).toEqual(['!maut-num,AS17830']); // what followed, on a fresh connection
  });

  for (const [name, bad] of [
    ['a malformed header', 'A12x\n'],
    ['a negative length', 'A-5\n'],
    ['a length of 16 digits', 'A1234567890123456\n'],
    ['A0', 'A0\n'],
  ] as const) {
    it(`${name} closes the connection, is retried once on a fresh one, then fails naming the query`, async () => {
      const s = await serve((q) => (q === qA ? { raw: bad } : undefined));
      const c = client(s);
      const [a, b] = await settle([c.getObject(A), c.getObject(B)]);
      const err = reason(a);
      expect(err.kind).toBe('framing');
      expect(err.network).toBe(false);
      expect(err.message).toMatch(new RegExp(`^${s.address}: query '${qA}': .*\\(gave up after 2 attempts, each on a fresh connection\\)$`));
      expect(b).toEqual({ status: 'fulfilled', value: text('aut-num AS3255') });
      expect(s.allQueries.filter((q) => q === qA)).toHaveLength(2);
      expect(s.connections).toBe(3);
    });
  }

  it('a length one byte short (no C after the payload) is retried and succeeds on a fresh connection', async () => {
    const body = text('aut-num AS215778');
    const short = `A${Buffer.byteLength(body) - 1}\n${body}C\n`;
    const s = await serve((q, conn) => (q === qA && conn === 1 ? { raw: short } : undefined));
    const c = client(s);
    expect(await Promise.all([c.getObject(A), c.getObject(B), c.getObject(C)])).toEqual([text('aut-num AS215778'), text('aut-num AS3255'), text('aut-num AS17830')]);
    expect(queriesOn(s, 2)).toEqual([qA, qB, '!maut-num,AS17830']); // the rest re-sent in order
  });

  it('a frame not followed by C fails clearly after its attempts', async () => {
    const body = text('aut-num AS215778');
    const s = await serve((q) => (q === qA ? { raw: `A${Buffer.byteLength(body)}\n${body}X\n` } : undefined));
    const c = client(s);
    const err = (await c.getObject(A).catch((e: unknown) => e)) as IrrError;
    expect(err.message).toMatch(/A\d+ frame does not match its payload: expected 'C' after \d+ bytes, got 'X' \(gave up after 2 attempts/);
  });

  it('a length too long for the last answer runs into the query deadline, not forever', async () => {
    const body = text('aut-num AS215778');
    const s = await serve((q) => (q === qA ? { raw: `A${Buffer.byteLength(body) + 100}\n${body}C\n` } : undefined));
    const c = client(s, { queryDeadlineMs: 150, readTimeoutMs: 5000 });
    const err = (await c.getObject(A).catch((e: unknown) => e)) as IrrError;
    expect(err.kind).toBe('deadline');
    expect(err.message).toMatch(/no complete answer within the query deadline of 150 ms \(received \d+ of \d+ bytes\) \(gave up after 2 attempts/);
  });

  it('D stays not found and C stays empty', async () => {
    const s = await serve((q) => (q === '!iAS-EMPTY,1' ? { raw: 'C\n' } : q === qA ? { raw: 'D\n' } : undefined));
    const c = client(s);
    expect(await c.getObject(A)).toBeUndefined();
    expect(await c.query('!iAS-EMPTY,1')).toEqual({ kind: 'empty' });
    expect(await c.setMembers('AS-EMPTY')).toEqual([]);
    expect(s.connections).toBe(1);
  });
});

describe('IrrdClient: deadline', () => {
  it('stops a server trickling one byte every 20 ms, naming query, server and deadline; answers before it survive', async () => {
    const s = await serve((q) => (q === qB ? { trickle: frame(text('aut-num AS3255')), everyMs: 20 } : undefined));
    const c = client(s, { queryDeadlineMs: 200, readTimeoutMs: 1000 });
    const t0 = Date.now();
    const [a, b] = await settle([c.getObject(A), c.getObject(B)]);
    expect(a).toEqual({ status: 'fulfilled', value: text('aut-num AS215778') });
    const err = reason(b);
    expect(err.kind).toBe('deadline');
    expect(err.message).toMatch(new RegExp(`^${s.address}: query '${qB}': no complete answer within the query deadline of 200 ms \\(received \\d+ of \\d+ bytes\\) \\(gave up after 2 attempts, each on a fresh connection\\)$`));
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('the deadline runs per answer, not for the whole pipeline', async () => {
    // Four answers 100 ms apart: 400 ms in all, each well within the 300 ms deadline.
    const keys = [A, B, C, parseObjectKey('AS215778:AS-LIKHNER')];
    const order = ['!maut-num,AS215778', '!maut-num,AS3255', '!maut-num,AS17830', '!mas-set,AS215778:AS-LIKHNER'];
    const s = await serve((q) => {
      const i = order.indexOf(q);
      return i < 0 ? undefined : { raw: '', later: { ms: 100 * (i + 1), raw: frame(objects.get(keys[i].cls + ' ' + keys[i].key)) } };
    });
    const c = client(s, { queryDeadlineMs: 300 });
    const t0 = Date.now();
    const got = await Promise.all(keys.map((k) => c.getObject(k)));
    expect(Date.now() - t0).toBeGreaterThanOrEqual(390);
    expect(got).toEqual(keys.map((k) => objects.get(`${k.cls} ${k.key}`)));
    expect(s.connections).toBe(1);
  });
});

describe('IrrdClient: server text', () => {
  it('shows ESC/CSI/OSC sequences, controls and bidi overrides of an F message as escapes', async () => {
    const s = await serve((q) => (q === qA ? { raw: 'F \x1b]8;;http://evil/\x07click\x1b]8;;\x07 \x1b[1;31mdenied\x1b[0m\x9b2J \u202egnp.exe\x00\r\n' } : undefined));
    const c = client(s);
    const err = (await c.getObject(A).catch((e: unknown) => e)) as IrrError;
    expect(err.message).toBe(`${s.address}: query '${qA}': the server answered F \\x1b]8;;http://evil/\\x07click\\x1b]8;;\\x07 \\x1b[1;31mdenied\\x1b[0m\\x9b2J \\u202egnp.exe\\x00`);
    expect(err.detail).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  });

  it('a garbage line is a framing error quoted with its escapes visible, and what follows is re-sent', async () => {
    const s = await serve((q, conn) => (q === qA && conn === 1 ? { raw: '\x1b[2J\x1b]0;owned\x07HTTP/1.1 400 Bad Request\n' } : undefined));
    const c = client(s);
    expect(await Promise.all([c.getObject(A), c.getObject(B)])).toEqual([text('aut-num AS215778'), text('aut-num AS3255')]);
    const s2 = await serve((q) => (q === qA ? { raw: '\x1b[2J\x1b]0;owned\x07HTTP/1.1 400 Bad Request\n' } : undefined));
    const err = (await client(s2).getObject(A).catch((e: unknown) => e)) as IrrError;
    expect(err.message).toMatch(/expected an IRRd answer line \(A<n>, C, D or F\), got '\\x1b\[2J\\x1b\]0;owned\\x07HTTP\/1\.1 400 Bad Request' \(gave up/);
  });

  it('an answer nobody asked for drops the connection; the next query goes on a fresh one', async () => {
    const s = await serve((q, conn) => (q === qA && conn === 1 ? { raw: frame(text('aut-num AS215778')), later: { ms: 20, raw: 'C\n' } } : undefined));
    const c = client(s);
    expect(await c.getObject(A)).toBe(text('aut-num AS215778'));
    await new Promise((r) => setTimeout(r, 60));
    expect(await c.getObject(B)).toBe(text('aut-num AS3255'));
    expect(s.connections).toBe(2);
  });
});

describe('IrrdClient: queries it will not send', () => {
  it('refuses raw queries with CR, LF, NUL, spaces, C1 or non-ASCII characters, too long, or !!', async () => {
    const s = await serve(() => undefined);
    const c = client(s);
    for (const bad of ['!maut-num,AS1\n!mas-set,AS-X', '!maut-num,AS1\r', '!maut-num,AS1\x00', '!mas-set,AS-X q', '!mas-set,AS-\x9bX', '!mas-set,AS-Ẋ', `!m${'x'.repeat(1100)}`, '!!', 'maut-num,AS1']) {
      await expect(c.query(bad), JSON.stringify(bad)).rejects.toThrow(QueryInputError);
      await expect(c.query(bad)).rejects.toThrow(/refusing to send/);
    }
    expect(s.connections).toBe(0);
  });
});
