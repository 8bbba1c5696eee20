// A first import into an empty store builds the rules' big indexes after its last object
// (Store.deferRuleIndexes); it must store exactly what an import into a store that already
// holds objects stores. Real data: the DN42 registry of 2023-10-22 (data/real/README.md), with
// its AS141706 object given twice more, one line changed, the last copy from another source —
// writes that read rules back in the middle of the load. The changed line and the second
// source are ours; the object is otherwise as published.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { importDump } from '../../src/gather/import-dump.js';
import { Ingest } from '../../src/infer/ingest.js';
import { readObjects } from '../../src/rpsl/read.js';
import { Store, STORE_FILE } from '../../src/store/store.js';

const DN42 = 'data/real/dn42-registry-2023-10-22.db';
const dir = mkdtempSync(join(tmpdir(), 'asrel-rule-indexes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const AS141706 = readFileSync(DN42, 'utf8').split('\n\n').find((o) => /^aut-num:\s+AS141706\n/.test(o))!;
const dump = join(dir, 'dn42-twice.db');
// The edited copy (same source: written over in place), then a copy from a source ranked above
// APNIC (a new version that becomes the one used): both read rules back mid-load.
const edited = AS141706.replace('afi ipv6.unicast from AS140913 accept ANY', 'afi ipv6.unicast from AS140913 accept AS140913');
writeFileSync(dump, `${readFileSync(DN42, 'utf8')}\n\n${edited}\n\n${edited.replace(/^source:.*$/m, 'source:             RIPE')}\n`);

/** What a store holds, without row ids: objects, rules, links and counts. */
function content(d: string) {
  const db = new Database(join(d, STORE_FILE), { readonly: true });
  const all = (sql: string) => db.prepare(sql).raw().all().map((r) => JSON.stringify(r)).sort();
  const out = {
    objects: all("SELECT class, key, source, active, text FROM objects WHERE class != 'as-set' OR key != 'AS-ASREL-TEST-SEED'"),
    rules: all('SELECT owner, attr_index, term_index, family, direction, attribute, line, peer, peerings, class, is_any, class_by, notes FROM rules'),
    links: all('SELECT * FROM links'),
    counts: all('SELECT * FROM link_counts'),
  };
  db.close();
  return out;
}

const ruleIndexes = (d: string) => {
  const db = new Database(join(d, STORE_FILE), { readonly: true });
  const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rules' ORDER BY name").pluck().all();
  const owed = db.prepare("SELECT value FROM meta WHERE key = 'rule-indexes'").pluck().get();
  db.close();
  return { names, owed };
};

const ALL_RULE_INDEXES = ['rules_any', 'rules_object', 'rules_other', 'rules_owner', 'rules_peer', 'rules_unparsed'];

describe('a first import, its rule indexes built after its last object', () => {
  it('stores what an import into a store holding objects stores, an object given twice included', async () => {
    const first = join(dir, 'first');
    const s1 = Store.open(first);
    expect((await importDump(dump, s1, { date: '2023-10-22' })).objects).toBeGreaterThan(3000);
    s1.close();

    // The same dump into a store that holds one object already: written with every index in place.
    const seeded = join(dir, 'seeded');
    const s2 = Store.open(seeded);
    const seed = new Ingest(s2);
    s2.transaction(() => seed.write(readObjects('as-set: AS-ASREL-TEST-SEED\nsource: TEST\n', 'seed').objects[0]!, { kind: 'dump', from: 'seed', date: '2023-10-22' }));
    seed.finish();
    await importDump(dump, s2, { date: '2023-10-22' });
    s2.close();

    expect(content(first)).toEqual(content(seeded));
    // The object given twice: its second version's rules only, as when it alone is imported.
    const alone = join(dir, 'alone');
    writeFileSync(join(dir, 'alone.db'), readFileSync(dump, 'utf8').split('\n\n').filter((o) => /^aut-num:\s+AS141706\n/.test(o)).pop()!);
    const s3 = Store.open(alone);
    await importDump(join(dir, 'alone.db'), s3, { date: '2023-10-22' });
    s3.close();
    // Without their line numbers (the object sits lower in the longer dump).
    const of141706 = (d: string) => content(d).rules.filter((r) => r.startsWith('[141706,')).map((r) => { const x = JSON.parse(r) as unknown[]; x.splice(6, 1); return JSON.stringify(x); });
    expect(of141706(first)).toEqual(of141706(alone));
    expect(ruleIndexes(first)).toEqual({ names: ALL_RULE_INDEXES, owed: undefined });
  });

  it('a load stopped before building them (killed) leaves them owed; the next writer builds them', () => {
    const d = join(dir, 'stopped');
    const s = Store.open(d);
    expect(s.deferRuleIndexes()).toBe(true);
    const ingest = new Ingest(s);
    s.transaction(() => {
      for (const o of readObjects(AS141706, 'dn42').objects) ingest.write(o, { kind: 'dump', from: 'dn42', date: '2023-10-22' });
    });
    s.close();
    expect(ruleIndexes(d)).toEqual({ names: ['rules_any', 'rules_other', 'rules_unparsed'], owed: 'owed' });
    // Read-only: right, only without the indexes.
    const ro = Store.open(d, { readonly: true });
    expect(ro.rulesOf(141706).length).toBeGreaterThan(0);
    ro.close();
    Store.open(d).close();
    expect(ruleIndexes(d)).toEqual({ names: ALL_RULE_INDEXES, owed: undefined });
  });

  it('is not deferred where the store holds any object', () => {
    const s = Store.open(join(dir, 'seeded'));
    expect(s.deferRuleIndexes()).toBe(false);
    s.close();
  });
});
