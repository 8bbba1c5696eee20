// Bundles the CLI and the library into dist/ with esbuild.
//
// The CLI (dist/asrel.js) is split: the entry holds main.ts and the command catalog only;
// yargs and each command's module graph live in chunks under dist/chunks/, imported when
// that command runs. `asrel --help` thus loads one small file, and a command loads its own
// dependencies only. The library (dist/index.js) is one file.
//
// Native modules (better-sqlite3) cannot be inlined: they stay external and are resolved
// from node_modules at run time.
import { build } from 'esbuild';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  // better-sqlite3 finds its native addon relative to its own files: load it from node_modules.
  // The WebAssembly Graphviz (~1 MB) stays out of the bundle: --svg and report import it when used.
  external: ['better-sqlite3', '@viz-js/viz'],
  define: { __ASREL_VERSION__: JSON.stringify(pkg.version) },
  // CommonJS dependencies bundled into ESM need a require().
  banner: { js: "import { createRequire as __asrelCreateRequire } from 'node:module'; const require = __asrelCreateRequire(import.meta.url);" },
  logLevel: 'warning',
};
rmSync(new URL('../dist/chunks', import.meta.url), { recursive: true, force: true });
await Promise.all([
  build({
    ...common,
    // parse-worker: the worker threads of `asrel parse` on large inputs (src/cli/parse-pool.ts).
    entryPoints: { asrel: 'src/cli/main.ts', 'parse-worker': 'src/cli/parse-worker.ts' },
    outdir: 'dist',
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // yargs' help layout: see scripts/shims/string-width.mjs.
    alias: { 'string-width': './scripts/shims/string-width.mjs' },
  }),
  build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js' }),
  // The page of `asrel serve`: one script for the browser (sigma.js and graphology inside), with its HTML and CSS beside.
  build({ entryPoints: { app: 'src/server/web/main.ts' }, outdir: 'dist/web', bundle: true, platform: 'browser', format: 'esm', target: 'es2020', minify: true, logLevel: 'warning' }),
]);
for (const f of ['index.html', 'app.css']) copyFileSync(new URL(`../src/server/web/${f}`, import.meta.url), new URL(`../dist/web/${f}`, import.meta.url));

// The default bundled snapshot, ingested once here (claims computed) so that an answer from
// it does not parse and classify 12,000 policy lines at every run.
const { bundledStore, PREBUILT_BUNDLE } = await import(new URL('../dist/index.js', import.meta.url).href + `?t=${Date.now()}`);
const { writeFileSync } = await import('node:fs');
rmSync(new URL(`../${PREBUILT_BUNDLE}`, import.meta.url), { force: true });
const bundled = bundledStore();
writeFileSync(new URL(`../${PREBUILT_BUNDLE}`, import.meta.url), bundled.db.serialize());
bundled.close();
