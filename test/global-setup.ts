// CLI tests run the real bundled executable: build it once before the suite, into the
// suite's own folder (test/built.ts), never over the dist/ of the working copy.
import { execFileSync } from 'node:child_process';
import { BUILT } from './built.js';

export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build.mjs', BUILT], { stdio: 'inherit' });
}
