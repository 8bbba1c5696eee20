import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The asrel package folder, found by walking up from this module: the same code runs
 * from src/ (tests), dist/ (the bundle) and node_modules/asrel (as a library).
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pj = join(dir, 'package.json');
    if (existsSync(pj) && (JSON.parse(readFileSync(pj, 'utf8')) as { name?: string }).name === 'asrel') return (cached = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot locate the asrel package folder (package.json named "asrel")');
    dir = up;
  }
}
