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
  gz = join(dir, 'dn42.db.gz');
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
    expect(r.stdout).toBe(`${gz}: 3084 objects read, stored 2981 aut-num, 92 as-set, 2 route-set; 9 of other classes not stored\nstore: ${data}\n`);
    const show = await asrel(['show', 'AS4242423182', '--offline', '--data', data]);
    expect(show.stdout.split('\n')[0]).toMatch(/^% aut-num AS4242423182, source CRXN, from dump dn42\.db\.gz \(file dated \S+\)$/);
    const ripe = await asrel(['show', 'AS209557', '--offline', '--json', '--data', data]);
    expect(JSON.parse(ripe.stdout)[0]).toMatchObject({ source: 'RIPE', provenance: { kind: 'dump', from: 'dn42.db.gz' } });
  });

  it('fails clearly on a missing file', async () => {
    const r = await asrel(['import', join(dir, 'nope.db.gz'), '--data', join(dir, 'store2')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`asrel: cannot read ${join(dir, 'nope.db.gz')}: no such file`);
  });
});
