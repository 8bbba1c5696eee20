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

describe('defects planted per (AS, neighbour) block', () => {
  const blocks = (text: string) => {
    const byAs = new Map<number, string>();
    for (const o of text.split('\n\n')) {
      const m = /^aut-num: +AS(\d+)$/m.exec(o);
      if (m) byAs.set(Number(m[1]), o);
    }
    return byAs;
  };
  const truthOf = (w: WorldResult) => readTruth(w.dir);

  it('lists what it planted, keeps the real relation in the truth, and writes what each kind says', () => {
    const counts = new Map<string, number>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const clean = gen(FIXTURE, 1, { seed });
      const w = gen(FIXTURE, 1, { seed, defectRate: 0.4 });
      const text = readFileSync(w.files.rpsl, 'utf8');
      const objects = blocks(text);
      const planted = readFileSync(w.files.planted, 'utf8').split('\n');
      expect(planted[0]).toMatch(/^# SYNTHETIC defects planted/);
      const rows = planted.filter((l) => l && !l.startsWith('#')).map((l) => l.split('|'));
      expect(rows.length).toBe(Object.values(w.manifest.counts.planted).reduce((x, y) => x + y, 0));
      const t0 = truthOf(clean), t1 = truthOf(w);
      for (const f of ['ipv4', 'ipv6'] as const) {
        // The real relation stays, whatever the lines say.
        for (const [k, r] of t1[f].relations) if (t0[f].relations.has(k)) expect(r, `${f} ${k}`).toBe(t0[f].relations.get(k));
      }
      for (const [me, nb, kind, real, written] of rows) {
        counts.set(kind!, (counts.get(kind!) ?? 0) + 1);
        const obj = objects.get(Number(me)) ?? '';
        // Continuation lines joined to their attribute.
        const about = obj.replace(/\n(?=[ \t+])/g, ' ').split('\n').filter((l) => new RegExp(`\\b(from|to) AS${nb}\\b`).test(l)).join('\n');
        if (kind === 'omit') expect(about, `${me} ${nb}`).toBe('');
        if (kind === 'stale') {
          expect(real).toBe('none');
          expect(about).not.toBe('');
          const key = Number(me) < Number(nb) ? `${me}|${nb}` : `${nb}|${me}`;
          expect(t1.ipv4.relations.has(key) || t1.ipv4.ambiguous.has(key)).toBe(false);
        }
        if (kind === 'customer-as-peer' || kind === 'partial-transit') {
          expect(real).toBe('p2c');
          expect(written).toBe('p2p');
          expect(about).not.toMatch(/announce (ANY|AS-ANY|\{)/);
        }
        if (kind === 'accept-any-peer') expect(about).toMatch(/^(mp-)?import: .*from AS\d+ .*accept ANY/m);
        if (kind === 'peer-as-provider') expect(real).toBe('p2p');
        if (kind === 'provider-as-peer') expect(real).toBe('c2p');
        if (kind === 'set-missing') expect(text).not.toMatch(new RegExp(`^as-set: +AS${me}:AS-CUSTOMERS\n(?:.+\n)*?members: .*\\bAS${nb}\\b`, 'm'));
      }
    }
    // Every kind is planted somewhere in these worlds.
    expect([...counts.keys()].sort()).toEqual(['accept-any-peer', 'customer-as-peer', 'omit', 'partial-transit', 'peer-as-provider', 'provider-as-peer', 'set-missing', 'stale']);
  });

  it('a 0% world plants nothing and is byte-identical to a world without the knob', () => {
    const a = gen(FIXTURE, 0.7, { seed: 9 }), b = gen(FIXTURE, 0.7, { seed: 9, defectRate: 0 });
    expect(readFileSync(b.files.rpsl, 'utf8')).toBe(readFileSync(a.files.rpsl, 'utf8'));
    expect(readFileSync(b.files.planted, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))).toEqual([]);
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
