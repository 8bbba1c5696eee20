// Fuzz long run (issue 10): 200,000 generated RPSL texts through read → parse → print, the
// same property as test/grammar/fuzz.test.ts (which runs 20,000). Prints its counts; fails
// (throws) on the first input that makes anything throw or yields a diagnostic without a
// line and column, printing that input. `npm run bench -- fuzz` runs only this.
import fc from 'fast-check';
import { exercise, REAL_LINES, rpslText, type Counts } from '../test/grammar/fuzz-inputs.js';

const RUNS = Number(process.env.ASREL_FUZZ_RUNS ?? 200_000);

export async function run(): Promise<void> {
  const counts: Counts = { inputs: 0, objects: 0, policies: 0, parsed: 0, diagnostics: 0 };
  const seed = Date.now() | 0;
  const t = performance.now();
  fc.assert(fc.property(rpslText, (text) => exercise(text, counts)), { numRuns: RUNS, seed });
  const s = (performance.now() - t) / 1000;
  console.log(`fuzz read → parse → print: ${RUNS.toLocaleString('en-US')} inputs (seed ${seed}; ${REAL_LINES.length} real lines mutated, token soups, random strings)`);
  console.log(`  ${counts.inputs.toLocaleString('en-US')} inputs run (shrinking included), ${counts.objects.toLocaleString('en-US')} objects, ${counts.policies.toLocaleString('en-US')} policy attributes, ${counts.parsed.toLocaleString('en-US')} parsed, ${counts.diagnostics.toLocaleString('en-US')} diagnostics — no exception, every diagnostic with line and column`);
  console.log(`  ${s.toFixed(1)} s, ${(counts.inputs / s).toFixed(0)} inputs/s`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
