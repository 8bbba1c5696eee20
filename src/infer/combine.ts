/**
 * Both sides together (DESIGN.md, inference rule 4): intersect the candidate relations of
 * a's constraints and b's (mirrored to a's side). Strong constraints first; then each weak
 * tier (weak lines naming the neighbour, then AS-ANY lines) applies only if the
 * intersection stays non-empty — a weak view that contradicts is overruled and said so.
 *
 * Confidence (0..1), documented here because every output shows it:
 *   both sides strong                                   1.0
 *   one side strong, the other only weak lines          0.8
 *   one side strong, the other has an object but no
 *     line about this link                              0.6
 *   one side strong, the other has no aut-num (gap)     0.5
 *   only weak lines                                     0.3
 * ×0.8 when a weak tier was needed to pick the single relation; divided by the number of
 * candidates when ambiguous; 0 for a conflict.
 */
import type { InferredRelation, Relation } from './types.js';
import { ALL_RELATIONS, constraintReason, mirror, type Constraint, type Tier } from './views.js';

export interface CombineInput {
  a: number;
  b: number;
  /** a's constraints, read from a's side. */
  fromA: Constraint[];
  /** b's constraints, read from b's side (mirrored here). */
  fromB: Constraint[];
  aHasObject: boolean;
  bHasObject: boolean;
}

export interface CombineResult {
  relation: InferredRelation;
  candidates: Relation[];
  confidence: number;
  /** Reasons: conflicts, ambiguity, overruled weak lines. */
  notes: string[];
}

const TIERS: readonly Tier[] = ['strong', 'weak-named', 'weak-any'];

function fmt(list: readonly Relation[]): string {
  return list.length === 0 ? 'nothing' : list.join('/');
}

export function describeRelation(r: Relation, a: number, b: number): string {
  switch (r) {
    case 'p2c': return `AS${a} is AS${b}'s provider`;
    case 'c2p': return `AS${a} is AS${b}'s customer`;
    case 'p2p': return `AS${a} and AS${b} are peers`;
    case 's2s': return `AS${a} and AS${b} are siblings`;
  }
}

/** Relation sets as bits: the inference of every link of a registry intersects a few of them. */
const BIT: Record<Relation, number> = { p2c: 1, c2p: 2, p2p: 4, s2s: 8 };
const maskOf = (rels: readonly Relation[]) => {
  let m = 0;
  for (const r of rels) m |= BIT[r];
  return m;
};
const ALL = maskOf(ALL_RELATIONS);
const count = (m: number) => (m & 1) + ((m >> 1) & 1) + ((m >> 2) & 1) + ((m >> 3) & 1);
/** `mirror` on a mask: p2c and c2p trade places. */
const mirrorMask = (m: number) => (m & ~3) | ((m & 1) << 1) | ((m & 2) >> 1);

/** One constraint read from a's side: `aSide` are its relations as a's, in the order messages list them. */
interface Sided {
  c: Constraint;
  mask: number;
  aSide: () => readonly Relation[];
}

/**
 * The relations left, listed in the order of the last constraint that narrowed them (as the
 * messages have always listed them).
 */
interface Current {
  mask: number;
  order: () => readonly Relation[];
}
const listed = (cur: Current) => cur.order().filter((r) => cur.mask & BIT[r]);

export function combine(input: CombineInput): CombineResult {
  const { a, b } = input;
  const all: Sided[] = [];
  for (const c of input.fromA) all.push({ c, mask: maskOf(c.allows), aSide: () => c.allows });
  for (const c of input.fromB) all.push({ c, mask: mirrorMask(maskOf(c.allows)), aSide: () => c.allows.map((r) => mirror(r)) });
  const notes: string[] = [];
  let current: Current = { mask: ALL, order: () => ALL_RELATIONS };
  const narrow = (cur: Current, s: Sided): Current => ({ mask: cur.mask & s.mask, order: s.aSide });
  let decidedByWeak = false;

  const strong = all.filter((s) => s.c.tier === 'strong');
  for (const s of strong) current = narrow(current, s);
  if (current.mask === 0) {
    const bySide = (owner: number) => strong.filter((s) => s.c.owner === owner)
      .map((s) => `${constraintReason(s.c)} (allows ${fmt(s.c.owner === a ? s.c.allows : s.aSide())} from AS${a}'s side)`);
    notes.push(`conflict: the strong lines allow no common relation — ${[...bySide(a), ...bySide(b)].join(', and ')}`);
    return { relation: 'conflict', candidates: [], confidence: 0, notes };
  }

  for (const tier of TIERS.slice(1)) {
    const group = all.filter((s) => s.c.tier === tier);
    if (group.length === 0) continue;
    const before = count(current.mask);
    let together = current;
    for (const s of group) together = narrow(together, s);
    if (together.mask !== 0) {
      current = together;
    } else {
      // The tier as a whole contradicts: keep the lines that fit, overrule the others.
      for (const s of group) {
        const next = narrow(current, s);
        if (next.mask !== 0) current = next;
        else notes.push(`overruled weak view: ${constraintReason(s.c)} (allows ${fmt(s.aSide())} from AS${a}'s side) contradicts the stronger lines (${fmt(listed(current))})`);
      }
    }
    if (before > 1 && count(current.mask) < before) decidedByWeak = true;
  }

  const sideStrength = (owner: number) => {
    let any = false;
    for (const s of all) {
      if (s.c.owner !== owner) continue;
      if (s.c.tier === 'strong') return 'strong';
      any = true;
    }
    return any ? 'weak' : 'silent';
  };
  const sa = sideStrength(a), sb = sideStrength(b);
  let base: number;
  if (sa === 'strong' && sb === 'strong') base = 1;
  else if (sa === 'strong' || sb === 'strong') {
    const other = sa === 'strong' ? sb : sa;
    const otherHasObject = sa === 'strong' ? input.bHasObject : input.aHasObject;
    base = other === 'weak' ? 0.8 : otherHasObject ? 0.6 : 0.5;
  } else base = 0.3;
  if (decidedByWeak) base *= 0.8;

  const candidates = ALL_RELATIONS.filter((r) => current.mask & BIT[r]);
  if (candidates.length === 1) {
    return { relation: candidates[0]!, candidates, confidence: round(base), notes };
  }
  notes.push(`ambiguous: ${candidates.map((r) => describeRelation(r, a, b)).join(', or ')}` +
    (all.length === 0 ? ' (no line restricts the relation in this family)' : ''));
  return { relation: 'ambiguous', candidates, confidence: round(base / candidates.length), notes };
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
