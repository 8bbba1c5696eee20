import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiskStore } from '../../src/store/disk-store.js';
import { MemoryIndex } from '../../src/store/memory-index.js';
import { readObjects } from '../../src/rpsl/read.js';
import { fixture } from '../irr/fake-server.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asrel-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const [autNum] = readObjects(fixture('irr-access/AS215778.rpsl')).objects;
const [asSet] = readObjects(fixture('irr-access/AS215778_AS-LIKHNER.rpsl')).objects;

describe('DiskStore', () => {
  it('keeps objects as RPSL text with source and fetch time, one file each', async () => {
    const store = new DiskStore(dir);
    await store.put(autNum, { kind: 'live', from: 'whois.example:43', date: '2025-01-02T03:04:05.000Z' });
    await store.put(asSet, { kind: 'dump', from: 'ripe.db.gz', date: '2025-01-01T00:00:00.000Z' });
    const file = join(dir, 'objects', 'aut-num', 'AS215778@RIPE.rpsl');
    const content = await readFile(file, 'utf8');
    expect(content.split('\n')[0]).toBe('# asrel-store {"source":"RIPE","kind":"live","from":"whois.example:43","date":"2025-01-02T03:04:05.000Z"}');
    expect(content.slice(content.indexOf('\n') + 1)).toBe(fixture('irr-access/AS215778.rpsl'));
    expect(await readdir(join(dir, 'objects', 'as-set'))).toEqual(['AS215778%3AAS-LIKHNER@RIPE.rpsl']);

    const again = new DiskStore(dir); // a new process sees the same
    const [e] = await again.get('aut-num', 'AS215778');
    expect(e.object.key).toBe('AS215778');
    expect(e.object.attributes.find((a) => a.name === 'mp-import')?.line).toBe(4); // line in the stored file
    expect(e.provenance).toEqual({ kind: 'live', from: 'whois.example:43', date: '2025-01-02T03:04:05.000Z' });
    expect(await again.has('as-set', 'as215778:as-likhner')).toBe(true);
    expect(await again.has('aut-num', 'AS1')).toBe(false);
    expect(await again.list()).toEqual([
      { cls: 'aut-num', key: 'AS215778', source: 'RIPE', path: file },
      { cls: 'as-set', key: 'AS215778:AS-LIKHNER', source: 'RIPE', path: join(dir, 'objects', 'as-set', 'AS215778%3AAS-LIKHNER@RIPE.rpsl') },
    ]);
  });

  it('uses the TTL to decide freshness', async () => {
    const store = new DiskStore(dir, { ttlMs: 3600_000 });
    const date = '2025-01-01T00:00:00.000Z';
    await store.put(autNum, { kind: 'live', from: 'x', date });
    const t = Date.parse(date);
    expect(await store.isFresh('aut-num', 'AS215778', t + 3599_000)).toBe(true);
    expect(await store.isFresh('aut-num', 'AS215778', t + 3601_000)).toBe(false);
    expect(await store.isFresh('aut-num', 'AS1', t)).toBe(false);
  });

  it('keeps one version per source and loads the preferred one into a MemoryIndex', async () => {
    const store = new DiskStore(dir);
    const radb = { ...autNum, source: 'RADB', attributes: autNum.attributes.map((a) => (a.name === 'source' ? { ...a, value: 'RADB', raw: 'source:         RADB' } : a)) };
    await store.put(autNum, { kind: 'live', from: 'x', date: '2025-01-01T00:00:00.000Z' });
    await store.put(radb, { kind: 'live', from: 'x', date: '2025-01-01T00:00:00.000Z' });
    expect((await store.get('aut-num', 'AS215778')).map((e) => e.object.source).sort()).toEqual(['RADB', 'RIPE']);
    const index = new MemoryIndex();
    const r = await store.loadInto(index, { sourceOrder: ['RADB', 'RIPE'] });
    expect(r).toEqual({ loaded: 1, problems: [] });
    expect(index.autNum(215778)?.object.source).toBe('RADB');
    expect(index.autNum(215778)?.provenance.kind).toBe('live');
  });

  it('never shows a half-written object: writes go through a temp file and a rename', async () => {
    const store = new DiskStore(dir);
    await store.put(autNum, { kind: 'live', from: 'x' });
    // What a killed writer leaves behind: a temp file. It is not an object.
    const folder = join(dir, 'objects', 'aut-num');
    await writeFile(join(folder, '.AS64500@RADB.rpsl.123.abcd.tmp'), '# asrel-store {"source":"RADB"');
    const fresh = new DiskStore(dir);
    expect((await fresh.list()).map((l) => l.key)).toEqual(['AS215778']);
    expect(await fresh.has('aut-num', 'AS64500')).toBe(false);
    // Concurrent puts of the same object never interleave.
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.put(autNum, { kind: 'live', from: `w${i}` })));
    const files = await readdir(folder);
    expect(files.filter((f) => f.endsWith('.tmp') && !f.includes('123.abcd'))).toEqual([]);
    const [e] = await new DiskStore(dir).get('aut-num', 'AS215778');
    expect(e.text).toBe(fixture('irr-access/AS215778.rpsl'));
  });

  it('reports an unreadable file instead of failing the load', async () => {
    const store = new DiskStore(dir);
    await store.put(autNum, { kind: 'live', from: 'x' });
    await writeFile(join(dir, 'objects', 'aut-num', 'AS1@RADB.rpsl'), 'aut-num: AS1\n'); // no header: not ours
    const r = await new DiskStore(dir).loadInto(new MemoryIndex());
    expect(r.loaded).toBe(1);
    expect(r.problems).toEqual([`${join(dir, 'objects', 'aut-num', 'AS1@RADB.rpsl')}: not a stored object (no asrel-store header or no object)`]);
  });
});
