// Shared by the fault tests (faults.test.ts: terminals, outputs and stores; faults-input.test.ts:
// downloads, long lines, set caps and servers), split in two so the suite runs them side by side.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { asrel } from './run.js';
import { BUILT_CLI } from '../built.js';

export const RECON = 'data/reconstructed/he-cogent-telia-2013.rpsl';
export const REAL = 'data/real/AS3257.ripe.2023-07-21.rpsl';
export const DN42 = 'data/real/dn42-registry-2023-10-22.db';
export const ENV = { XDG_CACHE_HOME: '/nonexistent-asrel-test-cache', ASREL_SERVER: '127.0.0.1:9' };

export function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'asrel-faults-'));
}

/** The reconstruction with an OSC title change, a clear-screen and a bidi override on its remarks (synthetic). */
export function hostileFile(dir: string): string {
  const file = join(dir, 'evil.rpsl');
  writeFileSync(file, readFileSync(RECON, 'utf8').replace(/^(remarks:.*)$/gm, '$1\u001b]0;pwned\u0007\u001b[2J\u202e\u009b'));
  return file;
}

/**
 * Runs the CLI as a user without write permission on read-only files: as root (which writes
 * anything) the run is switched to the unprivileged uid 65534.
 */
export function asrelUnprivileged(args: string[], env: Record<string, string> = {}) {
  const id = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  // The suite's own build (test/built.ts): a working copy need not have a dist/.
  const r = spawnSync(process.execPath, [BUILT_CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...ENV, ...env }, ...id });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A store of the real AS3257 sample (data/real/README.md), built by `asrel import`. */
export function realStore(dir: string): string {
  const data = join(dir, 'store');
  expect(asrel(['import', REAL, '--data', data]).code).toBe(0);
  return data;
}

/**
 * A copy of the store folder `from` at `dir`/store: tests that each need a store of the same
 * objects (to damage it, to make it read-only) import them once and copy the store.
 */
export function storeCopy(from: string, dir: string): string {
  const data = join(dir, 'store');
  cpSync(from, data, { recursive: true });
  return data;
}

/** A new store holding `file`, imported. */
export function realImport(file: string): string {
  const data = join(tmp(), 'store');
  const r = asrel(['import', file, '--data', data, '--date', '2023-10-22']);
  expect(r.code, r.stderr).toBe(0);
  return data;
}

/** Runs the CLI with its standard output on `fd` (e.g. /dev/full). */
export function asrelTo(fd: number, args: string[]) {
  const r = spawnSync(process.execPath, [BUILT_CLI, ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env: { ...process.env, ...ENV } });
  return { code: r.status ?? -1, stderr: r.stderr };
}

// eslint-disable-next-line no-control-regex
export const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
