// What gathering brings in for an answer. The server here is an in-memory ObjectSource
// (the TCP path is covered by test/cli/live-answer.test.ts); objects are real DN42 registry
// text and the bundled HE/Cogent reconstruction.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gather } from '../../src/gather/gather.js';
import type { ObjectSource } from '../../src/irr/open.js';
import { objectKeyString, type ObjectKey } from '../../src/irr/query.js';
import { readObjects } from '../../src/rpsl/read.js';
import { Store } from '../../src/store/store.js';

const dn42 = readFileSync(new URL('../../data/real/dn42-registry-2023-10-22.db', import.meta.url), 'utf8');
// The bundled HE/Cogent RECONSTRUCTION (see data/README.md), used only as server content.
const reconstruction = readFileSync(new URL('../../data/reconstructed/he-cogent-telia-2013.rpsl', import.meta.url), 'utf8');

/** Serves the objects of an RPSL text and records what was asked. */
function memorySource(text: string): ObjectSource & { asked: string[] } {
  const byKey = new Map<string, string>();
  for (const o of readObjects(text).objects) byKey.set(`${o.class} ${o.key}`, `${o.attributes.map((a) => a.raw).join('\n')}\n`);
  const asked: string[] = [];
  return {
    server: 'memory',
    asked,
    async getObject(k: ObjectKey) {
      asked.push(objectKeyString(k));
      return byKey.get(objectKeyString(k));
    },
    async close() {},
  };
}

const emptyStore = () => Store.memory();
const autNums = (s: Store) => [...s.owners()];

describe('gather', () => {
  it('climbs from the asked AS through its providers, not to its peers', async () => {
    const store = emptyStore();
    await gather([6939], { store, source: memorySource(reconstruction) });
    // AS1299 is AS6939's IPv4 provider; AS174 is only AS1299's peer, so not in AS6939's cone.
    expect(autNums(store)).toEqual([1299, 6939]);
  });

  it('brings in the as-sets used as peerings, and the ASes behind them when they are upstream', async () => {
    const source = memorySource(dn42);
    const store = emptyStore();
    await gather([4242421331], { store, source });
    for (const set of ['AS-NIA:AS-TRANSIT', 'AS-NIA:AS-PEER', 'AS-NIA:AS-DOWNSTREAM', 'AS-NIA:AS-UPSTREAM']) {
      expect(store.set('as-set', set), set).toBeDefined();
    }
    // AS-NIA:AS-TRANSIT's members get and send the full table: siblings, so their cones count.
    expect(store.hasAutNum(4242421353)).toBe(true);
    expect(store.hasAutNum(4242420022)).toBe(true);
    // AS-NIA is used only as a filter (`announce AS-NIA`), never as a peering: not fetched.
    expect(source.asked).not.toContain('as-set AS-NIA');
  });

  it('with neighboursOf, fetches every AS the policy names (both sides of each link)', async () => {
    const source = memorySource(dn42);
    await gather([4242421331], { store: emptyStore(), source, neighboursOf: [4242421331] });
    const named = ['AS4242421353', 'AS4242420022', 'AS76190'].map((a) => `aut-num ${a}`);
    expect(source.asked).toEqual(expect.arrayContaining(named));
  });

  it('stops at maxObjects and says so', async () => {
    const source = memorySource(dn42);
    const g = await gather([4242421331], { store: emptyStore(), source, neighboursOf: [4242421331], maxObjects: 5 });
    expect(source.asked.length).toBeLessThanOrEqual(5);
    expect(g.notes.join('\n')).toContain('gathering stopped at 5 objects');
  });
});
