// Faults a user meets without root: hostile bytes in registry text, a full or closed output,
// damaged, read-only and full stores, over-long lines and cut downloads. The objects are the
// bundled HE/Cogent/Telia RECONSTRUCTION (data/README.md), with made-up hostile bytes added
// where a test says so (synthetic).
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { chmodSync, closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll } from 'vitest';
import { asrel, asrelAsync } from './run.js';
import { BUILT_CLI } from '../built.js';

const RECON = 'data/reconstructed/he-cogent-telia-2013.rpsl';
const REAL = 'data/real/AS3257.ripe.2023-07-21.rpsl';
const DN42 = 'data/real/dn42-registry-2023-10-22.db';
const ENV = { XDG_CACHE_HOME: '/nonexistent-asrel-test-cache', ASREL_SERVER: '127.0.0.1:9' };

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'asrel-faults-'));
}

/** The reconstruction with an OSC title change, a clear-screen and a bidi override on its remarks (synthetic). */
function hostileFile(dir: string): string {
  const file = join(dir, 'evil.rpsl');
  writeFileSync(file, readFileSync(RECON, 'utf8').replace(/^(remarks:.*)$/gm, '$1\u001b]0;pwned\u0007\u001b[2J\u202e\u009b'));
  return file;
}

/**
 * Runs the CLI as a user without write permission on read-only files: as root (which writes
 * anything) the run is switched to the unprivileged uid 65534.
 */
function asrelUnprivileged(args: string[], env: Record<string, string> = {}) {
  const id = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  // The suite's own build (test/built.ts): a working copy need not have a dist/.
  const r = spawnSync(process.execPath, [BUILT_CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...ENV, ...env }, ...id });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A store of the real AS3257 sample (data/real/README.md), built by `asrel import`. */
function realStore(dir: string): string {
  const data = join(dir, 'store');
  expect(asrel(['import', REAL, '--data', data]).code).toBe(0);
  return data;
}

/** A new store holding `file`, imported. */
function realImport(file: string): string {
  const data = join(tmp(), 'store');
  const r = asrel(['import', file, '--data', data, '--date', '2023-10-22']);
  expect(r.code, r.stderr).toBe(0);
  return data;
}

/** Runs the CLI with its standard output on `fd` (e.g. /dev/full). */
function asrelTo(fd: number, args: string[]) {
  const r = spawnSync(process.execPath, [BUILT_CLI, ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env: { ...process.env, ...ENV } });
  return { code: r.status ?? -1, stderr: r.stderr };
}

// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('nothing raw reaches a terminal (#20.5)', () => {
  const dir = tmp();
  const file = hostileFile(dir);
  const data = join(dir, 'store');
  expect(asrel(['import', file, '--data', data]).code).toBe(0);

  it('show prints registry text with ESC, C1 and bidi characters as visible escapes', () => {
    const r = asrel(['show', 'AS6939', '--offline', '--data', data]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout).toContain('\\x1b]0;pwned\\x07\\x1b[2J\\u202e\\x9b');
  });

  it('show --json keeps the original text, JSON-escaped', () => {
    const r = asrel(['show', 'AS6939', '--offline', '--data', data, '--json']);
    expect(r.stdout).not.toMatch(RAW);
    const text = JSON.parse(r.stdout)[0].text as string;
    expect(text).toContain('\u001b]0;pwned\u0007\u001b[2J\u202e\u009b');
  });

  it('parse prints raw lines and diagnostics escaped; an error quoting a file name too', () => {
    const bad = join(dir, 'bad\u001b[31m.rpsl');
    writeFileSync(bad, 'aut-num: AS1\nimport: from AS2 accept \u001b[2J{\n\n');
    const r = asrel(['parse', bad]);
    expect(r.stdout + r.stderr).not.toMatch(RAW);
    expect(r.stdout).toContain('\\x1b[');
    const missing = asrel(['rel', '1', '2', '--input', join(dir, 'gone\u001b]0;x\u0007.rpsl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).not.toMatch(RAW);
    expect(missing.stderr).toContain('\\x1b]0;x\\x07');
  });
});

describe('output errors (#20.9)', () => {
  const dir = tmp();
  const file = hostileFile(dir);
  const data = join(dir, 'store');
  expect(asrel(['import', file, '--data', data]).code).toBe(0);

  it.each([
    ['export', ['export', '--input', RECON]],
    ['why-unreachable', ['why-unreachable', '6939', '174', '--afi', 'ipv6', '--input', RECON]],
    ['dark-spots', ['dark-spots', '--input', RECON]],
    ['show', ['show', 'AS6939', '--offline', '--data', data]],
  ])('%s > /dev/full: exit 1, one line, no stack', (_name, args) => {
    const fd = openSync('/dev/full', 'w');
    try {
      const r = asrelTo(fd, args);
      expect(r.code).toBe(1);
      const errors = r.stderr.split('\n').filter((l) => l && !l.startsWith('note: '));
      expect(errors).toEqual(['asrel: cannot write the output: no space left on device (ENOSPC)']);
    } finally {
      closeSync(fd);
    }
  });

  it('a closed pipe (| head -1) is silent with exit 0', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; node ${JSON.stringify(BUILT_CLI)} parse ${REAL} | head -1 >/dev/null`], { encoding: 'utf8', env: { ...process.env, ...ENV } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('damaged stores (#20.6)', () => {
  const dir = tmp();
  const data = realStore(dir);
  const file = join(data, 'asrel.sqlite');
  const size = readFileSync(file).length;
  // Byte overwrites over a quarter of the pages after the first (synthetic damage, fixed seed):
  // enough that each command below reads a damaged page, whatever the tables' layout.
  const bytes = readFileSync(file);
  let seed = 7;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  const pages = size / 4096;
  for (let k = 0; k < pages / 4; k++) {
    const page = 1 + rand(pages - 1);
    for (let i = 0; i < 40; i++) bytes[page * 4096 + rand(4096)] = rand(256);
  }
  writeFileSync(file, bytes);

  it.each([
    ['rel', ['rel', '3257', '174', '--offline']],
    ['neighbors', ['neighbors', '3257', '--offline']],
    ['export', ['export', '--offline']],
    ['show', ['show', 'AS3257', '--offline']],
  ])('%s on a damaged store: exit 2, one line naming the file and what to do', (_name, args) => {
    const r = asrel([...args, '--data', data]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('    at ');
    // The answer's `note:` lines may come first: the damage is met where it is read.
    expect(r.stderr).toMatch(new RegExp(`^(note: .*\n)*asrel: store ${file.replace(/[.]/g, '\\.')} is damaged \\(.+\\)\n.*asrel check --data .*mv .*\n$`));
  });

  it('import refuses a damaged store and leaves it as it was', () => {
    const r = asrel(['import', RECON, '--data', data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`store ${file} is damaged`);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('asrel check reports what quick_check finds (exit 2), and ok on a sound store (exit 0)', () => {
    const bad = asrel(['check', '--data', data]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toMatch(/damaged; SQLite quick_check says:\n {2}\S/);
    const good = asrel(['check', '--data', realStore(tmp())]);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/asrel\.sqlite: ok \(SQLite quick_check\); \d+ objects, \d+ aut-num\nlinks: [\d,]+ kept decided, current\n$/);
  });

  it('a file that is not a database is damaged too', () => {
    const d = join(tmp(), 'junk');
    mkdirSync(d);
    writeFileSync(join(d, 'asrel.sqlite'), Buffer.alloc(8192, 0x41));
    const r = asrel(['rel', '1', '2', '--offline', '--data', d]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is damaged');
  });
});

describe('read-only stores (#20.8)', () => {
  // A store in a folder nobody may write, its file read-only too (the run is unprivileged).
  const dir = tmp();
  chmodSync(dir, 0o755);
  const data = realStore(dir);
  const file = join(data, 'asrel.sqlite');
  chmodSync(file, 0o444);
  chmodSync(data, 0o555);

  it('serves the read commands', () => {
    // AS12 is a neighbour AS3257's object names (AS174 is in no object of this store: no data).
    const rel = asrelUnprivileged(['rel', '3257', '12', '--offline', '--data', data]);
    expect(rel.stderr).toBe('note: data: dump AS3257.ripe.2023-07-21.rpsl (dated 2023-07-21) for AS3257\n');
    expect(rel.code).toBe(0);
    expect(rel.stdout).toContain('AS3257');
    const show = asrelUnprivileged(['show', 'AS3257', '--data', data]);
    expect(show.code).toBe(0);
    expect(show.stdout).toMatch(/^% aut-num AS3257, source RIPE/);
    expect(show.stderr).toContain('is read-only: showing what it holds without fetching');
    const check = asrelUnprivileged(['check', '--data', data]);
    expect(check.stdout).toContain('ok (SQLite quick_check, opened read-only)');
  });

  it('a question that would fetch answers from the store with a note', () => {
    const r = asrelUnprivileged(['rel', '3257', '12', '--data', data]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`the store (${file}) is read-only: answering from it without fetching`);
  });

  it.each([
    ['import', ['import', RECON]],
    ['fetch', ['fetch', 'AS3257']],
  ])('%s says the store is read-only', (_name, args) => {
    const r = asrelUnprivileged([...args, '--data', data]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`asrel: store ${file} is read-only`);
  });
});

describe('a read-only store with a -wal beside it (#20.8)', () => {
  // An unclean copy: the reconstruction's store, then AS3257's dump imported while another
  // connection held a read snapshot (so its pages stay in the -wal), copied without the -shm
  // into a folder nobody may write (the run is unprivileged; as root it is uid 65534).
  const dir = tmp();
  chmodSync(dir, 0o755);
  const live = join(dir, 'live');
  expect(asrel(['import', RECON, '--data', live]).code).toBe(0);
  const reader = new Database(join(live, 'asrel.sqlite'), { readonly: true });
  reader.exec('BEGIN');
  reader.prepare('SELECT count(*) FROM sqlite_master').get();
  expect(asrel(['import', REAL, '--data', live]).code).toBe(0);
  const data = join(dir, 'copy');
  mkdirSync(data);
  for (const f of ['asrel.sqlite', 'asrel.sqlite-wal']) copyFileSync(join(live, f), join(data, f));
  reader.exec('COMMIT');
  reader.close();
  const file = join(data, 'asrel.sqlite');
  chmodSync(file, 0o444);
  chmodSync(data, 0o555);
  const tmpEntries = () => readdirSync(tmpdir()).filter((f) => f.startsWith('asrel-wal-')).sort();

  it('the writes the -wal holds are read (from a temporary copy, removed at once); the store is untouched', () => {
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    const before = tmpEntries();
    const rel = asrelUnprivileged(['rel', '3257', '12', '--offline', '--data', data]);
    expect(rel.stderr).toBe('note: data: dump AS3257.ripe.2023-07-21.rpsl (dated 2023-07-21) for AS3257\n');
    expect(rel.code).toBe(0);
    const show = asrelUnprivileged(['show', 'AS3257', '--offline', '--data', data]);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toMatch(/^% aut-num AS3257, source RIPE/);
    expect(asrelUnprivileged(['check', '--data', data]).stdout).toContain('ok (SQLite quick_check, opened read-only); 4 objects, 4 aut-num');
    expect(tmpEntries()).toEqual(before);
    expect(readdirSync(data).sort()).toEqual(['asrel.sqlite', 'asrel.sqlite-wal']);
  });

  it('too large to copy: opened immutable, and the answer says its writes are not seen', () => {
    const env = { ASREL_WAL_COPY_MAX: '1000' };
    const note = `note: the store ${file} has a write-ahead log (${file}-wal, `;
    const rel = asrelUnprivileged(['rel', '1299', '174', '--offline', '--data', data, '--json'], env);
    expect(rel.code, rel.stderr).toBe(0);
    expect(rel.stderr).toContain(note);
    expect(rel.stderr).toContain('that is not read, so the last writes may be missing from this answer: its folder is read-only and copying it and the store');
    // In the JSON answer too, among the notes on the data.
    expect((JSON.parse(rel.stdout) as { data: string[] }).data.some((n) => n.includes('write-ahead log'))).toBe(true);
    const show = asrelUnprivileged(['show', 'AS3257', '--offline', '--data', data], env);
    expect(show.code).toBe(1);
    expect(show.stderr.startsWith(note)).toBe(true);
    // -q drops the note, as every note.
    expect(asrelUnprivileged(['rel', '1299', '174', '--offline', '--data', data, '-q'], env).stderr).toBe('');
  });
});

describe('a full disk during import (#20.7)', () => {
  it('exit 1, "disk full after N objects stored; the store is consistent", and the N objects are there', () => {
    // A cap on the store's pages (ASREL_STORE_MAX_PAGES, SQLite max_page_count) fills the "disk"
    // in the second file: the first file's objects are committed, the rest is not.
    const data = join(tmp(), 'store');
    const r = asrel(['import', REAL, DN42, '--data', data], { env: { ASREL_STORE_MAX_PAGES: '500' } });
    expect(r.code).toBe(1);
    const m = /^asrel: disk full after (\d+) objects stored; the store is consistent \(.*asrel\.sqlite\)\n[^\n]+\n$/.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const check = asrel(['check', '--data', data, '--json']);
    expect(check.code).toBe(0);
    const report = JSON.parse(check.stdout) as { ok: boolean; objects: number };
    expect(report.ok).toBe(true);
    expect(report.objects).toBe(Number(m![1]));
    expect(report.objects).toBeGreaterThan(0);
  });
});

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
    expect(r.stdout).toContain('2 objects read, stored 1 aut-num, 1 as-set; 1 reader warnings');
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

describe('slow and wrong servers (#20.10)', () => {
  // Two whois servers on 127.0.0.1: one sends a byte a second forever (never a whole answer),
  // the other answers like an HTTP proxy (`400 Bad Request`).
  const servers: TcpServer[] = [];
  const sockets = new Set<Socket>();
  let slow = '';
  let http = '';
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
  });
  afterAll(() => {
    for (const s of sockets) s.destroy();
    for (const s of servers) s.close();
  });

  it('a question stops at --timeout and answers from what it has, with a note', async () => {
    // An empty store folder: the bundled snapshot answers after the failed lookups.
    const r = await asrelAsync(['rel', '3257', '174', '--server', slow, '--timeout', '2', '--data', tmp()]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/note: live lookup failed \(127\.0\.0\.1:\d+: query '[^']+': no answer within the overall --timeout of 2 s: stopped\); answering from the store/);
    expect(r.stdout).toContain('AS3257 – AS174');
  });

  it('show stops at --timeout and says it printed the bundled copy', async () => {
    const r = await asrelAsync(['show', 'AS3257', '--server', slow, '--timeout', '2', '--data', join(tmp(), 'store')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^% aut-num AS3257, source RIPE, from the bundled snapshot/);
    expect(r.stderr).toContain('this is the bundled copy that answers quote; the live fetch failed (');
    expect(r.stderr).toContain('no answer within the overall --timeout of 2 s');
  });

  it('fetch stops at its --timeout with a clear line', async () => {
    const r = await asrelAsync(['fetch', 'AS3257', '--server', slow, '--timeout', '2', '--data', join(tmp(), 'store')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('asrel: stopped at the --timeout of 2 s: the objects fetched before it are stored');
  });

  it('import of a URL that trickles stops at --timeout, keeping the whole objects that came', async () => {
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

  it('a server answering HTTP leaves a note per failed lookup; show says why it has nothing', async () => {
    const data = realStore(tmp());
    const q = await asrelAsync(['rel', '3257', '12', '--server', http, '--data', data]);
    expect(q.code).toBe(0);
    expect(q.stderr).toMatch(/note: live lookup of aut-num AS\d+ failed \(.*got 'HTTP\/1\.1 400 Bad Request'/);
    // Not in the store: the failed live fetch is the answer, in one line.
    const show = await asrelAsync(['show', 'AS174', '--server', http, '--data', data]);
    expect(show.code).toBe(1);
    expect(show.stderr).toMatch(/^asrel: cannot show aut-num AS174: .*400 Bad Request.*\n[^\n]+\n$/);
  });
});
