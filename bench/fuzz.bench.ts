// Fuzz long run (issues 10 and 20): 1,000,000 generated RPSL texts through read → parse →
// print → store write (the objects written with their claims into one in-memory store,
// replacing the last input's) and the terminal sanitizer, the same property as
// test/grammar/fuzz.test.ts and test/store/fuzz-write.test.ts (which run samples). Prints its
// counts and the slowest input; fails (throws) on the first input that makes anything throw
// or yields a diagnostic without a line and column, printing that input.
// `npm run bench -- fuzz` runs only this; ASREL_FUZZ_RUNS changes the count.
import fc from 'fast-check';
import { exercise, REAL_LINES, rpslText, type Counts } from '../test/grammar/fuzz-inputs.js';
import { Ingest } from '../src/infer/ingest.js';
import { readObjects } from '../src/rpsl/read.js';
import { sanitize } from '../src/report/sanitize.js';
import { Store } from '../src/store/store.js';
import type { ObjectProvenance } from '../src/store/types.js';

const RUNS = Number(process.env.ASREL_FUZZ_RUNS ?? 1_000_000);
const PROVENANCE: ObjectProvenance = { kind: 'dump', from: 'fuzz', date: '2026-01-01' };

/** Writes the input's objects into `store` (one transaction) and reads one back: throws if either fails. */
export function writeAndRead(store: Store, text: string): void {
  const { objects } = readObjects(text, 'fuzz');
  const ingest = new Ingest(store);
  ingest.writeAll(objects.map((object) => ({ object, provenance: PROVENANCE })));
  ingest.finish();
  for (const o of objects) {
    if (!Ingest.keeps(o)) continue;
    const back = store.active(o.class as 'aut-num', o.key);
    if (!back) throw new Error(`${o.class} ${o.key} was written but is not in the store`);
    sanitize(back.object.attributes.map((a) => a.raw).join('\n'));
  }
}

export async function run(): Promise<void> {
  const counts: Counts = { inputs: 0, objects: 0, policies: 0, parsed: 0, diagnostics: 0 };
  const store = Store.memory();
  const seed = Date.now() | 0;
  let slowest = { ms: 0, text: '' };
  let overOneSecond = 0;
  const t = performance.now();
  fc.assert(fc.property(rpslText, (text) => {
    const t0 = performance.now();
    exercise(text, counts);
    writeAndRead(store, text);
    const ms = performance.now() - t0;
    if (ms > slowest.ms) slowest = { ms, text };
    if (ms > 1000) overOneSecond++;
    if (counts.inputs % 100_000 === 0) process.stderr.write(`  … ${counts.inputs.toLocaleString('en-US')} inputs, ${((performance.now() - t) / 1000).toFixed(0)} s\n`);
  }), { numRuns: RUNS, seed });
  const s = (performance.now() - t) / 1000;
  store.close();
  console.log(`fuzz read → parse → print → store write: ${RUNS.toLocaleString('en-US')} inputs (seed ${seed}; ${REAL_LINES.length} real lines mutated, token soups, random strings)`);
  console.log(`  ${counts.inputs.toLocaleString('en-US')} inputs run (shrinking included), ${counts.objects.toLocaleString('en-US')} objects, ${counts.policies.toLocaleString('en-US')} policy attributes, ${counts.parsed.toLocaleString('en-US')} parsed, ${counts.diagnostics.toLocaleString('en-US')} diagnostics — no exception, every diagnostic with line and column, every object written and read back`);
  console.log(`  ${s.toFixed(1)} s, ${(counts.inputs / s).toFixed(0)} inputs/s; slowest input ${slowest.ms.toFixed(1)} ms (${slowest.text.length} characters: ${JSON.stringify(slowest.text.slice(0, 120))}${slowest.text.length > 120 ? '…' : ''}); ${overOneSecond} over 1 s`);
  // A pause of the machine (GC, other processes) can make any input slow once: the slowest
  // is timed again on its own, and only a repeatable second counts.
  const again = Store.memory();
  const times = [0, 1, 2].map(() => {
    const t0 = performance.now();
    exercise(slowest.text);
    writeAndRead(again, slowest.text);
    return performance.now() - t0;
  }).sort((a, b) => a - b);
  again.close();
  console.log(`  the slowest input again on its own: median ${times[1]!.toFixed(1)} ms of 3`);
  if (times[1]! > 1000) throw new Error(`an input takes over 1 s on its own: ${JSON.stringify(slowest.text.slice(0, 200))}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
