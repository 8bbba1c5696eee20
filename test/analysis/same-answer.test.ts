// The same objects give the same answer whichever way they are loaded: imported into a store
// (--data), given as a file (--input), or seen by a whole-store command. Data: the real DN42
// registry of 2023-10-22 (data/README.md).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asrel, asrelMany, type Run } from '../cli/run.js';
import { openData } from '../../src/analysis/open-data.js';
import { irrTopologies } from '../../src/analysis/topologies.js';
import { explainReachability } from '../../src/explain/explain.js';
import { FAMILIES } from '../../src/infer/families.js';
import { explanationJson } from '../../src/report/reachability-json.js';
import { runs } from '../long.js';

const DN42 = 'data/real/dn42-registry-2023-10-22.db';
const dir = mkdtempSync(join(tmpdir(), 'asrel-same-'));
const store = join(dir, 'store');
const fromStore = ['--data', store, '--offline'];
const fromFile = ['--input', DN42];

/** The answer without the lines saying where the data came from (they name the store or the file). */
function answer(stdout: string): unknown {
  const j = JSON.parse(stdout) as Record<string, unknown>;
  delete j.data;
  delete j.notes;
  return j;
}

/**
 * Answers of the CLI, each command line run once for the file: the tests ask some questions
 * twice (the 6-AS path) and many side by side.
 */
const asked = new Map<string, Promise<Run>>();
async function ask(lines: string[][]): Promise<Run[]> {
  const todo = lines.filter((l) => !asked.has(l.join('\0')));
  const running = asrelMany(todo);
  todo.forEach((l, i) => asked.set(l.join('\0'), running.then((r) => r[i]!)));
  return Promise.all(lines.map((l) => asked.get(l.join('\0'))!));
}

beforeAll(() => {
  const r = asrel(['import', DN42, '--data', store]);
  expect(r.code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one answer whichever way the DN42 registry is loaded', () => {
  const pairs: [number, number][] = [[62396, 64712], [4242423182, 4242421331], [76190, 4242420022]];

  it('path and why-unreachable from the command line, both families', async () => {
    const [a, b] = pairs[0]!;
    const questions = ['ipv4', 'ipv6'].flatMap((afi) => ['path', 'why-unreachable'].map((cmd) => [cmd, String(a), String(b), '--afi', afi, '--json']));
    const answers = await ask(questions.flatMap((q) => [[...q, ...fromStore], [...q, ...fromFile]]));
    questions.forEach((q, i) => {
      const [s, f] = [answers[2 * i]!, answers[2 * i + 1]!];
      expect(s.code, s.stderr).toBe(0);
      expect(f.code, f.stderr).toBe(0);
      expect(answer(s.stdout), q.join(' ')).toEqual(answer(f.stdout));
    });
    // The pair the store used to get wrong: a 6-AS path, found from the store too.
    const p = JSON.parse((await ask([['path', '62396', '64712', '--afi', 'ipv4', '--json', ...fromStore]]))[0]!.stdout);
    expect(p).toMatchObject({ reachable: true });
    expect(p.path).toHaveLength(6);
  }, 120_000);

  it('explanations for many pairs: store, file and whole-store graph agree', async () => {
    const args = { data: store, offline: true, server: '127.0.0.1:9', ttl: 24 };
    const [s, f] = [await openData(args), await openData({ ...args, input: [DN42] })];
    const whole = irrTopologies(s.engine, { families: FAMILIES });
    // Every 150th AS (about 20, 760 explanations) in the long run; every 400th in npm test.
    const step = runs(150, 400);
    const ases = [...s.store.owners()].filter((_, i) => i % step === 0);
    let compared = 0;
    for (const a of ases) {
      for (const b of ases) {
        if (a === b) continue;
        const ts = irrTopologies(s.engine, { asns: [a, b], families: FAMILIES });
        const tf = irrTopologies(f.engine, { asns: [a, b], families: FAMILIES });
        for (const family of FAMILIES) {
          const es = explanationJson(explainReachability({ a, b, family, topologies: ts.topologies, hasObject: (x) => s.engine.hasObject(x) }), []);
          const ef = explanationJson(explainReachability({ a, b, family, topologies: tf.topologies, hasObject: (x) => f.engine.hasObject(x) }), []);
          expect(es, `${a}→${b} ${family}`).toEqual(ef);
          // The graph of the whole store gives the same reachability and path length.
          const w = explainReachability({ a, b, family, topologies: whole.topologies });
          expect(w.reachable, `${a}→${b} ${family} whole store`).toBe(es.reachable);
          expect(w.path?.length).toBe((es.path as number[] | null)?.length);
          // The question's graph holds no link down from the cones: the same fixes all the same.
          if (!w.reachable) expect(explanationJson(w, []).fixes, `${a}→${b} ${family} fixes`).toEqual(es.fixes);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(runs(100, 40));
    s.close();
    f.close();
  }, 120_000);

  it('rel and neighbors: links declared by either side', async () => {
    const questions = [
      ...pairs.map(([a, b]) => ['rel', String(a), String(b), '--json']),
      ...[62396, 4242421331, 64712].map((asn) => ['neighbors', String(asn), '--json']),
    ];
    const answers = await ask(questions.flatMap((q) => [[...q, ...fromStore], [...q, ...fromFile]]));
    questions.forEach((q, i) => {
      expect(answer(answers[2 * i]!.stdout), q.join(' ')).toEqual(answer(answers[2 * i + 1]!.stdout));
    });
  }, 120_000);

  it('batch equals the questions asked one by one, and the whole-store graph agrees', async () => {
    const list = join(dir, 'asns.txt');
    writeFileSync(list, `${[62396, 64712, 4242423182, 4242421331, 76190, 4242420022].join('\n')}\n`);
    const [s, f] = await ask([['batch', '--asns', list, ...fromStore], ['batch', '--asns', list, ...fromFile]]) as [Run, Run];
    expect(s.code, s.stderr).toBe(0);
    expect(s.stdout).toEqual(f.stdout);
    // Each batch row says what path answers for that pair and family.
    const rows = s.stdout.trim().split('\n').slice(1).map((l) => l.split(','));
    const header = s.stdout.split('\n')[0]!.split(',');
    const col = (name: string) => header.indexOf(name);
    const paths = await ask(rows.slice(0, 6).map((row) => ['path', row[col('a')]!, row[col('b')]!, '--afi', 'ipv4', '--json', ...fromStore]));
    rows.slice(0, 6).forEach((row, i) => {
      const [a, b] = [row[col('a')], row[col('b')]];
      const p = JSON.parse(paths[i]!.stdout);
      expect(String(p.reachable), `${a}→${b}`).toBe(row[col('ipv4_reachable')]);
    });
    // reach reads the whole store: it finds the same 6-AS path, reached in IPv4 only.
    const [r, q] = await ask([['reach', '62396', '--json', ...fromStore], ['path', '62396', '64712', '--afi', 'ipv4', '--json', ...fromStore]]);
    const reach = JSON.parse(r!.stdout) as { oneFamilyOnly: { asn: number; family: string; path: number[] }[] };
    const p = JSON.parse(q!.stdout) as { path: number[] };
    expect(reach.oneFamilyOnly.find((x) => x.asn === 64712)).toMatchObject({ family: 'ipv4', path: p.path });
  }, 120_000);
});
