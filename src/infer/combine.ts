/**
 * Both sides together (DESIGN.md, inference rule 4): intersect the candidate relations of
 * a's constraints and b's (mirrored to a's side). Strong constraints first; then each weak
 * tier (weak lines naming the neighbour, then AS-ANY lines) applies only if the
 * intersection stays non-empty — a weak view that contradicts is overruled and said so.
 *
 * When the strong lines of the two sides allow no common relation, both views are named with
 * their lines, and the label is the view that was right more often in such conflicts on
 * synthetic registries with defects (or `conflict`, when neither was right often enough).
 *
 * Confidence is a calibrated probability: the share of links with the same kind of evidence
 * that were labelled right (src/infer/confidence.ts explains the kinds and the fit).
 */
import type { Family, InferredRelation, Relation } from './types.js';
import { ALL_RELATIONS, constraintReason, mirror, type Constraint, type Tier } from './views.js';
import { FAMILY_LABEL, OTHER_FAMILY } from './families.js';
import { alternativeOf, bareKind, clamp, CONFLICT_PICK, conflictOdds, probabilityOf, sizeMark, sortedLevels, type LinkSize, type SideLevel } from './confidence.js';

export interface CombineInput {
  a: number;
  b: number;
  /** The family: kinds are fitted per family. */
  family: Family;
  /** The registry's disagreement level (InferenceEngine.disagreementLevel); 0 when unknown. */
  level?: number;
  /** Whether a lists b in one of its own (`AS<a>:…`) as-sets, and b lists a: customer sets list customers. */
  aListsB?: boolean;
  bListsA?: boolean;
  /** a's constraints, read from a's side. */
  fromA: Constraint[];
  /** b's constraints, read from b's side (mirrored here). */
  fromB: Constraint[];
  aHasObject: boolean;
  bHasObject: boolean;
  /** a's and b's sizes in the family (confidence.ts, sizeMark); absent when deciding rows for the link table, which keeps no sizes. */
  links?: readonly [LinkSize, LinkSize];
  /**
   * What the two sides' lines of the other family say of the pair, from a's side (sets not
   * read): asked only when the lines say peers and one side's own as-set lists the other.
   */
  otherFamily?: () => InferredRelation;
}

export interface CombineResult {
  relation: InferredRelation;
  candidates: Relation[];
  confidence: number;
  /** Reasons: conflicts, ambiguity, overruled weak lines. */
  notes: string[];
  /** The evidence kind the confidence was read for (src/infer/confidence.ts). */
  kind: string;
  /** For a conflict kind: the AS whose view the kind lists first. */
  first?: number;
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

/** What one side's own lines say, before the other side is read. */
interface SideSummary {
  owner: number;
  level: SideLevel;
  /** Strong lines together (a's orientation; ALL when there is none). */
  strong: number;
  /** Strong, then each weak tier that fits (a's orientation). */
  own: number;
  lines: Sided[];
}

function summarise(all: readonly Sided[], owner: number, hasObject: boolean): SideSummary {
  const lines = all.filter((s) => s.c.owner === owner);
  let strong = ALL, hasStrong = false, named = false, any = false;
  for (const s of lines) {
    if (s.c.tier === 'strong') { strong &= s.mask; hasStrong = true; }
    else if (s.c.tier === 'weak-named') named = true;
    else any = true;
  }
  let own = strong;
  for (const tier of TIERS.slice(1)) {
    let t = own;
    for (const s of lines) if (s.c.tier === tier) t &= s.mask;
    if (t !== 0) own = t;
  }
  const level: SideLevel = hasStrong ? (count(own) === 1 ? 'S' : 's') : named ? 'W' : any ? 'A' : hasObject ? 'O' : 'N';
  return { owner, level, strong, own, lines };
}

const relationsOf = (m: number) => ALL_RELATIONS.filter((r) => m & BIT[r]);

/** "AS1 says AS1 is AS2's provider (AS1 exports FULL to AS2, export line 12: to AS2 announce ANY)". */
function sideSays(side: SideSummary, mask: number, a: number, b: number): string {
  const rels = relationsOf(mask);
  const says = rels.length === 0 ? 'nothing consistent' : rels.map((r) => describeRelation(r, a, b)).join(', or ');
  const lines = side.lines.map((s) => {
    const where = s.c.evidence.map((e) => `${e.attribute} line ${e.line}${e.text ? `: ${short(e.text)}` : ''}`).join(', ');
    return `${constraintReason(s.c)}${where ? ` (${where})` : ''}`;
  });
  return `AS${side.owner}'s lines say ${says}${lines.length ? ` — ${lines.join(', and ')}` : ''}`;
}

function short(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 70 ? `${t.slice(0, 69)}…` : t;
}

export function combine(input: CombineInput): CombineResult {
  const { a, b } = input;
  const all: Sided[] = [];
  for (const c of input.fromA) all.push({ c, mask: maskOf(c.allows), aSide: () => c.allows });
  for (const c of input.fromB) all.push({ c, mask: mirrorMask(maskOf(c.allows)), aSide: () => c.allows.map((r) => mirror(r)) });
  const notes: string[] = [];
  let current: Current = { mask: ALL, order: () => ALL_RELATIONS };
  const narrow = (cur: Current, s: Sided): Current => ({ mask: cur.mask & s.mask, order: s.aSide });
  let decidedByWeak = false;
  const sa = summarise(all, a, input.aHasObject), sb = summarise(all, b, input.bHasObject);

  const strong = all.filter((s) => s.c.tier === 'strong');
  for (const s of strong) current = narrow(current, s);
  const fam = input.family === 'ipv4' ? '.4' : '.6';
  if (current.mask === 0) return conflict(a, b, sa, sb, fam);

  const overruled: Sided[] = [];
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
        else {
          overruled.push(s);
          notes.push(`overruled weak view: ${constraintReason(s.c)} (allows ${fmt(s.aSide())} from AS${a}'s side) contradicts the stronger lines (${fmt(listed(current))})`);
        }
      }
    }
    if (before > 1 && count(current.mask) < before) decidedByWeak = true;
  }
  if (overruled.length > 0 && sa.own !== sb.own) {
    notes.push(`views differ: ${sideSays(sa, sa.own, a, b)}; ${sideSays(sb, sb.own, a, b)}; the weaker lines are overruled, and the confidence says how often such links were right`);
  }

  const candidates = ALL_RELATIONS.filter((r) => current.mask & BIT[r]);
  if (candidates.length === 1) {
    const r = candidates[0]!;
    // m: the provider's own as-set lists the customer (for peers: either lists the other); r: the customer's lists the provider.
    const provLists = r === 'p2c' ? input.aListsB : r === 'c2p' ? input.bListsA : input.aListsB || input.bListsA;
    const custLists = r === 'p2c' ? input.bListsA : r === 'c2p' ? input.aListsB : false;
    const flags = (overruled.length ? 'o' : '') + (decidedByWeak ? 'w' : '') + (provLists ? 'm' : '') + (custLists ? 'r' : '');
    const levels = r === 'p2c' ? sa.level + sb.level : r === 'c2p' ? sb.level + sa.level : sortedLevels(sa.level, sb.level);
    const kind = `${r === 'p2p' ? 'pp' : r === 's2s' ? 'ss' : 'pc'}${fam}:${levels}${flags}`;
    const level = input.level ?? 0;
    if (r === 'p2p' && input.aListsB !== input.bListsA) {
      // f: the other family's lines say what the set says (the lister is the provider): the
      // peering is written for this family alone, on purpose, and the set follows the other.
      const lister = input.aListsB ? a : b;
      const other = input.otherFamily?.();
      const perFamily = other !== undefined && other === (lister === a ? 'p2c' : 'c2p');
      return setView(a, b, lister, perFamily ? `${kind}f` : kind, level, notes, perFamily ? OTHER_FAMILY[input.family] : undefined);
    }
    const sized = kind + sizeMark(kind, r, input.links?.[0], input.links?.[1]);
    return { relation: r, candidates, confidence: probabilityOf(sized, level), notes, kind: sized };
  }
  notes.push(`ambiguous: ${candidates.map((r) => describeRelation(r, a, b)).join(', or ')}` +
    (all.length === 0 ? ' (no line restricts the relation in this family)' : ''));
  const kind = `amb${candidates.length}${fam}:${sortedLevels(sa.level, sb.level)}`;
  return { relation: 'ambiguous', candidates, confidence: probabilityOf(kind, input.level ?? 0), notes, kind };
}

/**
 * The lines say peers, but one side's own as-set lists the other as a member (customer sets
 * list customers): the label is the set's view (the lister is the provider) when that was the
 * real relation more often than the peering, and at least CONFLICT_PICK of the time; both
 * views are said either way.
 */
function setView(a: number, b: number, lister: number, kind: string, level: number, notes: string[], agreeingFamily?: Family): CombineResult {
  const other = lister === a ? b : a;
  const said = `views differ: the lines say AS${a} and AS${b} are peers, but AS${lister}'s own as-set (AS${lister}:…) lists AS${other}, as customer sets list customers` +
    (agreeingFamily ? `; in ${FAMILY_LABEL[agreeingFamily]} their lines say AS${lister} is AS${other}'s provider, as the set does: the peering is written for this family alone` : '');
  const { relation, confidence, alt } = setViewChoice(a, lister, kind, level);
  if (relation !== 'p2p') {
    notes.push(`${said}; taken: the set's view (AS${lister} is AS${other}'s provider), which was the real relation in ${Math.round(alt * 100)}% of such links on synthetic registries with defects`);
  } else notes.push(`${said}; taken: the lines' view`);
  return { relation, candidates: [relation], confidence, notes, kind, first: lister };
}

/** The set's view (the lister as provider) when it was the real relation more often than the peering, and at least CONFLICT_PICK of the time. */
function setViewChoice(a: number, lister: number, kind: string, level: number): { relation: Relation; confidence: number; alt: number } {
  const p = probabilityOf(kind, level);
  const alt = alternativeOf(kind, level);
  if (alt !== undefined && alt >= CONFLICT_PICK && alt > p) return { relation: lister === a ? 'p2c' : 'c2p', confidence: clamp(alt), alt };
  return { relation: 'p2p', confidence: p, alt: alt ?? 0 };
}

/**
 * What the lines decide of a link, before the registry's disagreement level is known: the
 * link table keeps this (a level measured on the whole registry changes with any write, so
 * the level-dependent part is settled when the link is read).
 */
export interface LineDecision {
  /** As the lines say it, from `a`'s side (for a set's view: `p2p`). */
  relation: InferredRelation;
  candidates: Relation[];
  kind: string;
  first?: number;
  /** For conflicts: the confidence, which does not depend on the level. */
  confidence?: number;
}

/** A decided inference as the link table keeps it (`settle` gives it back at any level). */
export function lineDecision(r: { relation: InferredRelation; candidates: Relation[]; confidence: number; basis?: { kind: string; first?: number } }): LineDecision {
  const kind = r.basis?.kind ?? '';
  const first = r.basis?.first;
  if (kind.startsWith('cf')) return { relation: r.relation, candidates: r.candidates, kind, ...(first !== undefined ? { first } : {}), confidence: r.confidence };
  // A set's view (the only non-conflict kind with a first AS): the lines said peers.
  if (first !== undefined) return { relation: 'p2p', candidates: ['p2p'], kind, first };
  // Sizes are settled when the link is read (a write elsewhere changes them).
  return { relation: r.relation, candidates: r.candidates, kind: bareKind(kind) };
}

/**
 * A line decision at a registry's disagreement level and with the two ASes' numbers of links
 * (`links`: a's, then the other's): the relation, candidates, confidence and kind combine() gives.
 */
export function settle(d: LineDecision, a: number, level: number, links?: readonly [LinkSize, LinkSize]): { relation: InferredRelation; candidates: Relation[]; confidence: number; kind: string } {
  if (d.kind.startsWith('cf') || d.relation === 'none') return { relation: d.relation, candidates: d.candidates, confidence: d.confidence ?? 0, kind: d.kind };
  if (d.first !== undefined) {
    const { relation, confidence } = setViewChoice(a, d.first, d.kind, level);
    return { relation, candidates: [relation], confidence, kind: d.kind };
  }
  const kind = d.candidates.length === 1 ? d.kind + sizeMark(d.kind, d.relation, links?.[0], links?.[1]) : d.kind;
  return { relation: d.relation, candidates: d.candidates, confidence: probabilityOf(kind, level), kind };
}

/**
 * The strong lines of the two sides allow no common relation: both views are said with their
 * lines; the label is the view that was right at least CONFLICT_PICK of the time in such
 * conflicts, else `conflict` (confidence 0: no relation claimed).
 */
function conflict(a: number, b: number, sa: SideSummary, sb: SideSummary, fam: string): CombineResult {
  const view = (s: SideSummary, m: number) => `${relationsOf(m).join('+') || 'none'}/${s.level}`;
  const dA = view(sa, sa.strong), dB = view(sb, mirrorMask(sb.strong));
  const aFirst = dA <= dB;
  const kind = `cf${fam}:${aFirst ? dA : dB}|${aFirst ? dB : dA}`;
  const first = aFirst ? a : b;
  const odds = conflictOdds(kind);
  const said = `views differ: ${sideSays(sa, sa.strong, a, b)}; ${sideSays(sb, sb.strong, a, b)}`;
  if (odds) {
    const pickA = (aFirst ? odds[0] : odds[1]) >= (aFirst ? odds[1] : odds[0]);
    const p = Math.max(odds[0], odds[1]);
    const side = pickA ? sa : sb;
    const rels = relationsOf(side.strong);
    if (p >= CONFLICT_PICK && rels.length === 1) {
      const taken = `taken: AS${side.owner}'s view, which was the real relation in ${Math.round(p * 100)}% of such conflicts on synthetic registries with defects`;
      return { relation: rels[0]!, candidates: rels, confidence: clamp(p), notes: [`${said}; ${taken}`], kind, first };
    }
  }
  return { relation: 'conflict', candidates: [], confidence: 0, notes: [`${said}; neither view is taken (no relation claimed)`], kind, first };
}
