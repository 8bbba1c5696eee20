// `asrel import URL`: a dump streamed over HTTP from a server inside the test (127.0.0.1 only),
// dated by Last-Modified. Content: the real DN42 registry of 2023-10-22 (data/README.md).
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asrelAsync as asrel } from './run.js';

const dump = gzipSync(readFileSync('data/real/dn42-registry-2023-10-22.db'));
let server: Server;
let base: string;
let dir: string;
const requests: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asrel-url-'));
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/dumps/registry.db.gz') {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': dump.length, 'last-modified': 'Sun, 22 Oct 2023 04:00:00 GMT' });
      // In pieces, as a real download arrives.
      let i = 0;
      const step = () => {
        if (i >= dump.length) return res.end();
        res.write(dump.subarray(i, (i += 16_384)));
        setImmediate(step);
      };
      step();
    } else if (req.url === '/dumps/cut.db.gz') {
      res.writeHead(200, { 'content-length': dump.length });
      res.write(dump.subarray(0, 50_000));
      res.destroy();
    } else {
      res.writeHead(404).end('not here');
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const a = server.address() as { port: number };
  base = `http://127.0.0.1:${a.port}`;
});
afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('asrel import URL', () => {
  it('streams a gzip dump over HTTP into the store, dated by Last-Modified', async () => {
    const data = join(dir, 'store');
    const r = await asrel(['import', `${base}/dumps/registry.db.gz`, '--data', data]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('3084 objects read, stored 2981 aut-num, 92 as-set, 2 route-set');
    expect(r.stdout).toContain('dated 2023-10-22 (given)');
    const show = await asrel(['show', 'AS4242423182', '--offline', '--data', data]);
    expect(show.stdout.split('\n')[0]).toBe('% aut-num AS4242423182, source CRXN, from dump registry.db.gz (dated 2023-10-22)');
  });

  it('a missing dump or a cut download is an error, not a silent partial import', async () => {
    const missing = await asrel(['import', `${base}/dumps/nope.db.gz`, '--data', join(dir, 's2')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('HTTP 404');
    const cut = await asrel(['import', `${base}/dumps/cut.db.gz`, '--data', join(dir, 's3')]);
    expect(cut.code).toBe(1);
    // Cut before or after the headers arrive: either way one line saying so.
    expect(cut.stderr).toMatch(/the download broke off after \d+ of \d+ bytes|cannot download \S+: the server closed the connection/);
  });
});
