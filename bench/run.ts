// Runs every bench/*.bench.ts (or those named on the command line) one after another.
// Each exports `run(): Promise<void>` and prints its own figures.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();
console.log(`node ${process.version}, ${(await import('node:os')).cpus().length} cores; benchmarks: ${files.join(', ')}`);
for (const f of files) {
  console.log(`\n== ${f}`);
  const mod = (await import(pathToFileURL(join(here, f)).href)) as { run: () => Promise<void> };
  await mod.run();
}
