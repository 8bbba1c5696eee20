/**
 * Unordered AS pairs → a number (an index the caller keeps), in typed arrays: a relationship
 * file has 190,000 pairs, and a Map keyed by a composed number or string costs more than
 * reading the file (open addressing, linear probing, at most half full).
 */
export class PairIndex {
  private lo = new Uint32Array(1 << 12);
  private hi = new Uint32Array(1 << 12);
  /** Slot → value + 1 (0: empty). */
  private val = new Int32Array(1 << 12);
  private size = 0;

  /** The value of the pair {a, b} (either order), or -1 when it has none yet. */
  get(a: number, b: number): number {
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const mask = this.val.length - 1;
    for (let s = hash(lo, hi) & mask; this.val[s] !== 0; s = (s + 1) & mask) {
      if (this.lo[s] === lo && this.hi[s] === hi) return this.val[s]! - 1;
    }
    return -1;
  }

  /** Gives the pair {a, b} (not yet given) the value `v` (0 or more). */
  set(a: number, b: number, v: number): void {
    if ((this.size + 1) * 2 > this.val.length) this.grow();
    this.put(a < b ? a : b, a < b ? b : a, v + 1);
    this.size++;
  }

  private put(lo: number, hi: number, stored: number): void {
    const mask = this.val.length - 1;
    let s = hash(lo, hi) & mask;
    while (this.val[s] !== 0) s = (s + 1) & mask;
    this.lo[s] = lo;
    this.hi[s] = hi;
    this.val[s] = stored;
  }

  private grow(): void {
    const { lo, hi, val } = this;
    this.lo = new Uint32Array(lo.length * 2);
    this.hi = new Uint32Array(hi.length * 2);
    this.val = new Int32Array(val.length * 2);
    for (let s = 0; s < val.length; s++) if (val[s] !== 0) this.put(lo[s]!, hi[s]!, val[s]!);
  }
}

/** FNV-1a over the two 32-bit numbers, by halves. */
function hash(lo: number, hi: number): number {
  let h = 0x811c9dc5;
  h = Math.imul(h ^ (lo & 0xffff), 0x01000193);
  h = Math.imul(h ^ (lo >>> 16), 0x01000193);
  h = Math.imul(h ^ (hi & 0xffff), 0x01000193);
  h = Math.imul(h ^ (hi >>> 16), 0x01000193);
  return h >>> 0;
}
