// Synthetic-Internet bench: generates IRR worlds from CAIDA 2015-02-01 at several
// publishing shares (bench/synth/generate.ts; cached by parameters in the temp folder), then
// runs whole-process asrel commands against each and prints wall time, peak RSS and the
// floors of the issue, plus the accuracy of the export against the world's truth files.
//
//   npx tsx bench/synth/world.bench.ts [--shares 0.25,0.47,0.5,1] [--ops import,rel,...] [--cache DIR] [--timeout-s 600]
//
// Floors (issue: a 47%-publishing world of about 58 MB): import ≤ 40 s / ≤ 1.5 GB; export csv
// and caida, dark-spots, reach, batch of 200 ≤ 15 s / ≤ 1 GB each; why-unreachable, path, rel,
// neighbors ≤ 3 s / ≤ 600 MB each; the 100% world completes in Node's default heap ≤ 1.5 GB.
// The floors are judged on the 47% world; the other worlds show them for reference.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CAIDA, generateWorld, mulberry32, readCaida, type Manifest } from './generate.js';
import { compareWithTruth, printReport, readCsvRows, readTruth } from './accuracy.js';
import { measureProcess, medianOf, type Measurement } from './measure.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(repo, 'bin/asrel.js');
const SEED = 20150201;

/** A prepared world: its files, its store folder and the arguments picked from it. */
export interface World {
  share: number;
  dir: string;
  rpsl: string;
  store: string;
  out: string;
  manifest: Manifest;
  /** Largest-degree publishing AS (a tier-1 in CAIDA 2015). */
  tier1: number;
  /** A publishing stub: one provider, no customers, with IPv6 links. */
  stub: number;
  /** File with 200 ASes for batch. */
  batchFile: string;
}

interface Floor { s: number; mib: number }
const IMPORT: Floor = { s: 40, mib: 1536 };
const WHOLE: Floor = { s: 15, mib: 1024 };
const QUESTION: Floor = { s: 3, mib: 600 };

/**
 * The commands, in order (import first: the others read its store). The lead adjusts these
 * lines when the new store lands. `runs`: 1 for the long operations, median of 3 for questions.
 */
export const COMMANDS: { op: string; runs: number; floor: Floor; args: (w: World) => string[] }[] = [
  { op: 'import', runs: 1, floor: IMPORT, args: (w) => ['import', w.rpsl, '--data', w.store, '--date', '2015-02-01'] },
  { op: 'export csv', runs: 1, floor: WHOLE, args: (w) => ['export', '--format', 'csv', '--out', join(w.out, 'export.csv'), '--data', w.store, '--offline'] },
  { op: 'export caida', runs: 1, floor: WHOLE, args: (w) => ['export', '--format', 'caida', '--out', join(w.out, 'export'), '--data', w.store, '--offline'] },
  { op: 'dark-spots', runs: 1, floor: WHOLE, args: (w) => ['dark-spots', '--data', w.store, '--offline'] },
  { op: 'reach', runs: 1, floor: WHOLE, args: (w) => ['reach', String(w.tier1), '--data', w.store, '--offline'] },
  { op: 'batch 200', runs: 1, floor: WHOLE, args: (w) => ['batch', '--asns', w.batchFile, '--out', join(w.out, 'batch.csv'), '--data', w.store, '--offline'] },
  { op: 'why-unreachable v6', runs: 3, floor: QUESTION, args: (w) => ['why-unreachable', String(w.stub), String(w.tier1), '--afi', 'ipv6', '--data', w.store, '--offline'] },
  { op: 'path', runs: 3, floor: QUESTION, args: (w) => ['path', String(w.stub), String(w.tier1), '--data', w.store, '--offline'] },
  { op: 'rel', runs: 3, floor: QUESTION, args: (w) => ['rel', String(w.tier1), String(w.stub), '--data', w.store, '--offline'] },
  { op: 'neighbors', runs: 3, floor: QUESTION, args: (w) => ['neighbors', String(w.tier1), '--data', w.store, '--offline'] },
];

/** Generates (or reuses) the world for a share and picks the command arguments from it. */
export function prepareWorld(share: number, cache: string, caidaFile = DEFAULT_CAIDA): World {
  const dir = join(cache, `share-${share}-seed-${SEED}`);
  const manifestFile = join(dir, 'manifest.json');
  let manifest: Manifest;
  const fresh = existsSync(manifestFile) && (() => {
    const m = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
    return m.parameters.publishShare === share && m.parameters.seed === SEED && existsSync(join(dir, 'world.rpsl')) && statMtimeOk(dir) ? m : undefined;
  })();
  if (fresh) manifest = fresh;
  else {
    const t0 = performance.now();
    manifest = generateWorld({ caidaFile, publishShare: share, out: dir, seed: SEED }).manifest;
    console.log(`generated the ${pct(share)} world in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${dir}`);
  }
  // Arguments: from the CAIDA topology and the world's publishing set.
  const topo = readCaida(caidaFile);
  const text = readFileSync(join(dir, 'world.rpsl'), 'latin1');
  const published = new Set<number>();
  for (const m of text.matchAll(/^aut-num: +AS(\d+)$/gm)) published.add(Number(m[1]));
  const deg = (i: number) => topo.start[i + 1]! - topo.start[i]!;
  let tier1 = 0, best = -1;
  const stubs: number[] = [];
  const v6 = new Set<number>();
  for (const line of readFileSync(join(dir, 'truth-ipv6.txt'), 'utf8').split('\n')) {
    if (!line || line[0] === '#') continue;
    const [a, b] = line.split('|');
    v6.add(Number(a)); v6.add(Number(b));
  }
  for (let i = 0; i < topo.asns.length; i++) {
    const asn = topo.asns[i]!;
    if (!published.has(asn)) continue;
    if (deg(i) > best) { best = deg(i); tier1 = asn; }
    let providers = 0, customers = 0, peers = 0;
    for (let k = topo.start[i]!; k < topo.start[i + 1]!; k++) {
      const l = topo.adj[k]!;
      if (topo.lrel[l] === 0) peers++;
      else if (topo.la[l] === asn) customers++;
      else providers++;
    }
    if (providers === 1 && customers === 0 && peers === 0 && v6.has(asn)) stubs.push(asn);
  }
  const rand = mulberry32(SEED);
  const stub = stubs[Math.floor(rand() * stubs.length)] ?? tier1;
  const pool = [...published].sort((a, b) => a - b);
  const batch = new Set<number>();
  while (batch.size < Math.min(200, pool.length)) batch.add(pool[Math.floor(rand() * pool.length)]!);
  const out = join(dir, 'out');
  mkdirSync(out, { recursive: true });
  const batchFile = join(dir, 'batch-200.txt');
  writeFileSync(batchFile, `# 200 publishing ASes of the ${pct(share)} synthetic world (seeded pick)\n${[...batch].join('\n')}\n`);
  return { share, dir, rpsl: join(dir, 'world.rpsl'), store: join(dir, 'store'), out, manifest, tier1, stub, batchFile };
}

/** Regenerate when the generator is newer than the cached world. */
function statMtimeOk(dir: string): boolean {
  try {
    return statSync(join(dir, 'manifest.json')).mtimeMs >= statSync(fileURLToPath(new URL('./generate.ts', import.meta.url))).mtimeMs;
  } catch {
    return false;
  }
}

const pct = (s: number) => `${Math.round(s * 100)}%`;
const mib = (x: number) => `${Math.round(x)} MiB`;
const sec = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`);

export async function run(argv: string[] = []): Promise<void> {
  const get = (n: string) => { const k = argv.indexOf(n); return k >= 0 ? argv[k + 1] : undefined; };
  if (!existsSync(DEFAULT_CAIDA)) {
    console.log(`skipped: ${DEFAULT_CAIDA} is absent`);
    return;
  }
  const shares = (get('--shares') ?? '0.25,0.47,0.5,1').split(',').map(Number);
  const only = get('--ops')?.split(',');
  const cache = get('--cache') ?? join(tmpdir(), 'asrel-synth-worlds');
  const timeoutMs = Number(get('--timeout-s') ?? 900) * 1000;
  const rows: string[][] = [];
  for (const share of shares) {
    const w = prepareWorld(share, cache);
    const c = w.manifest.counts;
    console.log(`\n${pct(share)} world: ${(c.bytes / 1e6).toFixed(1)} MB, ${c.autNums.toLocaleString()} aut-nums (${c.asAnyOnly} AS-ANY only), ` +
      `${c.asSets.toLocaleString()} as-sets, ${c.policyAttributes.toLocaleString()} policy attributes; truth ipv4 ${c.truth.ipv4.toLocaleString()}, ` +
      `ipv6 ${c.truth.ipv6.toLocaleString()}; tier-1 AS${w.tier1}, stub AS${w.stub}`);
    rmSync(w.store, { recursive: true, force: true });
    let importFailed = false;
    for (const cmd of COMMANDS) {
      if (only && !only.includes(cmd.op.split(' ')[0]!) && !only.includes(cmd.op)) continue;
      if (importFailed) { rows.push([cmd.op, pct(share), '—', '—', '', 'skipped (import failed)']); continue; }
      const once = () => measureProcess(process.execPath, [BIN, ...cmd.args(w)], { cwd: repo, timeoutMs });
      const m = await medianOf(cmd.runs, once);
      const last: Measurement = m.runs[m.runs.length - 1]!;
      const ok = last.exitCode === 0;
      if (cmd.op === 'import' && !ok) importFailed = true;
      const withinFloor = m.wallMs <= cmd.floor.s * 1000 && m.peakRssMiB <= cmd.floor.mib;
      const judged = share === 0.47 ? (ok && withinFloor ? 'PASS' : 'FAIL')
        : share === 1 ? (ok && m.peakRssMiB <= 1536 ? 'PASS (completes ≤ 1.5 GB)' : 'FAIL (completes ≤ 1.5 GB)')
        : `ref ${ok && withinFloor ? 'within' : 'over'}`;
      rows.push([cmd.op, pct(share), sec(m.wallMs) + (cmd.runs > 1 ? ` (median of ${cmd.runs})` : ''), mib(m.peakRssMiB),
        `≤ ${cmd.floor.s} s / ≤ ${cmd.floor.mib} MiB`, `${judged}${ok ? '' : ` exit ${last.exitCode}${last.timedOut ? ' (timed out)' : ''}: ${last.stderr.trim().split('\n').slice(-1)[0] ?? ''}`}`]);
      console.log(`  ${rows[rows.length - 1]!.join(' | ')}`);
      if (cmd.op === 'export csv' && ok) {
        const truth = readTruth(w.dir);
        console.log(`  accuracy of the export against the truth files (${pct(share)} world):`);
        printReport(compareWithTruth(await readCsvRows(join(w.out, 'export.csv')), truth), truth, 5);
      }
    }
  }
  const head = ['operation', 'world', 'wall', 'peak RSS', 'floor', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((x, i) => x.padEnd(widths[i]!)).join('  ');
  console.log('\n' + line(head));
  for (const r of rows) console.log(line(r));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await run(process.argv.slice(2));
}
