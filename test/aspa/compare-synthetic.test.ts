// Ground truth for `asrel aspa compare`: ASPA sets generated from the SYNTHETIC world
// (bench/synth/generate.ts on a part of CAIDA 2015) — each customer's true provider set, the
// union of its families — then planted defects: a missing provider, an extra one, AS0 mixed
// in, AS0 over real providers. Every planted defect must be found, and nothing else; the
// one-family providers are the world's own (IPv6 links that are peerings there).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../../bench/synth/generate.js';
import { readTruthEdges } from '../../bench/synth/rib.js';
import { compareAspa, type CompareResult } from '../../src/aspa/compare.js';
import { draftAspa } from '../../src/aspa/draft.js';
import { topologySource } from '../../src/aspa/irr-providers.js';
import { finish } from '../../src/aspa/read.js';
import type { AspaRecord } from '../../src/aspa/types.js';
import { Topology } from '../../src/graph/topology.js';
import type { Family } from '../../src/infer/types.js';

const CAIDA = ['../../../shared', '../../../../shared'].map((d) => resolve(import.meta.dirname, d, 'data/caida/20150201.as-rel.txt')).find(existsSync)!;
const tmp = mkdtempSync(join(tmpdir(), 'asrel-aspa-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let truth: Record<Family, Topology>;
let records: Map<number, AspaRecord>;
let result: CompareResult;
const planted = { missing: [] as string[], extra: [] as string[], as0Mixed: [] as number[], as0Over: [] as string[] };
let oneFamily: string[] = [];

beforeAll(() => {
  // A part of CAIDA 2015: the ASes of 600 links from the top of the file (the clique and its neighbours).
  const lines = readFileSync(CAIDA, 'latin1').split('\n').filter((l) => l && !l.startsWith('#')).slice(0, 3000);
  const sub = join(tmp, 'sub.as-rel.txt');
  writeFileSync(sub, lines.join('\n') + '\n');
  const w = generateWorld({ caidaFile: sub, publishShare: 0.8, out: join(tmp, 'world') });
  truth = { ipv4: Topology.fromEdges(readTruthEdges(w.files.truthIpv4!, 'ipv4'), 'ipv4'), ipv6: Topology.fromEdges(readTruthEdges(w.files.truthIpv6!, 'ipv6'), 'ipv6') };
  const source = topologySource(truth);
  // True provider sets: every AS with a provider in either family.
  const ases = [...new Set([...truth.ipv4.csr.asns, ...truth.ipv6.csr.asns])].sort((a, b) => a - b);
  const drafts = ases.map((a) => draftAspa(source, a)).filter((d) => d.providers[0] !== 0);
  records = new Map(drafts.map((d) => [d.customer, finish(d.customer, d.providers, 'rpki-client-json')]));
  oneFamily = drafts.flatMap((d) => d.oneFamily.map((p) => `${d.customer} ${p.asn}`));
  // Planted defects, each on its own customer.
  const pool = drafts.filter((d) => d.providers.length >= 2 && d.oneFamily.length === 0);
  const take = (k: number) => pool.splice(0, k);
  for (const d of take(5)) { const p = d.providers[0]!; records.set(d.customer, finish(d.customer, d.providers.slice(1), 'rpki-client-json')); planted.missing.push(`${d.customer} ${p}`); }
  for (const d of take(5)) { const x = 4_200_000_000 + d.customer; records.set(d.customer, finish(d.customer, [...d.providers, x], 'rpki-client-json')); planted.extra.push(`${d.customer} ${x}`); }
  for (const d of take(3)) { records.set(d.customer, finish(d.customer, [0, ...d.providers], 'rpki-client-json')); planted.as0Mixed.push(d.customer); }
  for (const d of take(3)) { records.set(d.customer, finish(d.customer, [0], 'rpki-client-json')); planted.as0Over.push(...d.providers.map((p) => `${d.customer} ${p}`)); }
  result = compareAspa(records, source);
}, 120_000);

const pairs = (kind: string) => result.findings.filter((f) => f.kind === kind).map((f) => `${f.customer} ${f.provider}`).sort();

describe('aspa compare on synthetic ASPAs with planted defects', () => {
  it('finds every planted missing provider and nothing else missing', () => {
    expect(pairs('missing')).toEqual([...planted.missing].sort());
  });
  it('finds every planted extra provider as aspa-only, and nothing else', () => {
    expect(pairs('aspa-only')).toEqual([...planted.extra].sort());
  });
  it('finds AS0 mixed and AS0 over real providers', () => {
    expect(result.findings.filter((f) => f.kind === 'as0-mixed').map((f) => f.customer).sort()).toEqual([...planted.as0Mixed].sort());
    expect(pairs('as0-contradicted')).toEqual([...planted.as0Over].sort());
  });
  it('names the world\'s one-family providers, and agrees on the rest', () => {
    expect(oneFamily.length).toBeGreaterThan(0);
    expect(pairs('one-family')).toEqual([...oneFamily].sort());
    expect(result.counts.agree).toBe(result.agreement.agree);
    expect(result.unknownToIrr).toEqual([]);
  });
  it('a publisher the relations do not know is listed as no data, not compared', () => {
    const r = compareAspa(new Map([[4_199_999_999, finish(4_199_999_999, [174], 'rpki-client-json')]]), topologySource(truth));
    expect(r.unknownToIrr).toEqual([4_199_999_999]);
    expect(r.findings).toEqual([]);
  });
});
