// Inference on real registry text: the seed's AS1299 lines, AS3255, AS3257 and DN42.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inferAll, inferPair, neighborsOf } from '../../src/infer/infer.js';
import { probabilityOf } from '../../src/infer/confidence.js';
import { readObjects } from '../../src/rpsl/read.js';
import { MemoryIndex } from '../../src/store/memory-index.js';

function indexOf(...files: string[]): MemoryIndex {
  const index = new MemoryIndex();
  for (const f of files) {
    for (const object of readObjects(readFileSync(f, 'utf8'), f).objects) {
      index.add({ object, provenance: { kind: 'dump', from: f.split('/').pop()!, date: '2024-01-01' } });
    }
  }
  return index;
}

const SEED = 'test/fixtures/infer/AS1299-seed-lines.rpsl';
const AS3255 = 'test/fixtures/irr-access/AS3255.rpsl';
const AS3257 = 'test/fixtures/infer/AS3257.ripe.2023-07-21.rpsl';
const DN42 = 'test/fixtures/irr-access/dn42-registry-2023-10-22.db';

describe('the seed: AS1299\'s four lines about AS6939', () => {
  const index = indexOf(SEED);

  it('AS6939 is AS1299\'s customer in IPv4 and its peer in IPv6, from AS1299\'s side only', () => {
    const v4 = inferPair(index, 1299, 6939, 'ipv4');
    const v6 = inferPair(index, 1299, 6939, 'ipv6');
    expect(v4.relation).toBe('p2c');
    expect(v6.relation).toBe('p2p');
    // AS6939 has no aut-num here: a data gap, one strong side (kinds pc.4:SN and pp.6:SN).
    expect([v4.basis?.kind, v6.basis?.kind]).toEqual(['pc.4:SN', 'pp.6:SN']);
    for (const l of [v4, v6]) {
      expect(l.missing).toEqual([6939]);
      expect(l.confidence).toBe(probabilityOf(l.basis!.kind, NaN));
      expect(l.note).toMatch(/data gap: AS6939 has no aut-num/);
      expect(l.evidence.every((e) => e.asn === 1299 && e.source.startsWith('RADB'))).toBe(true);
    }
    expect(v4.evidence.map((e) => [e.line, e.attribute, e.filterClass])).toEqual([[5, 'export', 'FULL'], [4, 'import', 'RESTRICTED']]);
    expect(v6.evidence.map((e) => [e.line, e.attribute, e.filterClass])).toEqual([[7, 'mp-export', 'RESTRICTED'], [6, 'mp-import', 'RESTRICTED']]);
    expect(v6.evidence[0]!.text).toContain('announce AS-TELIANET-V6');
    // Read from AS6939's side, the same links mirror.
    expect(inferPair(index, 6939, 1299, 'ipv4').relation).toBe('c2p');
  });
});

describe('AS3255 (UARNet, real RIPE object)', () => {
  const index = indexOf(AS3255);
  const providers = (family: 'ipv4' | 'ipv6') =>
    neighborsOf(index, 3255, family).filter((l) => l.relation === 'c2p').map((l) => l.b);

  it('IPv4 providers: the six "Uplinks" plus four more it takes the full table from', () => {
    expect(providers('ipv4')).toEqual([174, 3257, 3356, 3549, 6849, 8359, 9002, 13249, 15772, 25462]);
  });

  it('IPv6 providers: only AS174 and AS9002', () => {
    expect(providers('ipv6')).toEqual([174, 9002]);
  });

  it('peers and customers in IPv4; one-line IPv6 neighbours stay ambiguous', () => {
    expect(inferPair(index, 3255, 6939, 'ipv4').relation).toBe('p2p'); // accept AS-HURRICANE, announce AS-UARNET
    expect(inferPair(index, 3255, 39530, 'ipv4').relation).toBe('p2c'); // announce ANY, accept AS39530
    expect(inferPair(index, 3255, 6939, 'ipv6').relation).toBe('none');
    const only = inferPair(index, 3255, 9098, 'ipv6'); // mp-import only
    expect(only.relation).toBe('ambiguous');
    expect(only.candidates).toEqual(['p2c', 'p2p']);
  });

  it('import-via / export-via with AS-ANY create no link', () => {
    expect(inferPair(index, 3255, 6777, 'ipv4').relation).toBe('none');
  });
});

describe('AS3257 (GTT, 9,546 policy lines)', () => {
  const index = indexOf(AS3257);
  const all = inferAll(index);

  it('every neighbour of its 2,916 exports is a customer in IPv4, of its 1,857 mp-exports in IPv6', () => {
    const v4 = all.filter((l) => l.family === 'ipv4');
    const v6 = all.filter((l) => l.family === 'ipv6');
    expect(v4).toHaveLength(2916);
    expect(v6).toHaveLength(1857);
    // inferAll orders a < b: read each link from AS3257's side.
    const from3257 = (l: (typeof all)[number]) => (l.a === 3257 ? l.relation : l.relation === 'c2p' ? 'p2c' : l.relation === 'p2c' ? 'c2p' : l.relation);
    expect(v4.filter((l) => from3257(l) !== 'p2c')).toEqual([]);
    expect(v6.filter((l) => from3257(l) !== 'p2c')).toEqual([]);
    // One side only (the neighbours have no aut-num here): every link of one kind, one confidence.
    expect(new Set(v4.map((l) => l.basis?.kind))).toEqual(new Set(['pc.4:SN']));
    expect(v4.every((l) => l.confidence === probabilityOf('pc.4:SN', NaN) && l.missing.length === 1)).toBe(true);
  });
});

describe('DN42: as-set peerings', () => {
  const index = indexOf(DN42);

  it('AS207268 reaches its transits through `from AS-NIA:AS-TRANSIT` (expanded), and AS-ANY rules add no link', () => {
    const ns = neighborsOf(index, 207268, 'ipv6');
    const transit = readFileSync(DN42, 'utf8').split('\n\n').find((o) => o.startsWith('as-set:             AS-NIA:AS-TRANSIT'))!;
    const members = [...transit.matchAll(/^members:\s+AS(\d+)/gm)].map((m) => Number(m[1]));
    expect(members.length).toBeGreaterThan(10);
    for (const m of members) expect(ns.map((l) => l.b)).toContain(m);
    const l = ns.find((x) => x.b === members[0])!;
    expect(l.evidence.some((e) => e.asn === 207268 && e.text.includes('AS-NIA:AS-TRANSIT'))).toBe(true);
    // AS-NIA:AS-TRANSIT: import ANY + export ANY from AS207268's side → sibling or (one side) ambiguous, never "none".
    expect(l.relation).not.toBe('none');
  });

  it('whole registry: links in both families, every one with evidence', () => {
    const all = inferAll(index);
    expect(all.length).toBeGreaterThan(100);
    expect(all.every((l) => l.evidence.length > 0 && l.relation !== 'none')).toBe(true);
    expect(all.some((l) => l.family === 'ipv4') && all.some((l) => l.family === 'ipv6')).toBe(true);
  });
});

describe('relation-only inference (graphs and diffs) on real registries', async () => {
  const { engineFor } = await import('../../src/infer/infer.js');
  it('gives the relation, candidates, confidence and gaps of the full inference, for every link of DN42 and AS3257', () => {
    const index = indexOf(DN42, AS3257, AS3255);
    const full = [...engineFor(index).all(['ipv4', 'ipv6'], { text: false })];
    const lean = [...engineFor(index).all(['ipv4', 'ipv6'], { evidence: false })];
    const core = (l: { a: number; b: number; family: string; relation: string; candidates: unknown; confidence: number; missing: unknown }) =>
      [l.a, l.b, l.family, l.relation, l.candidates, l.confidence, l.missing];
    expect(full.length).toBeGreaterThan(5000);
    expect(lean.map(core)).toEqual(full.map(core));
    expect(lean.every((l) => l.evidence.length === 0 && l.note === undefined)).toBe(true);
    // One AS's links, as the question commands climb them.
    const e = engineFor(index);
    let compared = 0;
    for (const asn of [3257, 4242420101]) {
      for (const f of ['ipv4', 'ipv6'] as const) {
        const want = engineFor(index).neighbours(asn, f).map(core);
        expect(e.neighbours(asn, f, { evidence: false }).map(core)).toEqual(want);
        compared += want.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
