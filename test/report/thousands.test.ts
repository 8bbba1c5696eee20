// Counts in answers are written as toLocaleString('en-US') writes them, without its start-up cost.
import { describe, expect, it } from 'vitest';
import { thousands } from '../../src/report/thousands.js';

describe('thousands', () => {
  it('writes integers with comma separators, as en-US does', () => {
    for (const x of [0, 7, 999, 1000, 12_345, 273_900, 1_234_567, -4_321, 1e12]) expect(thousands(x)).toBe(x.toLocaleString('en-US'));
  });
});
