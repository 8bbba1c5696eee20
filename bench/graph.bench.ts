// Graph figures over the CAIDA 2015-02-01 relationships (49,755 ASes, 189,837 links):
// load (file → graphology graph → CSR), single-source valley-free reachability (typed-array
// kernel vs. graphology-based searches), 1,000 pair queries, and `asrel batch` over 200 ASes
// as a whole process. Targets (issue 5): load ≤ 2 s, single-source ≤ 10 ms, batch ≤ 5 s, peak ≤ 1 GB.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bfsFromNode } from 'graphology-traversal';
import { buildGraph, type RelationshipGraph } from '../src/graph/build.js';
import { compileCsr } from '../src/graph/csr.js';
import { loadRelationshipFile } from '../src/graph/relationship-file.js';
import { shortestPath, ValleyFreeSearcher } from '../src/graph/valley-free.js';
import { fmtMs, median } from './stats.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CAIDA = resolve(repo, '../shared/data/caida/20150201.as-rel.txt');

/** Deterministic pseudo-random numbers (mulberry32), so runs pick the same sources. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same valley-free BFS written over graphology's adjacency API, for comparison. */
function graphologyValleyFree(g: RelationshipGraph, src: string): number {
  const seen = new Set<string>([src + ':u']);
  const queue: [string, boolean][] = [[src, false]];
  for (let h = 0; h < queue.length; h++) {
    const [u, down] = queue[h];
    const push = (v: string, d: boolean) => {
      const k = v + (d ? ':d' : ':u');
      if (!seen.has(k)) {
        seen.add(k);
        queue.push([v, d]);
      }
    };
    g.forEachOutNeighbor(u, (v) => push(v, true)); // customers
    g.forEachUndirectedEdge(u, (_e, a, s, t) => {
      const v = s === u ? t : s;
      if (a.relation === 's2s') push(v, down);
      else if (!down) push(v, true);
    });
    if (!down) g.forEachInNeighbor(u, (v) => push(v, false)); // providers
  }
  return seen.size;
}

export async function run(): Promise<void> {
  if (!existsSync(CAIDA)) {
    console.log(`skipped: ${CAIDA} is absent`);
    return;
  }
  // Load: three fresh loads in-process, stage by stage.
  const stages: { read: number; graph: number; csr: number }[] = [];
  let rel = await loadRelationshipFile(CAIDA);
  let built = buildGraph(rel.edges, 'ipv4');
  let csr = compileCsr(built.graph);
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    rel = await loadRelationshipFile(CAIDA);
    const t1 = performance.now();
    built = buildGraph(rel.edges, 'ipv4');
    const t2 = performance.now();
    csr = compileCsr(built.graph);
    stages.push({ read: t1 - t0, graph: t2 - t1, csr: performance.now() - t2 });
  }
  const m = (k: keyof (typeof stages)[0]) => median(stages.map((s) => s[k]));
  console.log(`input: ${CAIDA} — ${csr.n.toLocaleString()} ASes, ${built.graph.size.toLocaleString()} links`);
  console.log(`load (median of 3): file ${fmtMs(m('read'))} + graphology graph ${fmtMs(m('graph'))} + CSR ${fmtMs(m('csr'))} = ${fmtMs(m('read') + m('graph') + m('csr'))}`);

  // Single-source reachability to every AS, median over 25 sources.
  const rand = rng(42);
  const sources = Array.from({ length: 25 }, () => Math.floor(rand() * csr.n));
  const s = new ValleyFreeSearcher(csr);
  for (const src of sources.slice(0, 5)) s.run(src); // warm-up
  const kernel = sources.map((src) => {
    const t0 = performance.now();
    s.run(src);
    return performance.now() - t0;
  });
  const reached = median(sources.map((src) => (s.run(src), s.reachedCount())));
  console.log(`single-source valley-free reachability, typed-array kernel: median ${fmtMs(median(kernel))} over ${sources.length} sources (median ${reached.toLocaleString()} ASes reached; ${((2 * csr.n) / median(kernel) / 1000).toFixed(1)} M states/s)`);
  const keys = sources.map((i) => String(csr.asns[i]));
  const gvf = keys.map((k) => {
    const t0 = performance.now();
    graphologyValleyFree(built.graph, k);
    return performance.now() - t0;
  });
  console.log(`  same search over graphology's adjacency API: median ${fmtMs(median(gvf))}`);
  // graphology-traversal has no notion of phases; its closest call is a plain BFS with a
  // fixed edge mode. 'inbound' (providers + peers) is the uphill part of a valley-free search.
  const visited: number[] = [];
  const trav = keys.map((k) => {
    const t0 = performance.now();
    let c = 0;
    bfsFromNode(built.graph, k, () => { c++; }, { mode: 'inbound' });
    visited.push(c);
    return performance.now() - t0;
  });
  console.log(`  graphology-traversal bfsFromNode mode 'inbound' (providers + peers, no phases; cannot express valley-free): median ${fmtMs(median(trav))}, median ${median(visited).toLocaleString()} ASes visited`);

  // 1,000 random pair queries (early exit at the target).
  const pairs = Array.from({ length: 1000 }, () => [csr.asns[Math.floor(rand() * csr.n)], csr.asns[Math.floor(rand() * csr.n)]]);
  let found = 0;
  const t0 = performance.now();
  for (const [a, b] of pairs) if (shortestPath(csr, a, b, s)) found++;
  const pq = performance.now() - t0;
  console.log(`1,000 random pair queries: ${fmtMs(pq)} total, ${fmtMs(pq / 1000)} per query (${found} reachable)`);
  const inProcRss = process.resourceUsage().maxRSS / 1024;
  console.log(`peak RSS of this process so far (3 loads, graphology + CSR): ${inProcRss.toFixed(0)} MiB`);

  // asrel batch over 200 ASes as a whole process.
  const bin = join(repo, 'bin/asrel.js');
  if (!existsSync(join(repo, 'dist/asrel.js'))) {
    console.log('batch: skipped (dist/asrel.js missing; run npm run build)');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'asrel-bench-'));
  const list = join(dir, 'asns.txt');
  const pick = new Set<number>();
  while (pick.size < 200) pick.add(csr.asns[Math.floor(rand() * csr.n)]);
  writeFileSync(list, [...pick].join('\n') + '\n');
  const times: number[] = [];
  let peak = 0;
  const hasTime = existsSync('/usr/bin/time');
  for (let i = 0; i < 3; i++) {
    const out = join(dir, `batch${i}.csv`);
    const args = [bin, 'batch', '--asns', list, '--relationships', CAIDA, '--out', out];
    const t = performance.now();
    const r = hasTime
      ? spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], { encoding: 'utf8' })
      : spawnSync(process.execPath, args, { encoding: 'utf8' });
    times.push(performance.now() - t);
    if (r.status !== 0) throw new Error(`batch failed: ${r.stderr}`);
    if (hasTime) peak = Math.max(peak, Number(r.stderr.trim().split('\n').pop()) / 1024);
  }
  console.log(`asrel batch, 200 ASes (39,800 ordered pairs), whole process: median ${fmtMs(median(times))} of 3` +
    (hasTime ? `, peak RSS ${peak.toFixed(0)} MiB` : ''));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await run();
