import { describe, expect, it } from 'vitest';
import { buildGraph, DEFAULT_AMBIGUOUS, edgesFromInferences, resolveAmbiguous } from '../../src/graph/build.js';
import { Topology } from '../../src/graph/topology.js';
import { compileCsr, csrFromEdges } from '../../src/graph/csr.js';
import type { RelationshipEdge } from '../../src/graph/types.js';
import { shortestPath } from '../../src/graph/valley-free.js';
import type { LinkInference } from '../../src/infer/types.js';
import { edges, seeded } from './helpers.js';

// Made-up inferences: the shape the inference stage produces, not registry data.
function inf(a: number, b: number, relation: LinkInference['relation'], candidates: LinkInference['candidates'] = [], missing: number[] = []): LinkInference {
  return { a, b, family: 'ipv6', relation, candidates, confidence: 0.5, evidence: [], missing };
}

describe('edgesFromInferences and --ambiguous', () => {
  // S climbs to 1; 1–2 is "peer or provider" from 1's side; 2 peers with 3, 3 is D's provider.
  const infs = [inf(10, 1, 'c2p'), inf(1, 2, 'ambiguous', ['p2p', 'c2p']), inf(2, 3, 'p2p'), inf(3, 30, 'p2c'), inf(3, 4, 'conflict'), inf(4, 5, 'none')];
  const reach = (policy: Parameters<typeof edgesFromInferences>[1]) =>
    shortestPath(Topology.fromEdges(edgesFromInferences(infs, policy), 'ipv6').csr, 10, 30);

  it('defaults to peer, which never invents transit', () => {
    expect(DEFAULT_AMBIGUOUS).toBe('peer');
    expect(reach(undefined)).toBeNull(); // 10 ↑ 1 → 2 (peer) → 3 (peer): two peer links
  });
  it('provider: the second AS becomes the first one\'s provider when that is a candidate', () => {
    expect(reach('provider')).toEqual([10, 1, 2, 3, 30]);
    expect(edgesFromInferences(infs, 'provider')).toContainEqual(expect.objectContaining({ a: 2, b: 1, relation: 'p2c' }));
  });
  it('reads the policy by AS number order, whichever way the inference is turned (a question climbs from either side)', () => {
    // 1–2 "peer or AS2 is AS1's provider", once from AS1's side and once from AS2's.
    const fromLow = inf(1, 2, 'ambiguous', ['p2p', 'c2p']);
    const fromHigh = inf(2, 1, 'ambiguous', ['p2p', 'p2c']);
    expect(resolveAmbiguous(fromLow, 'provider')).toBe('c2p');
    expect(resolveAmbiguous(fromHigh, 'provider')).toBe('p2c'); // the same link: AS2 is AS1's provider
    expect(resolveAmbiguous(fromLow, 'customer')).toBe('p2p');
    expect(resolveAmbiguous(fromHigh, 'customer')).toBe('p2p');
    expect(edgesFromInferences([fromHigh], 'provider')).toEqual([expect.objectContaining({ a: 2, b: 1, relation: 'p2c' })]);
  });
  it('customer falls back to peer when it is not a candidate; drop removes the link', () => {
    expect(edgesFromInferences(infs, 'customer')).toContainEqual(expect.objectContaining({ a: 1, b: 2, relation: 'p2p' }));
    expect(reach('customer')).toBeNull();
    expect(edgesFromInferences(infs, 'drop').some((e) => e.a === 1 && e.b === 2)).toBe(false);
    expect(reach('drop')).toBeNull();
  });
  it('leaves conflicts and none out, turns c2p around, keeps the inference for evidence', () => {
    const es = edgesFromInferences(infs, 'peer');
    expect(es.some((e) => e.a === 3 && e.b === 4)).toBe(false);
    expect(es.some((e) => e.a === 4 && e.b === 5)).toBe(false);
    const up = es.find((e) => e.b === 10)!;
    expect(up).toMatchObject({ a: 1, b: 10, relation: 'p2c' });
    expect(up.inference?.relation).toBe('c2p');
  });
});

describe('buildGraph', () => {
  it('keeps one relation per pair, counts duplicates and reports contradictions', () => {
    const { graph, stats } = buildGraph([...edges('1>2 2-3 1>2'), ...edges('2>1 3=2'), ...edges('7>8', 'ipv6')], 'ipv4');
    expect(graph.order).toBe(3);
    expect(graph.size).toBe(2);
    expect(stats.duplicates).toBe(1);
    expect(stats.contradictions).toHaveLength(2);
    expect(stats.ignored).toBe(1);
  });
  it('csrFromEdges gives the arrays and stats of the built graph, without building it (made-up random edges)', () => {
    const rnd = seeded(7);
    for (let round = 0; round < 100; round++) {
      const n = 3 + Math.floor(rnd() * 12);
      const es: RelationshipEdge[] = [];
      for (let k = 0; k < n * 2; k++) {
        const r = rnd();
        es.push({ a: 1 + Math.floor(rnd() * n), b: 1 + Math.floor(rnd() * n), family: rnd() < 0.9 ? 'ipv4' : 'ipv6', relation: r < 0.4 ? 'p2c' : r < 0.8 ? 'p2p' : 's2s' });
      }
      const built = buildGraph(es, 'ipv4');
      const fast = csrFromEdges(es, 'ipv4');
      expect(fast.stats, `round ${round}`).toEqual(built.stats);
      expect(fast.csr, `round ${round}`).toEqual(compileCsr(built.graph));
      // The graph a Topology builds on demand is the same graph.
      const t = Topology.fromEdges(es, 'ipv4');
      const shape = (g: typeof built.graph) => g.mapEdges((_k, attr, s, t, _sa, _ta, undirected) => [s, t, attr.relation, undirected]);
      expect(shape(t.graph), `round ${round}`).toEqual(shape(built.graph));
      expect(t.graph.nodes(), `round ${round}`).toEqual(built.graph.nodes());
    }
  });
  it('exposes links read from either side', () => {
    const t = Topology.fromEdges(edges('1>2 2-3 3=4'), 'ipv4');
    expect(t.link(1, 2)?.relation).toBe('p2c');
    expect(t.link(2, 1)?.relation).toBe('c2p');
    expect(t.link(3, 2)?.relation).toBe('p2p');
    expect(t.link(4, 3)?.relation).toBe('s2s');
    expect(t.link(1, 3)).toBeUndefined();
    expect(t.links(2).map((l) => [l.to, l.relation])).toEqual([[1, 'c2p'], [3, 'p2p']]);
  });
});
