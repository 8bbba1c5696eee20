// A sample of the fuzz long run (bench/fuzz.bench.ts, 1,000,000 inputs): generated RPSL
// texts from real registry lines, mutated, and token soups (test/grammar/fuzz-inputs.ts)
// are written into a store with their claims and read back, and what is printed of them
// carries no terminal control character. No input may make anything throw.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeAndRead } from '../../bench/fuzz.bench.js';
import { rpslText } from '../grammar/fuzz-inputs.js';
import { Store } from '../../src/store/store.js';
import { jsonSafe, sanitize } from '../../src/report/sanitize.js';

// eslint-disable-next-line no-control-regex
const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('fuzz: store write and read-back', () => {
  it('2,000 generated texts are written and read back without an exception; printed text is safe', () => {
    const store = Store.memory();
    try {
      fc.assert(fc.property(rpslText, (text) => {
        writeAndRead(store, text);
        expect(sanitize(text)).not.toMatch(RAW);
        expect(JSON.parse(jsonSafe(JSON.stringify(text)))).toBe(text);
      }), { numRuns: 2000 });
    } finally {
      store.close();
    }
  }, 60_000);
});
