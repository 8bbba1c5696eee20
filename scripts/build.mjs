// Bundles the CLI and the library into dist/ with esbuild: one file each, so that a
// one-question CLI run does not pay for resolving hundreds of dependency modules.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  define: { __ASREL_VERSION__: JSON.stringify(pkg.version) },
  // The WebAssembly Graphviz (~1 MB) stays out of the bundle: --svg and report import it when used.
  // CommonJS dependencies bundled into ESM need a require().
  banner: { js: "import { createRequire as __asrelCreateRequire } from 'node:module'; const require = __asrelCreateRequire(import.meta.url);" },
  // better-sqlite3 finds its native addon relative to its own files: load it from node_modules.
  external: ['better-sqlite3', '@viz-js/viz'],
  logLevel: 'warning',
};
await Promise.all([
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/asrel.js' }),
  build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js' }),
]);
