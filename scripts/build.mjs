// Bundles the CLI and the library into dist/ with esbuild.
//
// The CLI (dist/asrel.js) is split: the entry holds main.ts and the command catalog only;
// yargs and each command's module graph live in chunks under dist/chunks/, imported when
// that command runs. `asrel --help` thus loads one small file, and a command loads its own
// dependencies only. The library (dist/index.js) is one file.
//
// Native modules (better-sqlite3) cannot be inlined: they stay external and are resolved
// from node_modules at run time.
//
// `node scripts/build.mjs DIR` builds a whole package layout into DIR instead (DIR/dist,
// DIR/bin, DIR/package.json, DIR/data as a link): the test suite runs its own build there,
// so `npm test` never rewrites the dist/ a user may be running meanwhile. DIR is emptied
// first only when it is new or an earlier build of this kind (it holds the marker file).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const MARKER = '.asrel-build';
const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const root = process.argv[2] ? resolve(process.argv[2]) : repo;
const dist = join(root, 'dist');
const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
if (root !== repo) {
  if ((repo + sep).startsWith(root + sep)) throw new Error(`build: ${root} holds the repository; give a folder of its own`);
  if (existsSync(root) && readdirSync(root).length > 0 && !existsSync(join(root, MARKER))) {
    throw new Error(`build: ${root} is not empty and not an earlier build (no ${MARKER}); refusing to clear it`);
  }
  rmSync(root, { recursive: true, force: true });
  mkdirSync(join(root, 'bin'), { recursive: true });
  writeFileSync(join(root, MARKER), 'made by scripts/build.mjs; cleared by the next build\n');
  copyFileSync(join(repo, 'package.json'), join(root, 'package.json'));
  copyFileSync(join(repo, 'bin', 'asrel.js'), join(root, 'bin', 'asrel.js'));
  symlinkSync(relative(root, join(repo, 'data')), join(root, 'data'));
}
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
  absWorkingDir: repo,
};
/** The CLI's parser loads the grammar on first use (see scripts/shims/lazy-grammar.mjs). */
const lazyGrammar = {
  name: 'lazy-grammar',
  setup(b) {
    b.onResolve({ filter: /grammar\/index\.js$/ }, (args) =>
      args.importer === join(repo, 'src', 'policy', 'parse.ts') ? { path: join(repo, 'scripts', 'shims', 'lazy-grammar.mjs') } : undefined);
  },
};
rmSync(join(dist, 'chunks'), { recursive: true, force: true });
await Promise.all([
  build({
    ...common,
    // parse-worker: the worker threads of `asrel parse` on large inputs (src/analysis/parse-pool.ts).
    entryPoints: { asrel: 'src/cli/main.ts', 'parse-worker': 'src/cli/parse-worker.ts' },
    outdir: dist,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // yargs' help layout: see scripts/shims/string-width.mjs.
    alias: { 'string-width': './scripts/shims/string-width.mjs' },
    plugins: [lazyGrammar],
  }),
  // The policy grammar, required by the CLI on its first parse (scripts/shims/lazy-grammar.mjs).
  build({ ...common, format: 'cjs', banner: {}, entryPoints: ['grammar/index.ts'], outfile: join(dist, 'grammar.cjs') }),
  build({ ...common, entryPoints: ['src/index.ts'], outfile: join(dist, 'index.js') }),
  // The page of `asrel serve`: one script for the browser (sigma.js and graphology inside), with its HTML and CSS beside.
  build({ entryPoints: { app: 'src/server/web/main.ts' }, outdir: join(dist, 'web'), bundle: true, platform: 'browser', format: 'esm', target: 'es2020', minify: true, logLevel: 'warning', absWorkingDir: repo }),
]);
for (const f of ['index.html', 'app.css']) copyFileSync(join(repo, 'src', 'server', 'web', f), join(dist, 'web', f));

// The default bundled snapshot, ingested once here (claims computed) so that an answer from
// it does not parse and classify 12,000 policy lines at every run.
const { bundledStore, PREBUILT_BUNDLE } = await import(pathToFileURL(join(dist, 'index.js')).href + `?t=${Date.now()}`);
rmSync(join(root, PREBUILT_BUNDLE), { force: true });
const bundled = bundledStore();
writeFileSync(join(root, PREBUILT_BUNDLE), bundled.db.serialize());
bundled.close();
