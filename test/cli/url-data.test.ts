// Issue 19, point 8: --relationships and --ixp take http(s) URLs: downloaded once into the
// store folder with their date, read from there afterwards (also --offline), a stale copy
// standing in when the server fails, and a cut download never kept. Server on 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asrelAsync, HE } from './run.js';

const IXP = 'test/fixtures/ixp/caida-ixp-201910';
let server: Server;
let base = '';
const hits: string[] = [];
let down = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? '');
    if (down) { res.writeHead(503).end(); return; }
    const files: Record<string, string> = {
      '/rel/he-cogent.csv': HE,
      '/ixp/ix-asns_201910.jsonl': `${IXP}/ix-asns_201910.json`,
      '/ixp/ixs_201910.jsonl': `${IXP}/ixs_201910.json`,
    };
    if (req.url === '/rel/cut.csv') {
      // Says 100,000 bytes, sends 200, then closes: a download that broke off.
      res.writeHead(200, { 'content-length': '100000' });
      res.write(readFileSync(HE).subarray(0, 200));
      setTimeout(() => res.destroy(), 50);
      return;
    }
    const f = files[req.url ?? ''];
    if (!f) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'last-modified': 'Sun, 01 Feb 2015 00:00:00 GMT' }).end(readFileSync(f));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('data by URL', () => {
  const data = mkdtempSync(join(tmpdir(), 'asrel-url-'));

  it('--relationships URL: downloaded into the store folder, dated, then read from the copy (also --offline)', async () => {
    const url = `${base}/rel/he-cogent.csv`;
    const r = await asrelAsync(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--relationships', url, '--data', data]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('AS6939 cannot reach AS174 in IPv6');
    expect(r.stderr).toContain(`note: --relationships ${url}: downloaded now (dated 2015-02-01), kept in ${join(data, 'downloads')}`);
    const n = hits.length;
    const off = await asrelAsync(['path', '6939', '174', '--relationships', url, '--data', data, '--offline']);
    expect(off.code, off.stderr).toBe(0);
    expect(off.stderr).toContain('the copy in the store folder (dated 2015-02-01');
    expect(hits).toHaveLength(n);
  });

  it('a failing server: the stale copy answers with a note; no copy at all: exit 1', async () => {
    down = true;
    try {
      const r = await asrelAsync(['path', '6939', '174', '--relationships', `${base}/rel/he-cogent.csv`, '--data', data, '--ttl', '0']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/HTTP 503.*; using the copy in the store folder/);
      const none = await asrelAsync(['path', '6939', '174', '--relationships', `${base}/rel/other.csv`, '--data', data]);
      expect(none.code).toBe(1);
      expect(none.stderr).toMatch(/asrel: --relationships: cannot download .*other\.csv: HTTP 503/);
    } finally {
      down = false;
    }
  });

  it('a cut download: exit 1 in one line, and no partial copy is kept', async () => {
    const r = await asrelAsync(['path', '6939', '174', '--relationships', `${base}/rel/cut.csv`, '--data', data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/asrel: --relationships: the download of .*cut\.csv broke off after \d+ (of 100000 )?bytes/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const kept = readdirSync(join(data, 'downloads'), { recursive: true }).map(String);
    expect(kept.some((f) => f.includes('cut.csv'))).toBe(false);
  });

  it('--ixp URLs: the CAIDA IXP files by URL name the exchanges of the peering fix', async () => {
    const r = await asrelAsync(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--relationships', HE, '--data', data,
      '--ixp', `${base}/ixp/ix-asns_201910.jsonl`, '--ixp', `${base}/ixp/ixs_201910.jsonl`]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('note: ixp: exchanges from CAIDA IXPs dataset (2019-10)');
    expect(existsSync(join(data, 'downloads'))).toBe(true);
  });
});
