/**
 * Real data beside the synthetic calibration (issue 29 point 6): asrel's IPv4 inferences from
 * the real aut-nums of /work/shared/data/irr (AS3257's 2023 RIPE object, AS3255's 2018 one)
 * against CAIDA's BGP-inferred relationships of 2015-02-01, on the links both know: agreement
 * per confidence group, and every disagreement with its lines and its cause named.
 *
 * The causes are named from what the lines say (rules below, in order), with the dates of the
 * data beside them: a registry object of 2018 or 2023 against BGP of 2015.
 *
 *   npx tsx bench/synth/real-agreement.ts [--irr DIR] [--caida FILE]
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inferAll } from '../../src/infer/infer.js';
import { readObjects } from '../../src/rpsl/read.js';
import { MemoryIndex } from '../../src/store/memory-index.js';
import { loadRelationshipFile } from '../../src/graph/relationship-file.js';
import { mirror } from '../../src/infer/views.js';
import { confidenceLevel } from '../../src/infer/confidence.js';
import type { LinkInference, Relation } from '../../src/infer/types.js';
import { DEFAULT_CAIDA } from './generate.js';

const here = dirname(fileURLToPath(import.meta.url));
const FILES: { file: string; date: string }[] = [
  { file: 'AS3257.ripe.2023-07-21.rpsl', date: '2023-07-21' },
  { file: 'AS3255.ripe.irrd-sample-2018.rpsl', date: '2018-03-13' },
];

export interface Disagreement {
  link: LinkInference;
  /** CAIDA's relation read from link.a's side. */
  caida: Relation;
  cause: string;
}

/** Why asrel's label differs from CAIDA's, named from the lines (from link.a's side). */
export function causeOf(l: LinkInference, caida: Relation, fullShare: (asn: number) => number = () => 0): string {
  const sides = new Set(l.evidence.map((e) => e.asn));
  const oneSided = sides.size === 1;
  const owner = [...sides][0]!;
  const exportsFull = l.evidence.some((e) => e.direction === 'export' && (e.filterClass === 'FULL' || e.filterClass === 'DEFAULT'));
  const r = l.relation;
  if (r === 'ambiguous') return l.candidates.includes(caida) ? 'ambiguous, and CAIDA\'s relation is among the candidates' : 'ambiguous: the lines allow only relations CAIDA does not see';
  if (r === 'conflict') return 'the two sides\' lines contradict each other';
  const seenAs = (x: Relation) => (x === 'p2p' ? 'a peer' : 'transit');
  if (caida === 'p2p' && (r === 'p2c' || r === 'c2p') && oneSided && exportsFull) {
    const share = fullShare(owner);
    const habit = share >= 0.95 ? `, as it does to ${share === 1 ? 'every' : `${Math.round(share * 100)}% of its`} neighbour${share === 1 ? '' : 's'}` : '';
    return `AS${owner} exports the full table to its neighbour${habit}; only its side is known, and BGP (CAIDA 2015) sees ${seenAs(caida)}`;
  }
  if ((caida === 'p2c' && r === 'c2p') || (caida === 'c2p' && r === 'p2c')) return 'reversed: the lines make the provider the customer (the link changed direction between the data sets, or the lines are wrong)';
  if (r === 'p2p' && caida !== 'p2p') return `peer-style lines (specific routes both ways) for a link BGP sees as transit: partial transit, or the relation changed between 2015 and the object's date`;
  if (r !== 'p2p' && caida === 'p2p') return `customer-style lines for a link BGP sees as a peering: the relation changed between 2015 and the object's date, or the lines describe a paid peering`;
  return `the lines say ${r}, BGP ${caida}`;
}

export async function realAgreement(irrDir: string, caidaFile: string) {
  const index = new MemoryIndex();
  for (const { file, date } of FILES) {
    for (const object of readObjects(readFileSync(join(irrDir, file), 'utf8'), file).objects) {
      index.add({ object, provenance: { kind: 'dump', from: file, date } });
    }
  }
  const caida = new Map<string, Relation>();
  for (const e of (await loadRelationshipFile(caidaFile, { family: 'ipv4' })).edges) {
    const [lo, hi] = e.a < e.b ? [e.a, e.b] : [e.b, e.a];
    caida.set(`${lo}|${hi}`, e.a < e.b ? e.relation : mirror(e.relation));
  }
  const groups = new Map<number, { links: number; agree: number; conf: number }>();
  const disagreements: Disagreement[] = [];
  let common = 0, agree = 0;
  const links = inferAll(index, { families: ['ipv4'] });
  // Per AS: the share of its export lines that announce the full table (a habit, not a relation).
  const exports = new Map<number, { all: number; full: number }>();
  for (const l of links) {
    for (const e of l.evidence) {
      if (e.direction !== 'export') continue;
      const x = exports.get(e.asn) ?? { all: 0, full: 0 };
      x.all++; if (e.filterClass === 'FULL' || e.filterClass === 'DEFAULT') x.full++;
      exports.set(e.asn, x);
    }
  }
  const fullShare = (asn: number) => { const x = exports.get(asn); return x ? x.full / x.all : 0; };
  for (const l of links) {
    if (l.relation === 'none') continue;
    const lo = Math.min(l.a, l.b), hi = Math.max(l.a, l.b);
    const fromLow = caida.get(`${lo}|${hi}`);
    if (!fromLow) continue;
    const c = l.a === lo ? fromLow : mirror(fromLow);
    common++;
    const ok = l.relation === c;
    if (ok) agree++;
    else disagreements.push({ link: l, caida: c, cause: causeOf(l, c, fullShare) });
    const t = Math.min(9, Math.floor(l.confidence * 10 + 1e-9));
    const g = groups.get(t) ?? { links: 0, agree: 0, conf: 0 };
    g.links++; g.conf += l.confidence; if (ok) g.agree++;
    groups.set(t, g);
  }
  return { common, agree, groups, disagreements };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const get = (n: string) => { const k = args.indexOf(n); return k >= 0 ? args[k + 1] : undefined; };
  const irr = get('--irr') ?? (process.env.ASREL_IRR ?? resolve(here, '../../../shared/data/irr'));
  const r = await realAgreement(irr, get('--caida') ?? DEFAULT_CAIDA);
  console.log(`real aut-nums (${FILES.map((f) => `${f.file}`).join(', ')}) against CAIDA 2015-02-01, IPv4: ` +
    `${r.agree} of ${r.common} links both know agree (${((r.agree / r.common) * 100).toFixed(1)}%)`);
  console.log('  confidence   links   mean conf   agree with CAIDA');
  for (const [t, g] of [...r.groups].sort((x, y) => x[0] - y[0])) {
    console.log(`  ${(t / 10).toFixed(1)}–${t === 9 ? '1.0' : ((t + 1) / 10).toFixed(1)}  ${String(g.links).padStart(7)}   ${(g.conf / g.links).toFixed(3).padStart(9)}   ${((g.agree / g.links) * 100).toFixed(1)}%`);
  }
  const byCause = new Map<string, Disagreement[]>();
  for (const d of r.disagreements) byCause.set(d.cause, [...(byCause.get(d.cause) ?? []), d]);
  console.log(`disagreements (${r.disagreements.length}), by cause:`);
  for (const [cause, list] of byCause) {
    console.log(`  ${list.length} × ${cause}`);
    for (const d of list) {
      const l = d.link;
      console.log(`      AS${l.a}–AS${l.b}: asrel ${l.relation} (confidence ${l.confidence}, ${confidenceLevel(l.confidence).name}, kind ${l.basis?.kind}), CAIDA ${d.caida}; ` +
        l.evidence.map((e) => `AS${e.asn} line ${e.line} ${e.attribute}: ${e.text.replace(/\s+/g, ' ').slice(0, 60)}`).join(' | '));
    }
  }
}
