// ASPA verification on worked examples written by others from the draft (not by asrel):
// NIST's BRIO examples, copied into test/fixtures/aspa/nist-brio-worked-examples.json with
// their provenance. The pages label every table "Upstream", but examples 1-7 are routes a
// receiver gets from its provider (the receiver's ASPA names the sender, and the tables use
// max_up + max_down): they are checked with the downstream procedure, as the pages compute them.
// Also `asrel aspa check` on the same paths, as bgpdump -m text (SYNTHETIC prefixes).
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyAspa, type Procedure } from '../../src/aspa/verification.js';
import { asrel } from '../cli/run.js';

interface Example { page: string; example: number; receiver: number; path: string; procedure: Procedure; maxUp: number; minUp: number; maxDown?: number; minDown?: number; verdict: string }
const FIXTURE = 'test/fixtures/aspa/nist-brio-worked-examples.json';
const fx = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { aspas: Record<string, number[]>; examples: Example[] };
const aspas = new Map(Object.entries(fx.aspas).map(([c, ps]) => [Number(c), ps]));
const tmp = mkdtempSync(join(tmpdir(), 'asrel-aspa-worked-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the worked examples (NIST BRIO, after draft-ietf-sidrops-aspa-verification)', () => {
  it('has ten examples, each with the receiver\'s relation to its neighbour as the procedure says', () => {
    expect(fx.examples.length).toBe(10);
    for (const e of fx.examples) {
      const neighbour = Number(e.path.split(' ')[0]);
      // Downstream: the neighbour is in the receiver's ASPA (its provider); upstream: it is not.
      expect(aspas.get(e.receiver)?.includes(neighbour) ?? false, `${e.page} ${e.example}`).toBe(e.procedure === 'downstream');
    }
  });

  for (const e of fx.examples) {
    it(`${e.page} example ${e.example}: ${e.path} (${e.procedure}) is ${e.verdict}, with the page's ramps`, () => {
      const c = verifyAspa(e.path.split(' ').map(Number), false, e.procedure, (x) => aspas.get(x));
      expect(c.verdict).toBe(e.verdict);
      expect([c.maxUp, c.minUp]).toEqual([e.maxUp, e.minUp]);
      if (e.maxDown !== undefined) expect([c.maxDown, c.minDown]).toEqual([e.maxDown, e.minDown]);
    });
  }

  it('asrel aspa check gives the same verdicts (the ASPAs as rpki-client JSON, the paths as bgpdump -m lines)', () => {
    const aspaFile = join(tmp, 'nist.json');
    writeFileSync(aspaFile, JSON.stringify({ aspas: [...aspas].map(([c, ps]) => ({ customer_asid: c, providers: ps })) }));
    for (const proc of ['downstream', 'upstream'] as const) {
      const mine = fx.examples.filter((e) => e.procedure === proc);
      // One made-up route per path, from documentation prefixes.
      const lines = mine.map((e, i) => `TABLE_DUMP2|1700000000|B|192.0.2.1|${e.receiver}|198.51.100.${i}/32|${e.path}|IGP|192.0.2.1|0|0||NAG||`);
      const paths = join(tmp, `${proc}.txt`);
      writeFileSync(paths, `${lines.join('\n')}\n`);
      const r = asrel(['aspa', 'check', paths, '--aspa', aspaFile, '--procedure', proc, '--format', 'csv', '-q']);
      expect(r.code).toBe(0);
      const rows = new Map(r.stdout.trim().split('\n').slice(1).map((l) => l.split(',')).map((c) => [c[1], c[3]]));
      for (const e of mine) expect(rows.get(e.path), `${e.page} ${e.example}`).toBe(e.verdict);
    }
  });
});
