// `asrel serve`'s JSON API: the same answers as the CLI's --json for the same data, the CLI's
// one-line errors as 400 (bad input) and 404 (no data for an AS), read-only, a strict
// Content-Security-Policy on every response; and the command itself listens on 127.0.0.1.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asrel } from '../cli/run.js';
import { getJson, testServer, type TestServer } from './helpers.js';

let s: TestServer;
beforeAll(async () => { s = await testServer(); });
afterAll(async () => { await s?.stop(); });

const cli = (args: string[]) => {
  const r = asrel([...args, '--data', s.dataDir, '--offline', '--json', '-q']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

describe('the API answers what the CLI prints with --json', () => {
  const cases: [string, string[]][] = [
    ['/api/why-unreachable?a=6939&b=174&afi=ipv6', ['why-unreachable', '6939', '174', '--afi', 'ipv6']],
    ['/api/why-unreachable?a=AS6939&b=174&afi=ipv4', ['why-unreachable', 'AS6939', '174', '--afi', 'ipv4']],
    ['/api/path?a=6939&b=174&afi=ipv4', ['path', '6939', '174', '--afi', 'ipv4']],
    ['/api/path?a=6939&b=174&afi=ipv6', ['path', '6939', '174', '--afi', 'ipv6']],
    ['/api/rel?a=1299&b=6939', ['rel', '1299', '6939']],
    ['/api/rel?a=3255&b=174&afi=ipv6', ['rel', '3255', '174', '--afi', 'ipv6']],
    ['/api/neighbors?asn=3255', ['neighbors', '3255']],
    ['/api/reach?asn=6939&top=5', ['reach', '6939', '--top', '5']],
    ['/api/dark-spots?top=3', ['dark-spots', '--top', '3']],
  ];
  for (const [url, args] of cases) {
    it(url, { timeout: 60_000 }, async () => {
      const r = await getJson(s.url + url);
      expect(r.status).toBe(200);
      expect(r.body).toEqual(cli(args));
    });
  }

  it('POST /api/batch', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-batch-'));
    try {
      writeFileSync(join(dir, 'ases.txt'), '6939\n174\n1299\n3255\n');
      const r = await getJson(`${s.url}/api/batch`, { method: 'POST', body: JSON.stringify({ asns: [6939, 174, 1299, 3255] }) });
      expect(r.status).toBe(200);
      expect(r.body).toEqual(cli(['batch', '--asns', join(dir, 'ases.txt')]));
      const lines = await getJson(`${s.url}/api/batch`, { method: 'POST', body: '6939\nAS174 # Cogent\n1299\n3255\n' });
      expect(lines.body).toEqual(r.body);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('with --ixp', () => {
  it('the fixes name the exchanges where both ASes are, as the CLI does', { timeout: 60_000 }, async () => {
    const CAIDA_IXP = 'test/fixtures/ixp/caida-ixp-201910';
    const x = await testServer({ dataDir: s.dataDir, ixp: [CAIDA_IXP] });
    try {
      const r = await getJson(`${x.url}/api/why-unreachable?a=6939&b=174&afi=ipv6`);
      expect(r.body).toEqual(cli(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--ixp', CAIDA_IXP]));
      expect(r.body.fixes.find((f: { kind: string }) => f.kind === 'new-peering').commonIxps.length).toBeGreaterThan(0);
    } finally {
      await x.stop();
    }
  });
});

describe('errors', () => {
  it('a bad AS is a 400 with the CLI\'s message and a hint', async () => {
    const r = await getJson(`${s.url}/api/why-unreachable?a=${encodeURIComponent('<img src=x onerror=alert(1)>')}&b=174&afi=ipv6`);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('"<img src=x onerror=alert(1)>" is not an AS number (the first AS, A)');
    expect(r.body.hint).toMatch(/6939, AS6939/);
    const cliRun = asrel(['why-unreachable', '<img src=x onerror=alert(1)>', '174', '--afi', 'ipv6', '--offline', '--data', s.dataDir]);
    expect(cliRun.stderr).toContain(r.body.error);
  });

  it('missing and malformed parameters are 400s naming them', async () => {
    expect((await getJson(`${s.url}/api/path?a=6939`)).body.error).toBe('missing b: the second AS, B');
    expect((await getJson(`${s.url}/api/path?a=6939&b=174&afi=ipv5`)).status).toBe(400);
    expect((await getJson(`${s.url}/api/dark-spots?top=-1`)).status).toBe(400);
    expect((await getJson(`${s.url}/api/rel?a=174&b=174`)).body.error).toBe('AS174 is given twice');
    const b = await getJson(`${s.url}/api/batch`, { method: 'POST', body: '{"asns": [1, "x"]}' });
    expect(b.status).toBe(400);
    expect(b.body.error).toBe('"x" is not an AS number (item 2 of the list)');
  });

  it('an AS the data knows nothing of is a 404 with the one-line reason', async () => {
    for (const url of ['/api/why-unreachable?a=64999&b=174&afi=ipv6', '/api/neighbors?asn=64999', '/api/rel?a=174&b=64999', '/api/explore?asn=64999']) {
      const r = await getJson(s.url + url);
      expect(r.status, url).toBe(404);
      expect(r.body.error).toBe('AS64999: no data (no aut-num, and no object in the loaded data names it)');
    }
    // An AS without an aut-num that others name is known: AS9098 is named by AS3255's object.
    expect((await getJson(`${s.url}/api/neighbors?asn=9098`)).status).toBe(200);
  });

  it('on 127.0.0.1, answers only requests naming 127.0.0.1 or localhost (no DNS rebinding)', async () => {
    const { request } = await import('node:http');
    const port = new URL(s.url).port;
    const status = (host: string) => new Promise<number>((ok, fail) => {
      request({ host: '127.0.0.1', port, path: '/api/health', headers: { Host: host } }, (r) => { r.resume(); ok(r.statusCode!); }).on('error', fail).end();
    });
    expect(await status(`localhost:${port}`)).toBe(200);
    expect(await status(`127.0.0.1:${port}`)).toBe(200);
    expect(await status('attacker.example')).toBe(421);
  });

  it('is read-only, answers unknown routes with 404 JSON, and sends a strict CSP everywhere', async () => {
    for (const m of ['PUT', 'DELETE', 'PATCH']) expect((await fetch(`${s.url}/api/health`, { method: m })).status).toBe(405);
    expect((await fetch(`${s.url}/api/why-unreachable`, { method: 'POST' })).status).toBe(405);
    expect((await getJson(`${s.url}/api/nothing`)).status).toBe(404);
    for (const path of ['/', '/app.js', '/api/health', '/api/path?a=x&b=1', '/api/drawing?a=6939&b=174&afi=ipv6']) {
      const r = await fetch(s.url + path);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('the drawing and the explorer data', () => {
  it('/api/drawing is the SVG of the answer', async () => {
    const r = await fetch(`${s.url}/api/drawing?a=6939&b=174&afi=ipv6`);
    expect(r.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    const svg = await r.text();
    expect(svg).toContain('<title>AS6939</title>');
    expect(svg).toContain('fix 1');
  });

  it('/api/explore gives a neighbourhood or a cone with the links among its ASes', async () => {
    const n = (await getJson(`${s.url}/api/explore?asn=1299&afi=ipv4&mode=neighbours`)).body;
    expect(n.nodes[0]).toEqual({ asn: 1299, reached: 'center', depth: 0, hasAutNum: true });
    expect(n.nodes.map((x: { asn: number }) => x.asn).sort((p: number, q: number) => p - q)).toEqual([174, 1299, 6939]);
    expect(n.edges).toContainEqual({ a: 1299, b: 6939, relation: 'p2c' });
    const c = (await getJson(`${s.url}/api/explore?asn=3257&afi=ipv6&mode=customers&max=100`)).body;
    expect(c.total).toBeGreaterThan(100);
    expect(c.nodes).toHaveLength(100);
    expect(c.truncated).toBe(true);
    expect((await getJson(`${s.url}/api/explore?asn=3257&mode=everything`)).status).toBe(400);
  });

  it('/api/health says what is loaded', async () => {
    const h = (await getJson(`${s.url}/api/health`)).body;
    expect(h).toMatchObject({ ok: true, data: 'bundled', live: false });
    expect(h.queue.slots).toBeGreaterThanOrEqual(1);
  });
});

describe('asrel serve (the command)', () => {
  it('listens on 127.0.0.1 by default, answers, and stops on SIGTERM', { timeout: 30_000 }, async () => {
    const child = spawn(process.execPath, ['bin/asrel.js', 'serve', '--port', '0', '--data', s.dataDir], {
      env: { ...process.env, XDG_CACHE_HOME: '/nonexistent-asrel-test-cache', ASREL_SERVER: '127.0.0.1:9' },
    });
    try {
      let err = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (d) => {
          err += d;
          const m = /listening on (http:\/\/[^/\s]+)\//.exec(err);
          if (m) resolve(m[1]!);
        });
        child.on('exit', () => reject(new Error(`serve exited: ${err}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(err).toContain('offline: no whois queries');
      expect((await getJson(`${url}/api/path?a=6939&b=174&afi=ipv4`)).body.path).toEqual([6939, 1299, 174]);
      child.kill('SIGTERM');
      expect(await new Promise((r) => child.on('exit', (code) => r(code)))).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses a bad port as a usage error', () => {
    const r = asrel(['serve', '--port', '70000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--port 70000 is not a TCP port');
    const both = asrel(['serve', '--live', '--offline']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--live and --offline contradict each other');
  });
});
