// Issue 10: a fuzz property — no exception escapes reading, parsing or printing, and every
// diagnostic has a line and a column. Bounded here (5,000 inputs; 20,000 in `npm run
// test:long`); `npm run bench -- fuzz` runs 200,000 and prints the counts.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { exercise, REAL_LINES, rpslText } from './fuzz-inputs.js';
import { runs } from '../long.js';

describe('fuzz: read → parse → print', () => {
  it(`${runs(20_000, 5_000).toLocaleString('en-US')} RPSL texts from ${REAL_LINES.length} real lines, mutations and token soups`, () => {
    fc.assert(fc.property(rpslText, (t) => exercise(t)), { numRuns: runs(20_000, 5_000) });
  }, 60_000);
});
