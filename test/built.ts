// Where the suite's own build lives (test/global-setup.ts makes it): a whole package layout
// beside the repository's, so `npm test` never rewrites the dist/ a user may be running.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO = fileURLToPath(new URL('../', import.meta.url));
export const BUILT = join(REPO, '.test-build');
export const BUILT_CLI = join(BUILT, 'bin', 'asrel.js');
export const BUILT_DIST = join(BUILT, 'dist');
/** The built library's URL, for dynamic import. */
export const BUILT_LIBRARY = pathToFileURL(join(BUILT_DIST, 'index.js')).href;
