/**
 * A set of distinct AS paths, each with a route count, in typed arrays: the ASNs of every
 * path in one pool, a hash of each path chaining to the paths that share it. A full table
 * has millions of routes and up to a few million distinct paths; as strings and objects they
 * would take hundreds of MB and most of the time, here about 40 bytes per path plus its ASNs
 * (an open-addressing table of path indices, keyed by a 32-bit FNV-1a hash of the ASNs).
 * Prepending is collapsed while hashing, without building a new array.
 */
export class PathSet {
  private pool = new Uint32Array(1 << 16);
  private poolLen = 0;
  private off = new Int32Array(1 << 12);
  private len = new Int32Array(1 << 12);
  private cnt = new Uint32Array(1 << 12);
  private tag = new Uint8Array(1 << 12);
  private hash = new Int32Array(1 << 12);
  /** Open addressing: slot → path index + 1 (0: empty), linear probing, at most half full. */
  private slots = new Int32Array(1 << 13);
  size = 0;

  /** Counts one route with `path` (prepending collapsed) and `tag` (0..255, part of the key); returns the path's index. */
  add(path: readonly number[], tag: number): number {
    let h = 0x811c9dc5 ^ tag;
    let n = 0;
    let prev = -1;
    for (let i = 0; i < path.length; i++) {
      const a = path[i]!;
      if (a === prev) continue;
      prev = a;
      h = Math.imul(h ^ (a & 0xffff), 0x01000193);
      h = Math.imul(h ^ (a >>> 16), 0x01000193);
      n++;
    }
    const mask = this.slots.length - 1;
    let slot = h & mask;
    for (let e = this.slots[slot]!; e !== 0; slot = (slot + 1) & mask, e = this.slots[slot]!) {
      const k = e - 1;
      if (this.hash[k] !== h || this.len[k] !== n || this.tag[k] !== tag || !this.same(k, path)) continue;
      this.cnt[k]!++;
      return k;
    }
    const k = this.size++;
    if (k >= this.off.length) this.growIndex();
    if (this.poolLen + n > this.pool.length) {
      const p = new Uint32Array(Math.max(this.pool.length * 2, this.poolLen + n));
      p.set(this.pool.subarray(0, this.poolLen));
      this.pool = p;
    }
    this.off[k] = this.poolLen;
    this.len[k] = n;
    this.cnt[k] = 1;
    this.tag[k] = tag;
    prev = -1;
    for (let i = 0; i < path.length; i++) {
      const a = path[i]!;
      if (a === prev) continue;
      prev = a;
      this.pool[this.poolLen++] = a;
    }
    this.hash[k] = h;
    this.slots[slot] = k + 1;
    if (this.size * 2 > this.slots.length) this.rehash();
    return k;
  }

  private same(k: number, path: readonly number[]): boolean {
    let p = this.off[k]!;
    let prev = -1;
    for (let i = 0; i < path.length; i++) {
      const a = path[i]!;
      if (a === prev) continue;
      prev = a;
      if (this.pool[p++] !== a) return false;
    }
    return true;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let k = 0; k < this.size; k++) {
      let slot = this.hash[k]! & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = k + 1;
    }
    this.slots = slots;
  }

  private growIndex(): void {
    const grow = <T extends Int32Array | Uint32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2);
      b.set(a);
      return b;
    };
    this.off = grow(this.off);
    this.len = grow(this.len);
    this.cnt = grow(this.cnt);
    this.tag = grow(this.tag);
    this.hash = grow(this.hash);
  }

  path(k: number): number[] {
    const n = this.len[k]!;
    const out = new Array<number>(n);
    for (let i = 0, p = this.off[k]!; i < n; i++, p++) out[i] = this.pool[p]!;
    return out;
  }
  routes(k: number): number {
    return this.cnt[k]!;
  }
  tagOf(k: number): number {
    return this.tag[k]!;
  }
  /** Bytes held (for the benchmark's account of memory). */
  get bytes(): number {
    return this.pool.byteLength + this.off.byteLength * 4 + this.tag.byteLength + this.hash.byteLength + this.slots.byteLength;
  }
}
