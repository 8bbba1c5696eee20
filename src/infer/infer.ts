/**
 * Public inference API (DESIGN.md "Relationship inference"): one engine per store, so sets
 * are expanded once per run however many questions are asked. A MemoryIndex (objects read by
 * the caller) is written into an in-memory store first: every way of loading data goes
 * through the same claims and gives the same answer.
 */
import { MemoryIndex } from '../store/memory-index.js';
import { Store } from '../store/store.js';
import { InferenceEngine, type InferOptions as EngineOptions } from './engine.js';
import { FAMILIES } from './families.js';
import { Ingest } from './ingest.js';
import type { Family, LinkInference } from './types.js';

export interface InferOptions extends EngineOptions {
  families?: Family[];
}

export type InferenceData = Store | MemoryIndex;

const stores = new WeakMap<MemoryIndex, Store>();
const engines = new WeakMap<Store, InferenceEngine>();

/** The store behind the data: itself, or an in-memory store holding a MemoryIndex's objects. */
export function storeOf(data: InferenceData): Store {
  if (data instanceof Store) return data;
  let s = stores.get(data);
  if (!s) {
    s = Store.memory();
    const ingest = new Ingest(s);
    ingest.writeAll(data.objects());
    ingest.finish();
    stores.set(data, s);
  }
  return s;
}

/** The engine (and its caches) for the data; created on first use. */
export function engineFor(data: InferenceData): InferenceEngine {
  const store = storeOf(data);
  let e = engines.get(store);
  if (!e) engines.set(store, (e = new InferenceEngine(store)));
  return e;
}

/** Every adjacency, streamed: one LinkInference per unordered pair (a < b) and family. */
export function iterateInferences(data: InferenceData, opts: InferOptions = {}): Generator<LinkInference> {
  return engineFor(data).all(opts.families ?? FAMILIES, opts);
}

/** Every adjacency as an array (small data; whole registries should use iterateInferences). */
export function inferAll(data: InferenceData, opts: InferOptions = {}): LinkInference[] {
  return [...iterateInferences(data, opts)];
}

/** One pair (a's side first). relation 'none' with evidence [] when not adjacent in that family. */
export function inferPair(data: InferenceData, a: number, b: number, family: Family): LinkInference {
  return engineFor(data).infer(a, b, family);
}

/** Every neighbour of `asn` (named by its rules or naming it), read from `asn`'s side. */
export function neighborsOf(data: InferenceData, asn: number, family?: Family): LinkInference[] {
  const e = engineFor(data);
  return (family ? [family] : FAMILIES).flatMap((f) => e.neighbours(asn, f));
}
