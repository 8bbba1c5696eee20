import { describe, expect, it } from 'vitest';
import { RipeClient, type RipeClientOptions } from '../../src/irr/ripe-client.js';
import { IrrError } from '../../src/irr/errors.js';
import { Politeness } from '../../src/irr/politeness.js';
import { parseObjectKey } from '../../src/irr/query.js';
import { FakeServer, fixture, realObjects, serverHarness } from './fake-server.js';

/*
 * The RIPE-style client against the fake server: the real AS3257 answer of whois.ripe.net
 * (470,468 bytes), cut, trickled, oversized and decorated with terminal escapes.
 */

const objects = realObjects();
const AS3257 = parseObjectKey('AS3257');
const AS215778 = parseObjectKey('AS215778');
const answer = Buffer.from(fixture('whois/ripe-whois-AS3257.redacted.txt'), 'utf8');
const { serve, track } = serverHarness(objects);

function client(s: FakeServer, o: Partial<RipeClientOptions> = {}): RipeClient {
  return track(new RipeClient({ server: s.address, politeness: new Politeness({ maxNewPerSecond: 50 }), backoffMs: 5, readTimeoutMs: 2000, ...o }));
}


/** The offset just after the line break closest to `near` (a cut at a line boundary). */
function lineBoundary(near: number): number {
  return answer.indexOf(0x0a, near) + 1;
}

const imports = (text: string | undefined) => (text ?? '').split('\n').filter((l) => l.startsWith('import:')).length;

describe('RipeClient: the end of an answer', () => {
  it('reads the real AS3257 answer whole, and the next query on the same -k connection', async () => {
    const s = await serve();
    const c = client(s);
    const text = await c.getObject(AS3257);
    expect(imports(text)).toBe(2916);
    expect(text).toMatch(/^as-block:/);
    expect(text).not.toContain('%');
    expect(await c.getObject(AS215778)).toBe(objects.get('aut-num AS215778'));
    expect(s.connections).toBe(1);
    expect(s.queries[0]).toEqual(['-k -r -T aut-num AS3257', '-r -T aut-num AS215778']);
  });

  it('a reset after 89,163 bytes, at a line boundary, is a truncated answer, never a short success', async () => {
    const cut = lineBoundary(89_163);
    expect(answer[cut - 1]).toBe(0x0a);
    const s = await serve({ resetAfter: { conn: 1, bytes: cut } });
    const c = client(s, { maxAttempts: 1 });
    const err = (await c.getObject(AS3257).catch((e: unknown) => e)) as IrrError;
    expect(err).toBeInstanceOf(IrrError);
    expect(err.kind).toBe('truncated');
    expect(err.network).toBe(true);
    expect(err.message).toMatch(new RegExp(`^${s.address}: query '-r -T aut-num AS3257': .* after ${cut} bytes, before the end of the answer \\(two empty lines\\); the partial answer is discarded \\(gave up after 1 attempt\\)$`));
  });

  it('a clean close (FIN) right after the whole aut-num object is truncated too', async () => {
    const cut = answer.indexOf('\n\n', answer.indexOf('aut-num:        AS3257')) + 2; // the object is complete, the answer is not
    expect(answer.subarray(0, cut).toString()).toMatch(/\nsource: +RIPE\n\n$/);
    const s = await serve({ resetAfter: { conn: 1, bytes: cut, graceful: true } });
    const c = client(s, { maxAttempts: 1 });
    await expect(c.getObject(AS3257)).rejects.toMatchObject({ kind: 'truncated', detail: expect.stringMatching(/^the server closed the connection after \d+ bytes, before the end of the answer/) });
  });

  it('a server that closes without -k and without the two empty lines does not complete an answer', async () => {
    const s = await serve({ override: (q) => (q.includes('AS215778') ? { raw: `% Information related to 'AS215778'\n\n${objects.get('aut-num AS215778')}`, then: 'end' } : undefined) });
    const c = client(s, { maxAttempts: 2 });
    await expect(c.getObject(AS215778)).rejects.toMatchObject({ kind: 'truncated' });
    expect(s.connections).toBe(2); // retried once on a fresh connection
  });

  it('retries a cut answer on a fresh connection and returns the whole of it', async () => {
    const s = await serve({ resetAfter: { conn: 1, bytes: lineBoundary(89_163) } });
    const c = client(s);
    expect(imports(await c.getObject(AS3257))).toBe(2916);
    expect(s.connections).toBe(2);
    expect(s.queries[1]).toEqual(['-k -r -T aut-num AS3257']); // -k again on the new connection
  });
});

describe('RipeClient: limits and server text', () => {
  it('stops a server trickling one byte every 20 ms at the query deadline, naming query, server and deadline', async () => {
    const s = await serve({ override: (q) => (q.includes('AS3257') ? { trickle: answer, everyMs: 20 } : undefined) });
    const c = client(s, { queryDeadlineMs: 200, readTimeoutMs: 1000 });
    const t0 = Date.now();
    const err = (await c.getObject(AS3257).catch((e: unknown) => e)) as IrrError;
    expect(err.kind).toBe('deadline');
    expect(err.message).toMatch(new RegExp(`^${s.address}: query '-r -T aut-num AS3257': no complete answer within the query deadline of 200 ms \\(received \\d+ bytes\\) \\(gave up after 2 attempts\\)$`));
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(s.connections).toBe(2); // maxProtocolAttempts (default 2)
  });

  it('stops reading at the size cap, keeps memory bounded, and stays usable', async () => {
    const s = await serve();
    const c = client(s, { maxAnswerBytes: 64 * 1024 });
    const err = (await c.getObject(AS3257).catch((e: unknown) => e)) as IrrError;
    expect(err.kind).toBe('too-large');
    expect(err.message).toMatch(/answer exceeds the cap of 65536 bytes \(received \d+ bytes\)$/);
    expect(err.network).toBe(false);
    expect(await c.getObject(AS215778)).toBe(objects.get('aut-num AS215778'));
    expect(s.connections).toBe(2);
  });

  it('shows ESC/OSC sequences and bidi overrides of a %ERROR message as escapes', async () => {
    const evil = '%ERROR:201: access denied \x1b]0;pwned\x07\x1b[2J\x1b[31mred\x1b[0m \u202eevil\r\n\n\n';
    const s = await serve({ override: () => ({ raw: evil }) });
    const c = client(s);
    const err = (await c.getObject(AS215778).catch((e: unknown) => e)) as IrrError;
    expect(err.kind).toBe('server-error');
    expect(err.message).toBe(`${s.address}: query '-r -T aut-num AS215778': the server answered %ERROR:201: access denied \\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mred\\x1b[0m \\u202eevil`);
  });

  it('drops a connection that sends bytes nobody asked for, and answers the next query on a fresh one', async () => {
    const s = await serve({
      override: (q) => (q.includes('AS215778') ? { raw: `% Information related to 'AS215778'\n\n${objects.get('aut-num AS215778')}\n\n`, later: { ms: 20, raw: 'stray text\n' } } : undefined),
    });
    const c = client(s);
    expect(await c.getObject(AS215778)).toBe(objects.get('aut-num AS215778'));
    await new Promise((r) => setTimeout(r, 50));
    expect(imports(await c.getObject(AS3257))).toBe(2916);
    expect(s.connections).toBe(2);
  });
});
