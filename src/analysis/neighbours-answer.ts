/**
 * The neighbours answer both faces give (`asrel neighbors --json` and `/api/neighbors`):
 * every neighbour of an AS with its relation per family, read from the AS's side.
 */
import { confidenceLevel } from '../infer/confidence.js';
import type { Family, LinkInference } from '../infer/types.js';

/** Neighbour → family → link, in neighbour order. */
export function neighbourRows(links: readonly LinkInference[]): [number, Partial<Record<Family, LinkInference>>][] {
  const by = new Map<number, Partial<Record<Family, LinkInference>>>();
  for (const l of links) {
    const row = by.get(l.b) ?? {};
    row[l.family] = l;
    by.set(l.b, row);
  }
  return [...by.entries()].sort((x, y) => x[0] - y[0]);
}

export function neighboursJson(asn: number, hasAutNum: boolean, links: readonly LinkInference[], fams: readonly Family[], notes: string[]): Record<string, unknown> {
  const neighbors = neighbourRows(links).map(([n, r]) => ({
    asn: n,
    afi: Object.fromEntries(fams.map((f) => {
      const l = r[f];
      return [f, l
        ? { relation: l.relation, ...(l.relation === 'ambiguous' ? { candidates: l.candidates } : {}), confidence: l.confidence, confidence_level: confidenceLevel(l.confidence).name, evidence_count: l.evidence.length, missing: l.missing }
        : { relation: 'none', confidence: 0, evidence_count: 0 }];
    })),
  }));
  return { asn, hasAutNum, neighbors, data: notes };
}
