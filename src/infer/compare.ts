/**
 * Agreement of asrel's inferences with a ground-truth relationship set (CAIDA serial-1/2 or
 * an asrel CSV), per family: a confusion matrix over links both know, and links only one
 * side knows. Every link is read from its lower-numbered AS, so `p2c` means "the lower ASN is
 * the provider".
 */
import type { RelationshipEdge } from '../graph/types.js';
import type { Family, InferredRelation, LinkInference, Relation } from './types.js';
import { mirror } from './views.js';

export const TRUTH_CLASSES: readonly Relation[] = ['p2c', 'c2p', 'p2p', 's2s'];
export const ASREL_CLASSES: readonly InferredRelation[] = ['p2c', 'c2p', 'p2p', 's2s', 'ambiguous', 'conflict'];

export interface FamilyComparison {
  family: Family;
  /** Links in the ground truth / inferred by asrel (adjacencies, whatever the relation). */
  truthLinks: number;
  asrelLinks: number;
  /** Links both know. */
  common: number;
  /** Common links where asrel's single relation equals the truth. */
  agree: number;
  /** agree / common; null when no link is known to both (nothing to agree on: "n/a", not 0%). */
  agreement: number | null;
  /** Common links where asrel decided one relation (not ambiguous/conflict), and agreement over those (null when none). */
  decided: number;
  agreementDecided: number | null;
  /** Ambiguous links whose candidates include the truth. */
  ambiguousIncludingTruth: number;
  /** matrix[truth][asrel] = count. */
  matrix: Record<Relation, Record<InferredRelation, number>>;
  onlyAsrel: number;
  onlyTruth: number;
  /** Links only in the truth that touch an AS whose aut-num is in the data (asrel could have seen them). */
  onlyTruthCovered: number;
}

function key(a: number, b: number): string {
  return a < b ? `${a}:${b}` : `${b}:${a}`;
}

export function compareFamily(family: Family, inferred: LinkInference[], truth: RelationshipEdge[], hasObject?: (asn: number) => boolean): FamilyComparison {
  const t = new Map<string, { a: number; b: number; rel: Relation }>();
  for (const e of truth) {
    if (e.family !== family) continue;
    const [a, b] = e.a < e.b ? [e.a, e.b] : [e.b, e.a];
    const rel: Relation = e.a < e.b ? e.relation : mirror(e.relation);
    t.set(key(a, b), { a, b, rel });
  }
  const mine = new Map<string, { candidates: Relation[]; rel: InferredRelation }>();
  for (const l of inferred) {
    if (l.family !== family || l.relation === 'none') continue;
    const low = l.a < l.b;
    mine.set(key(l.a, l.b), { rel: low ? l.relation : mirror(l.relation), candidates: low ? l.candidates : l.candidates.map((c) => mirror(c)) });
  }
  const matrix = Object.fromEntries(TRUTH_CLASSES.map((r) => [r, Object.fromEntries(ASREL_CLASSES.map((c) => [c, 0]))])) as FamilyComparison['matrix'];
  let common = 0, agree = 0, decided = 0, decidedAgree = 0, ambIncl = 0, onlyTruth = 0, onlyTruthCovered = 0;
  for (const [k, tv] of t) {
    const m = mine.get(k);
    if (!m) {
      onlyTruth++;
      if (hasObject && (hasObject(tv.a) || hasObject(tv.b))) onlyTruthCovered++;
      continue;
    }
    common++;
    matrix[tv.rel][m.rel]++;
    if (m.rel === tv.rel) agree++;
    if (m.rel !== 'ambiguous' && m.rel !== 'conflict') {
      decided++;
      if (m.rel === tv.rel) decidedAgree++;
    }
    if (m.rel === 'ambiguous' && m.candidates.includes(tv.rel)) ambIncl++;
  }
  let onlyAsrel = 0;
  for (const k of mine.keys()) if (!t.has(k)) onlyAsrel++;
  const ratio = (x: number, y: number) => (y === 0 ? null : Math.round((x / y) * 10000) / 10000);
  return {
    family,
    truthLinks: t.size,
    asrelLinks: mine.size,
    common,
    agree,
    agreement: ratio(agree, common),
    decided,
    agreementDecided: ratio(decidedAgree, decided),
    ambiguousIncludingTruth: ambIncl,
    matrix,
    onlyAsrel,
    onlyTruth,
    onlyTruthCovered,
  };
}

/** The confusion matrix and counts as text. */
export function comparisonText(c: FamilyComparison): string[] {
  const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);
  const out = [
    `${c.family}: ${c.common} links known to both (ground truth ${c.truthLinks}, asrel ${c.asrelLinks})`,
    c.common === 0
      ? `  agreement n/a: no link is known to both${c.truthLinks === 0 ? ` (the ground truth has no ${c.family} links)` : c.asrelLinks === 0 ? ` (asrel inferred no ${c.family} links)` : ''}`
      : `  agreement ${c.agree}/${c.common} = ${pct(c.agreement)}; over the ${c.decided} links asrel decided: ${pct(c.agreementDecided)}` +
        (c.ambiguousIncludingTruth ? `; ${c.ambiguousIncludingTruth} ambiguous links include the truth` : ''),
    `  only asrel: ${c.onlyAsrel}; only ground truth: ${c.onlyTruth} (${c.onlyTruthCovered} of them touch an AS whose aut-num is in the data)`,
    `  rows: ground truth, columns: asrel (read from the lower ASN: p2c = lower ASN is the provider)`,
  ];
  if (c.common === 0) return out.slice(0, 3);
  const w = 10;
  out.push(`  ${'truth'.padEnd(w)}${ASREL_CLASSES.map((c2) => c2.padStart(w)).join('')}`);
  for (const r of TRUTH_CLASSES) {
    out.push(`  ${r.padEnd(w)}${ASREL_CLASSES.map((c2) => String(c.matrix[r][c2]).padStart(w)).join('')}`);
  }
  return out;
}
