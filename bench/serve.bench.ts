// `asrel serve` on the 47% synthetic world (bench/synth/world.bench.ts makes and imports it):
// a warm question at the API, the page's first paint, and the explorer opening a 5,000-AS
// cone, in the system Chromium. Prints medians; the targets are 300 ms, 1 s and 2 s.
//
//   npx tsx bench/serve.bench.ts [--share 0.47] [--cache DIR] [--caida FILE] [--runs 5]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CAIDA } from './synth/generate.js';
import { prepareWorld } from './synth/world.bench.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.ASREL_CHROMIUM ?? '/usr/bin/chromium';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  return { ms: performance.now() - t0, value };
}

function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The bench (bench/run.ts calls it with no arguments). */
export async function run(argv: string[] = []): Promise<void> {
  const get = (n: string) => { const k = argv.indexOf(n); return k >= 0 ? argv[k + 1] : undefined; };
  const share = Number(get('--share') ?? 0.47);
  const runs = Number(get('--runs') ?? 5);
  const caida = get('--caida') ?? DEFAULT_CAIDA;
  if (!existsSync(CHROMIUM)) { console.log(`skipped: ${CHROMIUM} is absent (ASREL_CHROMIUM)`); return; }
  if (!existsSync(caida)) { console.log(`skipped: ${caida} is absent (--caida FILE)`); return; }
  const w = prepareWorld(share, get('--cache') ?? join(tmpdir(), 'asrel-synth-worlds'), caida);
  if (!existsSync(join(w.store, 'asrel.sqlite'))) {
    console.log(`importing the ${share * 100}% world into ${w.store} …`);
    await new Promise<void>((ok, fail) => spawn(process.execPath, ['bin/asrel.js', 'import', w.rpsl, '--data', w.store, '--date', '2015-02-01', '-q'], { cwd: repo, stdio: 'inherit' })
      .on('exit', (c) => (c === 0 ? ok() : fail(new Error(`import exited ${c}`)))));
  }
  const child = spawn(process.execPath, ['bin/asrel.js', 'serve', '--port', '0', '--data', w.store, '-q'], { cwd: repo });
  const url = await new Promise<string>((ok, fail) => {
    let err = '';
    child.stderr.on('data', (d) => { err += d; const m = /listening on (http:\/\/\S+?)\/ /.exec(err); if (m) ok(m[1]!); });
    child.on('exit', () => fail(new Error(err)));
  });
  const rows: [string, string, string][] = [];
  try {
    const q = `a=${w.stub}&b=${w.tier1}&afi=ipv6`;
    const api = (path: string) => timed(async () => { const r = await fetch(url + path); if (!r.ok) throw new Error(`${path}: ${r.status} ${await r.text()}`); return r.json(); });
    const cold = await api(`/api/why-unreachable?${q}`);
    const warm: number[] = [];
    for (let i = 0; i < runs; i++) warm.push((await api(`/api/why-unreachable?${q}`)).ms);
    rows.push([`why-unreachable AS${w.stub} → AS${w.tier1} (IPv6), first`, ms(cold.ms), '']);
    rows.push([`same question again (its cone graphs kept), median of ${runs}`, ms(median(warm)), '≤ 300 ms']);
    // New questions on the warm engine: other tier-1 targets, each asked for the first time.
    const fresh: number[] = [];
    for (const t of [3356, 1299, 2914, 3257, 6453]) if (t !== w.tier1) fresh.push((await api(`/api/why-unreachable?a=${w.stub}&b=${t}&afi=ipv6`)).ms);
    rows.push([`new questions AS${w.stub} → 4 other tier-1s (IPv6), each asked once, median`, ms(median(fresh)), '≤ 300 ms']);
    const other: number[] = [];
    for (let i = 0; i < runs; i++) other.push((await api(`/api/path?a=${w.stub}&b=${w.tier1}&afi=ipv4`)).ms);
    rows.push([`path AS${w.stub} → AS${w.tier1} (IPv4) after it, median of ${runs}`, ms(median(other)), '≤ 300 ms']);
    const whole = await api(`/api/explore?asn=${w.tier1}&afi=ipv6&mode=customers`);
    rows.push([`explorer data, first (builds the whole-data graphs: ${(whole.value as { total: number }).total.toLocaleString()} ASes in AS${w.tier1}'s IPv6 customer cone)`, ms(whole.ms), '']);
    const explore: number[] = [];
    for (let i = 0; i < runs; i++) explore.push((await api(`/api/explore?asn=${w.tier1}&afi=ipv6&mode=customers`)).ms);
    rows.push([`explorer data again (5,000 ASes, JSON), median of ${runs}`, ms(median(explore)), '']);

    const { chromium } = await import('playwright-core');
    const profile = mkdtempSync(join(tmpdir(), 'asrel-serve-bench-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, viewport: { width: 1100, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-first-run'],
    });
    try {
      const paints: number[] = [];
      const explorer: number[] = [];
      let nodes = 0;
      const parts = { fetch: [] as number[], merge: [] as number[], sigma: [] as number[] };
      for (let i = 0; i < runs; i++) {
        const tab = await context.newPage();
        await tab.goto(`${url}/`, { waitUntil: 'load' });
        // A string, not a function: the bench's transpiler would name inner functions with a helper the page lacks.
        paints.push(await tab.evaluate(`new Promise((ok) => {
          const t = performance.getEntriesByName('first-contentful-paint')[0];
          if (t) ok(t.startTime);
          else new PerformanceObserver(() => ok(performance.getEntriesByName('first-contentful-paint')[0].startTime)).observe({ type: 'paint', buffered: true });
        })`) as number);
        await tab.fill('#x-asn', String(w.tier1));
        await tab.selectOption('#x-mode', 'customers');
        await tab.selectOption('#x-afi', 'ipv6');
        const t = await timed(async () => {
          await tab.click('#explorer-form button[type=submit]');
          await tab.waitForFunction(() => {
            const x = (window as unknown as { asrelExplorer?: { sigma?: { getGraph(): { order: number } } } }).asrelExplorer;
            return (x?.sigma?.getGraph().order ?? 0) >= 5000;
          }, null, { timeout: 60_000, polling: 'raf' });
          // One more frame: the nodes drawn.
          await tab.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok(null))));
        });
        explorer.push(t.ms);
        const marks = await tab.evaluate(`Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('explore:')).map((m) => [m.name, m.startTime]))`) as Record<string, number>;
        parts.fetch.push(marks['explore:fetched']! - marks['explore:start']!);
        parts.merge.push(marks['explore:merged']! - marks['explore:fetched']!);
        parts.sigma.push(marks['explore:drawn']! - marks['explore:merged']!);
        nodes = await tab.evaluate(() => (window as unknown as { asrelExplorer: { sigma: { getGraph(): { order: number } } } }).asrelExplorer.sigma.getGraph().order);
        await tab.close();
      }
      rows.push([`page first contentful paint, median of ${runs}`, ms(median(paints)), '≤ 1 s']);
      rows.push([`explorer opens AS${w.tier1}'s customer cone (${nodes.toLocaleString()} ASes drawn), click to drawn, median of ${runs}`, ms(median(explorer)), '≤ 2 s']);
      rows.push(['  of which: request and JSON / graphology graph / sigma.js set-up and first draw (medians)', `${ms(median(parts.fetch))} / ${ms(median(parts.merge))} / ${ms(median(parts.sigma))}`, '']);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
    rows.push(['server peak memory (VmHWM)', `${peakRssMiB(child.pid!).toFixed(0)} MiB`, '']);
  } finally {
    child.kill('SIGTERM');
  }
  console.log(`\nasrel serve on the ${share * 100}% synthetic world (${w.store}); ${new Date().toISOString()}`);
  const width = Math.max(...rows.map((r) => r[0].length));
  for (const [what, value, target] of rows) console.log(`${what.padEnd(width)}  ${value.padStart(9)}  ${target}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await run(process.argv.slice(2));
