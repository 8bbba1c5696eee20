// The SQLite store: what it refuses to open (with one line and a hint), two writers at once,
// and a kill -9 in the middle of an import. Objects: the real DN42 registry (data/README.md).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { Store, StoreError, STORE_FILE } from '../../src/store/store.js';
import { asrel, asrelAsync } from '../cli/run.js';
import { BUILT_CLI, BUILT_LIBRARY } from '../built.js';

const DN42 = 'data/real/dn42-registry-2023-10-22.db';
const dir = mkdtempSync(join(tmpdir(), 'asrel-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Waits (at most 20 s) until an import into `d` has committed some objects. */
async function committed(d: string): Promise<void> {
  const started = Date.now();
  while (Date.now() - started < 20_000) {
    await new Promise((r) => setTimeout(r, 50));
    try {
      const db = new Database(join(d, STORE_FILE), { readonly: true, timeout: 1000 });
      const n = (db.prepare('SELECT count(*) AS n FROM objects').get() as { n: number }).n;
      db.close();
      if (n > 0) return;
    } catch {
      // not created yet
    }
  }
}

function folder(name: string): string {
  const d = join(dir, name);
  mkdirSync(d, { recursive: true });
  return d;
}

describe('opening a store', () => {
  it('refuses a folder of the old one-file-per-object layout, with a hint', () => {
    const d = folder('old');
    mkdirSync(join(d, 'objects', 'aut-num'), { recursive: true });
    expect(() => Store.open(d)).toThrow(/old layout/);
    const r = asrel(['rel', '1', '2', '--data', d, '--offline']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^asrel: store .*old layout.*\nMove it away/);
  });

  it('refuses a damaged database and another program\'s SQLite file', () => {
    const damaged = folder('damaged');
    writeFileSync(join(damaged, STORE_FILE), 'this is not a database, just some text that is long enough to be read as a header'.repeat(100));
    expect(() => Store.open(damaged)).toThrow(StoreError);
    const r = asrel(['export', '--data', damaged]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/is damaged|not a database/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace

    const foreign = folder('foreign');
    const db = new Database(join(foreign, STORE_FILE));
    db.exec('CREATE TABLE t (x)');
    db.close();
    expect(() => Store.open(foreign)).toThrow(/not an asrel store/);
  });

  it('refuses a store of another schema version', () => {
    const d = folder('version');
    Store.open(d).close();
    const db = new Database(join(d, STORE_FILE));
    db.prepare("UPDATE meta SET value = '999' WHERE key = 'schema_version'").run();
    db.close();
    expect(() => Store.open(d)).toThrow(/schema version 999/);
  });

  it('refuses a --data that is a file', () => {
    const f = join(dir, 'a-file');
    writeFileSync(f, 'x');
    const r = asrel(['import', DN42, '--data', f]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a folder');
  });
});

describe('writers', () => {
  it('two imports into one store at once both complete', async () => {
    const d = folder('two');
    const [x, y] = await Promise.all([asrelAsync(['import', DN42, '--data', d]), asrelAsync(['import', DN42, '--data', d, '--source', 'X'])]);
    expect(x.code, x.stderr).toBe(0);
    expect(y.code, y.stderr).toBe(0);
    const s = Store.open(d);
    expect(s.counts().autNums).toBe(2981);
    s.close();
  }, 60_000);

  it('eight connections creating one store at once all open it, 30 times over', async () => {
    // Worker threads of the built library (as the CLI tests use), released together on a new
    // folder each round: each opens the store and writes an empty transaction. Before the
    // store read its id and tables in one snapshot and created them under the write lock,
    // about one opening in 20 to 40 failed ("not an asrel store", "database is locked").
    // The eight workers load the library once and serve every round: loading it 240 times
    // took most of a minute on a busy 2-core machine, and ran into the test's timeout.
    const code = `
      const { workerData, parentPort } = require('node:worker_threads');
      (async () => {
        const { Store } = await import(workerData.lib);
        const ready = new Int32Array(workerData.sab);
        parentPort.on('message', ({ dir, round }) => {
          // A barrier per round: slot 0 counts arrivals; all wait until the count reaches n × (round + 1).
          Atomics.add(ready, 0, 1);
          while (Atomics.load(ready, 0) < workerData.n * (round + 1)) {}
          try {
            const s = Store.open(dir);
            s.transaction(() => {});
            s.close();
            parentPort.postMessage('ok');
          } catch (e) {
            parentPort.postMessage(String(e.message));
          }
        });
        parentPort.postMessage('loaded');
      })();`;
    const n = 8;
    const sab = new SharedArrayBuffer(4);
    const workers = Array.from({ length: n }, () => new Worker(code, { eval: true, workerData: { lib: BUILT_LIBRARY, sab, n } }));
    const next = () => Promise.all(workers.map((w) => new Promise<string>((r) => w.once('message', r))));
    const failures: string[] = [];
    try {
      await next();
      for (let round = 0; round < 30; round++) {
        const d = folder(`together-${round}`);
        const answers = next();
        for (const w of workers) w.postMessage({ dir: d, round });
        failures.push(...(await answers).filter((a) => a !== 'ok'));
      }
    } finally {
      await Promise.all(workers.map((w) => w.terminate()));
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it('kill -9 during an import loses at most the open transaction and leaves no stray files', async () => {
    const d = folder('killed');
    const child = spawn(process.execPath, [BUILT_CLI, 'import', DN42, DN42, DN42, '--data', d], { stdio: 'ignore' });
    // Kill once the database has some committed objects (or after a bound).
    await committed(d);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const s = Store.open(d);
    expect((s.db.pragma('integrity_check', { simple: true }))).toBe('ok');
    // The first import's rule indexes, owed when it was killed, are built by the next writer.
    expect(s.db.prepare("SELECT value FROM meta WHERE key = 'rule-indexes'").get()).toBeUndefined();
    expect(s.db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name IN ('rules_object', 'rules_owner', 'rules_peer')").get()).toEqual({ n: 3 });
    const { objects } = s.counts();
    // Whole transactions only: batches of 2000 objects.
    expect(objects % 2000 === 0 || objects === 3075).toBe(true);
    s.close();
    expect(readdirSync(d).filter((f) => !/^asrel\.sqlite(-wal|-shm)?$/.test(f))).toEqual([]);
  }, 60_000);
});

describe('what the old file store could not take', () => {
  it('an object with a 300-character name is stored like any other', () => {
    const d = folder('long-name');
    const name = `AS-${'X'.repeat(297)}`;
    // A made-up as-set with a real DN42 member, to test key length only.
    const file = join(dir, 'long-name.rpsl');
    writeFileSync(file, `as-set: ${name}\nmembers: AS4242423182\nsource: TEST\n\naut-num: AS64500\nimport: from ${name} accept ANY\nsource: TEST\n`);
    const r = asrel(['import', file, '--data', d]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('2 objects read, stored 1 as-set, 1 aut-num');
    const s = Store.open(d);
    expect(s.set('as-set', name)?.object.key).toBe(name);
    s.close();
  });

  it('Ctrl-C during an import: what was committed stays, a line says so, exit 130', async () => {
    const d = folder('sigint');
    const child = spawn(process.execPath, [BUILT_CLI, 'import', DN42, DN42, DN42, DN42, '--data', d], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    await committed(d);
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    // It may also have finished before the signal arrived.
    if (code !== 0) {
      expect(code).toBe(130);
      expect(stderr).toContain('interrupted: the objects listed above are stored');
    }
    const s = Store.open(d);
    expect(s.counts().objects).toBeGreaterThan(0);
    expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
    s.close();
    expect(readdirSync(d).filter((f) => !/^asrel\.sqlite(-wal|-shm)?$/.test(f))).toEqual([]);
  }, 60_000);
});

describe('reading one attribute back (evidence text)', async () => {
  const { storeFromFiles } = await import('../../src/analysis/open-data.js');
  const fixtures = join(__dirname, '../fixtures');
  it('gives exactly the attribute the whole object gives, for every attribute of real objects', async () => {
    // Real registry objects (provenance lines in the fixtures), with continuation and comment lines.
    const { store } = await storeFromFiles([join(fixtures, 'infer/AS3257.ripe.2023-07-21.rpsl'), join(fixtures, 'policy/AS3255.ripe.irrd-sample-2018.rpsl'), join(fixtures, 'policy/AS6774.issue-12-quote.rpsl')]);
    const ids = store.db.prepare('SELECT id FROM objects').pluck().all() as number[];
    let checked = 0;
    for (const id of ids) {
      const attrs = store.objectById(id)!.attributes;
      for (const a of attrs) {
        expect(readOne(store, id, a.line)).toEqual(a);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(9000);
    store.close();
  });
  it('handles continuation, comment and stray lines as the reader does (made-up object)', () => {
    const store = Store.memory();
    const text = [
      'aut-num: AS64500',
      'import: from AS64501',
      '+ accept ANY # a comment',
      '# a comment line',
      '\taction pref=10;',
      'export: to AS64501 announce AS64500',
      'not an attribute line',
      ' continued after a stray line',
      'mp-import: afi ipv6 from AS64502 accept ANY',
      'source: TEST',
    ].join('\n');
    store.db.prepare(`INSERT INTO objects (class, key, source, asn, kind, origin, date, first_line, text, active) VALUES ('aut-num', 'AS64500', 'TEST', 64500, 'dump', 'made-up', '2026-11-26', 41, ?, 1)`).run(text);
    const id = store.db.prepare('SELECT id FROM objects').pluck().get() as number;
    const lines = [41, 42, 46, 49, 50, 43, 47, 99];
    const want = lines.map((l) => store.objectById(id)!.attributes.find((a) => a.line === l));
    const fresh = lines.map((l) => readOne(store, id, l));
    expect(fresh).toEqual(want);
    expect(fresh[1]!.value).toBe('from AS64501 accept ANY action pref=10;');
    expect(fresh[2]!.value).toBe('to AS64501 announce AS64500 continued after a stray line');
    store.close();
  });
});

/** attributeAt with the whole-object cache out of the way, so the line reader answers. */
function readOne(store: Store, id: number, line: number) {
  (store as unknown as { parsed: Map<number, unknown> }).parsed.clear();
  return store.attributeAt(id, line);
}
