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
import { ALL_RELATIONS, mirror, type Constraint, type Tier } from './views.js';

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

function fmt(rels: Iterable<Relation>): string {
  const list = [...rels];
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

export function combine(input: CombineInput): CombineResult {
  const { a, b } = input;
  const all = [
    ...input.fromA.map((c) => ({ ...c, aSide: c.allows })),
    ...input.fromB.map((c) => ({ ...c, aSide: c.allows.map(mirror) })),
  ];
  const notes: string[] = [];
  let current = new Set<Relation>(ALL_RELATIONS);
  let decidedByWeak = false;

  const strong = all.filter((c) => c.tier === 'strong');
  for (const c of strong) current = intersect(current, c.aSide);
  if (current.size === 0) {
    const bySide = (owner: number) => strong.filter((c) => c.owner === owner)
      .map((c) => `${c.reason} (allows ${fmt(c.owner === a ? c.allows : c.aSide)} from AS${a}'s side)`);
    notes.push(`conflict: the strong lines allow no common relation — ${[...bySide(a), ...bySide(b)].join(', and ')}`);
    return { relation: 'conflict', candidates: [], confidence: 0, notes };
  }

  for (const tier of TIERS.slice(1)) {
    const group = all.filter((c) => c.tier === tier);
    if (group.length === 0) continue;
    const before = current.size;
    let together = current;
    for (const c of group) together = intersect(together, c.aSide);
    if (together.size > 0) {
      current = together;
    } else {
      // The tier as a whole contradicts: keep the lines that fit, overrule the others.
      for (const c of group) {
        const next = intersect(current, c.aSide);
        if (next.size > 0) current = next;
        else notes.push(`overruled weak view: ${c.reason} (allows ${fmt(c.aSide)} from AS${a}'s side) contradicts the stronger lines (${fmt(current)})`);
      }
    }
    if (before > 1 && current.size < before) decidedByWeak = true;
  }

  const sideStrength = (owner: number) => {
    const mine = all.filter((c) => c.owner === owner);
    return mine.some((c) => c.tier === 'strong') ? 'strong' : mine.length > 0 ? 'weak' : 'silent';
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

  const candidates = ALL_RELATIONS.filter((r) => current.has(r));
  if (candidates.length === 1) {
    return { relation: candidates[0]!, candidates, confidence: round(base), notes };
  }
  notes.push(`ambiguous: ${candidates.map((r) => describeRelation(r, a, b)).join(', or ')}` +
    (all.length === 0 ? ' (no line restricts the relation in this family)' : ''));
  return { relation: 'ambiguous', candidates, confidence: round(base / candidates.length), notes };
}

function intersect(s: Set<Relation>, allowed: readonly Relation[]): Set<Relation> {
  return new Set(allowed.filter((r) => s.has(r)));
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
