// Sibling groups (made-up topologies, not real data): components of sibling links as one node.
import { describe, expect, it } from 'vitest';
import { siblingGroups } from '../../src/graph/siblings.js';
import { customerConeSize, uphillCone } from '../../src/graph/valley-free.js';
import { Topology } from '../../src/graph/topology.js';
import type { RelationshipEdge } from '../../src/graph/types.js';
import { seeded, topo } from './helpers.js';

/** Hub 10 with siblings 1000..1000+n-1; 10 buys transit from 1; 2 peers with 10; member 1000 has a customer 5. */
function hub(n: number): RelationshipEdge[] {
  const es: RelationshipEdge[] = [
    { a: 1, b: 10, family: 'ipv4', relation: 'p2c' },
    { a: 2, b: 10, family: 'ipv4', relation: 'p2p' },
    { a: 1000, b: 5, family: 'ipv4', relation: 'p2c' },
  ];
  for (let k = 0; k < n; k++) es.push({ a: 10, b: 1000 + k, family: 'ipv4', relation: 's2s' });
  return es;
}

describe('siblingGroups', () => {
  it('one node per connected group, numbered by lowest ASN, links between groups once', () => {
    // 3=4=5 one group (two sibling links); 1 provider of 3 and of 5 (one group link); 6 peers with 4 and 5.
    const t = topo('1>3 3=4 4=5 1>5 6-4 6-5 2>6');
    const g = siblingGroups(t.csr);
    const byAsn = (asn: number) => g.of[t.csr.index.get(asn)!]!;
    expect(g.count).toBe(4);
    expect([1, 2, 3, 4, 5, 6].map(byAsn)).toEqual([0, 1, 2, 2, 2, 3]);
    expect(Array.from(g.size)).toEqual([1, 1, 3, 1]);
    expect(Array.from(g.graph.asns)).toEqual([1, 2, 3, 6]);
    // The group {3,4,5}: one provider group (1, though two links), one peer group (6, though two links), no siblings.
    const G = 2;
    expect(Array.from(g.graph.prov.subarray(g.graph.provOff[G], g.graph.provOff[G + 1]))).toEqual([0]);
    expect(Array.from(g.graph.peer.subarray(g.graph.peerOff[G], g.graph.peerOff[G + 1]))).toEqual([3]);
    expect(g.graph.sib.length).toBe(0);
  });

  it('a graph without sibling links is its own group graph', () => {
    const t = topo('1>2 2-3');
    expect(siblingGroups(t.csr).graph).toBe(t.csr);
  });

  it('a hub with N siblings is one group whatever N: the group graph does not grow with N', () => {
    const small = siblingGroups(Topology.fromEdges(hub(10), 'ipv4').csr);
    const big = siblingGroups(Topology.fromEdges(hub(5000), 'ipv4').csr);
    for (const g of [small, big]) {
      expect(g.count).toBe(4); // 1, 2, 5 and the hub's group
      expect(g.graph.prov.length + g.graph.cust.length + g.graph.peer.length).toBe(6);
    }
    expect(Math.max(...big.size)).toBe(5001);
  });

  it('cones of group members are the group cone (siblings usable anywhere, as before)', () => {
    const t = Topology.fromEdges(hub(20), 'ipv4');
    // Member 1019 climbs through its siblings to the hub's provider 1.
    expect(uphillCone(t.csr, 1019)).toEqual([1, 10, ...Array.from({ length: 20 }, (_, k) => 1000 + k)]);
    // Every member's customer cone holds the group and member 1000's customer 5.
    for (const m of [10, 1000, 1019]) expect(customerConeSize(t.csr, m)).toBe(22);
    expect(customerConeSize(t.csr, 5)).toBe(1);
  });

  it('cone sizes agree with a plain search on random graphs with many siblings', () => {
    const rnd = seeded(7);
    for (let round = 0; round < 100; round++) {
      const n = 5 + Math.floor(rnd() * 15);
      const es: RelationshipEdge[] = [];
      for (let k = 0; k < n * 1.5; k++) {
        const a = 1 + Math.floor(rnd() * n), b = 1 + Math.floor(rnd() * n);
        if (a !== b) es.push({ a, b, family: 'ipv4', relation: rnd() < 0.5 ? 's2s' : rnd() < 0.7 ? 'p2c' : 'p2p' });
      }
      const t = Topology.fromEdges(es, 'ipv4');
      const g = siblingGroups(t.csr);
      for (const asn of t.csr.asns) {
        // Reference: a BFS down customer and sibling links over the edge list.
        const seen = new Set([asn]);
        const queue = [asn];
        for (let h = 0; h < queue.length; h++) {
          const x = queue[h]!;
          for (const l of t.links(x)) {
            if ((l.relation === 'p2c' || l.relation === 's2s') && !seen.has(l.to)) {
              seen.add(l.to);
              queue.push(l.to);
            }
          }
        }
        expect(customerConeSize(t.csr, asn), `round ${round} AS${asn}`).toBe(seen.size);
        // Members of one group: one sibling-connected component.
        for (const l of t.links(asn)) {
          if (l.relation === 's2s') expect(g.of[t.csr.index.get(l.to)!]).toBe(g.of[t.csr.index.get(asn)!]);
        }
      }
    }
  });
});
