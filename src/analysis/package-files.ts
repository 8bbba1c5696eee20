import { join } from 'node:path';
import { packageRoot } from '../store/package-root.js';

/** The web page's files, built by scripts/build.mjs into dist/web/. */
export function webAssetsDir(): string {
  return join(packageRoot(), 'dist', 'web');
}
