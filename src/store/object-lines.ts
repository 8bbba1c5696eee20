/**
 * One attribute of a stored object read without parsing the whole object: evidence of a
 * whole-registry export names hundreds of thousands of lines, many in objects of thousands
 * of attributes, and parsing the object for each line is quadratic. Line starts of recently
 * read objects are kept (within a byte budget); an attribute is read by running the object
 * reader over its own lines only, so its value is exactly what the reader gives.
 */
import { opensAttribute } from '../rpsl/assembler.js';
import { readObjects } from '../rpsl/read.js';
import type { RpslAttribute } from '../rpsl/types.js';

interface Indexed {
  text: string;
  firstLine: number;
  starts: Int32Array;
}

/** Text kept for line lookups, in UTF-16 code units (about 64 MB). */
const BUDGET = 32 * 1024 * 1024;

export class ObjectLines {
  private readonly cache = new Map<number, Indexed>();
  private size = 0;

  /**
   * The attribute starting at input line `line` of the object (`text` begins at `firstLine`),
   * or `undefined` when no attribute starts there, or `null` when only a whole-object read
   * can tell (a stray line inside the attribute's continuation lines).
   */
  attributeAt(id: number, load: () => { text: string; firstLine: number } | undefined, line: number): RpslAttribute | undefined | null {
    const o = this.indexed(id, load);
    if (!o) return undefined;
    const i = line - o.firstLine;
    const n = o.starts.length;
    if (i < 0 || i >= n) return undefined;
    const lineAt = (k: number) => o.text.slice(o.starts[k]!, k + 1 < n ? o.starts[k + 1]! - 1 : o.text.length);
    // Continuation and comment lines follow; the next other line ends the attribute, unless
    // the reader would skip it (not an attribute line) and go on continuing.
    let j = i + 1;
    for (; j < n; j++) {
      const c = o.text.charCodeAt(o.starts[j]!);
      if (c !== 32 && c !== 9 && c !== 43 && c !== 35 && c !== 37) break;
    }
    if (j < n && lineAt(j).trim() !== '' && !opensAttribute(lineAt(j))) return null;
    const fragment = o.text.slice(o.starts[i]!, j < n ? o.starts[j]! : o.text.length);
    const a = readObjects(fragment).objects[0]?.attributes[0];
    if (!a || a.line !== 1) return undefined;
    a.line = line;
    return a;
  }

  /** An object written again: its text or first line may have changed. */
  forget(id: number): void {
    this.cache.delete(id);
  }

  private indexed(id: number, load: () => { text: string; firstLine: number } | undefined): Indexed | undefined {
    const hit = this.cache.get(id);
    if (hit) {
      this.cache.delete(id);
      this.cache.set(id, hit);
      return hit;
    }
    const r = load();
    if (!r) return undefined;
    const starts = [0];
    for (let k = r.text.indexOf('\n'); k >= 0; k = r.text.indexOf('\n', k + 1)) starts.push(k + 1);
    const o: Indexed = { text: r.text, firstLine: r.firstLine, starts: Int32Array.from(starts) };
    this.size += o.text.length;
    this.cache.set(id, o);
    while (this.size > BUDGET && this.cache.size > 1) {
      const [k, old] = this.cache.entries().next().value as [number, Indexed];
      this.cache.delete(k);
      this.size -= old.text.length;
    }
    return o;
  }
}
