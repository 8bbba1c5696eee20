import { describe, expect, it } from 'vitest';
import { edgesFromInferences } from '../../src/graph/build.js';
import { loadRelationshipFile } from '../../src/graph/relationship-file.js';
import { Topology } from '../../src/graph/topology.js';
import type { RelationshipEdge } from '../../src/graph/types.js';
import { shortestPath } from '../../src/graph/valley-free.js';
import { explainReachability } from '../../src/explain/explain.js';
import type { Fix } from '../../src/explain/types.js';
import type { Evidence, Family, LinkInference } from '../../src/infer/types.js';
import { renderExplanation } from '../../src/report/reachability-text.js';
import { seeded } from '../graph/helpers.js';

const HE = 'test/fixtures/he-cogent-2015.reconstruction.csv';

function topologies(es: RelationshipEdge[]) {
  return { ipv4: Topology.fromEdges(es, 'ipv4'), ipv6: Topology.fromEdges(es, 'ipv6') };
}

/** Applies a suggested fix to the edge list and says whether a now reaches b. */
function fixWorks(es: RelationshipEdge[], family: Family, fix: Fix, a: number, b: number): boolean {
  const pair = fix.peers ?? [fix.customer!, fix.provider!];
  const rest = es.filter((e) => !(e.family === family && pair.includes(e.a) && pair.includes(e.b)));
  const added: RelationshipEdge = fix.kind === 'new-peering'
    ? { a: pair[0], b: pair[1], family, relation: 'p2p' }
    : { a: fix.provider!, b: fix.customer!, family, relation: 'p2c' };
  return shortestPath(Topology.fromEdges([...rest, added], family).csr, a, b) !== null;
}

describe('HE–Cogent (reconstruction of the 2013–2015 situation)', async () => {
  const { edges } = await loadRelationshipFile(HE);
  const topos = topologies(edges);

  it('IPv6: unreachable; cones, tops, no shared provider, no joining peer link', () => {
    const ex = explainReachability({ a: 6939, b: 174, family: 'ipv6', topologies: topos });
    expect(ex.reachable).toBe(false);
    expect(ex.path).toBeNull();
    expect(ex.cones?.a).toEqual({ asn: 6939, members: [6939], tops: [6939] });
    expect(ex.cones?.b).toEqual({ asn: 174, members: [174], tops: [174] });
    expect(ex.sharedProviders).toEqual([]);
    expect(ex.joiningPeerLinks).toEqual([]);
    expect(ex.dataGaps).toBeNull(); // a relationship file has no registry objects
  });

  it('IPv6: the first fix is AS6939 buying IPv6 transit from AS1299, as it does in IPv4; every fix works', () => {
    const ex = explainReachability({ a: 6939, b: 174, family: 'ipv6', topologies: topos });
    expect(ex.fixes?.[0]).toMatchObject({ kind: 'relation-change', customer: 6939, provider: 1299, current: 'p2p', otherFamily: 'c2p' });
    expect(ex.fixes?.some((f) => f.kind === 'new-peering' && f.peers?.includes(6939) && f.peers?.includes(174))).toBe(true);
    expect(ex.fixes!.length).toBeLessThanOrEqual(5);
    for (const f of ex.fixes!) expect(fixWorks(edges, 'ipv6', f, 6939, 174)).toBe(true);
  });

  it('IPv6: the other family has the path 6939 → 1299 → 174 and the 6939–1299 relation differs', () => {
    const ex = explainReachability({ a: 6939, b: 174, family: 'ipv6', topologies: topos });
    expect(ex.other).toMatchObject({ family: 'ipv4', reachable: true, path: [6939, 1299, 174] });
    expect(ex.differences).toEqual([{ a: 6939, b: 1299, relation: { ipv6: 'p2p', ipv4: 'c2p' }, evidence: { ipv6: [], ipv4: [] } }]);
    const text = renderExplanation(ex, ['made-up note']);
    expect(text.split('\n')[0]).toBe('note: made-up note');
    expect(text).toContain('AS6939 cannot reach AS174 in IPv6 under the Gao–Rexford model');
    expect(text).toContain('AS6939 has no IPv6 provider');
    expect(text).toContain('AS174 has no IPv6 provider');
    expect(text).toContain('In IPv4, AS6939 reaches AS174: AS6939 → AS1299 → AS174');
    expect(text).toContain('AS6939–AS1299: IPv6: AS6939 and AS1299 are peers; IPv4: AS1299 is AS6939\'s provider');
  });

  it('IPv4: the path hop by hop, with relations', () => {
    const ex = explainReachability({ a: 6939, b: 174, family: 'ipv4', topologies: topos });
    expect(ex.reachable).toBe(true);
    expect(ex.hops?.map((h) => [h.from, h.to, h.relation])).toEqual([[6939, 1299, 'c2p'], [1299, 174, 'p2p']]);
    expect(ex.other).toMatchObject({ family: 'ipv6', reachable: false });
    expect(ex.cones).toBeUndefined();
  });
});

// Made-up inferences (not registry data) with evidence, data gaps and an ambiguous link.
function ev(asn: number, line: string, lineNo: number): Evidence {
  // Evidence.text is the attribute's value, as the inference records it.
  const attribute = line.slice(0, line.indexOf(':'));
  const text = line.slice(line.indexOf(':') + 1).trim();
  return { asn, source: 'TEST', object: `AS${asn}`, attribute, line: lineNo, text, direction: 'export', filterClass: 'FULL', strength: 'strong', allows: ['p2c'] };
}
function inf(a: number, b: number, relation: LinkInference['relation'], extra: Partial<LinkInference> = {}): LinkInference {
  return { a, b, family: 'ipv6', relation, candidates: [], confidence: 0.8, evidence: [], missing: [], ...extra };
}

describe('made-up IRR-style topology', () => {
  // 10 ↑ 1 (10 has no aut-num), 1 –? 2 (peer or provider), 2 – 3 peers, 3 ↓ 30
  const infs = [
    inf(1, 10, 'p2c', { missing: [10], evidence: [ev(1, 'mp-export: afi ipv6 to AS10 announce ANY', 7)] }),
    inf(1, 2, 'ambiguous', { candidates: ['p2p', 'c2p'] }),
    inf(2, 3, 'p2p'),
    inf(3, 30, 'p2c', { evidence: [ev(3, 'mp-export: afi ipv6 to AS30 announce ANY', 12)] }),
  ];
  const es = edgesFromInferences(infs, 'peer');
  const t = { ipv6: Topology.fromEdges(es, 'ipv6') };

  it('lists data gaps and ambiguous links around the cones, and working fixes', () => {
    const ex = explainReachability({ a: 10, b: 30, family: 'ipv6', topologies: t });
    expect(ex.reachable).toBe(false);
    expect(ex.cones?.a.tops).toEqual([1]);
    expect(ex.cones?.b.tops).toEqual([3]);
    expect(ex.dataGaps).toEqual([{ asn: 10, linksWith: [1] }]);
    expect(ex.ambiguous).toEqual([{ a: 1, b: 2, candidates: ['p2p', 'c2p'], used: 'p2p' }]);
    expect(ex.fixes?.[0]).toMatchObject({ kind: 'relation-change', customer: 1, provider: 2 });
    for (const f of ex.fixes!) expect(fixWorks(es, 'ipv6', f, 10, 30)).toBe(true);
    expect(ex.other).toBeUndefined();
    const text = renderExplanation(ex);
    expect(text).toContain('AS10 (links with AS1)');
    expect(text).toContain('AS1–AS2: peers or AS2 is AS1\'s provider; used: AS1 and AS2 are peers');
  });

  it('shows the registry lines of each hop when reachable', () => {
    const ex = explainReachability({ a: 1, b: 10, family: 'ipv6', topologies: t });
    expect(ex.hops).toEqual([{ from: 1, to: 10, relation: 'p2c', confidence: 0.8, evidence: [infs[0].evidence[0]] }]);
    expect(ex.dataGaps).toEqual([{ asn: 10, linksWith: [1] }]);
    const text = renderExplanation(ex);
    expect(text).toContain('AS1 (TEST):');
    expect(text).toContain('line 7  mp-export: afi ipv6 to AS10 announce ANY');
    expect(text).toContain('→ announces the full table: the other AS is its customer');
  });

  it('says when an AS has no link in the family', () => {
    const ex = explainReachability({ a: 10, b: 99, family: 'ipv6', topologies: t });
    expect(ex.absent).toEqual([99]);
    expect(ex.reachable).toBe(false);
  });
});

describe('findDarkSpots', async () => {
  const { findDarkSpots, transitFree } = await import('../../src/explain/dark-spots.js');
  const { edges } = await loadRelationshipFile(HE);
  const topos = topologies(edges);
  it('finds AS174 ⟷ AS6939 dark in IPv6 only (reconstruction)', () => {
    expect(transitFree(topos.ipv6)).toEqual([174, 1299, 6939]);
    expect(transitFree(topos.ipv4)).toEqual([174, 1299]);
    const r = findDarkSpots(topos, ['ipv4', 'ipv6']);
    expect(r.spots).toEqual([{ family: 'ipv6', otherFamily: 'ipv4', a: 174, b: 6939, coneA: 1, coneB: 1, otherPath: [174, 1299, 6939], dependsOnAmbiguous: false, ambiguousLinks: [] }]);
  });
  it('ranks by the customer cones the split cuts off (made-up topology)', () => {
    // IPv6: two islands with cones 3 and 2, plus a small one of 1; IPv4 joins them all through 9.
    const v6 = [{ a: 1, b: 11, r: 'p2c' }, { a: 1, b: 12, r: 'p2c' }, { a: 2, b: 21, r: 'p2c' }] as const;
    const es: RelationshipEdge[] = [
      ...v6.map((e) => ({ a: e.a, b: e.b, family: 'ipv6' as const, relation: e.r })),
      { a: 3, b: 31, family: 'ipv6', relation: 'p2c' },
      ...[1, 2, 3].map((x) => ({ a: 9, b: x, family: 'ipv4' as const, relation: 'p2c' as const })),
    ];
    const r = findDarkSpots(topologies(es), ['ipv6']);
    expect(r.spots.map((s) => [s.a, s.b, s.coneA, s.coneB])).toEqual([[1, 2, 3, 2], [1, 3, 3, 2], [2, 3, 2, 2]]);
    // Keeping the largest only: the same first one, and the others still counted.
    const top = findDarkSpots(topologies(es), ['ipv6'], { keep: 1 });
    expect(top.spots.map((s) => [s.a, s.b])).toEqual([[1, 2]]);
    expect(top.total.ipv6).toBe(3);
  });
});

describe('findDarkSpots agrees with a pair-by-pair search (made-up random graphs)', async () => {
  const { findDarkSpots, transitFree } = await import('../../src/explain/dark-spots.js');
  it('on 200 random two-family graphs with providers, peers and siblings', () => {
    const rnd = seeded(42);
    for (let round = 0; round < 200; round++) {
      const n = 4 + Math.floor(rnd() * 10);
      const es: RelationshipEdge[] = [];
      for (const family of ['ipv4', 'ipv6'] as const) {
        for (let k = 0; k < n * 1.5; k++) {
          const a = 1 + Math.floor(rnd() * n), b = 1 + Math.floor(rnd() * n);
          if (a === b) continue;
          const r = rnd();
          es.push({ a, b, family, relation: r < 0.45 ? 'p2c' : r < 0.85 ? 'p2p' : 's2s' });
        }
      }
      const topos = topologies(es);
      const found = findDarkSpots(topos, ['ipv4', 'ipv6']).spots;
      const got = found.map((s) => `${s.family} ${s.a} ${s.b}`).sort();
      // The path shown for the other family is a shortest one, from a to b.
      for (const s of found) {
        const best = shortestPath(topos[s.otherFamily].csr, s.a, s.b)!;
        expect([s.otherPath[0], s.otherPath.at(-1), s.otherPath.length], `round ${round}`).toEqual([s.a, s.b, best.length]);
      }
      const want: string[] = [];
      for (const f of ['ipv4', 'ipv6'] as const) {
        const other = f === 'ipv4' ? 'ipv6' : 'ipv4';
        const tops = transitFree(topos[f]);
        for (let x = 0; x < tops.length; x++) {
          for (let y = x + 1; y < tops.length; y++) {
            if (!topos[other].has(tops[x]!) || !topos[other].has(tops[y]!)) continue;
            if (shortestPath(topos[f].csr, tops[x]!, tops[y]!) === null && shortestPath(topos[other].csr, tops[x]!, tops[y]!) !== null) {
              want.push(`${f} ${tops[x]} ${tops[y]}`);
            }
          }
        }
      }
      expect(got, `round ${round}`).toEqual(want.sort());
    }
  });
});
