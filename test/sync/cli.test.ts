// Issue 23: `asrel sync` as a user runs it (the suite's build), against an NRTMv4 repository and a
// whois NRTMv3 server on 127.0.0.1; an answer before and after a delta that removes a provider link.
// SYNTHETIC DATA: every object is made up (private-use ASNs).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_CLI } from '../built.js';
import { asrelAsync } from '../cli/run.js';
import { autNum, customerOf, keyPair, mirrorHarness, Nrtm3Journal, Nrtm4Publisher } from './servers.js';

const h = mirrorHarness();
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'asrel-sync-cli-'));
  dirs.push(d);
  return d;
}

const link = customerOf(65001, 65002);
const OBJECTS = [autNum(65001, link.a), autNum(65002, [...link.b, 'import:         from AS65003 accept ANY', 'export:         to AS65003 announce AS65002']), autNum(65003, ['import:         from AS65002 accept AS65002', 'export:         to AS65002 announce ANY'])];

describe('asrel sync (CLI)', () => {
  it('--status on a store never synced says so; after syncs it lists serial, age and counts', async () => {
    const dir = tmp();
    const empty = await asrelAsync(['sync', '--status', '--data', join(dir, 'store')]);
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe(`no source synced in ${join(dir, 'store')} yet; e.g. asrel sync RIPE RADB\n`);

    const files = await h.files();
    const p = new Nrtm4Publisher(files);
    p.publish({ version: 7, objects: OBJECTS }, []);
    writeFileSync(join(dir, 'key.pem'), p.key.publicPem);
    const r = await asrelAsync(['sync', 'TEST', '--nrtm4', p.unfUrl, '--key', join(dir, 'key.pem'), '--data', join(dir, 'store')]);
    expect(r.stderr).toBe('TEST: loaded snapshot 7 (3 objects kept, 0 dropped): first sync of this source over NRTMv4\n');
    expect(r.stdout).toBe('TEST: loaded whole at version 7 (nrtm4; 3 objects added or changed, 0 removed, 1 batch): first sync of this source over NRTMv4\n');
    expect(r.code).toBe(0);

    // Later runs need no endpoints: those recorded, with the key that verified.
    p.publish({ version: 7, objects: OBJECTS }, [{ version: 8, changes: [{ op: 'add', text: autNum(65004, []) }] }]);
    expect((await asrelAsync(['sync', 'TEST', '--data', join(dir, 'store'), '-q'])).stdout).toBe('TEST: updated at version 8 (nrtm4; 1 objects added or changed, 0 removed, 1 batch)\n');
    expect((await asrelAsync(['sync', '--data', join(dir, 'store'), '-q'])).stdout).toBe('TEST: up to date at version 8 (nrtm4)\n');

    const s = await asrelAsync(['sync', '--status', '--data', join(dir, 'store')]);
    const lines = s.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^source\s+via\s+serial\s+last update\s+age\s+objects\s+aut-nums\s+note$/);
    expect(lines[1]).toMatch(new RegExp(`^TEST\\s+nrtm4\\s+8 \\(session ${p.sessionId.slice(0, 8)}\\)\\s+\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\s+\\d+ s\\s+4\\s+4$`));
    const j = JSON.parse((await asrelAsync(['sync', '--status', '--json', '--data', join(dir, 'store')])).stdout) as { sources: { source: string; serial: number; sessionId: string; objects: number }[] };
    expect(j.sources).toMatchObject([{ source: 'TEST', serial: 8, sessionId: p.sessionId, objects: 4 }]);
  });

  it('an answer changes exactly as the delta says: the provider link AS65001–AS65002 goes, the others stay', async () => {
    const dir = tmp();
    const data = join(dir, 'store');
    const files = await h.files();
    const p = new Nrtm4Publisher(files);
    p.publish({ version: 1, objects: OBJECTS }, []);
    writeFileSync(join(dir, 'key.pem'), p.key.publicPem);
    const sync = () => asrelAsync(['sync', 'TEST', '--nrtm4', p.unfUrl, '--key', join(dir, 'key.pem'), '--data', data, '-q']);
    expect((await sync()).code).toBe(0);
    const before = await asrelAsync(['rel', '65001', '65002', '--data', data, '--offline', '--afi', 'ipv4']);
    expect(before.stdout).toMatch(/ipv4: c2p — AS65001 is AS65002's customer/);
    const other = await asrelAsync(['rel', '65002', '65003', '--data', data, '--offline', '--afi', 'ipv4']);
    expect(other.stdout).toMatch(/ipv4: c2p — AS65002 is AS65003's customer/);

    // The delta: AS65001 and AS65002 drop their lines about each other (AS65001 keeps a line about AS65003).
    p.publish({ version: 1, objects: OBJECTS }, [{ version: 2, changes: [
      { op: 'add', text: autNum(65001, ['import:         from AS65003 accept ANY']) },
      { op: 'add', text: autNum(65002, ['import:         from AS65003 accept ANY', 'export:         to AS65003 announce AS65002']) },
    ] }]);
    const r = await sync();
    expect(r.stdout).toBe('TEST: updated at version 2 (nrtm4; 2 objects added or changed, 0 removed, 1 batch)\n');
    const after = await asrelAsync(['rel', '65001', '65002', '--data', data, '--offline', '--afi', 'ipv4']);
    expect(after.code).toBe(0);
    expect(after.stdout).toBe("AS65001 – AS65002 (read from AS65001's side)\n  ipv4: none — no adjacency in ipv4\n");
    // And a delete: AS65001's object goes; the store no longer knows it.
    p.publish({ version: 1, objects: OBJECTS }, [{ version: 2, changes: [{ op: 'add', text: autNum(65001, ['import:         from AS65003 accept ANY']) }] }, { version: 3, changes: [{ op: 'del', cls: 'aut-num', key: 'AS65001' }] }]);
    expect((await sync()).stdout).toBe('TEST: updated at version 3 (nrtm4; 0 objects added or changed, 1 removed, 1 batch)\n');
    const gone = await asrelAsync(['rel', '65001', '65002', '--data', data, '--offline', '--afi', 'ipv4']);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^asrel: AS65001: no data \(no aut-num, and no object in the store \S+ names it\)$/m);
    const still = await asrelAsync(['rel', '65002', '65003', '--data', data, '--offline', '--afi', 'ipv4']);
    expect(still.stderr).toMatch(/^note: data: TEST mirror \(NRTMv4\) at version 3, synced \d{4}-\d\d-\d\dT\d\d:\d\dZ \(objects changed \d{4}-\d\d-\d\d\) for AS65002, AS65003$/m);
    // Same relation, same lines (AS65002's object is shorter now: its line numbers moved).
    const noLineNumbers = (t: string) => t.replace(/line \d+/g, 'line N');
    expect(noLineNumbers(still.stdout)).toBe(noLineNumbers(other.stdout));
  });

  it('a wrong key is refused with one line, exit 1, and nothing is stored', async () => {
    const dir = tmp();
    const files = await h.files();
    const p = new Nrtm4Publisher(files);
    p.publish({ version: 1, objects: OBJECTS }, []);
    // The key inline, as base64 DER (one line, as operators often publish it).
    const other = keyPair().publicPem.replace(/-----[A-Z ]+-----|\s/g, '');
    const r = await asrelAsync(['sync', 'TEST', '--nrtm4', p.unfUrl, '--key', other, '--data', join(dir, 'store')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('asrel: TEST: refused: the notification file\'s signature does not verify with the key (given with --key)\n');
    expect((await asrelAsync(['sync', '--status', '--data', join(dir, 'store')])).stdout).toMatch(/^no source synced/);
  });

  it('one sync per store: a live holder of the lock is named; a dead one\'s lock is taken over', async () => {
    const dir = tmp();
    const files = await h.files();
    const p = new Nrtm4Publisher(files);
    p.publish({ version: 1, objects: OBJECTS }, []);
    writeFileSync(join(dir, 'key.pem'), p.key.publicPem);
    const args = ['sync', 'TEST', '--nrtm4', p.unfUrl, '--key', join(dir, 'key.pem'), '--data', dir];
    writeFileSync(join(dir, 'sync.lock'), `${process.pid}\n`);
    const busy = await asrelAsync(args);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toBe(`asrel: another asrel sync (pid ${process.pid}) is running on this store; wait for it, or stop it\nOne sync per store at a time: a cron line and --watch should not both run.\n`);
    // A pid no process has (above the kernel's pid_max).
    writeFileSync(join(dir, 'sync.lock'), '4194305\n');
    const r = await asrelAsync(args);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'sync.lock'))).toBe(false);
  });

  it('usage mistakes exit 2 with a hint', async () => {
    const unknown = await asrelAsync(['sync', 'NOSUCH', '--data', tmp()]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^asrel: unknown source NOSUCH\nKnown sources: RIPE, RADB, ARIN/);
    const two = await asrelAsync(['sync', 'A', 'B', '--nrtm3', '127.0.0.1:9', '--data', tmp()]);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/give the endpoints of one source/);
    const watch = await asrelAsync(['sync', 'RADB', '--watch', '0.5', '--data', tmp()]);
    expect(watch.code).toBe(2);
    expect(watch.stderr).toMatch(/--watch 0.5: give minutes between polls, 1 or more/);
  });

  it('--watch syncs from a dump and NRTMv3, prints a line per applied batch, and stops cleanly on Ctrl-C', async () => {
    const dir = tmp();
    const files = await h.files();
    files.files.set('/test.db.gz', gzipSync(Buffer.from(OBJECTS.join('\n'))));
    files.files.set('/TEST.CURRENTSERIAL', Buffer.from('41\n'));
    const journal = new Nrtm3Journal();
    journal.oldest = 42;
    journal.add(42, 'ADD', autNum(65004, []));
    const whois = await h.whois(journal);
    const child = spawn(process.execPath, [BUILT_CLI, 'sync', 'TEST', '--watch', '1', '--nrtm3', whois.address, '--dump', files.url('/test.db.gz'), '--serial', files.url('/TEST.CURRENTSERIAL'), '--data', join(dir, 'store')],
      { env: { ...process.env, XDG_CACHE_HOME: '/nonexistent-asrel-test-cache' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    for (let i = 0; i < 200 && !/applied serials/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    const lines = out.trimEnd().split('\n').map((l) => l.replace(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ /, ''));
    expect(lines).toEqual([
      'TEST: loaded dump at serial 41 (3 objects kept, 0 dropped): first sync of this source over NRTMv3',
      'TEST: applied serials 42-42 (1 added or changed, 0 removed)',
    ]);
    expect(err).toBe('asrel: sync stopped (Ctrl-C): every batch applied is stored with its serial; the next run goes on from there\n');
    expect(code).toBe(130);
  });
});
