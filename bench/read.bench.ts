// Object reader benchmark: prints figures, asserts nothing.
// Streams a gzip'd dump made of AS3257 repeated N times through `streamObjects` in a child
// process (the built dist/index.js), median of 3 runs, with the child's peak RSS: a dump of
// hundreds of MB must stream in bounded memory (DESIGN.md, "RPSL").
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { median } from './stats.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const COPIES = 200;

export async function run(): Promise<void> {
  const one = gunzipSync(readFileSync(join(root, 'test/fixtures/policy/AS3257.ripe.2023-07-21.rpsl.gz'))).toString('utf8');
  const body = one.slice(one.indexOf('\n') + 1); // drop the provenance line
  const plain = Buffer.from(`${body}\n`.repeat(COPIES));
  const dir = mkdtempSync(join(tmpdir(), 'asrel-read-bench-'));
  try {
    const dump = join(dir, 'dump.db.gz');
    writeFileSync(dump, gzipSync(plain, { level: 1 }));
    const script = join(dir, 'stream.mjs');
    writeFileSync(script, [
      `import { streamObjects } from ${JSON.stringify(pathToFileURL(join(root, 'dist/index.js')).href)};`,
      'const t = performance.now(); let objects = 0, attributes = 0;',
      'for await (const o of streamObjects(process.argv[2])) { objects++; attributes += o.attributes.length; }',
      'console.log(JSON.stringify({ ms: performance.now() - t, objects, attributes, rss: process.resourceUsage().maxRSS }));',
    ].join('\n'));
    const runs = [0, 1, 2].map(() => JSON.parse(execFileSync(process.execPath, [script, dump], { encoding: 'utf8' })) as { ms: number; objects: number; attributes: number; rss: number });
    const ms = median(runs.map((r) => r.ms));
    const mb = plain.length / 1e6;
    console.log(`stream a gzip dump: AS3257 ×${COPIES} (${mb.toFixed(0)} MB plain, ${runs[0].objects} objects, ${runs[0].attributes.toLocaleString('en-US')} attributes)`);
    console.log(`  median ${(ms / 1000).toFixed(2)} s of 3 runs, ${(mb / (ms / 1000)).toFixed(0)} MB/s; peak RSS median ${(median(runs.map((r) => r.rss)) / 1024).toFixed(0)} MiB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await run();
