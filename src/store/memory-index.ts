import { parseAsn } from '../rpsl/keys.js';
import type { LookupClass, ObjectIndex, StoredObject } from './types.js';

type SetClass = Exclude<LookupClass, 'aut-num'>;
const SET_CLASSES: ReadonlySet<string> = new Set<SetClass>(['as-set', 'route-set', 'filter-set', 'peering-set']);

/**
 * In-memory ObjectIndex. When the same object arrives twice, the first one added wins,
 * so callers add in order of preference (fresh store, then dumps, then bundled data),
 * like IRRd's first-match by source order.
 */
export class MemoryIndex implements ObjectIndex {
  private readonly byAsn = new Map<number, StoredObject>();
  private readonly sets = new Map<string, StoredObject>();

  /** Adds an object; returns false when an object with that key was already there. */
  add(stored: StoredObject): boolean {
    const { object } = stored;
    if (object.class === 'aut-num') {
      const p = parseAsn(object.key);
      if (!p || this.byAsn.has(p.asn)) return false;
      this.byAsn.set(p.asn, stored);
      return true;
    }
    if (!SET_CLASSES.has(object.class)) return false;
    const k = `${object.class}\0${object.key.toUpperCase()}`;
    if (this.sets.has(k)) return false;
    this.sets.set(k, stored);
    return true;
  }

  autNum(asn: number): StoredObject | undefined {
    return this.byAsn.get(asn);
  }

  set(cls: SetClass, name: string): StoredObject | undefined {
    return this.sets.get(`${cls}\0${name.toUpperCase()}`);
  }

  autNums(): Iterable<StoredObject> {
    return this.byAsn.values();
  }

  /** Every object, aut-nums first. */
  *objects(): Generator<StoredObject> {
    yield* this.byAsn.values();
    yield* this.sets.values();
  }

  /** The AS numbers that have an aut-num here. */
  asns(): number[] {
    return [...this.byAsn.keys()];
  }

  get size(): number {
    return this.byAsn.size + this.sets.size;
  }
}
