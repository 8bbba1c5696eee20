/**
 * Inferences to link-table rows and back. A row keeps what both sides' lines decide, from the
 * lower AS's side, before the registry's disagreement level (combine.ts, LineDecision); read
 * back, it is settled at today's level and turned to whichever side asks.
 */
import type { LinkRow } from '../store/links.js';
import { lineDecision, settle } from './combine.js';
import { sizeMark, type LinkSize } from './confidence.js';
import type { Family, InferredRelation, LinkInference, Relation } from './types.js';
import { ALL_RELATIONS, mirror } from './views.js';

const RELATION_CODE: Record<InferredRelation, number> = { none: 0, p2c: 1, c2p: 2, p2p: 3, s2s: 4, ambiguous: 5, conflict: 6 };
/** Code 7: the lines say peers, and a set's view, settled when read, may make it transit (src/store/schema.ts). */
const SET_VIEW = 7;
const RELATION_OF: readonly InferredRelation[] = ['none', 'p2c', 'c2p', 'p2p', 's2s', 'ambiguous', 'conflict', 'p2p'];
const BIT: Record<Relation, number> = { p2c: 1, c2p: 2, p2p: 4, s2s: 8 };

/** The row of an inference decided from its lower AS's side (`l.a < l.b`), with its evidence lines (text not needed). */
export function rowOf(l: LinkInference): LinkRow {
  const d = lineDecision(l);
  let candidates = 0;
  for (const c of d.candidates) candidates |= BIT[c];
  let sides = 0;
  for (const e of l.evidence) sides |= e.asn === l.a ? 1 : 2;
  return {
    family: l.family === 'ipv4' ? 4 : 6,
    lo: l.a,
    hi: l.b,
    relation: d.first !== undefined && !d.kind.startsWith('cf') ? SET_VIEW : RELATION_CODE[d.relation],
    candidates,
    kind: d.kind,
    first: d.first ?? null,
    confidence: d.confidence ?? null,
    missing: (l.missing.includes(l.a) ? 1 : 0) | (l.missing.includes(l.b) ? 2 : 0),
    evidence: l.evidence.length,
    sides,
  };
}

/**
 * A link's provider as the link table counts it (REBUILD_COUNTS: its row's relation is
 * provider–customer; a set's view is coded otherwise, a conflict by the view it takes), else undefined.
 */
export function tableProvider(l: LinkInference): number | undefined {
  const code = rowOf(l).relation;
  return code === RELATION_CODE.p2c ? l.a : code === RELATION_CODE.c2p ? l.b : undefined;
}

/** An AS's size in the row's family (the link table's counts), for the sizes mark of a kind. */
export type LinkCount = (asn: number) => LinkSize | undefined;

/**
 * A row as the inference `engine.infer(from, other)` gives without evidence, at a registry's
 * level and with the two ASes' link counts. `label`: an AS's provenance label, for the
 * evidence summary (`'count'`: its count only).
 */
export function inferenceOf(r: LinkRow, level: number, from: number = r.lo, label?: ((asn: number) => string | undefined) | 'count', count?: LinkCount): LinkInference {
  const family: Family = r.family === 4 ? 'ipv4' : 'ipv6';
  const d = { relation: RELATION_OF[r.relation]!, candidates: CANDIDATES[r.candidates]!, kind: r.kind, ...(r.first !== null ? { first: r.first } : {}), ...(r.confidence !== null ? { confidence: r.confidence } : {}) };
  const s = settledOf(d, r.lo, level, count ? [count(r.lo), count(r.hi)] : undefined);
  // In the asking side's order, as engine.infer(from, other) lists them.
  const missing = r.missing === 0 ? [] : from === r.hi ? [...(r.missing & 2 ? [r.hi] : []), ...(r.missing & 1 ? [r.lo] : [])] : [...(r.missing & 1 ? [r.lo] : []), ...(r.missing & 2 ? [r.hi] : [])];
  const basis = r.first !== null ? { kind: r.kind, first: r.first } : basisOf(s.kind);
  const out: LinkInference = from === r.hi
    ? { a: r.hi, b: r.lo, family, relation: mirror(s.relation), candidates: MIRRORED[maskOf(s.candidates)]!, confidence: s.confidence, basis, evidence: [], missing }
    : { a: r.lo, b: r.hi, family, relation: s.relation, candidates: s.candidates, confidence: s.confidence, basis, evidence: [], missing };
  if (label === 'count') out.summary = { count: r.evidence };
  else if (label) {
    const sources: string[] = [];
    for (const [bit, asn] of [[1, r.lo], [2, r.hi]] as const) {
      const l = r.sides & bit ? label(asn) : undefined;
      if (l !== undefined && !sources.includes(l)) sources.push(l);
    }
    out.summary = { count: r.evidence, sources };
  }
  return out;
}

/**
 * Candidate lists and bases are shared between the links that have the same ones (a cone reads
 * tens of thousands of links; nothing changes an inference's lists or basis once made).
 */
const CANDIDATES: readonly Relation[][] = Array.from({ length: 16 }, (_, m) => ALL_RELATIONS.filter((c) => m & BIT[c]));
/** The same, from the other side, in the order combine() lists them. */
const MIRRORED: readonly Relation[][] = CANDIDATES.map((list) => inOrder(list.map((c) => mirror(c))));
const maskOf = (rels: readonly Relation[]) => rels.reduce((m, c) => m | BIT[c], 0);
const bases = new Map<string, { kind: string }>();
function basisOf(kind: string): { kind: string } {
  let b = bases.get(kind);
  if (!b) {
    if (bases.size > 10_000) bases.clear();
    bases.set(kind, (b = { kind }));
  }
  return b;
}

/** Candidates in the order combine() lists them. */
function inOrder(rels: Relation[]): Relation[] {
  return ALL_RELATIONS.filter((r) => rels.includes(r));
}

/** Settling reads the fitted table per kind: the same kind at the same level gives the same confidence. */
const confidences = new Map<string, number>();

function settledOf(d: Parameters<typeof settle>[0], lo: number, level: number, links: readonly [LinkSize | undefined, LinkSize | undefined] | undefined): ReturnType<typeof settle> {
  const sized = links?.[0] !== undefined && links[1] !== undefined ? [links[0], links[1]] as const : undefined;
  // Conflicts and sets' views settle by AS; the rest by kind, sizes and level alone.
  if (d.first !== undefined || d.kind.startsWith('cf') || d.relation === 'none') return settle(d, lo, level, sized);
  const kind = d.candidates.length === 1 ? d.kind + sizeMark(d.kind, d.relation, sized?.[0], sized?.[1]) : d.kind;
  const key = `${level}|${kind}`;
  let c = confidences.get(key);
  if (c === undefined) {
    if (confidences.size > 10_000) confidences.clear();
    c = settle(d, lo, level, sized).confidence;
    confidences.set(key, c);
  }
  return { relation: d.relation, candidates: d.candidates, confidence: c, kind };
}
