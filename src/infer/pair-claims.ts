/**
 * Every claim of a store filed under its pair, for the whole-store group-by (engine.all):
 * typed arrays, about 30 bytes a claim, then one counting sort by (family, lower AS) and a
 * small sort by (higher AS, line, rule id) inside each bucket. Holding the claims' few numbers is
 * linear in the registry and much cheaper than any per-claim object; rule text stays in the
 * store.
 */
import type { PackedClaim } from '../store/packed-claims.js';

/** A claim's rule, as deciding a link reads it (the rest of the row stays in the store). */
export interface ClaimRule {
  id: number;
  objectId: number;
  direction: 0 | 1 | 2;
  attribute: string;
  line: number;
  cls: 0 | 1 | 2 | 3;
  classBy: string | null;
  notes: string | null;
}

/** A claim's rule, copied out of the decoder's reused object. */
export function claimRule(c: PackedClaim, objectId: number): ClaimRule {
  return { id: c.id, objectId, direction: c.direction, attribute: c.attribute, line: c.line, cls: c.cls, classBy: c.classBy, notes: c.notes };
}

/** One pair's claims: indices into the table, in rule order. */
export interface PairGroup {
  family: 4 | 6;
  lo: number;
  hi: number;
  claims: Int32Array;
}

export class PairClaims {
  private size = 0;
  private cap = 1024;
  private owner = new Uint32Array(this.cap);
  private peer = new Uint32Array(this.cap);
  private family = new Uint8Array(this.cap);
  private direction = new Uint8Array(this.cap);
  private cls = new Uint8Array(this.cap);
  private attribute = new Uint8Array(this.cap);
  private line = new Int32Array(this.cap);
  private objectId = new Float64Array(this.cap);
  private id = new Float64Array(this.cap);
  /** Index into `extras` (class_by and notes, rare), or -1. */
  private extra = new Int32Array(this.cap);
  /** The caller's tag of a claim added with `addTagged` (an expanded set rule), or -1. */
  private tag = new Int32Array(this.cap);
  private readonly extras: { classBy: string | null; notes: string | null }[] = [];
  private readonly attributes: string[] = [];
  private readonly attributeCode = new Map<string, number>();

  get length(): number {
    return this.size;
  }

  private grow(): void {
    this.cap *= 2;
    const widen = <T extends Uint32Array | Uint8Array | Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(this.cap);
      b.set(a);
      return b;
    };
    this.owner = widen(this.owner);
    this.peer = widen(this.peer);
    this.family = widen(this.family);
    this.direction = widen(this.direction);
    this.cls = widen(this.cls);
    this.attribute = widen(this.attribute);
    this.line = widen(this.line);
    this.objectId = widen(this.objectId);
    this.id = widen(this.id);
    this.extra = widen(this.extra);
    this.tag = widen(this.tag);
  }

  /** A claim read from the store (src/store/packed-claims.ts). */
  add(owner: number, objectId: number, c: PackedClaim): void {
    const k = this.push(owner, c.peer, c.family, c.id, -1);
    this.objectId[k] = objectId;
    this.direction[k] = c.direction;
    this.cls[k] = c.cls;
    this.line[k] = c.line;
    let a = this.attributeCode.get(c.attribute);
    if (a === undefined) {
      a = this.attributes.push(c.attribute) - 1;
      this.attributeCode.set(c.attribute, a);
    }
    this.attribute[k] = a;
    if (c.classBy !== null || c.notes !== null) this.extra[k] = this.extras.push({ classBy: c.classBy, notes: c.notes }) - 1;
  }

  /** A claim whose rule the caller keeps (a rule naming sets, expanded once for all its neighbours). */
  addTagged(owner: number, peer: number, family: 4 | 6, ruleId: number, line: number, tag: number): void {
    this.line[this.push(owner, peer, family, ruleId, tag)] = line;
  }

  private push(owner: number, peer: number, family: 4 | 6, id: number, tag: number): number {
    if (this.size === this.cap) this.grow();
    const k = this.size++;
    this.owner[k] = owner;
    this.peer[k] = peer;
    this.family[k] = family;
    this.id[k] = id;
    this.tag[k] = tag;
    this.extra[k] = -1;
    return k;
  }

  ownerOf(k: number): number {
    return this.owner[k]!;
  }

  tagOf(k: number): number {
    return this.tag[k]!;
  }

  /** The rule of an untagged claim. */
  ruleOf(k: number): ClaimRule {
    const x = this.extra[k]!;
    return {
      id: this.id[k]!,
      objectId: this.objectId[k]!,
      direction: this.direction[k] as 0 | 1 | 2,
      attribute: this.attributes[this.attribute[k]!]!,
      line: this.line[k]!,
      cls: this.cls[k] as 0 | 1 | 2 | 3,
      classBy: x < 0 ? null : this.extras[x]!.classBy,
      notes: x < 0 ? null : this.extras[x]!.notes,
    };
  }

  /** The pairs in (family, lower ASN, higher ASN) order, each with its claims in rule order. */
  *groups(): Generator<PairGroup> {
    const n = this.size;
    // Dense ranks of the ASNs, so buckets and keys are small integers.
    const seen = new Set<number>();
    for (let k = 0; k < n; k++) {
      seen.add(this.owner[k]!);
      seen.add(this.peer[k]!);
    }
    const asns = Float64Array.from(seen).sort();
    const rank = new Map<number, number>();
    for (let i = 0; i < asns.length; i++) rank.set(asns[i]!, i);
    const m = asns.length;
    const lo = new Int32Array(n);
    const hi = new Int32Array(n);
    const start = new Int32Array(2 * m + 1);
    for (let k = 0; k < n; k++) {
      const a = rank.get(this.owner[k]!)!;
      const b = rank.get(this.peer[k]!)!;
      lo[k] = a < b ? a : b;
      hi[k] = a < b ? b : a;
      start[(this.family[k] === 4 ? 0 : m) + lo[k]! + 1]!++;
    }
    for (let b = 0; b < 2 * m; b++) start[b + 1]! += start[b]!;
    const order = new Int32Array(n);
    const fill = start.slice(0, 2 * m);
    for (let k = 0; k < n; k++) order[fill[(this.family[k] === 4 ? 0 : m) + lo[k]!]!++] = k;
    const id = this.id;
    const line = this.line;
    for (let b = 0; b < 2 * m; b++) {
      const from = start[b]!;
      const to = start[b + 1]!;
      if (from === to) continue;
      const bucket = order.subarray(from, to);
      // Rule order: an owner's rules by line (one object's attributes), the terms of one attribute by id.
      if (to - from > 1) bucket.sort((x, y) => hi[x]! - hi[y]! || line[x]! - line[y]! || id[x]! - id[y]!);
      const family: 4 | 6 = b < m ? 4 : 6;
      for (let i = 0; i < bucket.length;) {
        let j = i + 1;
        while (j < bucket.length && hi[bucket[j]!] === hi[bucket[i]!]) j++;
        yield { family, lo: asns[lo[bucket[i]!]!]!, hi: asns[hi[bucket[i]!]!]!, claims: bucket.subarray(i, j) };
        i = j;
      }
    }
  }
}
