/**
 * `asrel aspa` at scale, on SYNTHETIC data: ASPAs drafted from the synthetic Internet's true
 * relations (bench/synth/generate.ts, CAIDA 2015, 47% publishing) — every AS with a provider,
 * and the first 34,000 of them for the compare figure — and the synthetic RIB of
 * verify.bench.ts (run that first, or this generates it). Figures (median of 3 whole-process runs):
 *   - aspa compare, 34,000 ASPAs, against the world's truth relations (--relationships);
 *   - aspa check of the synthetic RIB (MRT), routes/s, with the summary only and with a CSV row per path;
 *   - aspa check of a 300,000-route `bgpdump -m` text file.
 */
import { createWriteStream, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { draftAspa } from '../src/aspa/draft.js';
import { topologySource } from '../src/aspa/irr-providers.js';
import { openRoutes } from '../src/bgp/paths.js';
import { Topology } from '../src/graph/topology.js';
import { medianOf, measureProcess } from './synth/measure.js';
import { readTruthEdges } from './synth/rib.js';
import { run as verifyBench } from './verify.bench.js';
import { prepareWorld } from './synth/world.bench.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const n = (x: number) => Math.round(x).toLocaleString('en-US');

export async function run(): Promise<void> {
  const cache = process.env.ASREL_BENCH_CACHE ?? join(tmpdir(), 'asrel-bench');
  const caida = ['../shared', '../../shared'].map((d) => resolve(repo, d, 'data/caida/20150201.as-rel.txt')).find(existsSync);
  if (!caida) throw new Error('the CAIDA 2015 file (shared/data/caida) is not beside the repository');
  const rib = join(cache, 'synthetic-rib.mrt');
  if (!existsSync(rib)) await verifyBench();
  const w = prepareWorld(0.47, cache, caida);
  const truth = { ipv4: join(w.dir, 'truth-ipv4.txt'), ipv6: join(w.dir, 'truth-ipv6.txt') };
  const topologies = { ipv4: Topology.fromEdges(readTruthEdges(truth.ipv4, 'ipv4'), 'ipv4'), ipv6: Topology.fromEdges(readTruthEdges(truth.ipv6, 'ipv6'), 'ipv6') };
  const source = topologySource(topologies);
  const ases = [...new Set([...topologies.ipv4.csr.asns, ...topologies.ipv6.csr.asns])].sort((a, b) => a - b);
  const aspas = ases.map((a) => draftAspa(source, a)).filter((d) => d.providers[0] !== 0).map((d) => ({ customer_asid: d.customer, providers: d.providers }));
  const all = join(cache, 'synthetic-aspas.json');
  writeFileSync(all, JSON.stringify({ aspas }));
  const some = join(cache, 'synthetic-aspas-34000.json');
  writeFileSync(some, JSON.stringify({ aspas: aspas.slice(0, 34_000) }));
  console.log(`SYNTHETIC ASPAs: ${n(aspas.length)} (every AS of the world with a provider; the true provider sets, union of both families)`);
  const node = process.execPath;
  const rel = ['--relationships', `ipv4:${truth.ipv4}`, '--relationships', `ipv6:${truth.ipv6}`];
  const time = async (label: string, args: string[], routes?: number) => {
    const m = await medianOf(3, async () => {
      const r = await measureProcess(node, [join(repo, 'bin/asrel.js'), ...args, '-q'], { cwd: repo });
      if (r.exitCode !== 0) throw new Error(`${label}: ${r.stderr}`);
      return r;
    });
    console.log(`${label}: ${(m.wallMs / 1000).toFixed(2)} s${routes ? `, ${n(routes / (m.wallMs / 1000))} routes/s` : ''}, peak RSS ${m.peakRssMiB.toFixed(0)} MiB (median of 3)`);
  };
  await time('aspa compare, 34,000 ASPAs vs the truth relations', ['aspa', 'compare', '--aspa', some, ...rel, '--format', 'csv']);
  const src = await openRoutes(rib);
  let routes = 0;
  // The 300,000-route bgpdump -m text: the first routes of the synthetic RIB, written as bgpdump prints them.
  const text = join(cache, 'synthetic-300k.bgpdump-m.txt');
  const out = createWriteStream(text);
  for await (const b of src.batches()) {
    for (const r of b) {
      if (routes < 300_000) out.write(`TABLE_DUMP2|${r.timestamp}|B|${r.peerIp}|${r.peerAs}|${r.prefix}|${r.path.join(' ')}|IGP|${r.peerIp}|0|0||NAG||\n`);
      routes++;
    }
  }
  await new Promise((r) => out.end(r));
  await time(`aspa check, synthetic RIB (${n(routes)} routes, MRT), summary only`, ['aspa', 'check', rib, '--aspa', all], routes);
  await time(`aspa check, synthetic RIB (${n(routes)} routes, MRT), a CSV row per distinct path`, ['aspa', 'check', rib, '--aspa', all, '--format', 'csv'], routes);
  await time('aspa check, 300,000 routes of bgpdump -m text', ['aspa', 'check', text, '--aspa', all, '--format', 'csv'], 300_000);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
