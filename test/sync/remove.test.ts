// Issue 23: Store.remove / Ingest.remove, what a mirror's delete does to the store: the version
// goes with its claims; when it was active, the next version becomes active with its claims; a
// filter-set's removal reclassifies the rules that depend on it.
// SYNTHETIC DATA: made-up objects.
import { describe, expect, it } from 'vitest';
import { Ingest } from '../../src/infer/ingest.js';
import { readObjects } from '../../src/rpsl/read.js';
import { Store } from '../../src/store/store.js';

const prov = (date: string) => ({ kind: 'dump' as const, from: 'synthetic', date });

function write(ingest: Ingest, text: string, date: string) {
  for (const o of readObjects(text).objects) ingest.write(o, prov(date));
}

describe('removing a stored version', () => {
  it("drops it and its claims; the other source's version becomes active with its own claims", () => {
    const store = Store.memory();
    const ingest = new Ingest(store);
    write(ingest, 'aut-num: AS65001\nimport: from AS65002 accept ANY\nsource: OTHER\n', '2026-01-01');
    write(ingest, 'aut-num: AS65001\nimport: from AS65003 accept ANY\nexport: to AS65003 announce AS65001\nsource: TEST\n', '2026-06-01');
    expect(store.rulesOf(65001).map((r) => r.peer)).toEqual([65003, 65003]);
    expect(ingest.remove('aut-num', 'AS65001', 'TEST')).toBe(true);
    expect(store.active('aut-num', 'AS65001')!.object.source).toBe('OTHER');
    expect(store.rulesOf(65001).map((r) => r.peer)).toEqual([65002]);
    expect(store.packedClaimsNaming(65003)).toEqual([]);
    expect(ingest.remove('aut-num', 'AS65001', 'TEST')).toBe(false);
    expect(ingest.remove('aut-num', 'AS65001', 'OTHER')).toBe(true);
    expect(store.hasAutNum(65001)).toBe(false);
    expect(store.rulesOf(65001)).toEqual([]);
    expect(store.db.prepare('SELECT count(*) AS n FROM mentions').get()).toEqual({ n: 0 });
  });

  it('removing an inactive version leaves the active one and its claims alone', () => {
    const store = Store.memory();
    const ingest = new Ingest(store);
    write(ingest, 'aut-num: AS65001\nimport: from AS65002 accept ANY\nsource: OTHER\n', '2026-01-01');
    write(ingest, 'aut-num: AS65001\nimport: from AS65003 accept ANY\nsource: TEST\n', '2026-06-01');
    expect(ingest.remove('aut-num', 'AS65001', 'OTHER')).toBe(true);
    expect(store.rulesOf(65001).map((r) => r.peer)).toEqual([65003]);
    expect(store.versions('aut-num', 'AS65001')).toHaveLength(1);
  });

  it('a removed filter-set reclassifies the rules whose filter named it, at finish()', () => {
    const store = Store.memory();
    const ingest = new Ingest(store);
    write(ingest, 'filter-set: FLTR-ALL\nfilter: ANY\nsource: TEST\n', '2026-01-01');
    write(ingest, 'aut-num: AS65001\nimport: from AS65002 accept FLTR-ALL\nsource: TEST\n', '2026-01-01');
    ingest.finish();
    const before = store.rulesOf(65001)[0]!.cls;
    ingest.remove('filter-set', 'FLTR-ALL', 'TEST');
    expect(ingest.finish().reclassified).toBe(1);
    const after = store.rulesOf(65001)[0]!.cls;
    console.log(`class of 'accept FLTR-ALL' with the set: ${before}, without: ${after}`);
    expect(after).not.toBe(before);
  });
});

describe('the source order (src/store/source-order.ts)', () => {
  it('an RIR\u2019s version is used before a fresher copy in RADB; an unlisted source comes last; within one rank the freshest', () => {
    const store = Store.memory();
    const ingest = new Ingest(store);
    write(ingest, 'aut-num: AS65001\nimport: from AS65009 accept ANY\nsource: EXAMPLE\n', '2026-12-01');
    expect(store.active('aut-num', 'AS65001')!.object.source).toBe('EXAMPLE');
    write(ingest, 'aut-num: AS65001\nimport: from AS65002 accept ANY\nsource: RADB\n', '2026-06-01');
    expect(store.active('aut-num', 'AS65001')!.object.source).toBe('RADB');
    write(ingest, 'aut-num: AS65001\nimport: from AS65003 accept ANY\nsource: RIPE\n', '2020-01-01');
    expect(store.active('aut-num', 'AS65001')!.object.source).toBe('RIPE');
    expect(store.rulesOf(65001).map((r) => r.peer)).toEqual([65003]);
    expect(store.versions('aut-num', 'AS65001').map((v) => v.object.source)).toEqual(['RIPE', 'RADB', 'EXAMPLE']);
    // The RIR's object deleted: RADB's copy is used, with its claims.
    ingest.remove('aut-num', 'AS65001', 'RIPE');
    expect(store.rulesOf(65001).map((r) => r.peer)).toEqual([65002]);
  });
});
