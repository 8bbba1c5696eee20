import { Topology } from '../../src/graph/topology.js';
import type { RelationshipEdge } from '../../src/graph/types.js';
import type { Family } from '../../src/infer/types.js';

/**
 * Made-up topologies for tests (not real data): "1>2" = AS1 is AS2's provider,
 * "1-2" peers, "1=2" siblings.
 */
export function edges(spec: string, family: Family = 'ipv4'): RelationshipEdge[] {
  return spec.trim().split(/\s+/).map((t) => {
    const m = /^(\d+)([>=-])(\d+)$/.exec(t);
    if (!m) throw new Error(`bad edge spec ${t}`);
    const [a, b] = [Number(m[1]), Number(m[3])];
    return { a, b, family, relation: m[2] === '>' ? 'p2c' : m[2] === '-' ? 'p2p' : 's2s' };
  });
}

export function topo(spec: string, family: Family = 'ipv4'): Topology {
  return Topology.fromEdges(edges(spec, family), family);
}

/** A seeded source of numbers in [0, 1) for made-up random graphs: the same seed gives the same graphs. */
export function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}
