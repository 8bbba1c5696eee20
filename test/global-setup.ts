// CLI tests run the real bundled executable: build it once before the suite, into the
// suite's own folder (test/built.ts), never over the dist/ of the working copy.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { BUILT } from './built.js';

/**
 * The default store of the suite's runs (test/cli/run.ts sets XDG_CACHE_HOME to it). It should
 * not exist, but as root a command that writes to the default store creates it: a store left
 * by an earlier run (of another version) would change this run's answers.
 */
const TEST_CACHE = '/nonexistent-asrel-test-cache';

export default function setup(): () => void {
  rmSync(TEST_CACHE, { recursive: true, force: true });
  execFileSync(process.execPath, ['scripts/build.mjs', BUILT], { stdio: 'inherit' });
  return () => rmSync(TEST_CACHE, { recursive: true, force: true });
}
