import type { Family, Relation } from '../infer/types.js';
import { evidenceLines } from './evidence-text.js';
import { confidenceWords } from './inference-text.js';
import { relPhrase } from '../explain/fixes.js';
import type { Explanation, Fix, Hop, SetAsideLink } from '../explain/types.js';
import { FAMILY_LABEL as FAM } from '../infer/families.js';
import { ixpFixText } from '../ixp/annotate.js';

const STEP: Record<Relation, string> = {
  c2p: 'up to its provider',
  p2p: 'across a peer link',
  p2c: 'down to its customer',
  s2s: 'to its sibling',
};
/** Cone members listed in text before "and N more". */
const CONE_LIST = 12;

const as = (n: number) => `AS${n}`;

function list(asns: number[], max = CONE_LIST): string {
  if (asns.length === 0) return '(none)';
  const shown = asns.slice(0, max).map(as).join(', ');
  return asns.length > max ? `${shown} and ${asns.length - max} more` : shown;
}

/** The path hop by hop: each hop's relation and, when known, its registry lines. */
export function renderHops(hops: Hop[], indent = '  ', setAsideBelow?: number): string[] {
  const out: string[] = [];
  hops.forEach((h, i) => {
    const below = setAsideBelow !== undefined && h.confidence !== undefined && h.confidence < setAsideBelow ? ', set aside' : '';
    const conf = h.confidence !== undefined ? `, ${confidenceWords({ relation: h.relation, confidence: h.confidence })}${below}` : '';
    out.push(`${indent}${i + 1}. ${as(h.from)} → ${as(h.to)}: ${STEP[h.relation]} (${relPhrase(h.from, h.to, h.relation)}${conf})`);
    out.push(...evidenceLines(h.evidence, `${indent}     `));
    for (const v of h.views ?? []) out.push(`${indent}     ${v.startsWith('views differ:') ? '' : '  '}${v}`);
  });
  return out;
}

export function renderFix(f: Fix, family: Family): string {
  if (f.kind === 'new-peering') {
    const where = ixpFixText(f, FAM[family]);
    return `${as(f.peers![0])} and ${as(f.peers![1])} peer in ${FAM[family]} (new link): ${where ? `${where}; ` : ''}${f.reason}`;
  }
  const head = `${as(f.customer!)} buys ${FAM[family]} transit from ${as(f.provider!)}`;
  return f.kind === 'relation-change' ? `${head} (existing link): ${f.reason}` : `${head} (new link): ${f.reason}`;
}

const ases = (k: number) => `${k} AS${k === 1 ? '' : 'es'}`;

export const pathString = (p: number[]) => p.map(as).join(' → ');

/** Why a cone's only top is its own AS: no provider in the data, or only ones set aside by --min-confidence. */
export function noProvider(ex: Explanation, asn: number): string {
  const F = FAM[ex.family];
  const left = ex.setAside?.links.filter((l) => l.a === asn) ?? [];
  if (left.some((l) => l.relation === 'c2p')) return `${as(asn)}'s ${F} providers are below confidence ${ex.setAside!.minConfidence} (set aside)`;
  if (left.some((l) => l.relation !== 'p2p')) return `${as(asn)}'s links up are below confidence ${ex.setAside!.minConfidence} (set aside)`;
  return `${as(asn)} has no ${F} provider`;
}

/** A or B has no link in the asked family: say so, and what data would settle it — no cones, no invented transit. */
function noLinkInFamily(ex: Explanation): string[] {
  const F = FAM[ex.family];
  const out: string[] = [];
  const names = ex.absent.map(as).join(' and ');
  out.push(`${names} ${ex.absent.length > 1 ? 'have' : 'has'} no ${F} link in this data, so whether AS${ex.a} reaches AS${ex.b} in ${F} cannot be judged:`);
  out.push(`this is missing data, not a dark spot.`);
  for (const d of ex.absentDetail ?? []) {
    const own = d.hasAutNum === null ? '' : d.hasAutNum ? `its aut-num has no ${F} policy line, and no neighbour's ${F} line names it` : `no aut-num in the data, and no neighbour's ${F} line names it`;
    const other = d.otherFamilyLinks === null || !ex.other ? '' : `${d.otherFamilyLinks} ${FAM[ex.other.family]} link${d.otherFamilyLinks === 1 ? '' : 's'}`;
    out.push(`  ${as(d.asn)}: ${[own, other].filter(Boolean).join('; ') || `no ${F} link`}`);
  }
  out.push('');
  out.push('What would settle it:');
  for (const x of ex.absent) {
    out.push(`  - ${as(x)}'s ${F} policy in the IRR: ${ex.family === 'ipv6' ? 'mp-import/mp-export lines with afi ipv6 (or afi any)' : 'import/export lines (or mp-import/mp-export with afi ipv4)'} for its neighbours`);
  }
  out.push(`  - or its neighbours' ${F} lines naming it, from a registry not loaded here (\`asrel import\` that registry's dump)`);
  return out;
}

/** The answer in a few words: "AS6939 reaches AS174 in IPv4", "… cannot reach …", or unknown at a --min-confidence. */
export function verdictText(ex: Explanation): string {
  const F = FAM[ex.family];
  if (ex.reachable) return `${as(ex.a)} reaches ${as(ex.b)} in ${F}`;
  if (ex.setAside) return `whether ${as(ex.a)} reaches ${as(ex.b)} in ${F} is unknown at --min-confidence ${ex.setAside.minConfidence}`;
  return `${as(ex.a)} cannot reach ${as(ex.b)} in ${F}`;
}

/** Set-aside links listed in text before "and N more". */
const SET_ASIDE_LIST = 10;

/** "AS6939–AS1299: AS1299 is AS6939's provider, confidence 0.99" for a link set aside by --min-confidence. */
export function setAsideLine(s: SetAsideLink): string {
  const rel = s.relation === 'c2p' || s.relation === 'p2c' || s.relation === 'p2p' || s.relation === 's2s' ? relPhrase(s.a, s.b, s.relation) : `relation ${s.relation}`;
  return `${as(s.a)}–${as(s.b)}: ${rel}, confidence ${s.confidence}`;
}

/** The set-aside links that matter, one a line, cut at SET_ASIDE_LIST. */
export function setAsideLines(links: SetAsideLink[], indent = '  '): string[] {
  const out = links.slice(0, SET_ASIDE_LIST).map((l) => `${indent}${setAsideLine(l)}`);
  if (links.length > SET_ASIDE_LIST) out.push(`${indent}… and ${links.length - SET_ASIDE_LIST} more (see --json)`);
  return out;
}

/** "no valley-free path among links at confidence >= 0.9, but 3 links at the cones were set aside below it". */
export function belowThresholdText(ex: Explanation): string {
  const s = ex.setAside!;
  const k = s.links.length;
  return `no valley-free path among links at confidence >= ${s.minConfidence}, but ${k} link${k === 1 ? '' : 's'} at the two cones ${k === 1 ? 'was' : 'were'} set aside below it (unknown, not absent)`;
}

/**
 * Links at the cones were set aside by --min-confidence: the answer is unknown at that
 * threshold, not "cannot reach". Which links, and what they give when kept.
 */
function belowThreshold(ex: Explanation): string[] {
  const F = FAM[ex.family];
  const s = ex.setAside!;
  const out: string[] = [];
  out.push(`Whether ${as(ex.a)} reaches ${as(ex.b)} in ${F} cannot be judged at --min-confidence ${s.minConfidence}:`);
  out.push(`${belowThresholdText(ex)}.`);
  out.push(`This is a threshold on the data, not a dark spot. The set-aside links that could join the cones${s.links.some((l) => l.a === ex.a || l.a === ex.b) ? ` (${as(ex.a)}'s and ${as(ex.b)}'s first)` : ''}:`);
  out.push(...setAsideLines(s.links));
  const w = s.withThem;
  if (w?.reachable && w.path) {
    out.push('');
    out.push(`With every link kept, ${as(ex.a)} reaches ${as(ex.b)} in ${F}, ${w.path.length - 1} hop(s) (hops below ${s.minConfidence} marked "set aside"):`);
    out.push(`  ${pathString(w.path)}`);
    out.push(...renderHops(w.hops ?? [], '  ', s.minConfidence));
  } else if (w) {
    out.push('');
    out.push(`With every link kept there is no valley-free path either: run without --min-confidence for the cones and the links that would fix it.`);
  }
  return out;
}

/** The why-unreachable explanation as human-readable text (notes first, one per line). */
export function renderExplanation(ex: Explanation, notes: string[] = []): string {
  const F = FAM[ex.family];
  const out: string[] = notes.map((n) => `note: ${n}`);
  if (notes.length) out.push('');
  if (ex.reason !== 'no-link-in-family') for (const x of ex.absent) out.push(`${as(x)} has no ${F} link in the loaded data.`);

  if (ex.reason === 'no-link-in-family') {
    out.push(...noLinkInFamily(ex));
  } else if (ex.reachable && ex.path) {
    out.push(`${as(ex.a)} reaches ${as(ex.b)} in ${F} under the Gao–Rexford model (valley-free routing), ${ex.path.length - 1} hop(s):`);
    out.push(`  ${pathString(ex.path)}`);
    out.push(...renderHops(ex.hops ?? []));
  } else {
    const s = ex.setAside;
    if (s) {
      out.push(...belowThreshold(ex));
    } else {
      out.push(`${as(ex.a)} cannot reach ${as(ex.b)} in ${F} under the Gao–Rexford model (valley-free routing): no path climbs`);
      out.push(`customer→provider links, crosses at most one peer link, then descends provider→customer links.`);
    }
    const c = ex.cones!;
    out.push('');
    out.push(s ? `Why, among the links at confidence >= ${s.minConfidence}:` : 'Why:');
    for (const k of ['a', 'b'] as const) {
      const cone = c[k];
      out.push(`  Uphill cone of ${as(cone.asn)} (ASes it reaches by climbing to providers): ${ases(cone.members.length)}: ${list(cone.members)}`);
      out.push(`    top (${s ? `no ${F} provider at confidence >= ${s.minConfidence}` : `transit-free in ${F}`}): ${list(cone.tops)}${cone.tops.length === 1 && cone.tops[0] === cone.asn ? ` — ${noProvider(ex, cone.asn)}` : ''}`);
    }
    const shared = ex.sharedProviders ?? [];
    out.push(shared.length === 0
      ? `  The cones share no AS: ${as(ex.a)} and ${as(ex.b)} have no common ${F} provider,`
      : `  The cones share ${list(shared)},`);
    out.push((ex.joiningPeerLinks ?? []).length === 0
      ? `  and no ${F} peer link joins the two cones.`
      : `  joined by peer links ${ex.joiningPeerLinks!.map(([x, y]) => `${as(x)}–${as(y)}`).join(', ')}.`);
    out.push('');
    if (s) {
      const cs = s.links.map((l) => l.confidence);
      out.push('What would settle it:');
      out.push(`  - a lower --min-confidence, or none (the links above have confidence ${Math.min(...cs)}${cs.length > 1 && Math.min(...cs) !== Math.max(...cs) ? ` to ${Math.max(...cs)}` : ''}): then the answer, its cones and its fixes are the data's own`);
    } else if (ex.fixes && ex.fixes.length) {
      out.push('Links that would fix it (any one, most likely first):');
      ex.fixes.forEach((f, i) => out.push(`  ${i + 1}. ${renderFix(f, ex.family)}`));
    } else {
      out.push('No single link found that would fix it.');
    }
  }

  out.push('');
  if (ex.dataGaps === null) {
    out.push('Data gaps: not known (the relationships come from a relationship file, not from registry objects).');
  } else if (ex.dataGaps.length === 0) {
    out.push(ex.reachable ? 'Data gaps on the path: none (both sides of every hop have an aut-num).'
      : 'Data gaps in the cones: none (every AS in or next to the cones has an aut-num).');
  } else {
    const where = ex.reachable ? 'on the path' : ex.cones ? 'in and next to the cones' : 'among the asked ASes';
    out.push(`Data gaps ${where}: ${ases(ex.dataGaps.length)} with no aut-num in the data (their links are seen from one side only):`);
    for (const g of ex.dataGaps.slice(0, 20)) {
      out.push(`  ${as(g.asn)} (${g.linksWith.length ? `links with ${list(g.linksWith, 6)}` : `no aut-num found; no ${F} link names it`})`);
    }
    if (ex.dataGaps.length > 20) out.push(`  … and ${ex.dataGaps.length - 20} more (see --json)`);
  }
  if (ex.ambiguous.length) {
    out.push(`Ambiguous relations ${ex.reachable ? 'on the path' : 'around the cones'} (the answer may change with --ambiguous):`);
    for (const m of ex.ambiguous.slice(0, 10)) {
      out.push(`  ${as(m.a)}–${as(m.b)}: ${m.candidates.map((r) => relPhrase(m.a, m.b, r).replace(/^AS\d+ and AS\d+ are /, '')).join(' or ')}; used: ${relPhrase(m.a, m.b, m.used)}`);
    }
    if (ex.ambiguous.length > 10) out.push(`  … and ${ex.ambiguous.length - 10} more (see --json)`);
  }

  if (ex.other) {
    const G = FAM[ex.other.family];
    out.push('');
    if (ex.other.reachable && ex.other.path) out.push(`In ${G}, ${as(ex.a)} reaches ${as(ex.b)}: ${pathString(ex.other.path)}`);
    else if (ex.other.minConfidence !== undefined) out.push(`In ${G}, no valley-free path from ${as(ex.a)} to ${as(ex.b)}${ex.reachable ? '' : ' either'} among the links at confidence >= ${ex.other.minConfidence}.`);
    else out.push(`In ${G}, ${as(ex.a)} cannot reach ${as(ex.b)}${ex.reachable ? '' : ' either'}.`);
    if (ex.differences.length) {
      out.push(`Relationship${ex.differences.length > 1 ? 's' : ''} that differ${ex.differences.length > 1 ? '' : 's'} between ${F} and ${G}:`);
      for (const d of ex.differences) {
        out.push(`  ${as(d.a)}–${as(d.b)}: ${F}: ${relPhrase(d.a, d.b, d.relation[ex.family])}; ${G}: ${relPhrase(d.a, d.b, d.relation[ex.other.family])}`);
        for (const fam of [ex.family, ex.other.family]) {
          const lines = evidenceLines(d.evidence[fam], '      ');
          if (lines.length) out.push(`    ${FAM[fam]} registry lines:`, ...lines);
        }
      }
    }
  }
  out.push('');
  out.push('Model: Gao–Rexford (valley-free) routing. Real routing has exceptions (partial or backup transit,');
  out.push('undocumented links), and the answer is only as complete as the relationship data.');
  return out.join('\n') + '\n';
}
