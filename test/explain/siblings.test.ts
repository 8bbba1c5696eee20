// Sibling groups in dark-spots, why-unreachable and the question's graph (issue 20, point 1).
// Made-up topologies and the SYNTHETIC sibling worlds of bench/siblings-world.ts: no real data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { findDarkSpots, forEachDarkPair, transitFree } from '../../src/explain/dark-spots.js';
import { explainReachability } from '../../src/explain/explain.js';
import { Topology } from '../../src/graph/topology.js';
import type { RelationshipEdge } from '../../src/graph/types.js';
import { shortestPath } from '../../src/graph/valley-free.js';
import type { Family } from '../../src/infer/types.js';
import { storeFromFiles } from '../../src/analysis/open-data.js';
import { irrTopologies } from '../../src/analysis/topologies.js';
import { InferenceEngine } from '../../src/infer/engine.js';
import { HUB, member, STUB_A, STUB_B, TOP_A, TOP_B, writeSiblingWorld, type SiblingShape } from '../../bench/siblings-world.js';
import { seeded } from '../graph/helpers.js';

const FAMS: Family[] = ['ipv4', 'ipv6'];
const both = (es: RelationshipEdge[]) => ({ ipv4: Topology.fromEdges(es, 'ipv4'), ipv6: Topology.fromEdges(es, 'ipv6') });

/**
 * The hub world as graph edges: hub 10 with siblings 1000.. in both families, buying transit
 * from 1; 2 (with customer 20) peers with the hub in IPv4 only. The members are transit-free
 * (no provider of their own) and reach 2 in IPv4 only: n dark spots in IPv6.
 */
function hubEdges(n: number): RelationshipEdge[] {
  const es: RelationshipEdge[] = [];
  for (const family of FAMS) {
    es.push({ a: 1, b: 10, family, relation: 'p2c' }, { a: 2, b: 20, family, relation: 'p2c' });
    for (let k = 0; k < n; k++) es.push({ a: 10, b: 1000 + k, family, relation: 's2s' });
  }
  es.push({ a: 2, b: 10, family: 'ipv4', relation: 'p2p' });
  return es;
}

/** Every dark pair by a path search per pair (the definition). */
function bruteForce(topos: Record<Family, Topology>, f: Family): [number, number][] {
  const other = f === 'ipv4' ? 'ipv6' : 'ipv4';
  const tops = transitFree(topos[f]).filter((a) => topos[other].has(a));
  const out: [number, number][] = [];
  for (let x = 0; x < tops.length; x++) {
    for (let y = x + 1; y < tops.length; y++) {
      if (!shortestPath(topos[f].csr, tops[x]!, tops[y]!) && shortestPath(topos[other].csr, tops[x]!, tops[y]!)) out.push([tops[x]!, tops[y]!]);
    }
  }
  return out;
}

describe('dark spots of a sibling group', () => {
  it('a small group: each member is split from AS2 in IPv6, joined through the hub in IPv4', () => {
    const topos = both(hubEdges(3));
    const r = findDarkSpots(topos, FAMS);
    expect(r.total).toEqual({ ipv4: 0, ipv6: 3 });
    expect(r.transitFree.ipv6).toBe(5); // 1, 2 and the three members
    expect(r.spots.map((s) => [s.a, s.b, s.coneA, s.coneB, s.otherPath])).toEqual([
      // The cone of a member is its group (hub and members), 4 ASes.
      [2, 1000, 2, 4, [2, 10, 1000]],
      [2, 1001, 2, 4, [2, 10, 1001]],
      [2, 1002, 2, 4, [2, 10, 1002]],
    ]);
    const listed: [number, number][] = [];
    forEachDarkPair(topos, 'ipv6', (a, b) => listed.push([a, b]));
    expect(listed).toEqual(bruteForce(topos, 'ipv6'));
  });

  it('tests the group once: pair tests do not grow with the group, the count does', () => {
    const tests = [10, 3000].map((n) => {
      const r = findDarkSpots(both(hubEdges(n)), FAMS, { keep: 2 });
      expect(r.total.ipv6).toBe(n);
      expect(r.spots.map((s) => [s.a, s.b])).toEqual([[2, 1000], [2, 1001]]);
      return r.pairTests;
    });
    // Classes in IPv6: 1, 2 and the group (3 tests); in IPv4 the same.
    expect(tests).toEqual([{ ipv4: 3, ipv6: 3 }, { ipv4: 3, ipv6: 3 }]);
  });

  it('agrees with a pair-by-pair search on random graphs where most links are siblings', () => {
    const rnd = seeded(2020);
    for (let round = 0; round < 150; round++) {
      const n = 5 + Math.floor(rnd() * 20);
      const es: RelationshipEdge[] = [];
      for (const family of FAMS) {
        for (let k = 0; k < n * 1.4; k++) {
          const a = 1 + Math.floor(rnd() * n), b = 1 + Math.floor(rnd() * n);
          const r = rnd();
          if (a !== b) es.push({ a, b, family, relation: r < 0.5 ? 's2s' : r < 0.75 ? 'p2c' : 'p2p' });
        }
      }
      const topos = both(es);
      for (const f of FAMS) {
        const want = bruteForce(topos, f);
        const listed: [number, number][] = [];
        forEachDarkPair(topos, f, (a, b) => listed.push([a, b]));
        expect(listed, `round ${round} ${f}`).toEqual(want); // every pair, in (a, b) order
        const r = findDarkSpots(topos, [f], { keep: 3 });
        expect(r.total[f]).toBe(want.length);
        const tops = transitFree(topos[f]).length;
        expect(r.pairTests[f]).toBeLessThanOrEqual((tops * (tops - 1)) / 2);
      }
    }
  });
});

describe('why-unreachable from a sibling group', () => {
  // AS3 peers with AS2 in IPv6 and sells transit to AS30: a transit-free AS that AS20 reaches,
  // outside both cones, to buy transit from.
  const withSeller = (n: number) => both([...hubEdges(n), { a: 2, b: 3, family: 'ipv6', relation: 'p2p' }, { a: 3, b: 30, family: 'ipv6', relation: 'p2c' }]);

  it('reaches through siblings as before, and explains the split with the group as the cone', () => {
    const topos = withSeller(3);
    const v4 = explainReachability({ a: 1002, b: 20, family: 'ipv4', topologies: topos });
    expect(v4.path).toEqual([1002, 10, 2, 20]);
    expect(v4.hops?.map((h) => h.relation)).toEqual(['s2s', 'p2p', 'p2c']);
    const v6 = explainReachability({ a: 1002, b: 20, family: 'ipv6', topologies: topos });
    expect(v6.reachable).toBe(false);
    expect(v6.cones?.a.members).toEqual([1, 10, 1000, 1001, 1002]);
    expect(v6.cones?.a.tops).toEqual([1, 1000, 1001, 1002]);
    // Fixes: peerings between the best-connected tops, then transit from AS3 for each top, five at most.
    expect(v6.fixes?.map((f) => [f.kind, f.customer ?? f.peers![0], f.provider ?? f.peers![1]])).toEqual([
      ['new-peering', 1, 2],
      ['new-peering', 1000, 2],
      ['new-transit', 1, 3],
      ['new-transit', 1000, 3],
      ['new-transit', 1001, 3],
    ]);
  });

  it('a transit-free AS without a customer is no seller: no transit fix offers it', () => {
    // AS3 as above but selling to no one (in the bundled data: AS6695, a route server AS3255 peers with).
    const topos = both([...hubEdges(3), { a: 2, b: 3, family: 'ipv6', relation: 'p2p' }]);
    const v6 = explainReachability({ a: 1002, b: 20, family: 'ipv6', topologies: topos });
    expect(v6.reachable).toBe(false);
    expect(v6.fixes?.filter((f) => f.kind === 'new-transit')).toEqual([]);
  });

  it('a group of thousands gives the same answer, with fixes still capped', () => {
    const ex = explainReachability({ a: 1002, b: 20, family: 'ipv6', topologies: withSeller(5000) });
    expect(ex.cones?.a.tops.length).toBe(5001);
    expect(ex.fixes?.map((f) => [f.customer ?? f.peers![0], f.provider ?? f.peers![1]])).toEqual([[1, 2], [1000, 2], [1, 3], [1000, 3], [1001, 3]]);
  });
});

describe('the question graph of a SYNTHETIC sibling world (store, inference engine)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'asrel-siblings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** The engine over a generated world, with the set expander's work counted. */
  async function world(shape: SiblingShape, n: number) {
    const file = join(dir, `${shape}-${n}.rpsl`);
    await writeSiblingWorld(shape, n, file);
    const { store } = await storeFromFiles([file], '2026-01-01');
    const engine = new InferenceEngine(store);
    const expansions = vi.spyOn(engine.expander, 'peeringTargets');
    return { engine, expansions, close: () => store.close() };
  }

  for (const shape of ['set', 'hub'] as const) {
    it(`${shape}: sibling links for every member, one link each, the set expanded a fixed number of times`, async () => {
      const runs = [];
      for (const n of [20, 600]) {
        const w = await world(shape, n);
        const t = irrTopologies(w.engine, { asns: [member(5), STUB_B], families: FAMS });
        const v6 = t.topologies.ipv6!;
        // Links: the n sibling links, TOP_A's customer the hub and TOP_B's customer STUB_B; IPv4 adds the hub–TOP_B peering.
        // TOP_A's other customer STUB_A is in no cone: the link down to it is not read.
        expect(v6.size.links).toBe(n + 2);
        expect(t.topologies.ipv4!.size.links).toBe(n + 3);
        expect(v6.has(STUB_A)).toBe(false);
        expect(v6.link(HUB, member(n - 1))?.relation).toBe('s2s');
        expect(v6.link(TOP_A, HUB)?.relation).toBe('p2c');
        const ex = explainReachability({ a: member(5), b: STUB_B, family: 'ipv6', topologies: t.topologies });
        expect(ex.reachable).toBe(false);
        expect(ex.cones?.a.members.length).toBe(n + 2);
        const v4 = explainReachability({ a: member(5), b: STUB_B, family: 'ipv4', topologies: t.topologies });
        expect(v4.path).toEqual([member(5), HUB, TOP_B, STUB_B]);
        runs.push(w.expansions.mock.calls.length);
        w.close();
      }
      // Work on the set does not grow with its members (set shape: a few rules naming it; hub shape: none).
      expect(runs[0]).toBe(runs[1]);
      expect(runs[1]).toBeLessThanOrEqual(4);
    });
  }
});
