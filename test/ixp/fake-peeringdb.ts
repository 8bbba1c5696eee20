// A PeeringDB API stand-in on 127.0.0.1: answers /api/netixlan?asn__in=… and /api/ix?id__in=…
// from the real sample pages in test/fixtures/ixp, filtered like the real API.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

const DIR = 'test/fixtures/ixp/peeringdb-api-sample-2026-04';
const page = (f: string) => (JSON.parse(readFileSync(`${DIR}/${f}`, 'utf8')) as { data: Record<string, unknown>[] }).data;

export interface FakePeeringDb {
  url: string;
  requests: string[];
  /** Answers to give before the real ones: [status, headers, body]. */
  script: [number, Record<string, string>, string][];
  close(): Promise<void>;
}

export async function fakePeeringDb(): Promise<FakePeeringDb> {
  const netixlan = page('netixlan-page-1.json');
  const ix = page('ix-page-1.json');
  const fake = { requests: [] as string[], script: [] as [number, Record<string, string>, string][] } as FakePeeringDb;
  const server: Server = createServer((req, res) => {
    fake.requests.push(req.url ?? '');
    const next = fake.script.shift();
    if (next) {
      res.writeHead(next[0], { 'content-type': 'application/json', ...next[1] });
      res.end(next[2]);
      return;
    }
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const list = (k: string) => new Set((u.searchParams.get(k) ?? '').split(',').filter(Boolean).map(Number));
    let data: Record<string, unknown>[] | undefined;
    if (u.pathname === '/api/netixlan') { const s = list('asn__in'); data = netixlan.filter((r) => s.has(r.asn as number)); }
    if (u.pathname === '/api/ix') { const s = list('id__in'); data = ix.filter((r) => s.has(r.id as number)); }
    if (!data) { res.writeHead(404); res.end('{}'); return; }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ data, meta: {} }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((r) => server.close(() => r()));
  return fake;
}
