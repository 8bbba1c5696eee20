// `asrel serve --live` asks the whois server for what each question needs (here a real TCP
// server on 127.0.0.1 serving the bundled HE/Cogent RECONSTRUCTION, see data/README.md);
// without --live the server never connects to one.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/start.js';
import { FakeServer, objectsOf } from '../irr/fake-server.js';
import { getJson } from './helpers.js';

const reconstruction = readFileSync(new URL('../../data/reconstructed/he-cogent-telia-2013.rpsl', import.meta.url), 'utf8');
let whois: FakeServer;
const dirs: string[] = [];
beforeAll(async () => {
  whois = new FakeServer({ objects: objectsOf(reconstruction) });
  await whois.start();
});
afterAll(async () => {
  await whois.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'asrel-serve-live-'));
  dirs.push(d);
  return d;
}

describe('asrel serve and the whois server', () => {
  it('with --live, fetches the ASes of a question into the store and answers from them', { timeout: 60_000 }, async () => {
    const s = await startServer({ port: 0, host: '127.0.0.1', data: dir(), offline: false, live: true, server: whois.address, ttl: 24 });
    try {
      const r = await getJson(`${s.url}/api/why-unreachable?a=6939&b=174&afi=ipv6`);
      expect(r.status).toBe(200);
      expect(r.body.reachable).toBe(false);
      expect(r.body.other.path).toEqual([6939, 1299, 174]);
      expect(r.body.notes).toEqual(expect.arrayContaining([expect.stringContaining(`data: live from ${whois.address}`)]));
      expect(whois.allQueries).toEqual(expect.arrayContaining(['!maut-num,AS6939', '!maut-num,AS174', '!maut-num,AS1299']));
    } finally {
      await s.close();
    }
  });

  it('without --live, never connects to it', { timeout: 60_000 }, async () => {
    const before = whois.connections;
    const s = await startServer({ port: 0, host: '127.0.0.1', data: dir(), offline: true, server: whois.address, ttl: 24 });
    try {
      expect((await getJson(`${s.url}/api/why-unreachable?a=6939&b=174&afi=ipv6`)).status).toBe(200);
      expect((await getJson(`${s.url}/api/neighbors?asn=3255`)).status).toBe(200);
      expect(whois.connections).toBe(before);
    } finally {
      await s.close();
    }
  });
});
