/**
 * Public inference API (DESIGN.md "Relationship inference"): one engine per index, so
 * policies are parsed and sets expanded once per run however many questions are asked.
 */
import { parsePolicies } from '../policy/parse.js';
import type { ObjectIndex } from '../store/types.js';
import { InferenceEngine } from './engine.js';
import { FAMILIES } from './families.js';
import type { Family, LinkInference } from './types.js';

export interface InferOptions {
  families?: Family[];
}

const engines = new WeakMap<ObjectIndex, InferenceEngine>();

/** The engine (and its caches) for an index; created on first use. */
export function engineFor(index: ObjectIndex): InferenceEngine {
  let e = engines.get(index);
  if (!e) engines.set(index, (e = new InferenceEngine(index, parsePolicies)));
  return e;
}

/** Every adjacency in the index, both families (or the ones asked): one LinkInference per unordered pair & family. */
export function inferAll(index: ObjectIndex, opts: InferOptions = {}): LinkInference[] {
  return engineFor(index).all(opts.families ?? FAMILIES);
}

/** One pair (a's side first). relation 'none' with evidence [] when not adjacent in that family. */
export function inferPair(index: ObjectIndex, a: number, b: number, family: Family): LinkInference {
  return engineFor(index).infer(a, b, family);
}

/** Every neighbour of `asn` (named by its rules or naming it), read from `asn`'s side. */
export function neighborsOf(index: ObjectIndex, asn: number, family?: Family): LinkInference[] {
  const e = engineFor(index);
  return (family ? [family] : FAMILIES).flatMap((f) => e.neighbours(asn, f));
}
