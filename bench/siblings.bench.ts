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
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { member, STUB_B, writeSiblingWorld, type SiblingShape } from './siblings-world.js';
import { median } from './stats.js';

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

interface Run { wall: number; cpu: number; rssMiB: number; code: number; timedOut: boolean; err: string }

/**
 * One whole-process run under GNU time (wall, user + system CPU, peak RSS), `prlimit --as` and
 * a timeout. CPU time is printed beside wall time: on a loaded shared machine wall time
 * mostly measures the other processes.
 */
function measure(args: string[], o: Options): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'asrel-siblings-time-'));
  const out = join(dir, 'time.txt');
  const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', out, 'prlimit', `--as=${Math.round(o.capGb * 2 ** 30)}`, process.execPath, ...args], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let err = '';
  child.stderr.on('data', (b: Buffer) => { if (err.length < 4000) err += b.toString(); });
  let timedOut = false;
  // Its own process group: the timeout stops the command, not only GNU time around it.
  const timer = setTimeout(() => { timedOut = true; process.kill(-child.pid!, 'SIGKILL'); }, o.timeoutS * 1000);
  return new Promise((done) => child.on('close', (code) => {
    clearTimeout(timer);
    const last = (existsSync(out) ? readFileSync(out, 'utf8') : '').trim().split('\n').pop()!.split(' ').map(Number);
    rmSync(dir, { recursive: true, force: true });
    const [wall = NaN, user = NaN, sys = NaN, kib = NaN] = last;
    done({ wall, cpu: user + sys, rssMiB: kib / 1024, code: code ?? 137, timedOut, err });
  }));
}

async function medianRun(args: string[], runs: number, o: Options): Promise<string> {
  const rs: Run[] = [];
  for (let i = 0; i < runs; i++) rs.push(await measure(args, o));
  const bad = rs.find((r) => r.code !== 0);
  const why = !bad ? '' : bad.timedOut ? ` STOPPED at the ${o.timeoutS} s timeout`
    : ` FAILED (exit ${bad.code}${/heap out of memory|allocation failed/i.test(bad.err) ? ', out of memory under the cap' : ''})`;
  const m = (f: (r: Run) => number) => median(rs.map(f));
  return `${m((r) => r.wall).toFixed(2)} s (cpu ${m((r) => r.cpu).toFixed(2)} s), ${m((r) => r.rssMiB).toFixed(0)} MiB${why}`;
}

export async function run(argv = process.argv.slice(2)): Promise<void> {
  const o = options(argv);
  mkdirSync(o.cache, { recursive: true });
  const idle = await measure(['-e', '1'], o);
  console.log(`sibling-group worlds (SYNTHETIC), build ${o.bin}; each command under prlimit --as=${o.capGb} GB, timeout ${o.timeoutS} s; ` +
    `median of ${o.runs} (1 at 100,000 and more); node -e 1 now: ${idle.wall.toFixed(2)} s, load ${loadavg()[0]!.toFixed(1)}`);
  for (const shape of o.shapes) {
    for (const n of o.sizes[shape] ?? []) {
      const rpsl = join(o.cache, `${shape}-${n}.rpsl`);
      if (!existsSync(rpsl)) await writeSiblingWorld(shape, n, rpsl);
      const store = join(o.cache, `${shape}-${n}.store`);
      rmSync(store, { recursive: true, force: true });
      const runs = n >= 100_000 ? 1 : o.runs;
      const imp = await medianRun([o.bin, 'import', rpsl, '--data', store, '--date', '2026-01-01', '--quiet'], 1, o);
      const data = ['--data', store, '--offline', '--quiet'];
      const dark = await medianRun([o.bin, 'dark-spots', ...data], runs, o);
      // A member and the stub of the other tree: unreachable in IPv6 (cones, fixes, data gaps).
      const why = await medianRun([o.bin, 'why-unreachable', String(member(5)), String(STUB_B), '--afi', 'ipv6', ...data], runs, o);
      console.log(`  ${shape.padEnd(3)} N=${n.toLocaleString('en-US').padStart(9)}  import ${imp} | dark-spots ${dark} | why-unreachable ${why}`);
      rmSync(store, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await run();
