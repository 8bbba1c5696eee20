// Inference figures: inferAll over AS3257 (9,546 policy lines) and the DN42 registry
// (2,981 aut-nums), parsing included (a fresh index per run, so nothing is cached).
import { readFileSync } from 'node:fs';
import { inferAll } from '../src/infer/infer.js';
import { readObjects } from '../src/rpsl/read.js';
import { MemoryIndex } from '../src/store/memory-index.js';
import type { RpslObject } from '../src/rpsl/types.js';
import { fmtMs, median, timeRuns } from './stats.js';

const INPUTS = [
  { label: 'AS3257 (RIPE, 470 KB)', file: '/work/shared/data/irr/AS3257.ripe.2023-07-21.rpsl', fallback: 'test/fixtures/infer/AS3257.ripe.2023-07-21.rpsl' },
  { label: 'DN42 registry (2,981 aut-num, 872 KB)', file: '/work/shared/data/irr/dn42-registry-2023-10-22.db', fallback: 'test/fixtures/irr-access/dn42-registry-2023-10-22.db' },
];

function read(file: string, fallback: string): RpslObject[] {
  let text: string;
  try { text = readFileSync(file, 'utf8'); } catch { text = readFileSync(fallback, 'utf8'); }
  return readObjects(text, file).objects;
}

export async function run(): Promise<void> {
  for (const input of INPUTS) {
    const objects = read(input.file, input.fallback);
    const build = () => {
      const index = new MemoryIndex();
      for (const object of objects) index.add({ object, provenance: { kind: 'dump', from: 'bench', date: '2024-01-01' } });
      return index;
    };
    let links = 0;
    const times = await timeRuns(() => { links = inferAll(build()).length; }, 7, 1);
    const cached = build();
    inferAll(cached);
    const warm = await timeRuns(() => inferAll(cached), 7, 1);
    const m = median(times);
    console.log(`${input.label}: ${objects.length} objects → ${links} links; inferAll cold (parse + infer) median ${fmtMs(m)} ` +
      `(${Math.round(links / (m / 1000)).toLocaleString('en-US')} links/s), warm (policies cached) ${fmtMs(median(warm))}; 7 runs`);
  }
}
