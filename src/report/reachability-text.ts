import type { Family, Relation } from '../infer/types.js';
import { evidenceLines } from './evidence-text.js';
import { confidenceWords } from './inference-text.js';
import { relPhrase } from '../explain/fixes.js';
import type { Explanation, Fix, Hop } from '../explain/types.js';
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
export function renderHops(hops: Hop[], indent = '  '): string[] {
  const out: string[] = [];
  hops.forEach((h, i) => {
    const conf = h.confidence !== undefined ? `, ${confidenceWords({ relation: h.relation, confidence: h.confidence })}` : '';
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
    out.push(`${as(ex.a)} cannot reach ${as(ex.b)} in ${F} under the Gao–Rexford model (valley-free routing): no path climbs`);
    out.push(`customer→provider links, crosses at most one peer link, then descends provider→customer links.`);
    const c = ex.cones!;
    out.push('');
    out.push('Why:');
    for (const k of ['a', 'b'] as const) {
      const cone = c[k];
      out.push(`  Uphill cone of ${as(cone.asn)} (ASes it reaches by climbing to providers): ${ases(cone.members.length)}: ${list(cone.members)}`);
      out.push(`    top (transit-free in ${F}): ${list(cone.tops)}${cone.tops.length === 1 && cone.tops[0] === cone.asn ? ` — ${as(cone.asn)} has no ${F} provider` : ''}`);
    }
    const shared = ex.sharedProviders ?? [];
    out.push(shared.length === 0
      ? `  The cones share no AS: ${as(ex.a)} and ${as(ex.b)} have no common ${F} provider,`
      : `  The cones share ${list(shared)},`);
    out.push((ex.joiningPeerLinks ?? []).length === 0
      ? `  and no ${F} peer link joins the two cones.`
      : `  joined by peer links ${ex.joiningPeerLinks!.map(([x, y]) => `${as(x)}–${as(y)}`).join(', ')}.`);
    out.push('');
    if (ex.fixes && ex.fixes.length) {
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
