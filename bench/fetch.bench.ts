/*
 * IRR fetch throughput against a local server that delays every answer by 50 ms without
 * serialising them (like a 50 ms round trip): 1,000 aut-nums pipelined on one IRRd
 * connection, versus one connection per query under the same politeness limits (≤ 4
 * concurrent, ≤ 3 new connections per second). The latter is bounded by ~3 queries/s,
 * so it is measured on 30 queries and reported as a rate.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { IrrdClient } from '../src/irr/irrd-client.js';
import { Politeness } from '../src/irr/politeness.js';
import { parseObjectKey, type ObjectKey } from '../src/irr/query.js';
import { Store } from '../src/store/store.js';
import { fetchObjects } from '../src/gather/fetcher.js';
import { FakeServer, realObjects } from '../test/irr/fake-server.js';
import { median } from './stats.js';

const DELAY_MS = 50;

export async function run(): Promise<void> {
  const objects = realObjects();
  const keys: ObjectKey[] = [...objects.keys()].filter((k) => k.startsWith('aut-num ')).slice(0, 1000).map((k) => parseObjectKey(k.slice(8)));
  const bytes = keys.reduce((n, k) => n + Buffer.byteLength(objects.get(`aut-num ${k.key}`)!), 0);
  const server = new FakeServer({ objects, delayMs: DELAY_MS, maxConcurrent: 4 });
  await server.start();
  const rate = (n: number, ms: number) => (n / ms) * 1000;
  try {
    // Pipelined, one connection, client only.
    const piped: number[] = [];
    for (let i = 0; i < 7; i++) {
      const c = new IrrdClient({ server: server.address, politeness: new Politeness() });
      const t0 = performance.now();
      const got = await Promise.all(keys.map((k) => c.getObject(k)));
      piped.push(performance.now() - t0);
      await c.close();
      if (got.some((g) => g === undefined)) throw new Error('bench: an object was missing');
    }
    const pipedRate = rate(keys.length, median(piped));

    // Pipelined through fetchObjects into a fresh SQLite store (one transaction per answer, claims computed on write).
    const stored: number[] = [];
    for (let i = 0; i < 3; i++) {
      const dir = await mkdtemp(join(tmpdir(), 'asrel-bench-'));
      const c = new IrrdClient({ server: server.address, politeness: new Politeness() });
      const t0 = performance.now();
      const store = Store.open(dir);
      const r = await fetchObjects(keys, { store, source: c });
      store.close();
      stored.push(performance.now() - t0);
      await c.close();
      await rm(dir, { recursive: true, force: true });
      if (r.summary.fetched !== keys.length) throw new Error(`bench: fetched ${r.summary.fetched}`);
    }

    // One connection per query, same politeness limits (4 concurrent, 3 new/s).
    const N = 30;
    const single: number[] = [];
    for (let i = 0; i < 3; i++) {
      const p = new Politeness();
      const t0 = performance.now();
      await Promise.all(
        keys.slice(0, N).map(async (k) => {
          const c = new IrrdClient({ server: server.address, politeness: p });
          try {
            return await c.getObject(k);
          } finally {
            await c.close();
          }
        }),
      );
      single.push(performance.now() - t0);
    }
    const singleRate = rate(N, median(single));

    console.log(`input: ${keys.length} real DN42 aut-num objects, ${(bytes / 1024).toFixed(0)} KiB; server delays each answer ${DELAY_MS} ms (not serialised)`);
    console.log(`pipelined, 1 connection:           median ${median(piped).toFixed(1)} ms for ${keys.length} → ${pipedRate.toFixed(0)} objects/s (runs: ${piped.map((x) => x.toFixed(0)).join(', ')} ms)`);
    console.log(`pipelined + SQLite store:          median ${median(stored).toFixed(1)} ms for ${keys.length} → ${rate(keys.length, median(stored)).toFixed(0)} objects/s (runs: ${stored.map((x) => x.toFixed(0)).join(', ')} ms)`);
    console.log(`1 connection per query (≤4 open, ≤3 new/s): median ${median(single).toFixed(0)} ms for ${N} → ${singleRate.toFixed(2)} objects/s (runs: ${single.map((x) => x.toFixed(0)).join(', ')} ms; measured on ${N}, not 1,000, which would take ~${(keys.length / singleRate / 60).toFixed(1)} min at this rate)`);
    console.log(`pipelined / per-query: ${(pipedRate / singleRate).toFixed(0)}×  (targets: ≥ 500 objects/s, ≥ 20×)`);
    console.log(`server saw ${server.resets} resets, at most ${server.maxOpen} connections open at once`);
  } finally {
    await server.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
