// Ground truth for `asrel verify` on the SYNTHETIC world: a part of the CAIDA 2015 graph
// turned into RPSL by bench/synth/generate.ts, a synthetic RIB of valley-free paths over the
// links that world encodes, and injected valleys, undocumented links and AS_SET paths
// (bench/synth/rib.ts). Every injected violation must be found, and nothing else.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorld, type WorldResult } from '../../bench/synth/generate.js';
import { generateRib, readEncodedPairs, readTruthEdges, type SynthRib } from '../../bench/synth/rib.js';
import { readObservedPaths } from '../../src/analysis/observed-paths.js';
import { storeFromFiles } from '../../src/analysis/open-data.js';
import { irrTopologies } from '../../src/analysis/topologies.js';
import { verify, type VerifyResult } from '../../src/analysis/verify.js';
import { shortestPath } from '../../src/graph/valley-free.js';
import { InferenceEngine } from '../../src/infer/engine.js';
import type { Family } from '../../src/infer/types.js';

// shared/ lies beside the repository (CI) or beside the folder of worktrees.
const CAIDA = ['../../../shared', '../../../../shared'].map((d) => resolve(import.meta.dirname, d, 'data/caida/20150201.as-rel.txt')).find(existsSync)!;
const tmp = mkdtempSync(join(tmpdir(), 'asrel-verify-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The first `n` ASes met by a breadth-first walk from AS3356 over CAIDA's links, with every link among them. */
function subgraph(n: number): string {
  const lines = readFileSync(CAIDA, 'latin1').split('\n').filter((l) => l && !l.startsWith('#'));
  const adj = new Map<number, number[]>();
  for (const l of lines) {
    const [a, b] = l.split('|').map(Number) as [number, number];
    (adj.get(a) ?? adj.set(a, []).get(a)!).push(b);
    (adj.get(b) ?? adj.set(b, []).get(b)!).push(a);
  }
  const keep = new Set<number>([3356]);
  const queue = [3356];
  for (let i = 0; i < queue.length && keep.size < n; i++) {
    for (const y of (adj.get(queue[i]!) ?? []).sort((x, z) => x - z)) {
      if (keep.size >= n) break;
      if (!keep.has(y)) { keep.add(y); queue.push(y); }
    }
  }
  const file = join(tmp, 'sub.as-rel.txt');
  writeFileSync(file, lines.filter((l) => { const [a, b] = l.split('|').map(Number); return keep.has(a!) && keep.has(b!); }).join('\n') + '\n');
  return file;
}

let world: WorldResult;
let rib: SynthRib;
let result: VerifyResult;
let topologies: Awaited<ReturnType<typeof irrTopologies>>['topologies'];
const FAMS: Family[] = ['ipv4', 'ipv6'];

beforeAll(async () => {
  world = generateWorld({ caidaFile: subgraph(700), publishShare: 0.8, out: join(tmp, 'world') });
  const f = world.files;
  rib = generateRib({
    truth: { ipv4: readTruthEdges(f.truthIpv4!, 'ipv4'), ipv6: readTruthEdges(f.truthIpv6!, 'ipv6') },
    encoded: { ipv4: readEncodedPairs([f.truthIpv4!, f.ambiguousIpv4!]), ipv6: readEncodedPairs([f.truthIpv6!, f.ambiguousIpv6!]) },
    out: join(tmp, 'rib.mrt'), vantages: 12, prefixesPerOrigin: 2, valleys: 20, undocumented: 20, asSets: 4,
  });
  const { store } = await storeFromFiles([f.rpsl!]);
  const engine = new InferenceEngine(store);
  topologies = irrTopologies(engine, { families: FAMS }).topologies;
  const table = await readObservedPaths([rib.file], FAMS);
  result = verify({ table, topologies, families: FAMS, engine, top: 1_000_000 });
}, 240_000);

const key = (afi: string, p: number[]) => `${afi} ${p.join(' ')}`;

describe('asrel verify on a synthetic RIB with injected defects', () => {
  it('reads every route of the RIB', () => {
    expect(rib.routes.ipv4).toBeGreaterThan(1000);
    expect(result.summary.ipv4!.routes).toBe(rib.routes.ipv4);
    expect(result.summary.ipv6!.routes).toBe(rib.routes.ipv6);
  });

  it('finds every injected valley, at the injected hop, and no other', () => {
    expect(rib.valleys.length).toBe(20);
    expect(result.valleys.map((v) => `${key(v.afi, v.path)} @${v.breakAt}`).sort())
      .toEqual(rib.valleys.map((v) => `${key(v.afi, v.path)} @${v.breakAt}`).sort());
    for (const f of FAMS) expect(result.summary[f]!.valley).toBe(rib.valleys.filter((v) => v.afi === f).length);
  });

  it('names exactly the injected links as undocumented in their family', () => {
    const found = result.links.filter((l) => l.documented === 'none').map((l) => `${l.afi} ${Math.min(l.a, l.b)} ${Math.max(l.a, l.b)}`).sort();
    expect(found).toEqual(rib.undocumented.map((u) => `${u.afi} ${Math.min(u.a, u.b)} ${Math.max(u.a, u.b)}`).sort());
    // Their paths are the only ones without a verdict: one hop has no relation.
    for (const f of FAMS) expect(result.summary[f]!.unknown).toBe(rib.undocumented.filter((u) => u.afi === f).length);
  });

  it('counts AS_SET paths apart and checks every other generated path as valley-free', () => {
    for (const f of FAMS) {
      const s = result.summary[f]!;
      expect(s.asSet).toBe(rib.asSets.filter((a) => a.afi === f).length);
      expect(s.valleyFree).toBe(s.distinctPaths - s.valley - s.unknown - s.asSet);
      expect(s.valleyFree).toBe(rib.distinctPaths[f]);
    }
  });

  it('reports dark spots only where an injected path joins two ASes the IRR cannot join', () => {
    const injected = [...rib.undocumented, ...rib.valleys].map((u) => ({ afi: u.afi, a: u.path[0]!, b: u.path[u.path.length - 1]! }));
    const expected = injected.filter((u) => shortestPath(topologies[u.afi]!.csr, u.a, u.b) === null).map((u) => key(u.afi, [u.a, u.b])).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(result.darkSpots.map((d) => key(d.afi, [d.a, d.b])).sort()).toEqual(expected);
  });

  it('documents every generated link from at least one side', () => {
    const injected = new Set(rib.undocumented.map((u) => `${u.afi} ${u.a} ${u.b}`));
    for (const l of result.links) if (!injected.has(`${l.afi} ${l.a} ${l.b}`)) expect(l.documented === 'both' || l.documented === 'one').toBe(true);
  });
});
