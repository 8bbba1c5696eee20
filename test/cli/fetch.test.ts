import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeServer, realObjects } from '../irr/fake-server.js';
import { asrelAsync as asrel } from './run.js';

let server: FakeServer;
let dir: string;
beforeAll(async () => {
  server = new FakeServer({ objects: realObjects() });
  await server.start();
  dir = await mkdtemp(join(tmpdir(), 'asrel-cli-fetch-'));
});
afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('asrel fetch', () => {
  it('fetches into the store, prints a summary, then serves from cache', async () => {
    const args = ['--server', server.address, '--data', dir];
    const r = await asrel(['fetch', 'AS215778', 'AS215778:AS-LIKHNER', ...args]);
    expect(r.stderr).toBe(''); // no progress bar when stderr is not a terminal
    expect(r.stdout).toBe(`fetched 2, from cache 0, not found 0, failed 0\nstore: ${dir}\n`);
    expect(r.code).toBe(0);
    const again = await asrel(['fetch', 'AS215778', 'AS64999', ...args]);
    expect(again.stdout).toContain('fetched 0, from cache 1, not found 1, failed 0\nnot found: aut-num AS64999\n');
    expect(again.code).toBe(1); // a named object was not found
  });

  it('crawls neighbours with --depth and reports levels as JSON', async () => {
    const r = await asrel(['fetch', 'AS4242423182', '--depth', '1', '--json', '--server', server.address, '--data', dir]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ fetched: 4, fromCache: 0, notFound: 0, failed: [], levels: [1, 3], truncated: false });
  });

  it('rejects a name with a line break before connecting', async () => {
    const before = server.connections;
    const r = await asrel(['fetch', 'AS1\n!mas-set,AS-X', '--server', server.address, '--data', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("asrel: 'AS1\\n!mas-set,AS-X' is not a valid query: it contains a space, CR, LF or another control character");
    expect(server.connections).toBe(before);
  });

  it('--offline never touches the network', async () => {
    const before = server.connections;
    const r = await asrel(['fetch', 'AS3255', '--offline', '--server', server.address, '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('failed: aut-num AS3255: not in the store, and --offline forbids fetching it');
    const cached = await asrel(['fetch', 'AS215778', '--offline', '--server', server.address, '--data', dir]);
    expect(cached.stdout).toContain('fetched 0, from cache 1');
    expect(server.connections).toBe(before);
  });

  it('says which server failed and why when nothing listens', async () => {
    const s = new FakeServer({ objects: new Map() });
    await s.start();
    const addr = s.address;
    await s.stop();
    const r = await asrel(['fetch', 'AS1', '--server', addr, '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`failed: aut-num AS1: ${addr}: query '!maut-num,AS1': cannot connect: ECONNREFUSED`));
  });
});
