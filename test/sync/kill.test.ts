// Issue 23: kill -9 at any moment of `asrel sync` → the next run resumes with no object lost,
// doubled or half-applied (one transaction per batch, the serial inside it).
// SYNTHETIC DATA: every object is made up (private-use ASNs).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { Store } from '../../src/store/store.js';
import { syncState } from '../../src/store/sync-state.js';
import { BUILT_CLI } from '../built.js';
import { asrelAsync } from '../cli/run.js';
import { autNum, mirrorHarness, Nrtm3Journal } from './servers.js';

const h = mirrorHarness();
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('kill -9 during sync', () => {
  it('a killed run keeps whole batches with their serial; the next run finishes with every change once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-sync-kill-'));
    dirs.push(dir);
    const data = join(dir, 'store');
    const files = await h.files();
    files.files.set('/test.db.gz', gzipSync(Buffer.from(autNum(64500, []))));
    files.files.set('/TEST.CURRENTSERIAL', Buffer.from('0\n'));
    const journal = new Nrtm3Journal();
    // 8,000 changes: ADD of 6,000 aut-nums, then 2,000 of them changed again (8 batches of 1,000).
    for (let i = 0; i < 6000; i++) journal.add(i + 1, 'ADD', autNum(4_200_000_000 + i, [`import:         from AS${4_200_000_000 + i + 1} accept ANY`]));
    for (let i = 0; i < 2000; i++) journal.add(6001 + i, 'ADD', autNum(4_200_000_000 + i, [`export:         to AS${4_200_000_000 + i + 1} announce ANY`]));
    const whois = await h.whois(journal);
    const args = ['sync', 'TEST', '--nrtm3', whois.address, '--dump', files.url('/test.db.gz'), '--serial', files.url('/TEST.CURRENTSERIAL'), '--data', data];

    const child = spawn(process.execPath, [BUILT_CLI, ...args], { env: { ...process.env, XDG_CACHE_HOME: '/nonexistent-asrel-test-cache' } });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    for (let i = 0; i < 600 && !/applied serials 2001-3000/.test(err); i++) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));

    const mid = Store.open(data);
    const at = syncState(mid, 'TEST')!.serial!;
    console.log(`killed at serial ${at} of 8000`);
    // Whatever batches committed: the serial is a batch boundary and the objects match it exactly.
    expect(at % 1000).toBe(0);
    expect(mid.counts().autNums).toBe(1 + Math.min(at, 6000));
    mid.close();

    const r = await asrelAsync(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`TEST: updated at serial 8000 (nrtm3; ${8000 - at} objects added or changed, 0 removed, ${(8000 - at) / 1000} batches)\n`);
    const end = Store.open(data);
    expect(end.counts().autNums).toBe(6001);
    expect(end.db.prepare("SELECT count(*) AS n FROM objects WHERE class = 'aut-num'").get()).toEqual({ n: 6001 });
    // The changed ones carry their last version's claims only.
    expect(end.rulesOf(4_200_000_000).map((x) => x.direction)).toEqual([1]);
    expect(end.rulesOf(4_200_005_999).map((x) => x.direction)).toEqual([0]);
    end.close();
  }, 60_000);

  it('a run killed during a full load leaves the source marked as loading; the next run loads it whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-sync-kill-'));
    dirs.push(dir);
    const data = join(dir, 'store');
    const files = await h.files();
    const objects: string[] = [];
    for (let i = 0; i < 20_000; i++) objects.push(autNum(4_200_000_000 + i, [`import:         from AS${4_200_000_000 + i + 1} accept ANY`]));
    files.files.set('/test.db.gz', gzipSync(Buffer.from(objects.join('\n'))));
    files.files.set('/TEST.CURRENTSERIAL', Buffer.from('5\n'));
    const args = ['sync', 'TEST', '--dump', files.url('/test.db.gz'), '--serial', files.url('/TEST.CURRENTSERIAL'), '--data', data];
    const child = spawn(process.execPath, [BUILT_CLI, ...args], { env: { ...process.env, XDG_CACHE_HOME: '/nonexistent-asrel-test-cache' } });
    // Killed once the load has committed a few batches, before it ends.
    const stored = () => {
      if (!existsSync(join(data, 'asrel.sqlite'))) return 0;
      const s = Store.open(data, { readonly: true });
      try {
        return s.counts().autNums;
      } catch {
        return 0;
      } finally {
        s.close();
      }
    };
    for (let i = 0; i < 600 && stored() < 4000; i++) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    const code = await new Promise((r) => child.on('exit', (c, sig) => r(sig ?? c)));
    const mid = Store.open(data);
    const state = syncState(mid, 'TEST');
    const n = mid.counts().autNums;
    console.log(`killed (${String(code)}): ${n} aut-nums stored, state ${state ? `serial ${state.serial}` : 'none'}`);
    // Whole batches, and the source marked as loading (no serial to follow changes from).
    expect(n % 2000).toBe(0);
    expect(n).toBeGreaterThanOrEqual(4000);
    expect(n).toBeLessThan(20_000);
    expect(state).toMatchObject({ serial: null, note: expect.stringMatching(/^loading the dump \(\d+ objects so far\): first sync of this source$/) });
    mid.close();
    const r = await asrelAsync(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/: an earlier full load did not finish \(loading the dump/);
    const end = Store.open(data);
    expect(end.counts().autNums).toBe(20_000);
    expect(syncState(end, 'TEST')).toMatchObject({ protocol: 'dump', serial: 5, objects: 20_000 });
    end.close();
  }, 60_000);
});
