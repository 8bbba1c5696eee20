/**
 * Is asrel's confidence a calibrated probability? (issue 29)
 *
 * Builds synthetic Internets (bench/synth/generate.ts) with defects planted at 0%, 2% and 5%
 * of (AS, neighbour) blocks, runs asrel's inference on each in memory, and compares every
 * link it reports with the world's truth (the REAL relation, whatever the lines say; a link
 * the world does not have — a stale block — counts as wrong). Prints, per world and family:
 *   - the reliability table: links grouped by confidence in tenths, the mean confidence and
 *     the share right in each group; a group of ≥ 300 links more than 3 points off FAILs,
 *     and the report says whether the miss is beyond what chance alone gives exact
 *     confidences (two standard deviations of the group's share right, links independent),
 *     and names the group's largest kinds (links, share right, mean confidence);
 *   - precision and coverage at confidence ≥ 0.9 per class (provider–customer, peering):
 *     the share right, and the share of the links labelled with that class that reach 0.9.
 * A single-relation label is right when it is the real relation; an ambiguous label when the
 * real relation is among its candidates (shown apart); `conflict` claims nothing (counted).
 *
 * `--fit` first fits the table of src/infer/confidence-table.ts on the fit seeds' worlds,
 * pooled per defect rate: per evidence kind and world, the share right, shrunk towards its
 * parent kind (Beta prior, weight ALPHA) so rare kinds borrow from common ones, beside the
 * world's disagreement level as the engine measures it (the confidence of a link is read at
 * its data's level, between the worlds); conflicts: how often each side's view was the real
 * relation, over all worlds. Then a recalibration: each fit seed's links are given the share
 * of the table fitted on the other fit seeds, and what was right at each share (isotonic) maps
 * the full table's shares — a kind that looked better than it is on the seeds it was fitted on
 * (links of one world are not independent: one object writes hundreds alike) is corrected.
 * The report then runs on the other seeds, which measure their own level.
 *
 * Worlds are built from the whole CAIDA 2015-02-01 file (about 40 s each on 2 cores):
 * smaller worlds leave too few links in the middle confidence groups to judge them within 3
 * points. `--sample 0.5` keeps the links among a hashed half of the ASes (a quarter of the
 * links) for quick runs.
 *
 *   npm run bench:calibration [-- --fit] [--seeds 1,2] [--fit-seeds 20150201,3,4,7,8] [--rates 0,0.02,0.05] [--sample 1]
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CAIDA, generateWorld, hash01 } from './generate.js';
import { engineFor, iterateInferences } from '../../src/infer/infer.js';
import { readObjects } from '../../src/rpsl/read.js';
import { MemoryIndex } from '../../src/store/memory-index.js';
import { FIT } from '../../src/infer/confidence-table.js';
import { clamp, classOfKind, parentKind, shareRight } from '../../src/infer/confidence.js';
import type { LinkInference } from '../../src/infer/types.js';

type Fam = 'ipv4' | 'ipv6';
const FAMS: readonly Fam[] = ['ipv4', 'ipv6'];
const here = dirname(fileURLToPath(import.meta.url));
const TABLE = resolve(here, '../../src/infer/confidence-table.ts');
/** The seeds whose worlds the table is fitted on (pooled per defect rate); reports use others. */
const FIT_SEEDS = [20150201, 3, 4, 7, 8];
/** Weight of the parent kind's share in a kind's estimate (pseudo-links): one, chosen by leaving each fit seed out in turn (1, 3 and 10 tried: 1 gave the lowest log loss and the fewest groups off on the seed left out). */
const ALPHA = 1;

const mirror = (r: string) => (r === 'p2c' ? 'c2p' : r === 'c2p' ? 'p2c' : r);
const keyOf = (a: number, b: number) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** The world's real relation per family, read from the lower ASN's side. */
export function realRelations(dir: string): Record<Fam, Map<string, string>> {
  const out = { ipv4: new Map<string, string>(), ipv6: new Map<string, string>() };
  for (const f of FAMS) {
    for (const line of readFileSync(join(dir, `truth-${f}.txt`), 'utf8').split('\n')) {
      if (!line || line[0] === '#') continue;
      const [x, y, t] = line.split('|');
      const a = Number(x), b = Number(y);
      const r = t === '-1' ? 'p2c' : t === '0' ? 'p2p' : 's2s';
      out[f].set(keyOf(a, b), a < b ? r : mirror(r));
    }
    for (const line of readFileSync(join(dir, `ambiguous-${f}.txt`), 'utf8').split('\n')) {
      if (!line || line[0] === '#') continue;
      const [x, y, , real] = line.split('|');
      const a = Number(x), b = Number(y);
      out[f].set(keyOf(a, b), a < b ? real! : mirror(real!));
    }
  }
  return out;
}

/** One reported link, judged. */
export interface Judged {
  family: Fam;
  relation: string;
  confidence: number;
  kind: string;
  /** The real relation from the link's a side ('none': no such link). */
  real: string;
  right: boolean;
  /** For conflicts: whether each listed view was the real relation. */
  views?: [boolean, boolean];
  /** For peer kinds that one side's as-set contradicts: whether the lines' view (p2p) and the set's (the lister as provider) were real. */
  setViews?: [boolean, boolean];
}

export function judge(l: LinkInference, real: Record<Fam, Map<string, string>>): Judged {
  const fromLow = real[l.family].get(keyOf(l.a, l.b));
  const r = fromLow === undefined ? 'none' : l.a < l.b ? fromLow : mirror(fromLow);
  const kind = l.basis?.kind ?? '';
  const right = l.relation === 'ambiguous' ? l.candidates.includes(r as never) : l.relation === r;
  const out: Judged = { family: l.family, relation: l.relation, confidence: l.confidence, kind, real: r, right };
  if (/^pp\.[46]:..[ow]*m/.test(kind) && l.basis?.first !== undefined) {
    const fromLister = l.basis.first === l.a ? r : mirror(r);
    out.setViews = [r === 'p2p', fromLister === 'p2c'];
  }
  if (kind.startsWith('cf')) {
    // Each view is read from its own side: the first view's side is basis.first.
    const [v1, v2] = kind.slice(kind.indexOf(':') + 1).split('|').map((d) => d.split('/')[0]!.split('+'));
    const fromFirst = l.basis!.first === l.a ? r : mirror(r);
    out.views = [v1!.includes(fromFirst), v2!.includes(mirror(fromFirst))];
  }
  return out;
}

/** A sample of the CAIDA file: the links among the ASes a hash keeps (share `s`). */
function sampleCaida(s: number, cache: string): string {
  if (s >= 1) return DEFAULT_CAIDA;
  const file = join(cache, `caida-sample-${s}.txt`);
  if (existsSync(file)) return file;
  const keep = (asn: number) => hash01(7, asn, 0, 99) < s;
  const lines = readFileSync(DEFAULT_CAIDA, 'latin1').split('\n').filter((l) => {
    if (!l || l[0] === '#') return false;
    const [a, b] = l.split('|');
    return keep(Number(a)) && keep(Number(b));
  });
  writeFileSync(file, `# sample of CAIDA AS Relationships 2015-02-01: links among the ASes kept by hash (share ${s})\n${lines.join('\n')}\n`);
  return file;
}

/** Generates (cached) and infers one world; returns every reported link, judged, and the world's measured disagreement level. */
export function runWorld(seed: number, rate: number, sample: number, cache: string): { links: Judged[]; level: number } {
  const caida = sampleCaida(sample, cache);
  const dir = join(cache, `cal-s${sample}-seed${seed}-d${rate}`);
  const gen = fileURLToPath(new URL('./generate.ts', import.meta.url));
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest) || statSync(manifest).mtimeMs < statSync(gen).mtimeMs) {
    generateWorld({ caidaFile: caida, publishShare: 0.47, out: dir, seed, defectRate: rate });
  }
  const { objects } = readObjects(readFileSync(join(dir, 'world.rpsl'), 'utf8'), 'world.rpsl');
  const index = new MemoryIndex();
  for (const object of objects) index.add({ object, provenance: { kind: 'dump', from: 'world.rpsl', date: '2015-02-01' } });
  const real = realRelations(dir);
  const out: Judged[] = [];
  for (const l of iterateInferences(index, { evidence: false })) if (l.relation !== 'none') out.push(judge(l, real));
  return { links: out, level: engineFor(index).disagreementLevel() };
}

// ---------------------------------------------------------------- fitting

type Points = [number, number, number][];

/**
 * Per kind and fitted world: [the world's disagreement level, share right shrunk towards the
 * parent kind in that world, links]. Conflicts: pooled over the worlds.
 */
export function fit(worlds: { links: Judged[]; level: number }[]): { right: Record<string, Points>; alternative: Record<string, Points>; conflict: Record<string, [number, number, number]> } {
  const right: Record<string, Points> = {};
  const alternative: Record<string, Points> = {};
  const conflicts = new Map<string, [number, number, number]>();
  for (const w of [...worlds].sort((x, y) => x.level - y.level)) {
    const tally = new Map<string, { n: number; right: number }>();
    const alt = new Map<string, { n: number; right: number }>();
    const add = (k: string, ok: boolean) => {
      let t = tally.get(k);
      if (!t) tally.set(k, (t = { n: 0, right: 0 }));
      t.n++;
      if (ok) t.right++;
    };
    for (const l of w.links) {
      if (l.kind.startsWith('cf')) {
        const c = conflicts.get(l.kind) ?? [0, 0, 0];
        c[0]++; if (l.views![0]) c[1]++; if (l.views![1]) c[2]++;
        conflicts.set(l.kind, c);
        continue;
      }
      // A peer kind the set contradicts is judged as labelled p2p, whatever the current table made of it.
      const ok = l.setViews ? l.setViews[0] : l.right;
      for (let k: string | undefined = l.kind; k !== undefined; k = parentKind(k)) add(k, ok);
      if (l.setViews) {
        const t = alt.get(l.kind) ?? { n: 0, right: 0 };
        t.n++; if (l.setViews[1]) t.right++;
        alt.set(l.kind, t);
      }
    }
    const est = (k: string): number => {
      const t = tally.get(k)!;
      if (k === classOfKind(k)) return (t.right + 1) / (t.n + 2);
      const prior = est(parentKind(k)!);
      return (t.right + ALPHA * prior) / (t.n + ALPHA);
    };
    for (const k of [...tally.keys()].sort()) (right[k] ??= []).push([Math.round(w.level * 100000) / 100000, Math.round(est(k) * 10000) / 10000, tally.get(k)!.n]);
    for (const [k, t] of [...alt].sort()) (alternative[k] ??= []).push([Math.round(w.level * 100000) / 100000, Math.round(((t.right + 0.5) / (t.n + 1)) * 10000) / 10000, t.n]);
  }
  const conflict: Record<string, [number, number, number]> = {};
  for (const [k, [n, r1, r2]] of [...conflicts].sort()) {
    if (n < 10) continue;
    conflict[k] = [Math.round(((r1 + 0.5) / (n + 1)) * 10000) / 10000, Math.round(((r2 + 0.5) / (n + 1)) * 10000) / 10000, n];
  }
  return { right: Object.fromEntries(Object.entries(right).sort(([x], [y]) => (x < y ? -1 : 1))), alternative, conflict };
}

/**
 * Isotonic regression (pool adjacent violators) of right on share: shares grouped to three
 * decimals, then neighbouring groups pooled while a later one is right less often. Points:
 * [mean share, share right] per pooled block.
 */
export function isotonic(pairs: readonly [number, boolean][]): [number, number][] {
  const groups = new Map<number, { x: number; n: number; right: number }>();
  for (const [x, ok] of pairs) {
    const k = Math.round(x * 1000);
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { x: 0, n: 0, right: 0 }));
    g.x += x; g.n++; if (ok) g.right++;
  }
  const blocks: { x: number; n: number; right: number }[] = [];
  for (const [, g] of [...groups].sort((a, b) => a[0] - b[0])) {
    blocks.push({ ...g });
    while (blocks.length > 1 && blocks[blocks.length - 2]!.right / blocks[blocks.length - 2]!.n >= blocks[blocks.length - 1]!.right / blocks[blocks.length - 1]!.n) {
      const b = blocks.pop()!, a = blocks[blocks.length - 1]!;
      a.x += b.x; a.n += b.n; a.right += b.right;
    }
  }
  return blocks.map((b) => [Math.round((b.x / b.n) * 10000) / 10000, Math.round((b.right / b.n) * 10000) / 10000]);
}

function writeTable(t: ReturnType<typeof fit>, recalibration: [number, number][], seeds: readonly number[], worlds: string[], links: number): void {
  // FIT.worlds names each fitted world with its measured disagreement level.
  const lines = [
    '/**',
    ' * GENERATED by bench/synth/calibration.ts --fit — do not edit by hand (`npm run bench:calibration -- --fit`).',
    ' * Fitted on synthetic Internets (bench/synth/generate.ts, CAIDA 2015-02-01) with defects planted at',
    ` * the rates below, seeds ${seeds.join(', ')} pooled; reported on other seeds. See src/infer/confidence.ts for the kinds.`,
    ' */',
    `export const FIT = { seeds: ${JSON.stringify(seeds)} as number[], worlds: ${JSON.stringify(worlds)} as string[], links: ${links} };`,
    '/** Evidence kind → per fitted world: [disagreement level of the world, share right (shrunk towards the parent kind), links seen]. */',
    'export const RIGHT: Record<string, readonly (readonly [number, number, number])[]> = {',
    ...Object.entries(t.right).map(([k, v]) => `  '${k}': [${v.map((p) => `[${p.join(', ')}]`).join(', ')}],`),
    '};',
    '/** Peer kind whose lines one side\'s own as-set contradicts → per fitted world: [level, share where the set\'s view (the lister as provider) was real, links]. */',
    'export const ALTERNATIVE: Record<string, readonly (readonly [number, number, number])[]> = {',
    ...Object.entries(t.alternative).map(([k, v]) => `  '${k}': [${v.map((p) => `[${p.join(', ')}]`).join(', ')}],`),
    '};',
    '/** Share in RIGHT → share right out of sample (each fit seed judged by the table of the others; isotonic): [share, share right]. */',
    `export const RECALIBRATION: readonly (readonly [number, number])[] = [${recalibration.map((p) => `[${p.join(', ')}]`).join(', ')}];`,
    '/** Conflict kind `cf.4:<view>/<level>|<view>/<level>` → [share where the first view was real, where the second was, links seen]. */',
    'export const CONFLICT: Record<string, readonly [number, number, number]> = {',
    ...Object.entries(t.conflict).map(([k, v]) => `  '${k}': [${v[0]}, ${v[1]}, ${v[2]}],`),
    '};',
    '',
  ];
  writeFileSync(TABLE, lines.join('\n'));
}

// ---------------------------------------------------------------- report

const pctx = (x: number, d = 1) => `${(x * 100).toFixed(d)}%`;

/** P(|Z| > z) for a standard normal Z (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
function twoSidedTail(z: number): number {
  const x = Math.abs(z) / Math.SQRT2, t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return poly * Math.exp(-x * x);
}

/** The `n` kinds with the most links in a group: links, share right, mean confidence. */
function largestKinds(g: readonly Judged[], n: number): string[] {
  const by = new Map<string, { n: number; right: number; conf: number }>();
  for (const l of g) {
    const k = by.get(l.kind) ?? { n: 0, right: 0, conf: 0 };
    k.n++; k.conf += l.confidence; if (l.right) k.right++;
    by.set(l.kind, k);
  }
  return [...by].sort((x, y) => y[1].n - x[1].n).slice(0, n)
    .map(([kind, k]) => `${kind} ${k.n} links, ${pctx(k.right / k.n)} right at ${(k.conf / k.n).toFixed(2)}`);
}

/** The reliability table and per-class precision at ≥ 0.9 for one world and family; returns whether every group ≥ 300 is within 3 points. */
export function report(links: Judged[], title: string): { ok: boolean; lines: string[]; precision: Record<'pc' | 'pp', { n: number; right: number; of: number }>; groups: { judged: number; off: number; beyondChance: number; expectedOff: number } } {
  const single = links.filter((l) => l.relation !== 'ambiguous' && l.relation !== 'conflict');
  const lines = [`${title}: ${links.length.toLocaleString()} links reported (${single.length.toLocaleString()} with one relation)`];
  lines.push('    confidence   links   mean conf   share right   diff   chance (2σ)');
  const groups = { judged: 0, off: 0, beyondChance: 0, expectedOff: 0 };
  for (let t = 0; t < 10; t++) {
    const g = single.filter((l) => Math.min(9, Math.floor(l.confidence * 10 + 1e-9)) === t);
    if (g.length === 0) continue;
    const mean = g.reduce((s, l) => s + l.confidence, 0) / g.length;
    const share = g.filter((l) => l.right).length / g.length;
    const diff = (share - mean) * 100;
    // Were every confidence exact and the links independent, the share right would still
    // stray from the mean by chance: two standard deviations of that sum of coin flips, in
    // points (a floor: links of one object are not independent).
    const chance = (200 * Math.sqrt(g.reduce((s, l) => s + l.confidence * (1 - l.confidence), 0))) / g.length;
    const judged = g.length >= 300, off = judged && Math.abs(diff) > 3, beyond = off && Math.abs(diff) > chance;
    if (judged) groups.judged++;
    // How often exact confidences would still leave this group more than 3 points off.
    if (judged && chance > 0) groups.expectedOff += twoSidedTail(3 / (chance / 2));
    if (off) groups.off++;
    if (beyond) groups.beyondChance++;
    const verdict = !judged ? '(< 300 links: not judged)' : !off ? 'ok' : beyond ? 'FAIL' : 'FAIL (within chance)';
    lines.push(`    ${(t / 10).toFixed(1)}–${t === 9 ? '1.0' : ((t + 1) / 10).toFixed(1)}  ${String(g.length).padStart(7)}   ${mean.toFixed(3).padStart(9)}   ${pctx(share).padStart(11)}   ${((diff >= 0 ? '+' : '') + diff.toFixed(1)).padStart(5)}   ${('±' + chance.toFixed(1)).padStart(11)}   ${verdict}`);
    // A group off is usually one or two kinds having a good or bad world: name them.
    if (off) lines.push(`        mostly: ${largestKinds(g, 3).join('; ')}`);
  }
  const precision = { pc: { n: 0, right: 0, of: 0 }, pp: { n: 0, right: 0, of: 0 } };
  for (const l of single) {
    const c = l.relation === 'p2p' ? precision.pp : l.relation === 'p2c' || l.relation === 'c2p' ? precision.pc : undefined;
    if (!c) continue;
    c.of++;
    if (l.confidence >= 0.9) { c.n++; if (l.right) c.right++; }
  }
  const amb = links.filter((l) => l.relation === 'ambiguous');
  const conf = links.filter((l) => l.relation === 'conflict').length;
  const resolved = links.filter((l) => l.kind.startsWith('cf') && l.relation !== 'conflict');
  lines.push(`    at ≥ 0.9: provider–customer ${pctx(precision.pc.right / Math.max(1, precision.pc.n), 2)} right (${precision.pc.n.toLocaleString()} links, coverage ${pctx(precision.pc.n / Math.max(1, precision.pc.of))} of ${precision.pc.of.toLocaleString()}); ` +
    `peering ${pctx(precision.pp.right / Math.max(1, precision.pp.n), 2)} right (${precision.pp.n.toLocaleString()} links, coverage ${pctx(precision.pp.n / Math.max(1, precision.pp.of))} of ${precision.pp.of.toLocaleString()})`);
  lines.push(`    ambiguous ${amb.length.toLocaleString()} (real relation among the candidates: ${pctx(amb.filter((l) => l.right).length / Math.max(1, amb.length))}, mean confidence ${(amb.reduce((s, l) => s + l.confidence, 0) / Math.max(1, amb.length)).toFixed(3)}); ` +
    `conflicts resolved to one view ${resolved.length.toLocaleString()} (right ${pctx(resolved.filter((l) => l.right).length / Math.max(1, resolved.length))}), left as conflict ${conf.toLocaleString()}; ` +
    `links that do not exist (stale) ${links.filter((l) => l.real === 'none').length.toLocaleString()}`);
  return { ok: groups.off === 0, lines, precision, groups };
}

export async function run(argv: string[]): Promise<boolean> {
  const get = (n: string) => { const k = argv.indexOf(n); return k >= 0 ? argv[k + 1] : undefined; };
  if (!existsSync(DEFAULT_CAIDA)) {
    console.log(`skipped: ${DEFAULT_CAIDA} is absent (set ASREL_CAIDA)`);
    return true;
  }
  const cache = get('--cache') ?? join(tmpdir(), 'asrel-synth-worlds');
  mkdirSync(cache, { recursive: true });
  const rates = (get('--rates') ?? '0,0.02,0.05').split(',').map(Number);
  const sample = Number(get('--sample') ?? 1);
  // The fit pools its seeds' worlds of each defect rate (level: their mean): more links per kind, less noise.
  const fitSeeds = (get('--fit-seeds') ?? get('--fit-seed') ?? String(FIT_SEEDS.join(','))).split(',').map(Number);
  const seeds = (get('--seeds') ?? '1,2').split(',').map(Number);
  if (argv.includes('--fit')) {
    const t0 = performance.now();
    const perSeed = fitSeeds.map((seed) => rates.map((rate) => runWorld(seed, rate, sample, cache)));
    // Per defect rate, the worlds of some fit seeds pooled (level: their mean).
    const pooled = (seeds: number[]) => rates.map((_, r) => {
      const each = seeds.map((i) => perSeed[i]![r]!);
      return { links: each.flatMap((w) => w.links), level: each.reduce((x, w) => x + w.level, 0) / each.length };
    });
    const all = fitSeeds.map((_, i) => i);
    const worlds = pooled(all);
    const t = fit(worlds);
    // Out of sample: each seed's links as the table fitted on the other seeds gives them, and
    // whether they were right. What was right at each share, made monotone, maps the full table's.
    const pairs: [number, boolean][] = [];
    for (const i of all) {
      const ti = fit(pooled(all.filter((j) => j !== i)));
      for (const w of perSeed[i]!) {
        for (const l of w.links) {
          if (l.kind.startsWith('cf')) continue;
          const share = shareRight(ti.right, l.kind, w.level);
          if (share !== undefined) pairs.push([share, l.setViews ? l.setViews[0] : l.right]);
        }
      }
    }
    const recalibration = isotonic(pairs);
    // The log loss of those out-of-sample shares: lower is better; compares kinds and marks on the fit seeds alone.
    const logLoss = pairs.reduce((sum, [x, ok]) => sum - Math.log(ok ? clamp(x) : 1 - clamp(x)), 0) / Math.max(1, pairs.length);
    const links = worlds.reduce((s, w) => s + w.links.length, 0);
    writeTable(t, recalibration, fitSeeds, rates.map((r, i) => `defects ${pctx(r, 0)}, sample ${sample}: disagreement level ${worlds[i]!.level.toFixed(4)}`), links);
    console.log(`fitted ${Object.keys(t.right).length} kinds and ${Object.keys(t.conflict).length} conflict kinds on seeds ${fitSeeds.join(', ')} (${links.toLocaleString()} links; ` +
      `disagreement levels ${worlds.map((w) => w.level.toFixed(4)).join(', ')}) in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${TABLE}`);
    console.log(`out of sample (each fit seed by the table of the other fit seeds, before recalibration): log loss ${logLoss.toFixed(5)} over ${pairs.length.toLocaleString()} links`);
    console.log('run again without --fit to report with the new table (it is read when the inference module loads)');
    return true;
  }
  let ok = true;
  const summary: string[] = [];
  const groups = { judged: 0, off: 0, beyondChance: 0, expectedOff: 0 };
  for (const seed of seeds) {
    for (const rate of rates) {
      const t0 = performance.now();
      const { links, level } = runWorld(seed, rate, sample, cache);
      for (const f of FAMS) {
        const r = report(links.filter((l) => l.family === f), `seed ${seed}, defects ${pctx(rate, 0)} (measured disagreement level ${level.toFixed(4)}), ${f}`);
        ok &&= r.ok;
        for (const k of ['judged', 'off', 'beyondChance', 'expectedOff'] as const) groups[k] += r.groups[k];
        console.log(r.lines.join('\n'));
        const p = r.precision;
        summary.push(`  seed ${seed} defects ${pctx(rate, 0).padStart(3)} ${f}: calibration ${r.ok ? 'ok' : 'FAIL'}; ≥ 0.9 provider–customer ${pctx(p.pc.right / Math.max(1, p.pc.n), 2)} (coverage ${pctx(p.pc.n / Math.max(1, p.pc.of))}), peering ${pctx(p.pp.right / Math.max(1, p.pp.n), 2)} (coverage ${pctx(p.pp.n / Math.max(1, p.pp.of))})`);
      }
      console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    }
  }
  console.log(`summary (table fitted on seeds ${FIT.seeds.join(', ')}; targets at ≥ 0.9 on the 5% world: provider–customer ≥ 99.6%, peering ≥ 98.7%):\n${summary.join('\n')}`);
  console.log(`  groups of ≥ 300 links: ${groups.judged}; more than 3 points off: ${groups.off}, of which beyond chance (2σ of exact confidences): ${groups.beyondChance}`);
  // The 3-point band is narrower than chance for groups of a few hundred links: say how many
  // misses exact confidences would give these groups, so a count off can be read against it.
  console.log(`  exact confidences (every link right with the probability it is given, links independent) would leave ${groups.expectedOff.toFixed(2)} of these groups more than 3 points off on average`);
  return ok;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = (await run(process.argv.slice(2))) ? 0 : 1;
}
