// Faults a user meets without root, part two: cut downloads, over-long lines, set expansion caps
// and slow or wrong servers (terminals, outputs and stores: faults.test.ts). The objects are the
// bundled HE/Cogent/Telia RECONSTRUCTION (data/README.md), with made-up hostile bytes added
// where a test says so (synthetic).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll } from 'vitest';
import { asrel, asrelAsync } from './run.js';
import { DN42, realImport, realStore, tmp } from './faults-helpers.js';

describe('cut downloads (#20.4)', () => {
  // The real DN42 registry (data/README.md), plain and gzip; the server sends 60 % of the body
  // under the whole body's Content-Length, then closes or resets the connection.
  const plain = readFileSync(DN42);
  const gz = gzipSync(plain);
  let server: Server;
  let base = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      const body = req.url!.includes('gz') ? gz : plain;
      res.writeHead(200, { 'content-length': body.length });
      res.write(body.subarray(0, Math.floor(body.length * 0.6)), () => {
        if (req.url!.includes('reset')) res.socket!.resetAndDestroy();
        else res.socket!.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => {
    server.close();
  });

  /** The objects whole among the first `bytes` of the plain dump, imported from a file. */
  function wholeObjects(bytes: number): number {
    const prefix = plain.subarray(0, bytes).toString('latin1');
    const dir = tmp();
    writeFileSync(join(dir, 'whole.db'), prefix.slice(0, prefix.lastIndexOf('\n\n') + 1), 'latin1');
    const r = asrel(['check', '--data', realImport(join(dir, 'whole.db')), '--json']);
    return (JSON.parse(r.stdout) as { objects: number }).objects;
  }

  it.each(['short', 'reset', 'short.gz', 'reset.gz'])('%s: exit 1 with one line; the whole objects are stored, the cut one is not', async (name) => {
    const data = join(tmp(), 'store');
    const r = await asrelAsync(['import', `${base}/${name}`, '--data', data]);
    expect(r.code).toBe(1);
    const m = /^asrel: http:\S+: the download broke off after (\d+) of \d+ bytes: [^;]+; (\d+) objects stored, the store is consistent\n[^\n]+\n$/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const check = JSON.parse(asrel(['check', '--data', data, '--json']).stdout) as { ok: boolean; objects: number };
    expect(check.ok).toBe(true);
    expect(check.objects).toBe(Number(m![2]));
    // Plain text: exactly the objects whole in the bytes that came (gzip stops a little earlier, at its last whole block).
    if (!name.endsWith('.gz')) expect(check.objects).toBe(wholeObjects(Number(m![1])));
    else expect(check.objects).toBeGreaterThan(0);
  });
});

describe('one line-length limit on every input path (#20.3)', () => {
  // The real AS215778 objects around a synthetic aut-num AS64500 whose remarks line is 300,000
  // characters, read with --max-line 64K: that object is skipped with a warning, the rest stored.
  const dir = tmp();
  const text = `${readFileSync('data/real/AS215778.ripe.2024-11-01.rpsl', 'utf8')}\naut-num: AS64500\nremarks: ${'x'.repeat(300_000)}\nsource: TEST\n\n${readFileSync('data/real/AS215778_AS-LIKHNER.ripe.rpsl', 'utf8')}`;
  const longAt = text.split('\n').findIndex((l) => l.startsWith('remarks: xxx')) + 1;
  const file = join(dir, 'long.rpsl');
  writeFileSync(file, text);
  writeFileSync(join(dir, 'long.rpsl.gz'), gzipSync(text));
  const warning = (input: string) => `asrel: warning: ${input}:${longAt}: line ${longAt} is longer than the line limit (64 KiB, --max-line): the object aut-num AS64500 at line ${longAt - 1} skipped\n`;
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((_req, res) => res.end(text));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/long.rpsl`;
  });
  afterAll(() => {
    server.close();
  });

  it.each(['file', 'gzip', 'stdin', 'http'])('%s: the object with the long line is skipped with a warning; the rest is stored', async (how) => {
    const data = join(tmp(), 'store');
    const args = ['--data', data, '--max-line', '64K', '--date', '2024-11-01'];
    const r = how === 'file' ? asrel(['import', file, ...args])
      : how === 'gzip' ? asrel(['import', `${file}.gz`, ...args])
        : how === 'stdin' ? asrel(['import', '-', ...args], { input: text })
          : await asrelAsync(['import', url, ...args]);
    expect(r.code, r.stderr).toBe(0);
    const input = how === 'file' ? file : how === 'gzip' ? `${file}.gz` : how === 'stdin' ? '<stdin>' : url;
    expect(r.stderr).toBe(warning(input));
    expect(r.stdout).toContain('2 objects read, stored 1 aut-num, 1 as-set; 1 reader problem (lines not read as attributes, or objects skipped: asrel parse --stats ');
    expect(asrel(['show', 'AS64500', '--offline', '--data', data]).code).toBe(1);
    expect(asrel(['show', 'AS215778', '--offline', '--data', data]).code).toBe(0);
  });

  it.each(['file', 'gzip', 'stdin', 'file on worker threads'])('parse, %s: the object with the long line is skipped with the same warning; the rest is parsed', (how) => {
    const input = how === 'gzip' ? `${file}.gz` : how === 'stdin' ? '-' : file;
    const env: Record<string, string> = how === 'file on worker threads' ? { ASREL_PARSE_WORKERS: '2', ASREL_PARSE_POOL_BYTES: '0' } : { ASREL_PARSE_WORKERS: '0' };
    const r = asrel(['parse', '--stats', input, '--max-line', '64K'], { env, ...(how === 'stdin' ? { input: text } : {}) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('objects: 2 (1 with policy attributes)\n');
    expect(r.stdout).toContain(`\n${warning(input).replace(/^asrel: warning: (\S+): /, '$1: warning: ')}`);
    // Per object, in JSON: the reader's warning marks the skip; AS64500 is not among the objects.
    const j = JSON.parse(asrel(['parse', input, '--json', '--max-line', '64K'], { env, ...(how === 'stdin' ? { input: text } : {}) }).stdout) as { objects: { key: string }[]; summary: { objects: number }; readerDiagnostics: { line: number; skippedObject?: boolean }[] };
    expect(j.summary.objects).toBe(2);
    expect(j.objects.map((o) => o.key)).toEqual(['AS215778']);
    expect(j.readerDiagnostics).toMatchObject([{ line: longAt, skippedObject: true }]);
  });

  it('--input says it too, as a note, and answers from the rest', () => {
    const r = asrel(['neighbors', '215778', '--input', file, '--max-line', '64K']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`note: warning: ${file}:${longAt}: line ${longAt} is longer than the line limit`);
  });

  it('--max-line takes sizes and refuses nonsense', () => {
    expect(asrel(['import', file, '--max-line', 'lots', '--data', join(tmp(), 's')]).stderr).toMatch(/^asrel: --max-line "lots": give a size/);
  });
});

describe('set expansion caps are visible (#20.2)', () => {
  // Synthetic: AS64500 peers with AS-BIG (AS64501..AS64505); --max-set-members 3 cuts it.
  const CAP = 'test/fixtures/faults/as-set-cap.synthetic.rpsl';

  it('a capped expansion leaves a note naming the set and the cap; a relation past the cap is unknown', () => {
    const r = asrel(['rel', '64500', '64504', '--input', CAP, '--max-set-members', '3', '--afi', 'ipv4']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('note: as-set AS-BIG has more than 3 members (--max-set-members): expansion stopped there, and a relation with an AS past the cap is unknown');
    expect(r.stdout).toContain('ipv4: none — unknown in ipv4: a set expansion stopped at a limit first');
    expect(r.stdout).toContain("note: AS64500's side is unknown: its policy names a set holding AS64504");
    const json = JSON.parse(asrel(['rel', '64500', '64504', '--input', CAP, '--max-set-members', '3', '--afi', 'ipv4', '--json']).stdout);
    expect(json.afi.ipv4.unknown).toBe(true);
  });

  it('within the cap the member is found; without a cap note the answer is as before', () => {
    const within = asrel(['rel', '64500', '64502', '--input', CAP, '--max-set-members', '3', '--afi', 'ipv4']);
    expect(within.stdout).toMatch(/ipv4: s2s/);
    const whole = asrel(['rel', '64500', '64504', '--input', CAP, '--afi', 'ipv4']);
    expect(whole.stdout).toMatch(/ipv4: s2s/);
    expect(whole.stderr).not.toContain('--max-set-members');
  });

  it('--max-set-depth 1 stops at the first level of nesting, with a note', () => {
    const dir = tmp();
    const file = join(dir, 'nested.rpsl');
    writeFileSync(file, `${readFileSync(CAP, 'utf8')}\nas-set: AS-TOP\nmembers: AS-BIG\nsource: TEST\n\naut-num: AS64510\nimport: from AS-TOP accept ANY\nexport: to AS-TOP announce ANY\nsource: TEST\n`);
    const r = asrel(['rel', '64510', '64501', '--input', file, '--max-set-depth', '1', '--afi', 'ipv4']);
    expect(r.stderr).toContain('nested deeper than 1 levels below AS-TOP (--max-set-depth)');
    expect(r.stdout).toContain('unknown in ipv4');
  });

  it('the caps are checked as typed', () => {
    expect(asrel(['rel', '1', '2', '--input', CAP, '--max-set-members', '0']).stderr).toMatch(/^asrel: --max-set-members "0": give a whole number from 1/);
    expect(asrel(['rel', '1', '2', '--input', CAP, '--max-set-depth', 'deep']).code).toBe(2);
  });
});

// The tests of this block wait (on --timeout, on the client's retries) rather than work: they
// run side by side. The store they read is made before any of them starts.
describe.concurrent('slow and wrong servers (#20.10)', () => {
  // Two whois servers on 127.0.0.1: one sends a byte a second forever (never a whole answer),
  // the other answers like an HTTP proxy (`400 Bad Request`).
  const servers: TcpServer[] = [];
  const sockets = new Set<Socket>();
  let slow = '';
  let http = '';
  let real = '';
  const listen = async (onConnection: (s: Socket) => void): Promise<string> => {
    const srv = createTcpServer((sock) => {
      sockets.add(sock);
      sock.on('error', () => {});
      sock.on('close', () => sockets.delete(sock));
      onConnection(sock);
    });
    servers.push(srv);
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    return `127.0.0.1:${(srv.address() as { port: number }).port}`;
  };
  beforeAll(async () => {
    slow = await listen((sock) => {
      const t = setInterval(() => (sock.destroyed ? clearInterval(t) : sock.write('A')), 1000);
      sock.on('close', () => clearInterval(t));
    });
    http = await listen((sock) => sock.once('data', () => sock.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\n\r\n<html>bad</html>\r\n')));
    real = realStore(tmp());
  });
  afterAll(() => {
    for (const s of sockets) s.destroy();
    for (const s of servers) s.close();
  });

  it('a question stops at --timeout and answers from what it has, with a note', async ({ expect }) => {
    // An empty store folder: the bundled snapshot answers after the failed lookups.
    const r = await asrelAsync(['rel', '3257', '174', '--server', slow, '--timeout', '2', '--data', tmp()]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: live lookup failed \(127\.0\.0\.1:\d+: query '[^']+': no answer within the overall --timeout of 2 s: stopped\); answering from the store/);
    expect(r.stdout).toContain('AS3257 – AS174');
  });

  it('show stops at --timeout and says it printed the bundled copy', async ({ expect }) => {
    const r = await asrelAsync(['show', 'AS3257', '--server', slow, '--timeout', '2', '--data', join(tmp(), 'store')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^% aut-num AS3257, source RIPE, from the bundled snapshot/);
    expect(r.stderr).toContain('this is the bundled copy that answers quote; the live fetch failed (');
    expect(r.stderr).toContain('no answer within the overall --timeout of 2 s');
  });

  it('fetch stops at its --timeout with a clear line', async ({ expect }) => {
    const r = await asrelAsync(['fetch', 'AS3257', '--server', slow, '--timeout', '2', '--data', join(tmp(), 'store')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('asrel: stopped at the --timeout of 2 s: the objects fetched before it are stored');
  });

  it('import of a URL that trickles stops at --timeout, keeping the whole objects that came', async ({ expect }) => {
    const trickle = createServer((_req, res) => {
      res.writeHead(200, { 'content-length': 100_000 });
      res.write('aut-num: AS64500\nsource: TEST\n\naut-num: AS64501\n');
      const t = setInterval(() => res.write('x'), 300);
      res.on('close', () => clearInterval(t));
    });
    await new Promise<void>((r) => trickle.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(trickle.address() as { port: number }).port}/dump.db`;
      const r = await asrelAsync(['import', url, '--timeout', '2', '--data', join(tmp(), 'store')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/the download broke off after \d+ of 100000 bytes: no end within the --timeout of 2 s; 1 objects stored, the store is consistent/);
    } finally {
      trickle.closeAllConnections();
      trickle.close();
    }
  });

  it('a server answering HTTP leaves a note per failed lookup; show says why it has nothing', async ({ expect }) => {
    const data = real;
    const q = await asrelAsync(['rel', '3257', '12', '--server', http, '--data', data]);
    expect(q.code).toBe(0);
    expect(q.stderr).toMatch(/note: live lookup of aut-num AS\d+ failed \(.*got 'HTTP\/1\.1 400 Bad Request'/);
    // Not in the store: the failed live fetch is the answer, in one line.
    const show = await asrelAsync(['show', 'AS174', '--server', http, '--data', data]);
    expect(show.code).toBe(1);
    expect(show.stderr).toMatch(/^asrel: cannot show aut-num AS174: .*400 Bad Request.*\n[^\n]+\n$/);
  });
});


describe('--input from a pipe', () => {
  it('reads a named pipe (`--input <(zcat dump.gz)` names /dev/fd/N) and refuses a folder in words', async () => {
    const { execFile } = await import('node:child_process');
    const { BUILT_CLI } = await import('../built.js');
    const file = 'data/reconstructed/he-cogent-telia-2013.rpsl';
    const r = await new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile('bash', ['-c', `"${process.execPath}" "${BUILT_CLI}" rel 6939 1299 --afi ipv6 --input <(cat ${file})`],
        { env: { ...process.env, XDG_CACHE_HOME: '/nonexistent-asrel-test-cache' }, timeout: 20_000 },
        (err, stdout, stderr) => done({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('ipv6: p2p — AS6939 and AS1299 are peers');
    // Named whole, and dated as read (a pipe has no date of its own).
    expect(r.stderr).toMatch(/^note: data: \/dev\/fd\/\d+: 3 objects \(3 aut-num\), 3 used; dated \d{4}-\d{2}-\d{2} \(now\)$/m);
    const dir = asrel(['rel', '1', '2', '--input', 'data/real']);
    expect(dir.code).toBe(2);
    expect(dir.stderr).toMatch(/^asrel: --input data\/real is a folder$/m);
  });
});
