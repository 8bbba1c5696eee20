/**
 * `asrel aspa compare`: each published ASPA held against the providers the IRR shows, per
 * family. One finding per (customer, provider):
 *   missing          the IRR shows transit from P in some family, P is not in the ASPA: routes via P will be Invalid
 *   aspa-only        P is in the ASPA, the IRR shows peering, customer or nothing in both families
 *   one-family       P is in the ASPA and gives transit in one family only: the ASPA is permissive in the other (§7.1)
 *   as0-contradicted the ASPA says AS0 ("no providers") while the IRR shows a provider
 *   as0-mixed        AS0 listed beside providers (the profile forbids it)
 *   agree            P is in the ASPA and gives transit in both families (counted, listed in JSON)
 * Publishers the IRR knows nothing about (no aut-num, no neighbour naming them) are listed
 * apart: no data, no guess.
 */
import { FAMILIES } from '../infer/families.js';
import type { Evidence, Family, InferredRelation } from '../infer/types.js';
import { isTransit, type IrrView, type RelationSource } from './irr-providers.js';
import type { AspaRecord } from './types.js';

export type FindingKind = 'missing' | 'aspa-only' | 'one-family' | 'as0-contradicted' | 'as0-mixed' | 'agree';

export interface Finding {
  kind: FindingKind;
  customer: number;
  provider: number;
  /** Families where the IRR shows P giving C transit. */
  transitIn: Family[];
  /** The IRR's relation per family (from the customer's side), where it has one. */
  irr: Partial<Record<Family, InferredRelation>>;
  /** Registry lines (missing, as0-contradicted, one-family), both sides. */
  evidence?: Evidence[];
  /**
   * The customer has no aut-num in the data (aspa-only): only its neighbours' objects speak of
   * it, so "no link" there may be a provider that does not write of it.
   */
  customerWithoutObject?: true;
}

export interface CompareResult {
  publishers: number;
  compared: number;
  /** Publishers with neither an aut-num nor a neighbour in the IRR data. */
  unknownToIrr: number[];
  findings: Finding[];
  counts: Record<FindingKind, number>;
  /** Publishers of an AS0 ASPA whom the relations show without a provider (AS0 confirmed). */
  as0Confirmed: number[];
  /** ASPA providers the IRR confirms in both families, of all ASPA providers of compared publishers (AS0 excluded). */
  agreement: { agree: number; of: number };
}

const KINDS: FindingKind[] = ['missing', 'aspa-only', 'one-family', 'as0-contradicted', 'as0-mixed', 'agree'];

export function compareAspa(records: Map<number, AspaRecord>, source: RelationSource, asns?: readonly number[]): CompareResult {
  const customers = (asns && asns.length ? asns.filter((a) => records.has(a)) : [...records.keys()]).sort((a, b) => a - b);
  const views = source.views(customers);
  const findings: Finding[] = [];
  const unknownToIrr: number[] = [];
  const as0Confirmed: number[] = [];
  let agree = 0, of = 0;
  const withLines = (f: Finding): Finding => {
    if (!source.evidence) return f;
    const ev: Evidence[] = [];
    for (const fam of FAMILIES) if (f.irr[fam] && f.irr[fam] !== 'none') ev.push(...source.evidence(f.customer, f.provider, fam));
    return { ...f, evidence: ev };
  };
  for (const c of customers) {
    const rec = records.get(c)!;
    const view: IrrView = views.get(c)!;
    if (view.size === 0 && !source.knows(c)) {
      unknownToIrr.push(c);
      continue;
    }
    const transit = (p: number) => FAMILIES.filter((f) => isTransit(view.get(p)?.[f]));
    const irrProviders = [...view.keys()].filter((p) => transit(p).length > 0).sort((a, b) => a - b);
    const as0Only = rec.providers.length === 1 && rec.providers[0] === 0;
    if (rec.flags.includes('as0-mixed')) findings.push({ kind: 'as0-mixed', customer: c, provider: 0, transitIn: [], irr: {} });
    if (as0Only) {
      if (irrProviders.length === 0) as0Confirmed.push(c);
      for (const p of irrProviders) findings.push(withLines({ kind: 'as0-contradicted', customer: c, provider: p, transitIn: transit(p), irr: view.get(p) ?? {} }));
      continue;
    }
    for (const p of rec.providers) {
      if (p === 0) continue;
      of++;
      const t = transit(p);
      const irr = view.get(p) ?? {};
      if (t.length === FAMILIES.length) { agree++; findings.push({ kind: 'agree', customer: c, provider: p, transitIn: t, irr }); }
      else if (t.length > 0) findings.push(withLines({ kind: 'one-family', customer: c, provider: p, transitIn: t, irr }));
      else findings.push({ kind: 'aspa-only', customer: c, provider: p, transitIn: [], irr, ...(source.knows(c) ? {} : { customerWithoutObject: true as const }) });
    }
    for (const p of irrProviders) {
      if (!rec.providers.includes(p)) findings.push(withLines({ kind: 'missing', customer: c, provider: p, transitIn: transit(p), irr: view.get(p) ?? {} }));
    }
  }
  const counts = Object.fromEntries(KINDS.map((k) => [k, findings.filter((f) => f.kind === k).length])) as Record<FindingKind, number>;
  return { publishers: records.size, compared: customers.length - unknownToIrr.length, unknownToIrr, as0Confirmed, findings, counts, agreement: { agree, of } };
}
