// Faults a user meets without root: hostile bytes in registry text, a full or closed output,
// damaged, read-only and full stores (cut downloads, over-long lines, set caps and slow servers:
// faults-input.test.ts). The objects are the
// bundled HE/Cogent/Telia RECONSTRUCTION (data/README.md), with made-up hostile bytes added
// where a test says so (synthetic).
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { chmodSync, closeSync, copyFileSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asrel } from './run.js';
import { BUILT_CLI } from '../built.js';

import { RAW, DN42, ENV, REAL, RECON, asrelTo, asrelUnprivileged, hostileFile, realStore, storeCopy, tmp } from './faults-helpers.js';

// The real AS3257 store, imported once (a second of work); the tests that damage a store or
// make one read-only each take their own copy.
const as3257 = realStore(tmp());
// The reconstruction with hostile bytes, imported once: the tests below only read it.
const hostileDir = tmp();
const hostileStore = join(hostileDir, 'store');
expect(asrel(['import', hostileFile(hostileDir), '--data', hostileStore]).code).toBe(0);

describe('nothing raw reaches a terminal (#20.5)', () => {
  const dir = tmp();
  const data = hostileStore;

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
  const data = hostileStore;

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
  const data = storeCopy(as3257, dir);
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
    expect(r.code, r.stderr).toBe(2);
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
    const good = asrel(['check', '--data', storeCopy(as3257, tmp())]);
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
  const data = storeCopy(as3257, dir);
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

