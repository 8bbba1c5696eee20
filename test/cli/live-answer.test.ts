// why-unreachable gathers what it needs live (through the store), and falls back to stored
// and bundled data when the server cannot be reached. The server is a real TCP server on
// 127.0.0.1 serving asrel's bundled HE/Cogent objects — a RECONSTRUCTION (see data/README.md),
// used here only as server content.
import { mkdtempSync, readFileSync } from 'node:fs';
import { Store } from '../../src/store/store.js';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeServer, objectsOf } from '../irr/fake-server.js';
import { asrelAsync as asrel } from './run.js';

const reconstruction = readFileSync(new URL('../../data/reconstructed/he-cogent-telia-2013.rpsl', import.meta.url), 'utf8');

let server: FakeServer;
beforeAll(async () => {
  server = new FakeServer({ objects: objectsOf(reconstruction) });
  await server.start();
});
afterAll(() => server.stop());

async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('why-unreachable with live data', () => {
  const data = mkdtempSync(join(tmpdir(), 'asrel-live-'));

  it('fetches both ASes, climbs to their providers, stores them, and says the data is live', async () => {
    const r = await asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--server', server.address, '--data', data]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('AS6939 cannot reach AS174 in IPv6');
    // Notes go to stderr: where the data came from, and that no dump backs the reverse index.
    expect(r.stderr).toContain(`note: data: live from ${server.address}`);
    expect(r.stderr).toContain('no registry dump is imported, so links that only the other side declares may be missing');
    expect(r.stderr).not.toContain('bundled snapshot');
    // AS1299 was not asked for: it was found as AS6939's IPv4 provider and fetched.
    expect(server.allQueries).toEqual(expect.arrayContaining(['!maut-num,AS6939', '!maut-num,AS174', '!maut-num,AS1299']));
    const store = Store.open(data);
    expect([...store.list(['aut-num'])].map((o) => `${o.key}@${o.source}`)).toEqual(
      ['AS1299@ASREL-RECONSTRUCTED', 'AS174@ASREL-RECONSTRUCTED', 'AS6939@ASREL-RECONSTRUCTED'],
    );
    store.close();
  });

  it('answers the next question from the fresh store without connecting', async () => {
    const before = server.connections;
    const r = await asrel(['path', '6939', '174', '--afi', 'ipv4', '--server', server.address, '--data', data, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ reachable: true, path: [6939, 1299, 174] });
    expect(server.connections).toBe(before);
  });

  it('says in one line that the server failed and answers from stored data, naming its date', async () => {
    const port = await closedPort();
    const r = await asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--server', `127.0.0.1:${port}`, '--data', data, '--ttl', '0']);
    expect(r.code).toBe(0);
    const failed = r.stderr.split('\n').filter((l) => l.includes('live lookup failed'));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toContain(`127.0.0.1:${port}`);
    expect(r.stderr).toMatch(/data: live from 127\.0\.0\.1:\d+ \(oldest object fetched 20\d\d-/);
    expect(r.stdout).toContain('AS6939 cannot reach AS174 in IPv6');
  });

  it('falls back to the bundled snapshot with an empty store, and says it is a reconstruction', async () => {
    const port = await closedPort();
    const empty = mkdtempSync(join(tmpdir(), 'asrel-empty-'));
    const r = await asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--server', `127.0.0.1:${port}`, '--data', empty]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('live lookup failed');
    expect(r.stderr).toMatch(/data: bundled snapshot he-cogent-telia-2013 \(2013\) — a RECONSTRUCTION/);
    expect(r.stdout).toContain('AS6939 cannot reach AS174 in IPv6');
  });

  it('--offline never connects and still answers from the bundled snapshot', async () => {
    const before = server.connections;
    const empty = mkdtempSync(join(tmpdir(), 'asrel-offline-'));
    const r = await asrel(['why-unreachable', '6939', '174', '--afi', 'ipv4', '--offline', '--server', server.address, '--data', empty]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('AS6939 → AS1299 → AS174');
    expect(r.stderr).not.toContain('live lookup failed');
    expect(server.connections).toBe(before);
  });

  it('an asked AS that no object names is "no data" (exit 1), not "cannot reach" with made-up fixes', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'asrel-gap-'));
    const r = await asrel(['why-unreachable', '6939', '64500', '--afi', 'ipv6', '--offline', '--data', empty]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('asrel: AS64500: no data (no aut-num, and no object in the bundled snapshot names it)');
    expect(r.stdout).toBe('');
  });
});
