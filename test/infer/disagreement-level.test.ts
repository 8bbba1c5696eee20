// The disagreement level a confidence is read at (issue 29) counts every link, not the links of
// a few hundred ASes: one AS writes hundreds of links alike, so an AS sample put the same
// synthetic registry anywhere from 0.078 to 0.095. Made-up objects (invented, not registry
// data): one provider with 600 stub customers, a quarter of which say nothing of it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineFor } from '../../src/infer/infer.js';
import { Ingest } from '../../src/infer/ingest.js';
import { readObjects } from '../../src/rpsl/read.js';
import { MemoryIndex } from '../../src/store/memory-index.js';
import { Store } from '../../src/store/store.js';

const P = 64500, STUBS = 600, SILENT = 150;
const stub = (i: number) => 4200000000 + i;
const aut = (asn: number, lines: string[]) => `aut-num: AS${asn}\nas-name: MADE-UP-${asn}\n${lines.join('\n')}\nsource: TEST\n`;

function objects() {
  const texts = [aut(P, Array.from({ length: STUBS }, (_, i) => `export: to AS${stub(i + 1)} announce ANY`))];
  for (let i = 1; i <= STUBS; i++) {
    texts.push(aut(stub(i), i <= SILENT ? ['remarks: nothing about its provider'] : [`import: from AS${P} accept ANY`, `export: to AS${P} announce AS${stub(i)}`]));
  }
  return readObjects(texts.join('\n'), 'made-up').objects;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the disagreement level', () => {
  it('is the share of two-sided links where one side says nothing, over every link of the link table', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-level-'));
    dirs.push(dir);
    const store = Store.open(dir);
    const ingest = new Ingest(store);
    store.transaction(() => {
      for (const o of objects()) ingest.write(o, { kind: 'dump', from: 'made-up', date: '2026-12-07' });
    });
    ingest.finish();
    const e = engineFor(store);
    expect(e.fromTable).toBe(true);
    expect(e.disagreementLevel()).toBe(SILENT / STUBS);
    store.close();
  });

  it('is the same from claims (objects read from a file, no link table)', () => {
    const index = new MemoryIndex();
    for (const object of objects()) index.add({ object, provenance: { kind: 'dump', from: 'made-up', date: '2026-12-07' } });
    const e = engineFor(index);
    expect(e.fromTable).toBe(false);
    expect(e.disagreementLevel()).toBe(SILENT / STUBS);
  });
});
