// `asrel diff` on two synthetic worlds that differ in a few percent of their aut-nums.
//
// SYNTHETIC DATA: the old world is bench/synth/generate.ts's world made from CAIDA 2015-02-01;
// the new one is the same file with a seeded few percent of its aut-nums edited (a policy
// line dropped, or a restricted `announce` turned into `announce ANY`), as an IRR time series
// changes between two dumps. Both are imported into store folders (timed apart), then the
// whole process `asrel diff --old STORE --new STORE --format csv --out FILE` is measured:
// wall time and peak RSS, against export's floors (≤ 15 s, ≤ 1 GB on the ~58 MB world; goal
// ≤ 3 s / 300 MB).
//
//   npx tsx bench/diff.bench.ts [--share 0.47] [--edit 0.03] [--cache DIR]
//
// `npm run bench` runs the default, a 10% world (≈ 15 MB), to stay within a couple of
// minutes; --share 0.47 is the ~58 MB world of the floors.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CAIDA, generateWorld, mulberry32 } from './synth/generate.js';
import { measureProcess, type Measurement } from './synth/measure.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(repo, 'bin/asrel.js');
const SEED = 20150201;

/**
 * The new world: a seeded share of the aut-nums edited. Half of the edited objects lose one
 * policy line (a link gone or seen from one side only); the other half announce ANY where
 * they announced a set or an AS (a peer or provider turned customer). Returns the text and
 * how many objects were edited.
 */
export function perturb(text: string, share: number, seed = SEED): { text: string; edited: number; dropped: number; flipped: number } {
  const rand = mulberry32(seed ^ 0x5eed);
  const objects = text.split(/\n\n+/);
  let edited = 0, dropped = 0, flipped = 0;
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i]!;
    if (!o.startsWith('aut-num:')) continue;
    const lines = o.split('\n');
    const policy = lines.map((l, k) => (/^(mp-)?(import|export):/.test(l) ? k : -1)).filter((k) => k >= 0);
    // Objects without policy lines are not drawn from (a share of those that have some).
    if (policy.length === 0 || rand() >= share) continue;
    const restricted = lines.map((l, k) => (/^(mp-)?export:.* announce (?!ANY\b)\S+/.test(l) && !/AS-ANY/.test(l) ? k : -1)).filter((k) => k >= 0);
    if (rand() < 0.5 && restricted.length > 0) {
      const k = restricted[Math.floor(rand() * restricted.length)]!;
      lines[k] = lines[k]!.replace(/ announce .*$/, ' announce ANY');
      flipped++;
    } else {
      const k = policy[Math.floor(rand() * policy.length)]!;
      lines.splice(k, 1);
      dropped++;
    }
    objects[i] = lines.join('\n');
    edited++;
  }
  return { text: objects.join('\n\n'), edited, dropped, flipped };
}

const mib = (x: number) => `${Math.round(x)} MiB`;
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function run(argv: string[] = process.argv.slice(2)): Promise<void> {
  const get = (n: string) => { const k = argv.indexOf(n); return k >= 0 ? argv[k + 1] : undefined; };
  if (!existsSync(DEFAULT_CAIDA)) {
    console.log(`skipped: ${DEFAULT_CAIDA} is absent`);
    return;
  }
  const share = Number(get('--share') ?? 0.1);
  const edit = Number(get('--edit') ?? 0.03);
  const cache = get('--cache') ?? join(tmpdir(), 'asrel-diff-bench');
  const dir = join(cache, `share-${share}-seed-${SEED}`);
  const oldFile = join(dir, 'world.rpsl');
  if (!existsSync(join(dir, 'manifest.json')) || !existsSync(oldFile)) {
    const t0 = performance.now();
    generateWorld({ caidaFile: DEFAULT_CAIDA, publishShare: share, out: dir, seed: SEED });
    console.log(`generated the ${Math.round(share * 100)}% world in ${sec(performance.now() - t0)}: ${dir}`);
  }
  const p = perturb(readFileSync(oldFile, 'latin1'), edit);
  const newFile = join(dir, `world-edited-${edit}.rpsl`);
  writeFileSync(newFile, p.text, 'latin1');
  const autNums = (readFileSync(oldFile, 'latin1').match(/^aut-num:/gm) ?? []).length;
  console.log(`old world ${(statSync(oldFile).size / 1e6).toFixed(1)} MB, ${autNums.toLocaleString()} aut-nums (SYNTHETIC); ` +
    `new: ${p.edited.toLocaleString()} aut-nums edited (${((100 * p.edited) / autNums).toFixed(1)}%: ${p.dropped} lines dropped, ${p.flipped} announce → ANY)`);

  const stores = { old: join(dir, 'store-old'), new: join(dir, `store-new-${edit}`) };
  for (const [side, file] of [['old', oldFile], ['new', newFile]] as const) {
    rmSync(stores[side], { recursive: true, force: true });
    const m = await measureProcess(process.execPath, [BIN, 'import', file, '--data', stores[side], '--date', side === 'old' ? '2015-02-01' : '2015-03-01'], { cwd: repo });
    if (m.exitCode !== 0) throw new Error(`import ${side} failed: ${m.stderr}`);
    console.log(`import ${side}: ${sec(m.wallMs)}, ${mib(m.peakRssMiB)}`);
  }
  mkdirSync(join(dir, 'out'), { recursive: true });
  const rows: [string, Measurement][] = [];
  const runs: [string, string[]][] = [
    ['diff stores, csv', ['diff', '--old', stores.old, '--new', stores.new, '--format', 'csv', '--out', join(dir, 'out', 'diff.csv')]],
    ['diff stores, json', ['diff', '--old', stores.old, '--new', stores.new, '--json', '--out', join(dir, 'out', 'diff.json')]],
    ['diff stores, links only', ['diff', '--old', stores.old, '--new', stores.new, '--no-dark-spots', '--format', 'csv', '--out', join(dir, 'out', 'diff-links.csv')]],
  ];
  for (const [label, args] of runs) {
    const m = await measureProcess(process.execPath, [BIN, ...args], { cwd: repo, timeoutMs: 600_000 });
    if (m.exitCode !== 0) throw new Error(`${label} failed: ${m.stderr}`);
    rows.push([label, m]);
  }
  const j = JSON.parse(readFileSync(join(dir, 'out', 'diff.json'), 'utf8')) as {
    counts: Record<string, { old: number; new: number; added: number; removed: number; changed: number }>;
    darkSpots: { totals: Record<string, { old: number; new: number; appeared: number | null; disappeared: number | null }>; compared: boolean };
  };
  for (const [f, c] of Object.entries(j.counts)) {
    const moved = c.added + c.removed + c.changed;
    const d = j.darkSpots.totals[f]!;
    console.log(`${f}: ${c.old.toLocaleString()} → ${c.new.toLocaleString()} links; ${c.added} added, ${c.removed} removed, ${c.changed} changed ` +
      `(${((100 * moved) / c.old).toFixed(2)}% of the old links); dark spots ${d.old.toLocaleString()} → ${d.new.toLocaleString()}, ` +
      `${d.appeared ?? 'n/a'} appeared, ${d.disappeared ?? 'n/a'} disappeared`);
  }
  const floor = share >= 0.45 ? ' (floor ≤ 15 s, ≤ 1024 MiB; goal ≤ 3 s, ≤ 300 MiB)' : ' (reference: the floors are judged on --share 0.47)';
  console.log(`\n| what | wall | peak RSS |\n|---|---|---|`);
  for (const [label, m] of rows) console.log(`| ${label} | ${sec(m.wallMs)} | ${mib(m.peakRssMiB)} |`);
  console.log(floor);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await run();
