import { describe, expect, it } from 'vitest';
import { PairIndex } from '../../src/graph/pair-index.js';

describe('PairIndex', () => {
  it('finds a pair in either order, across growth, with 32-bit AS numbers', () => {
    const p = new PairIndex();
    const n = 20_000;
    for (let i = 0; i < n; i++) p.set(4294967295 - i, i + 1, i);
    for (let i = 0; i < n; i++) {
      expect(p.get(i + 1, 4294967295 - i)).toBe(i);
      expect(p.get(4294967295 - i, i + 1)).toBe(i);
    }
    expect(p.get(1, 2)).toBe(-1);
    expect(p.get(4294967295, 2)).toBe(-1);
  });
});
