// The synthetic-world generator (bench/synth/generate.ts): determinism, publishing share,
// clean RPSL, and — the point of it — truth files that are exact: the current in-memory
// inference finds every truth relation, reports the ambiguous links as ambiguous with the
// same candidates, and reports no other link.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateWorld, type WorldResult } from '../../bench/synth/generate.js';
import { compareWithTruth, readTruth, type Row } from '../../bench/synth/accuracy.js';
import { inferAll } from '../../src/infer/infer.js';
import { parsePolicies } from '../../src/policy/parse.js';
import { readObjects } from '../../src/rpsl/read.js';
import { MemoryIndex } from '../../src/store/memory-index.js';

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURE = join(here, 'fixtures/hand-made-format-example.as-rel.txt');
const REAL = resolve(here, '../../../shared/data/caida/20150201.as-rel.txt');
const tmp = mkdtempSync(join(tmpdir(), 'asrel-synth-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let k = 0;
function gen(caidaFile: string, publishShare: number, extra: Partial<Parameters<typeof generateWorld>[0]> = {}): WorldResult {
  return generateWorld({ caidaFile, publishShare, out: join(tmp, `w${k++}`), ...extra });
}

/** Reads, parses and infers a world in memory; returns the diagnostics and the rows. */
function inferWorld(w: WorldResult) {
  const text = readFileSync(w.files.rpsl, 'utf8');
  const { objects, diagnostics } = readObjects(text, 'world.rpsl');
  const policyDiagnostics = objects.flatMap((o) => parsePolicies(o).flatMap((p) => p.diagnostics));
  const index = new MemoryIndex();
  for (const object of objects) index.add({ object, provenance: { kind: 'dump', from: 'world.rpsl', date: '2015-02-01' } });
  const rows: Row[] = inferAll(index).filter((l) => l.relation !== 'none')
    .map((l) => ({ as1: l.a, as2: l.b, afi: l.family, relation: l.relation, candidates: l.candidates }));
  return { objects, diagnostics, policyDiagnostics, rows };
}

function expectExact(w: WorldResult) {
  const { objects, diagnostics, policyDiagnostics, rows } = inferWorld(w);
  expect(diagnostics).toEqual([]);
  expect(policyDiagnostics.slice(0, 5)).toEqual([]);
  expect(objects.filter((o) => o.class === 'aut-num')).toHaveLength(w.manifest.counts.autNums);
  const truth = readTruth(w.dir);
  const report = compareWithTruth(rows, truth);
  for (const f of ['ipv4', 'ipv6'] as const) {
    const r = report[f];
    expect({ f, wrong: r.wrong.slice(0, 5), missing: r.missing.slice(0, 5), invented: r.invented.slice(0, 5), ambiguousWrong: r.ambiguousWrong.slice(0, 5) })
      .toEqual({ f, wrong: [], missing: [], invented: [], ambiguousWrong: [] });
    expect(r.exact).toBe(truth[f].relations.size);
    expect(r.ambiguousExact).toBe(truth[f].ambiguous.size);
  }
  return { objects, truth };
}

describe('synthetic world from the hand-made format example', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = gen(FIXTURE, 0.6, { seed: 7 }), b = gen(FIXTURE, 0.6, { seed: 7 }), c = gen(FIXTURE, 0.6, { seed: 8 });
    for (const f of ['rpsl', 'truthIpv4', 'truthIpv6', 'ambiguousIpv4', 'ambiguousIpv6'] as const) {
      expect(readFileSync(b.files[f], 'utf8')).toBe(readFileSync(a.files[f], 'utf8'));
    }
    expect(readFileSync(c.files.rpsl, 'utf8')).not.toBe(readFileSync(a.files.rpsl, 'utf8'));
  });

  it('respects the publishing share and says it is synthetic', () => {
    for (const share of [0, 0.25, 0.5, 1]) {
      const w = gen(FIXTURE, share);
      expect(w.manifest.counts.publishing).toBe(Math.round(share * w.manifest.counts.ases));
      expect(w.manifest.counts.autNums).toBe(w.manifest.counts.publishing);
      const text = readFileSync(w.files.rpsl, 'utf8');
      expect(text.match(/^aut-num:/gm)?.length ?? 0).toBe(w.manifest.counts.publishing);
      expect(text.match(/^remarks: +SYNTHETIC/gm)?.length ?? 0).toBe(w.manifest.counts.publishing);
      if (share === 0) expect(readTruth(w.dir).ipv4.relations.size).toBe(0);
    }
  });

  it('truth lists only links that a publishing side names, and inference agrees exactly', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      for (const share of [0.3, 0.7, 1]) {
        const w = gen(FIXTURE, share, { seed, asAnyShare: 0.3, partialShare: 0.3, ipv6DiffShare: 0.3 });
        const { objects, truth } = expectExact(w);
        const names = new Map<number, string>();
        for (const o of objects) if (o.class === 'aut-num') names.set(Number(o.key.slice(2)), o.attributes.map((x) => x.value).join('\n'));
        const named = (x: number, y: number) => new RegExp(`\\b(from|to) AS${y}\\b`).test(names.get(x) ?? '');
        for (const f of ['ipv4', 'ipv6'] as const) {
          for (const key of [...truth[f].relations.keys(), ...truth[f].ambiguous.keys()]) {
            const [x, y] = key.split('|').map(Number) as [number, number];
            expect(named(x, y) || named(y, x), `${f} ${key}`).toBe(true);
          }
        }
      }
    }
  });
});

describe.skipIf(!existsSync(REAL))('synthetic world from a slice of the CAIDA 2015-02-01 file', () => {
  it('parses cleanly and the in-memory inference matches the truth files exactly', () => {
    const lines = readFileSync(REAL, 'latin1').split('\n').filter((l) => l && !l.startsWith('#'));
    const slice = join(tmp, 'slice.as-rel.txt');
    writeFileSync(slice, lines.slice(0, 6000).join('\n') + '\n');
    const w = gen(slice, 0.47, { bigObjects: 1 });
    expect(w.manifest.counts.truth.ipv4).toBeGreaterThan(1000);
    expect(w.manifest.counts.truth.ipv6).toBeGreaterThan(500);
    expectExact(w);
  });
});
