// CLI tests run the real bundled executable: build it once before the suite, into the
// suite's own folder (test/built.ts), never over the dist/ of the working copy.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUILT } from './built.js';

/**
 * The default store of the suite's runs (test/cli/run.ts sets XDG_CACHE_HOME to it). It should
 * not exist, but as root a command that writes to the default store creates it: a store left
 * by an earlier run (of another version) would change this run's answers.
 */
const TEST_CACHE = '/nonexistent-asrel-test-cache';

export default function setup(): () => void {
  rmSync(TEST_CACHE, { recursive: true, force: true });
  // Every temporary folder of the run (the tests' own and those of the commands they start)
  // goes under one folder removed at the end: the workers and their children inherit TMPDIR,
  // and os.tmpdir() reads it. Without it each run left about a hundred folders in /tmp.
  const runTmp = mkdtempSync(join(tmpdir(), 'asrel-test-run-'));
  // As /tmp is: the tests that run asrel as an unprivileged user (read-only stores) must reach
  // their folders in it, and write their own temporary files.
  chmodSync(runTmp, 0o1777);
  process.env.TMPDIR = runTmp;
  execFileSync(process.execPath, ['scripts/build.mjs', BUILT], { stdio: 'inherit' });
  return () => {
    rmSync(TEST_CACHE, { recursive: true, force: true });
    rmSync(runTmp, { recursive: true, force: true });
  };
}
