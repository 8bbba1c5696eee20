/**
 * The neighbours answer both faces give (`asrel neighbors --json` and `/api/neighbors`):
 * every neighbour of an AS with its relation per family, read from the AS's side.
 */
import { confidenceLevel } from '../infer/confidence.js';
import type { Family, LinkInference } from '../infer/types.js';
import { dataLines } from './data-lines.js';
import type { DataArgs } from './open-data.js';
import { withData } from './with-data.js';

export interface NeighboursAnswer {
  links: LinkInference[];
  /** Whether the AS has an aut-num in the data (else only neighbours naming it are known). */
  hasObject: boolean;
  notes: string[];
}

/** Every link of `asn` in `fams`, from the data a command opens (fetching its neighbours when live). */
export async function neighboursAnswer(argv: DataArgs, asn: number, fams: readonly Family[]): Promise<NeighboursAnswer> {
  return withData(argv, { asns: [asn], neighbours: true }, (d) => {
    d.requireKnown([asn]);
    const links = fams.flatMap((f) => d.engine.neighbours(asn, f, { evidence: 'count' }));
    return { links, hasObject: d.engine.hasObject(asn), notes: [...d.notes, ...dataLines(d.store, [asn, ...links.map((l) => l.b)])] };
  });
}

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
        ? { relation: l.relation, ...(l.relation === 'ambiguous' ? { candidates: l.candidates } : {}), confidence: l.confidence, confidence_level: confidenceLevel(l.confidence).name, evidence_count: evidenceCount(l), missing: l.missing }
        : { relation: 'none', confidence: 0, evidence_count: 0 }];
    })),
  }));
  return { asn, hasAutNum, neighbors, data: notes };
}

/** How many evidence lines a link has: its lines, or the link table's count of them. */
export function evidenceCount(l: LinkInference): number {
  return l.summary?.count ?? l.evidence.length;
}
