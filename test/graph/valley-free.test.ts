import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { coneTops, customerCone, reachableFrom, shortestPath, uphillCone, ValleyFreeSearcher } from '../../src/graph/valley-free.js';
import { Topology } from '../../src/graph/topology.js';
import type { RelationshipEdge } from '../../src/graph/types.js';
import { topo } from './helpers.js';

// All topologies here are made up: small hand-built graphs with known answers.

describe('valley-free phase rules', () => {
  it('climbs, crosses one peer link, then descends (up-up-peer-down-down)', () => {
    const t = topo('1>10 100>1 100-200 200>2 2>20');
    expect(shortestPath(t.csr, 10, 20)).toEqual([10, 1, 100, 200, 2, 20]);
    expect(shortestPath(t.csr, 20, 10)).toEqual([20, 2, 200, 100, 1, 10]);
  });

  it('rejects going down then up (a valley through a shared customer)', () => {
    // 1 and 2 are both providers of 3: 1 → 3 → 2 would be down then up.
    const t = topo('1>3 2>3');
    expect(shortestPath(t.csr, 1, 2)).toBeNull();
    expect(shortestPath(t.csr, 3, 1)).toEqual([3, 1]);
  });

  it('rejects two peer links in a row and a climb after a peer link', () => {
    expect(shortestPath(topo('1-2 2-3').csr, 1, 3)).toBeNull();
    // 1 peers with 2, 2's provider is 4, 4 is 3's provider: peer then up is invalid.
    expect(shortestPath(topo('1-2 4>2 4>3').csr, 1, 3)).toBeNull();
    // but 2 reaches 3 via its provider
    expect(shortestPath(topo('1-2 4>2 4>3').csr, 2, 3)).toEqual([2, 4, 3]);
  });

  it('uses sibling links anywhere: while climbing, at the top and while descending', () => {
    // 10 → up 1 → sibling 2 → peer 3 → down 4 → sibling 5 → down 50
    const t = topo('1>10 1=2 2-3 3>4 4=5 5>50');
    expect(shortestPath(t.csr, 10, 50)).toEqual([10, 1, 2, 3, 4, 5, 50]);
    // a sibling link after the descent started does not allow climbing again
    const u = topo('1>10 1=2 6>2 6>60');
    expect(shortestPath(u.csr, 10, 60)).toEqual([10, 1, 2, 6, 60]);
    expect(shortestPath(topo('1>2 2=3 4>3').csr, 1, 4)).toBeNull();
  });

  it('prefers the shortest of several valley-free paths, deterministically', () => {
    const t = topo('1>10 2>10 1-3 2-3 3>30 1>99 99>30');
    expect(shortestPath(t.csr, 10, 30)).toEqual([10, 1, 3, 30]);
  });

  it('answers null for ASes not in the graph and [a] for a to itself', () => {
    const t = topo('1>2');
    expect(shortestPath(t.csr, 1, 999)).toBeNull();
    expect(shortestPath(t.csr, 1, 1)).toEqual([1]);
  });
});

describe('cones and single-source reachability', () => {
  const t = topo('1>10 2>10 100>1 100-200 200>2 300>200 300=301 5>6');
  it('uphill cone follows providers and siblings; tops are the transit-free members', () => {
    expect(uphillCone(t.csr, 10)).toEqual([1, 2, 10, 100, 200, 300, 301]);
    expect(coneTops(t.csr, uphillCone(t.csr, 10))).toEqual([100, 300, 301]);
    expect(customerCone(t.csr, 100)).toEqual([1, 10, 100]);
  });
  it('single-source reachability reaches exactly the valley-free-reachable ASes', () => {
    const r = reachableFrom(t.csr, 1);
    // 1 climbs to 100, crosses to 200, descends to 2; 300/301 sit above 200 (no climb after a peer link)
    expect(r.reached).toBe(5);
    expect(r.path(2)).toEqual([1, 100, 200, 2]);
    expect(r.path(301)).toBeNull();
    expect(r.path(5)).toBeNull();
    expect(r.distance(2)).toBe(3);
    // 10 has two providers and climbs the 2 side to 300 and its sibling 301
    const r10 = reachableFrom(t.csr, 10);
    expect(r10.reached).toBe(7); // everyone but 5 and 6 (another component)
    expect(r10.path(301)).toEqual([10, 2, 200, 300, 301]);
  });
});

// Independent check: X reaches Y iff their uphill cones intersect or one peer link joins them
// (DESIGN.md), and every returned path must itself be valley-free.
function isValleyFree(t: Topology, p: number[]): boolean {
  let down = false;
  for (let i = 0; i + 1 < p.length; i++) {
    const rel = t.link(p[i], p[i + 1])?.relation;
    if (!rel) return false;
    if (rel === 's2s') continue;
    if (rel === 'c2p') {
      if (down) return false;
    } else down = true;
    if (rel === 'p2p' && i > 0 && p.slice(0, i).some((_, k) => t.link(p[k], p[k + 1])?.relation === 'p2p')) return false;
  }
  return true;
}

describe('property: kernel agrees with the cone characterisation', () => {
  it('on random small graphs', () => {
    const edgeArb = fc.tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom('p2c', 'p2p', 's2s'));
    fc.assert(
      fc.property(fc.array(edgeArb, { minLength: 1, maxLength: 20 }), (raw) => {
        const es: RelationshipEdge[] = raw.filter(([a, b]) => a !== b).map(([a, b, r]) => ({ a, b, family: 'ipv4', relation: r as RelationshipEdge['relation'] }));
        if (es.length === 0) return;
        const t = Topology.fromEdges(es, 'ipv4');
        const s = new ValleyFreeSearcher(t.csr);
        const nodes = [...t.csr.asns];
        for (const x of nodes) {
          const cx = new Set(uphillCone(t.csr, x));
          for (const y of nodes) {
            const cy = new Set(uphillCone(t.csr, y));
            const meet = [...cx].some((m) => cy.has(m));
            const peerJoin = [...cx].some((m) => t.links(m).some((l) => l.relation === 'p2p' && cy.has(l.to)));
            const p = shortestPath(t.csr, x, y, s);
            expect(p !== null).toBe(meet || peerJoin);
            if (p) {
              expect(p[0]).toBe(x);
              expect(p[p.length - 1]).toBe(y);
              expect(isValleyFree(t, p)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
