/**
 * What changed between two registries (two dated dumps, two store folders): per family, the
 * links added, removed and changed, and the dark spots that appeared or disappeared.
 *
 * Links: both sides' inferences are streamed in the same (family, a, b) order — the store's
 * sorted group-by, `engine.all` — and merged, so memory holds one pair of each side at a time
 * plus what changed, never both registries' inferences at once. Relations are read from a's
 * side, a < b.
 *
 * Dark spots (the definition of `findDarkSpots`: two ASes transit-free in family f, both with
 * links in the other family, with no valley-free path in f and one in the other) are
 * enumerated on each side's graphs in (family, a, b) order into packed arrays (8 bytes a
 * pair) and merged. A registry with many transit-free ASes has millions of such pairs: past
 * `maxPairs` on either side the sets are not kept and only the totals are compared (and the
 * result says so); the lists returned are the `top` largest by the product of the customer
 * cones, with totals.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DEFAULT_AMBIGUOUS, edgesFromInferences } from '../graph/build.js';
import { Topology } from '../graph/topology.js';
import type { AmbiguousPolicy, RelationshipEdge } from '../graph/types.js';
import { customerConeSize } from '../graph/valley-free.js';
import { forEachDarkPair } from '../explain/dark-spots.js';
import { InferenceEngine } from '../infer/engine.js';
import { mirror } from '../infer/views.js';
import { FAMILIES } from '../infer/families.js';
import type { Family, InferredRelation, LinkInference } from '../infer/types.js';
import type { Store } from '../store/store.js';
import { storeDataLines } from './data-lines.js';
import { UserError } from './errors.js';
import { openStore, storeFromFiles } from './open-data.js';

export interface DiffLink { a: number; b: number; afi: Family; relation: InferredRelation }
export interface DiffChange { a: number; b: number; afi: Family; old: InferredRelation; new: InferredRelation }
export interface DiffSpot { a: number; b: number; afi: Family; coneA: number; coneB: number }

export interface DarkSpotDiff {
  /** Dark spots of the new data that the old did not have (the `top` largest, by the new data's cones). */
  appeared: DiffSpot[];
  /** Dark spots of the old data gone in the new (the `top` largest, by the old data's cones). */
  disappeared: DiffSpot[];
  /** Per family: dark spots in each side, and how many appeared / disappeared (null when the sets were too big to keep). */
  totals: Record<Family, { old: number; new: number; appeared: number | null; disappeared: number | null }>;
  /** False when a side had more than `maxPairs` dark spots: only the totals were compared. */
  compared: boolean;
  /** How many of each list are shown (`top`). */
  top: number;
}

export interface DiffResult {
  added: DiffLink[];
  removed: DiffLink[];
  changed: DiffChange[];
  /** Per family: links in each side (null when not counted: links only, no full pass), and added/removed/changed counts. */
  counts: Record<Family, { old: number | null; new: number | null; added: number; removed: number; changed: number }>;
  darkSpots?: DarkSpotDiff;
  /** Objects whose text differs (or that exist on one side only), changed sets among them, and the ASes whose links were inferred again. */
  changedObjects?: { objects: number; sets: number; ases: number };
}

/** One side of a diff, opened for reading. */
export interface DiffSide {
  label: string;
  store: Store;
  engine: InferenceEngine;
  /** `data:` lines of the side. */
  notes: string[];
  close(): void;
}

/** A store folder (read as it is, never written) or an RPSL file/dump (read into memory). */
export async function openDiffSide(path: string, opts: { date?: string; what: string }): Promise<DiffSide> {
  let s;
  try {
    s = await stat(path);
  } catch (e) {
    throw new UserError(`${opts.what} ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file or folder' : (e as Error).message}`, 2,
      'Give a store folder (asrel import … --data DIR) or an RPSL file or dump (plain or .gz).');
  }
  if (s.isDirectory()) {
    const store = openStore(path, { readonly: true });
    if (!store.hasAutNums()) {
      store.close();
      throw new UserError(`${opts.what} ${path}: the folder holds no asrel store with aut-num objects`, 2,
        'Import a dump into it first (asrel import FILE --data DIR), or give the RPSL file itself.');
    }
    return { label: path, store, engine: new InferenceEngine(store), notes: storeDataLines(store), close: () => store.close() };
  }
  const { store, notes } = await storeFromFiles([path], opts.date);
  return { label: basename(path), store, engine: new InferenceEngine(store), notes, close: () => store.close() };
}

const famCode = (f: Family) => (f === 'ipv4' ? 0 : 1);
/** Order of the streams: family, then a, then b (a < b). */
function order(x: LinkInference, y: LinkInference): number {
  return famCode(x.family) - famCode(y.family) || x.a - y.a || x.b - y.b;
}

/** The inference with a < b (the store's streams already are). */
function low(l: LinkInference): LinkInference {
  if (l.a < l.b) return l;
  return { ...l, a: l.b, b: l.a, relation: mirror(l.relation) };
}

export interface DiffOptions {
  families?: readonly Family[];
  /** Compare dark spots too (default true). */
  darkSpots?: boolean;
  /** Dark spots listed per direction (default 100); totals are always given. */
  top?: number;
  /** Dark-spot pairs kept per side before giving up on the sets (default 20 M: 160 MB a side). */
  maxPairs?: number;
  ambiguous?: AmbiguousPolicy;
  /** Infer every link of both sides (default: only the links of ASes whose objects changed are inferred on the new side). */
  full?: boolean;
}

/**
 * ASes whose links may differ between two stores: those whose active aut-num text differs
 * (or exists on one side only), and every AS with a rule naming a set (as-set, route-set,
 * filter-set, peering-set) whose text differs, or a set holding one of those, on either side.
 * A pair's inference depends only on its two ASes' objects and the sets their rules name,
 * so every other pair is the same on both sides.
 */
export function changedAses(oldStore: Store, newStore: Store): { asns: Set<number>; objects: number; sets: number } {
  const q = 'SELECT class, key, text FROM objects WHERE active = 1 ORDER BY class, key';
  type Row = { class: string; key: string; text: string };
  const io = (oldStore.db.prepare(q).iterate() as IterableIterator<Row>)[Symbol.iterator]();
  const inw = (newStore.db.prepare(q).iterate() as IterableIterator<Row>)[Symbol.iterator]();
  const asns = new Set<number>();
  const sets = new Set<string>();
  let objects = 0;
  const mark = (r: Row) => {
    objects++;
    if (r.class === 'aut-num') {
      const asn = Number(r.key.replace(/^AS/i, ''));
      asns.add(asn);
      sets.add(`AS${asn}`); // member-of and membership: the sets holding it changed too
    } else sets.add(r.key);
  };
  let o = io.next(), n = inw.next();
  while (!o.done || !n.done) {
    const c = o.done ? 1 : n.done ? -1 : o.value.class < n.value.class ? -1 : o.value.class > n.value.class ? 1 : o.value.key < n.value.key ? -1 : o.value.key > n.value.key ? 1 : 0;
    if (c < 0) { mark(o.value); o = io.next(); }
    else if (c > 0) { mark(n.value); n = inw.next(); }
    else {
      if (o.value.text !== n.value.text) mark(o.value);
      o = io.next();
      n = inw.next();
    }
  }
  // Sets holding a changed set or AS, upward, on both sides; then the owners of rules naming them.
  const names = new Set<string>(sets);
  let frontier = [...names];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const x of frontier) for (const st of [oldStore, newStore]) for (const p of st.setsHolding(x)) if (!names.has(p)) { names.add(p); next.push(p); }
    frontier = next;
  }
  for (const st of [oldStore, newStore]) {
    for (const x of names) if (!/^AS\d+$/.test(x)) for (const owner of st.ownersMentioning(x)) asns.add(owner);
  }
  return { asns, objects, sets: [...sets].filter((x) => !/^AS\d+$/.test(x)).length };
}

const linkKey = (l: { family: Family; a: number; b: number }) => `${l.family}|${l.a}|${l.b}`;

/** Every link of the changed ASes on one side, keyed by (family, a, b), a < b. */
function linksOf(side: DiffSide, asns: Set<number>, families: readonly Family[]): Map<string, LinkInference> {
  const out = new Map<string, LinkInference>();
  for (const x of asns) {
    for (const f of families) {
      for (const l of side.engine.neighbours(x, f, { evidence: false })) {
        if (l.relation === 'none' || l.a === l.b) continue;
        const k = low(l);
        out.set(linkKey(k), k);
      }
    }
  }
  return out;
}

/**
 * Links only, without a full pass over either side: the links of the changed ASes on both
 * sides, compared. The number of links of each side is not counted (null).
 */
export function diffLocal(oldSide: DiffSide, newSide: DiffSide, families: readonly Family[], changed: Set<number>): Omit<DiffResult, 'darkSpots'> {
  const before = linksOf(oldSide, changed, families);
  const after = linksOf(newSide, changed, families);
  const sorted = (m: Map<string, LinkInference>) => [...m.values()].sort(order);
  const r = diffInferences(sorted(before), sorted(after));
  for (const f of FAMILIES) {
    r.counts[f].old = null;
    r.counts[f].new = null;
  }
  return r;
}

/**
 * The diff from one full pass over the old side: links of unchanged ASes are the same on the
 * new side; the new inferences of the changed ASes' links are read one AS at a time.
 */
export function diffIncremental(oldSide: DiffSide, newSide: DiffSide, families: readonly Family[], changed: Set<number>,
  visit?: { old?: (l: LinkInference) => void; new?: (l: LinkInference) => void }): Omit<DiffResult, 'darkSpots'> {
  const fresh = linksOf(newSide, changed, families);
  const added: DiffLink[] = [];
  const removed: DiffLink[] = [];
  const changedLinks: DiffChange[] = [];
  const counts = Object.fromEntries(FAMILIES.map((f) => [f, { old: 0, new: 0, added: 0, removed: 0, changed: 0 }])) as DiffResult['counts'];
  const seen = new Set<string>();
  for (const raw of oldSide.engine.all(families, { evidence: false })) {
    if (raw.relation === 'none') continue;
    const o = low(raw);
    counts[o.family].old!++;
    visit?.old?.(o);
    if (!changed.has(o.a) && !changed.has(o.b)) {
      counts[o.family].new!++;
      visit?.new?.(o);
      continue;
    }
    const k = linkKey(o);
    const n = fresh.get(k);
    if (!n) {
      removed.push({ a: o.a, b: o.b, afi: o.family, relation: o.relation });
      counts[o.family].removed++;
      continue;
    }
    seen.add(k);
    counts[o.family].new!++;
    visit?.new?.(n);
    if (n.relation !== o.relation) {
      changedLinks.push({ a: o.a, b: o.b, afi: o.family, old: o.relation, new: n.relation });
      counts[o.family].changed++;
    }
  }
  const rest = [...fresh.entries()].filter(([k]) => !seen.has(k)).map(([, l]) => l).sort(order);
  for (const n of rest) {
    added.push({ a: n.a, b: n.b, afi: n.family, relation: n.relation });
    counts[n.family].added++;
    counts[n.family].new!++;
    visit?.new?.(n);
  }
  return { added, removed, changed: changedLinks, counts };
}

/** Merges two sorted streams of inferences into what was added, removed and changed. */
export function diffInferences(oldLinks: Iterable<LinkInference>, newLinks: Iterable<LinkInference>, visit?: { old?: (l: LinkInference) => void; new?: (l: LinkInference) => void }): Omit<DiffResult, 'darkSpots'> {
  const added: DiffLink[] = [];
  const removed: DiffLink[] = [];
  const changed: DiffChange[] = [];
  const counts = Object.fromEntries(FAMILIES.map((f) => [f, { old: 0, new: 0, added: 0, removed: 0, changed: 0 }])) as DiffResult['counts'];
  const io = oldLinks[Symbol.iterator]();
  const inw = newLinks[Symbol.iterator]();
  // 'none' is no link.
  const next = (it: Iterator<LinkInference>, side: 'old' | 'new'): LinkInference | undefined => {
    for (;;) {
      const r = it.next();
      if (r.done) return undefined;
      if (r.value.relation === 'none') continue;
      const l = low(r.value);
      counts[l.family][side]!++;
      visit?.[side]?.(l);
      return l;
    }
  };
  let o = next(io, 'old');
  let n = next(inw, 'new');
  let prevO: LinkInference | undefined, prevN: LinkInference | undefined;
  while (o || n) {
    // The merge is only right on sorted streams: say so rather than report nonsense.
    if (o && prevO && order(prevO, o) >= 0) throw new Error(`diff: the old stream is not in (family, a, b) order at AS${o.a}–AS${o.b}`);
    if (n && prevN && order(prevN, n) >= 0) throw new Error(`diff: the new stream is not in (family, a, b) order at AS${n.a}–AS${n.b}`);
    const c = !o ? 1 : !n ? -1 : order(o, n);
    if (c < 0) {
      removed.push({ a: o!.a, b: o!.b, afi: o!.family, relation: o!.relation });
      counts[o!.family].removed++;
      prevO = o;
      o = next(io, 'old');
    } else if (c > 0) {
      added.push({ a: n!.a, b: n!.b, afi: n!.family, relation: n!.relation });
      counts[n!.family].added++;
      prevN = n;
      n = next(inw, 'new');
    } else {
      if (o!.relation !== n!.relation) {
        changed.push({ a: o!.a, b: o!.b, afi: o!.family, old: o!.relation, new: n!.relation });
        counts[o!.family].changed++;
      }
      prevO = o;
      prevN = n;
      o = next(io, 'old');
      n = next(inw, 'new');
    }
  }
  return { added, removed, changed, counts };
}

/** Packed (a, b) pairs of one family, in (a, b) order. */
class Pairs {
  a = new Uint32Array(1024);
  b = new Uint32Array(1024);
  n = 0;
  push(x: number, y: number): void {
    if (this.n === this.a.length) {
      const grow = (arr: Uint32Array) => {
        const g = new Uint32Array(arr.length * 2);
        g.set(arr);
        return g;
      };
      this.a = grow(this.a);
      this.b = grow(this.b);
    }
    this.a[this.n] = x;
    this.b[this.n] = y;
    this.n++;
  }
}

interface SideSpots {
  /** Per family, in (a, b) order; undefined once over the limit. */
  pairs: Partial<Record<Family, Pairs>>;
  total: Record<Family, number>;
  overflow: boolean;
}

/**
 * Every dark spot of one side (findDarkSpots' definition), as packed sorted pairs; counting
 * goes on past `maxPairs` but the pairs are dropped.
 */
export function darkSpotPairs(topos: Record<Family, Topology>, families: readonly Family[], maxPairs: number): SideSpots {
  const out: SideSpots = { pairs: {}, total: { ipv4: 0, ipv6: 0 }, overflow: false };
  let kept = 0;
  for (const f of families) {
    const pairs = new Pairs();
    out.pairs[f] = pairs;
    forEachDarkPair(topos, f, (a, b) => {
      out.total[f]++;
      if (out.overflow) return;
      if (++kept > maxPairs) {
        out.overflow = true;
        out.pairs = {};
        return;
      }
      pairs.push(a, b);
    });
  }
  return out;
}

/** Dark spots in `mine` and not in `theirs` (both sorted). */
function minus(mine: Pairs, theirs: Pairs, visit: (a: number, b: number) => void): number {
  let j = 0, count = 0;
  for (let i = 0; i < mine.n; i++) {
    const a = mine.a[i]!, b = mine.b[i]!;
    while (j < theirs.n && (theirs.a[j]! < a || (theirs.a[j] === a && theirs.b[j]! < b))) j++;
    if (j < theirs.n && theirs.a[j] === a && theirs.b[j] === b) continue;
    count++;
    visit(a, b);
  }
  return count;
}

/** Keeps the `top` largest by the product of the cones (cone sizes read on demand, once per AS). */
function ranked(topo: Topology, afi: Family, top: number) {
  const cones = new Map<number, number>();
  const cone = (asn: number) => {
    let c = cones.get(asn);
    if (c === undefined) cones.set(asn, (c = customerConeSize(topo.csr, asn)));
    return c;
  };
  let kept: DiffSpot[] = [];
  const rank = (s: DiffSpot, t: DiffSpot) => t.coneA * t.coneB - s.coneA * s.coneB || s.a - t.a || s.b - t.b;
  return {
    add(a: number, b: number) {
      if (top <= 0) return;
      kept.push({ a, b, afi, coneA: cone(a), coneB: cone(b) });
      if (kept.length >= 2 * top) kept = kept.sort(rank).slice(0, top);
    },
    done: () => kept.sort(rank).slice(0, top),
  };
}

export function compareDarkSpots(
  oldTopos: Record<Family, Topology>, newTopos: Record<Family, Topology>, families: readonly Family[], opts: { top: number; maxPairs: number },
): DarkSpotDiff {
  const o = darkSpotPairs(oldTopos, families, opts.maxPairs);
  const n = darkSpotPairs(newTopos, families, opts.maxPairs);
  const compared = !o.overflow && !n.overflow;
  const totals = Object.fromEntries(FAMILIES.map((f) => [f, { old: o.total[f], new: n.total[f], appeared: null, disappeared: null }])) as DarkSpotDiff['totals'];
  const appeared: DiffSpot[] = [];
  const disappeared: DiffSpot[] = [];
  if (compared) {
    for (const f of families) {
      const up = ranked(newTopos[f], f, opts.top);
      const down = ranked(oldTopos[f], f, opts.top);
      totals[f].appeared = minus(n.pairs[f]!, o.pairs[f]!, up.add);
      totals[f].disappeared = minus(o.pairs[f]!, n.pairs[f]!, down.add);
      for (const x of up.done()) appeared.push(x);
      for (const x of down.done()) disappeared.push(x);
    }
  }
  return { appeared, disappeared, totals, compared, top: opts.top };
}

/**
 * The whole diff of two opened sides: one streamed pass over each side's inferences gives the
 * link changes and, when dark spots are asked for, each side's graph edges (relation only).
 */
export function diffData(oldSide: DiffSide, newSide: DiffSide, opts: DiffOptions = {}): DiffResult {
  const families = opts.families ?? FAMILIES;
  const policy = opts.ambiguous ?? DEFAULT_AMBIGUOUS;
  const wantSpots = (opts.darkSpots ?? true) && families.length > 0;
  const edges = { old: { ipv4: [], ipv6: [] } as Record<Family, RelationshipEdge[]>, new: { ipv4: [], ipv6: [] } as Record<Family, RelationshipEdge[]> };
  const keep = (side: 'old' | 'new') => (l: LinkInference) => {
    for (const e of edgesFromInferences([l], policy)) edges[side][l.family].push({ a: e.a, b: e.b, family: e.family, relation: e.relation });
  };
  const streamed = wantSpots ? FAMILIES : families;
  const visit = wantSpots ? { old: keep('old'), new: keep('new') } : undefined;
  let result: DiffResult;
  if (opts.full) {
    result = diffInferences(oldSide.engine.all(streamed, { evidence: false }), newSide.engine.all(streamed, { evidence: false }), visit);
  } else {
    const changed = changedAses(oldSide.store, newSide.store);
    result = wantSpots ? diffIncremental(oldSide, newSide, streamed, changed.asns, visit) : diffLocal(oldSide, newSide, families, changed.asns);
    result.changedObjects = { objects: changed.objects, sets: changed.sets, ases: changed.asns.size };
  }
  if (wantSpots) {
    // Dark spots need both families' graphs; links of a family not asked for are not listed.
    const drop = (f: Family) => !families.includes(f);
    result.added = result.added.filter((l) => !drop(l.afi));
    result.removed = result.removed.filter((l) => !drop(l.afi));
    result.changed = result.changed.filter((l) => !drop(l.afi));
    for (const f of FAMILIES) if (drop(f)) result.counts[f] = { old: 0, new: 0, added: 0, removed: 0, changed: 0 };
    const topos = (side: 'old' | 'new') => {
      const t = Object.fromEntries(FAMILIES.map((f) => [f, Topology.fromEdges(edges[side][f], f)])) as Record<Family, Topology>;
      edges[side] = { ipv4: [], ipv6: [] };
      return t;
    };
    const oldTopos = topos('old');
    const newTopos = topos('new');
    result.darkSpots = compareDarkSpots(oldTopos, newTopos, families, { top: opts.top ?? 100, maxPairs: opts.maxPairs ?? 20_000_000 });
  }
  return result;
}
