/**
 * `asrel verify` at scale, on a SYNTHETIC RIB (bench/synth/rib.ts) drawn from the synthetic
 * Internet (bench/synth/generate.ts, CAIDA 2015, 47% publishing): valley-free paths per family
 * from 30 vantage ASes to every origin they reach, two prefixes per origin, plus injected
 * valleys and undocumented links. Figures, each the median of 3 whole-process runs:
 *   - read + de-duplicate (MRT TABLE_DUMP_V2, plain): routes/s and peak RSS;
 *   - the same from gzip;
 *   - the whole `asrel verify` against the world's truth relations (`--relationships`).
 * Usage: npm run bench -- verify   (ASREL_BENCH_CACHE sets the cache folder)
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { medianOf, measureProcess } from './synth/measure.js';
import { generateRib, readEncodedPairs, readTruthEdges } from './synth/rib.js';
import { prepareWorld } from './synth/world.bench.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const n = (x: number) => Math.round(x).toLocaleString('en-US');

export async function run(): Promise<void> {
  const cache = process.env.ASREL_BENCH_CACHE ?? join(tmpdir(), 'asrel-bench');
  mkdirSync(cache, { recursive: true });
  // shared/ lies beside the repository, or beside the folder of worktrees.
  const caida = ['../shared', '../../shared'].map((d) => resolve(repo, d, 'data/caida/20150201.as-rel.txt')).find(existsSync);
  if (!caida) throw new Error('the CAIDA 2015 file (shared/data/caida) is not beside the repository');
  const w = prepareWorld(0.47, cache, caida);
  const f = (x: string) => join(w.dir, x);
  const ribFile = join(cache, 'synthetic-rib.mrt');
  const t0 = performance.now();
  const rib = generateRib({
    truth: { ipv4: readTruthEdges(f('truth-ipv4.txt'), 'ipv4'), ipv6: readTruthEdges(f('truth-ipv6.txt'), 'ipv6') },
    encoded: { ipv4: readEncodedPairs([f('truth-ipv4.txt'), f('ambiguous-ipv4.txt')]), ipv6: readEncodedPairs([f('truth-ipv6.txt'), f('ambiguous-ipv6.txt')]) },
    out: ribFile, vantages: 30, prefixesPerOrigin: 2, valleys: 200, undocumented: 200, asSets: 20,
  });
  const routes = rib.routes.ipv4 + rib.routes.ipv6;
  console.log(`SYNTHETIC RIB: ${n(routes)} routes (${n(rib.routes.ipv4)} IPv4, ${n(rib.routes.ipv6)} IPv6), ${n(rib.distinctPaths.ipv4 + rib.distinctPaths.ipv6)} distinct valley-free paths from ${rib.vantages.length} vantages, ` +
    `${rib.valleys.length} valleys and ${rib.undocumented.length} undocumented links injected; ${(rib.bytes / 2 ** 20).toFixed(0)} MiB, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const gz = `${ribFile}.gz`;
  await pipeline(createReadStream(ribFile), createGzip({ level: 6 }), createWriteStream(gz));
  console.log(`gzip: ${(statSync(gz).size / 2 ** 20).toFixed(0)} MiB`);

  const node = process.execPath;
  for (const [label, file] of [['read + de-duplicate, plain MRT', ribFile], ['read + de-duplicate, gzip MRT', gz]] as const) {
    const m = await medianOf(3, async () => {
      const r = await measureProcess(node, ['--import', 'tsx', join(repo, 'bench/verify-read.ts'), file], { cwd: repo, captureStdout: true });
      if (r.exitCode !== 0) throw new Error(`${label} failed: ${r.stderr}`);
      return { ...r, out: JSON.parse(r.stdout!.trim().split('\n').pop()!) as { routes: number; ms: number } };
    });
    const inner = m.runs.map((r) => r.out.routes / (r.out.ms / 1000)).sort((a, b) => a - b)[1]!;
    console.log(`${label}: ${n(routes / (m.wallMs / 1000))} routes/s whole process (${(m.wallMs / 1000).toFixed(2)} s), ${n(inner)} routes/s in the reader, peak RSS ${m.peakRssMiB.toFixed(0)} MiB (median of 3)`);
  }
  const m = await medianOf(3, () => measureProcess(node, [join(repo, 'bin/asrel.js'), 'verify', ribFile, '--relationships', `ipv4:${f('truth-ipv4.txt')}`, '--relationships', `ipv6:${f('truth-ipv6.txt')}`, '--json', '-q'],
    { cwd: repo, captureStdout: true }));
  const j = JSON.parse(m.runs[0]!.stdout!) as { summary: Record<string, { valley: number; unknown: number }> };
  console.log(`asrel verify --relationships (truth files): ${(m.wallMs / 1000).toFixed(2)} s, peak RSS ${m.peakRssMiB.toFixed(0)} MiB (median of 3); ` +
    `valleys found ${j.summary.ipv4!.valley + j.summary.ipv6!.valley} of ${rib.valleys.length} injected, undecided paths ${j.summary.ipv4!.unknown + j.summary.ipv6!.unknown} (${rib.undocumented.length} injected undocumented links)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
