// A question's graph holds the uphill cones and their links to providers, peers and siblings,
// not the links down to customers (issue 22): it must answer what the whole graph answers.
// Data: a SYNTHETIC world (bench/synth/generate.ts) generated from the ASes a hash keeps of
// CAIDA's 2015-02-01 relationships, with defects planted; invented policies, not registry data.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CAIDA, generateWorld, hash01 } from '../../bench/synth/generate.js';
import { irrTopologies } from '../../src/analysis/topologies.js';
import { explainReachability } from '../../src/explain/explain.js';
import { InferenceEngine } from '../../src/infer/engine.js';
import { FAMILIES } from '../../src/infer/families.js';
import { Ingest } from '../../src/infer/ingest.js';
import { readObjects } from '../../src/rpsl/read.js';
import { Store } from '../../src/store/store.js';

const dir = mkdtempSync(join(tmpdir(), 'asrel-question-graph-'));
let store: Store;
let asns: number[] = [];

beforeAll(() => {
  // The links among the ASes below 4,000 (tier-1s among them) and a hashed twentieth of the others.
  const keep = (asn: number) => asn < 4_000 || hash01(11, asn, 0, 99) < 0.05;
  const lines = readFileSync(DEFAULT_CAIDA, 'latin1').split('\n').filter((l) => {
    if (!l || l[0] === '#') return false;
    const [a, b] = l.split('|');
    return keep(Number(a)) && keep(Number(b));
  });
  const caida = join(dir, 'caida-sample.txt');
  writeFileSync(caida, `# sample of CAIDA AS Relationships 2015-02-01 (ASes kept by hash)\n${lines.join('\n')}\n`);
  generateWorld({ caidaFile: caida, publishShare: 0.47, out: join(dir, 'world'), seed: 7, defectRate: 0.05 });
  store = Store.open(join(dir, 'store'));
  const ingest = new Ingest(store);
  ingest.writeAll(readObjects(readFileSync(join(dir, 'world', 'world.rpsl'), 'utf8'), 'world.rpsl').objects.map((object) => ({ object, provenance: { kind: 'dump' as const, from: 'world.rpsl', date: '2015-02-01' } })));
  ingest.finish();
  asns = [...store.owners()];
}, 120_000);
afterAll(() => {
  store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(existsSync(DEFAULT_CAIDA))('a question\'s graph (no links down from its cones)', () => {
  it('reaches, finds paths and suggests fixes as the whole graph does, for pairs in both families', () => {
    const engine = new InferenceEngine(store);
    expect(engine.fromTable).toBe(true);
    const whole = irrTopologies(engine, { families: FAMILIES });
    let pairs = 0, unreachable = 0, fixes = 0, smaller = 0;
    // Pairs of published ASes picked by a fixed hash: stubs, mid-size and tier-1s alike.
    const picked = asns.filter((a) => hash01(5, a, 0, 1) < 60 / asns.length).slice(0, 60);
    for (let i = 0; i + 1 < picked.length; i += 2) {
      const [a, b] = [picked[i]!, picked[i + 1]!];
      // As the commands ask: the cones and the links among their members, then in full for an unreachable answer.
      const q = irrTopologies(engine, { asns: [a, b], families: FAMILIES, full: [] });
      for (const family of FAMILIES) {
        const w = explainReachability({ a, b, family, topologies: whole.topologies });
        const lean = explainReachability({ a, b, family, topologies: q.topologies });
        expect(lean.reachable, `${a}→${b} ${family}`).toBe(w.reachable);
        expect(lean.path?.length, `${a}→${b} ${family}`).toBe(w.path?.length);
        expect(lean.differences, `${a}→${b} ${family} differences`).toEqual(w.differences);
        // In full as the CLI reads it (what the lean read left out, added to it), and from scratch as the web asks.
        const fuller = lean.reachable || lean.reason ? undefined : irrTopologies(engine, { asns: [a, b], families: FAMILIES, full: [family], base: q });
        const e = fuller ? explainReachability({ a, b, family, topologies: fuller.topologies }) : lean;
        if (fuller) {
          const scratch = irrTopologies(engine, { asns: [a, b], families: FAMILIES, full: [family] });
          expect(fuller.counted[family], `${a}→${b} ${family} links`).toEqual(scratch.counted[family]);
          expect(explainReachability({ a, b, family, topologies: scratch.topologies }).fixes).toEqual(e.fixes);
        }
        expect(e.cones, `${a}→${b} ${family} cones`).toEqual(w.cones);
        expect(e.fixes, `${a}→${b} ${family} fixes`).toEqual(w.fixes);
        expect(e.differences, `${a}→${b} ${family} differences`).toEqual(w.differences);
        if (q.topologies[family]!.size.links < whole.topologies[family]!.size.links / 2) smaller++;
        if (!w.reachable) unreachable++;
        if (w.fixes?.length) fixes++;
        pairs++;
      }
    }
    // The comparison met real cases: unreachable pairs with fixes, and graphs far smaller than the whole.
    expect(pairs).toBeGreaterThanOrEqual(40);
    expect(unreachable).toBeGreaterThan(0);
    expect(fixes).toBeGreaterThan(0);
    expect(smaller).toBeGreaterThan(pairs / 2);
  }, 120_000);
});
