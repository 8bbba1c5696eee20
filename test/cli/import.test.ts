import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURES } from '../irr/fake-server.js';
import { asrelAsync as asrel } from './run.js';

let dir: string;
let gz: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'asrel-cli-import-'));
  gz = join(dir, 'dn42-registry-2023-10-22.db.gz');
  await writeFile(gz, gzipSync(await readFile(join(FIXTURES, 'irr-access/dn42-registry-2023-10-22.db'))));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('asrel import', () => {
  it('streams a gzip dump into the store with each object’s own source', async () => {
    const data = join(dir, 'store');
    const r = await asrel(['import', gz, '--data', data]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // The DN42 dump: 9 as-block (not stored), 2,981 aut-num, 92 as-set, 2 route-set.
    // Dated by the date in the file name, which is the registry snapshot's date.
    expect(r.stdout).toBe(`${gz}: 3084 objects read, stored 2981 aut-num, 92 as-set, 2 route-set; 9 of other classes not stored; dated 2023-10-22 (file name)\nstore: ${data}\n`);
    const show = await asrel(['show', 'AS4242423182', '--offline', '--data', data]);
    expect(show.stdout.split('\n')[0]).toBe('% aut-num AS4242423182, source CRXN, from dump dn42-registry-2023-10-22.db.gz (dated 2023-10-22)');
    const ripe = await asrel(['show', 'AS209557', '--offline', '--json', '--data', data]);
    expect(JSON.parse(ripe.stdout)[0]).toMatchObject({ source: 'RIPE', provenance: { kind: 'dump', from: 'dn42-registry-2023-10-22.db.gz', date: '2023-10-22' } });
  });

  it('dates a dump by --date, else says it used the file time', async () => {
    const plain = join(dir, 'registry.db.gz');
    await writeFile(plain, await readFile(gz));
    const given = await asrel(['import', plain, '--data', join(dir, 'store-dated'), '--date', '2023-10-22']);
    expect(given.code).toBe(0);
    expect(given.stdout).toContain('dated 2023-10-22 (given)');
    expect(given.stderr).toBe('');
    const mtime = await asrel(['import', plain, '--data', join(dir, 'store-mtime')]);
    expect(mtime.code).toBe(0);
    expect(mtime.stdout).toContain('(modification time)');
    expect(mtime.stderr).toContain('is dated by its modification time; give --date YYYY-MM-DD');
    const bad = await asrel(['import', plain, '--data', join(dir, 'store-bad'), '--date', '2023-13-45']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--date '2023-13-45' is not a date");
  });

  it('fails clearly on a missing file', async () => {
    const r = await asrel(['import', join(dir, 'nope.db.gz'), '--data', join(dir, 'store2')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`asrel: cannot read ${join(dir, 'nope.db.gz')}: no such file`);
  });

  it('a gzip dump cut short stores what came whole and says so: exit 1, not a usage error', async () => {
    const cut = join(dir, 'cut.db.gz');
    const whole = await readFile(gz);
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const data = join(dir, 'store-cut');
    const r = await asrel(['import', cut, '--data', data]);
    expect(r.code).toBe(1);
    const m = /^asrel: .*cut\.db\.gz: unexpected end of file \(the dump is damaged or cut short\); (\d+) objects stored, the store is consistent$/m.exec(r.stderr);
    expect(m, r.stderr).not.toBeNull();
    const stored = Number(m![1]);
    expect(stored).toBeGreaterThan(0);
    // The count said is the count kept.
    const check = await asrel(['check', '--data', data]);
    expect(check.stdout).toContain(`${stored} objects`);
  });
});
