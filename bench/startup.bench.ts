// Start-up benchmark (issue 12): whole-process wall time of `asrel --help`, `--version` and
// the offline headline answer against a bare `node -e 1`, median of 9 runs each (runs
// interleaved, after one warm-up round so the file cache is warm). Prints figures, asserts
// nothing. Targets: --help and --version ≤ 2× `node -e 1`; the headline ≤ 5×.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = 9;

export async function run(): Promise<void> {
  if (!existsSync(join(root, 'dist/asrel.js'))) execFileSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  const cache = mkdtempSync(join(tmpdir(), 'asrel-bench-startup-'));
  const env = { ...process.env, XDG_CACHE_HOME: cache, ASREL_SERVER: '127.0.0.1:9' };
  const cli = join(root, 'bin/asrel.js');
  const cases: [string, string[], number | null][] = [
    ['node -e 1', ['-e', '1'], null],
    ['asrel --help', [cli, '--help'], 2],
    ['asrel --version', [cli, '--version'], 2],
    ['asrel why-unreachable 6939 174 --afi ipv6 --offline', [cli, 'why-unreachable', '6939', '174', '--afi', 'ipv6', '--offline'], 5],
  ];
  const times = cases.map(() => [] as number[]);
  try {
    for (let round = 0; round <= RUNS; round++) {
      cases.forEach(([, args], i) => {
        const t = performance.now();
        const r = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8' });
        const ms = performance.now() - t;
        if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
        if (round > 0) times[i].push(ms);
      });
    }
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
  const base = median(times[0]);
  console.log(`start-up, whole process, median of ${RUNS} runs (interleaved), Node ${process.versions.node}`);
  cases.forEach(([name, , target], i) => {
    const m = median(times[i]);
    const ratio = m / base;
    const verdict = target === null ? '' : `   target ≤ ${target}× (${ratio <= target ? 'met' : 'missed'})`;
    console.log(`  ${name.padEnd(52)} ${m.toFixed(0).padStart(5)} ms (min ${Math.min(...times[i]).toFixed(0)})  ${target === null ? '' : `${ratio.toFixed(2)}× node -e 1`}${verdict}`);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
