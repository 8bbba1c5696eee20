// Sibling groups (issue 20, point 1): whole-process `dark-spots` and `why-unreachable` on
// SYNTHETIC worlds where one hub has N siblings (bench/siblings-world.ts): `set`, an as-set
// of N members named both ways by the hub (set expansion caps it at 100,000 members), and
// `hub`, N ASes that are mutual siblings of the hub. Prints wall time and peak RSS per N.
// Target: 16,000 members ≤ 300 MB and ≤ 5 s for either command; 1,000,000 completes ≤ 1 GB.
//
//   npm run bench -- siblings
//   npx tsx bench/siblings.bench.ts [--bin OTHER/bin/asrel.js] [--shapes set,hub] [--n 1000,8000]
//                                   [--runs 3] [--cap-gb 4] [--timeout-s 300] [--cache DIR]
//
// `--bin` runs another build (an older checkout, for the figures before a change); each
// command runs under `prlimit --as` (default 4 GB of address space) and a timeout, so a
// quadratic build fails or stops instead of taking the shared machine's memory.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { member, STUB_B, writeSiblingWorld, type SiblingShape } from './siblings-world.js';
import { measureProcess, medianOf, type Measurement } from './synth/measure.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Options { bin: string; shapes: SiblingShape[]; sizes: Partial<Record<SiblingShape, number[]>>; runs: number; capGb: number; timeoutS: number; cache: string }

function options(argv: string[]): Options {
  const get = (name: string) => { const k = argv.indexOf(name); return k >= 0 ? argv[k + 1] : undefined; };
  const list = (s: string | undefined) => s?.split(',').map(Number);
  const n = list(get('--n'));
  return {
    bin: resolve(get('--bin') ?? join(repo, 'bin/asrel.js')),
    shapes: (get('--shapes')?.split(',') ?? ['set', 'hub']) as SiblingShape[],
    // The hub shape at 1,000,000 would be a million aut-nums to import: the set shape covers that size.
    sizes: n ? { set: n, hub: n } : { set: [1_000, 8_000, 16_000, 1_000_000], hub: [1_000, 8_000, 16_000] },
    runs: Number(get('--runs') ?? 3),
    capGb: Number(get('--cap-gb') ?? 4),
    timeoutS: Number(get('--timeout-s') ?? 300),
    cache: get('--cache') ?? join(tmpdir(), 'asrel-siblings-bench'),
  };
}

const fmt = (m: { wallMs: number; peakRssMiB: number; runs: Measurement[] }) => {
  const bad = m.runs.find((r) => r.exitCode !== 0);
  const why = bad ? (bad.timedOut ? ' TIMED OUT' : ` FAILED exit ${bad.exitCode}: ${bad.stderr.trim().split('\n').pop()?.slice(0, 100)}`) : '';
  return `${(m.wallMs / 1000).toFixed(2)} s, ${m.peakRssMiB.toFixed(0)} MiB${why}`;
};

export async function run(argv = process.argv.slice(2)): Promise<void> {
  const o = options(argv);
  mkdirSync(o.cache, { recursive: true });
  console.log(`sibling-group worlds (SYNTHETIC), build ${o.bin}; each command under prlimit --as=${o.capGb} GB, timeout ${o.timeoutS} s; median of ${o.runs} (1 at 1,000,000)`);
  const node = (args: string[], runs: number) => medianOf(runs, () =>
    measureProcess('prlimit', [`--as=${Math.round(o.capGb * 2 ** 30)}`, process.execPath, o.bin, ...args], { timeoutMs: o.timeoutS * 1000 }));
  for (const shape of o.shapes) {
    for (const n of o.sizes[shape] ?? []) {
      const rpsl = join(o.cache, `${shape}-${n}.rpsl`);
      if (!existsSync(rpsl)) await writeSiblingWorld(shape, n, rpsl);
      const store = join(o.cache, `${shape}-${n}.store`);
      rmSync(store, { recursive: true, force: true });
      const runs = n >= 100_000 ? 1 : o.runs;
      const imp = await node(['import', rpsl, '--data', store, '--date', '2026-01-01', '--quiet'], 1);
      const data = ['--data', store, '--offline', '--quiet'];
      const dark = await node(['dark-spots', ...data], runs);
      // A member and the stub of the other tree: unreachable in IPv6 (cones, fixes, data gaps).
      const why = await node(['why-unreachable', String(member(5)), String(STUB_B), '--afi', 'ipv6', ...data], runs);
      console.log(`  ${shape.padEnd(3)} N=${n.toLocaleString('en-US').padStart(9)}  import ${fmt(imp)} | dark-spots ${fmt(dark)} | why-unreachable ${fmt(why)}`);
      rmSync(store, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await run();
