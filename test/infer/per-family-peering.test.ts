// A peering written for one family while the other family's lines, and the writer's customer
// set, say transit (issue 29: a set contradicting the lines is read beside the other family's
// lines). Made-up objects (invented, not registry data): AS64500 sells AS64501 transit over
// IPv4 and peers with it over IPv6 (the shape of AS1299 and AS6939 in the bundled
// reconstruction) and lists it in AS64500:AS-CUSTOMERS; AS64501 has no aut-num.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { engineFor } from '../../src/infer/infer.js';
import { Ingest } from '../../src/infer/ingest.js';
import { readObjects } from '../../src/rpsl/read.js';
import { MemoryIndex } from '../../src/store/memory-index.js';
import { Store } from '../../src/store/store.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const A = 64500, B = 64501;
const v6Peer = [`mp-import: afi ipv6.unicast from AS${B} accept AS${B}`, `mp-export: afi ipv6.unicast to AS${B} announce AS${A}`];
const v4Customer = [`import: from AS${B} accept AS${B}`, `export: to AS${B} announce ANY`];
const v4Peer = [`import: from AS${B} accept AS${B}`, `export: to AS${B} announce AS${A}`];
const autNum = (v4: string[]) => `aut-num: AS${A}\nas-name: MADE-UP\n${[...v4, ...v6Peer].join('\n')}\nmnt-by: MAINT-MADE-UP\nsource: TEST\n`;
const customers = `as-set: AS${A}:AS-CUSTOMERS\nmembers: AS${B}\nmnt-by: MAINT-MADE-UP\nsource: TEST\n`;
const provenance = { kind: 'dump' as const, from: 'made-up', date: '2026-12-07' };

/** Writes objects into a file store as an import does (the link table kept up to date at its end). */
function write(store: Store, text: string, date = provenance.date): void {
  const ingest = new Ingest(store);
  store.transaction(() => {
    for (const o of readObjects(text, 'made-up').objects) ingest.write(o, { ...provenance, date });
  });
  ingest.finish();
}

function fileStore(): Store {
  const dir = mkdtempSync(join(tmpdir(), 'asrel-per-family-'));
  dirs.push(dir);
  return Store.open(dir);
}

function index(v4: string[]): MemoryIndex {
  const i = new MemoryIndex();
  for (const object of readObjects(`${autNum(v4)}\n${customers}`, 'made-up').objects) i.add({ object, provenance });
  return i;
}

describe('a peering written for one family, its customer set following the other', () => {
  it('is believed when the other family\'s lines say transit as the set does, and the set is when they say peers too', () => {
    const perFamily = engineFor(index(v4Customer)).infer(A, B, 'ipv6');
    expect(perFamily.relation).toBe('p2p');
    expect(perFamily.basis?.kind).toBe('pp.6:SNmf');
    expect(perFamily.note).toContain(`in IPv4 their lines say AS${A} is AS${B}'s provider, as the set does: the peering is written for this family alone`);
    expect(perFamily.confidence).toBeGreaterThanOrEqual(0.9);
    // Peer-style lines in both families while the set lists the neighbour as a customer: on the
    // synthetic registries the set was right (a provider writing its customer as a peer).
    const bothPeer = engineFor(index(v4Peer)).infer(A, B, 'ipv6');
    expect(bothPeer.basis?.kind).toBe('pp.6:SNm');
    expect(bothPeer.relation).toBe('p2c');
    expect(bothPeer.note).not.toContain('written for this family alone');
    // The IPv4 link itself is plain transit.
    expect(engineFor(index(v4Customer)).infer(A, B, 'ipv4').relation).toBe('p2c');
  });

  it('in a store, an IPv4 change decides the IPv6 row again', () => {
    const store = fileStore();
    const v6Row = () => [...store.links.all(6)].find((r) => r.lo === A && r.hi === B);
    write(store, `${autNum(v4Customer)}\n${customers}`);
    expect(store.links.fresh).toBe(true);
    expect(v6Row()?.kind).toBe('pp.6:SNmf');
    // Only the IPv4 lines change; the IPv6 row must follow.
    write(store, autNum(v4Peer));
    expect(store.links.fresh).toBe(true);
    expect(v6Row()?.kind).toBe('pp.6:SNm');
    store.close();
  });

  it('a link table an older asrel kept (rows without the other family\'s view) is not trusted: decided again at the next write', () => {
    const store = fileStore();
    write(store, `${autNum(v4Customer)}\n${customers}`);
    // As an asrel before the `f` flag left it: its mark, and the row as it decided it.
    store.db.prepare("UPDATE meta SET value = 'fresh' WHERE key = 'links'").run();
    store.db.prepare("UPDATE links SET kind = 'pp.6:SNm' WHERE family = 6").run();
    expect(store.links.fresh).toBe(false);
    // Readers decide from claims meanwhile.
    expect(engineFor(store).infer(A, B, 'ipv6').basis?.kind).toBe('pp.6:SNmf');
    write(store, customers, '2026-12-08');
    expect(store.links.fresh).toBe(true);
    expect([...store.links.all(6)].find((r) => r.lo === A && r.hi === B)?.kind).toBe('pp.6:SNmf');
    store.close();
  });
});
