/**
 * `asrel aspa draft AS`: the provider set the IRR supports — the union over both families, as
 * the profile requires (one set for both since -15); AS0 when the AS has no provider in either.
 * Each provider comes with its families, the registry lines behind it, and how strong they are:
 * both sides declare it, one side, or only through set membership (the naming line names an
 * as-set, not the AS). Siblings and mutual transit are flagged; a provider in one family only
 * is named as the price of the union (the ASPA will authorise it in the other family too).
 */
import { FAMILIES } from '../infer/families.js';
import type { Evidence, Family, InferredRelation } from '../infer/types.js';
import { isTransit, type RelationSource } from './irr-providers.js';

export type Strength = 'both sides' | 'one side' | 'set membership only' | 'relationship file';

export interface DraftProvider {
  asn: number;
  families: Family[];
  relation: Partial<Record<Family, InferredRelation>>;
  strength: Strength;
  sibling: boolean;
  evidence: Evidence[];
}

export interface AspaDraft {
  customer: number;
  /** Ascending; [0] when there is no provider. */
  providers: number[];
  detail: DraftProvider[];
  /** Providers that give transit in one family only. */
  oneFamily: DraftProvider[];
  /** The source knows the AS (IRR: its aut-num; relationship file: a link). */
  hasObject: boolean;
  /** Neighbours the relations show, in any relation and family: none and no object = nothing known. */
  neighbours: number;
}

function strengthOf(ev: Evidence[], c: number, p: number): Strength {
  const strong = ev.filter((e) => e.strength === 'strong');
  const names = (e: Evidence) => new RegExp(`\\bAS${e.asn === c ? p : c}\\b`, 'i').test(e.text);
  const direct = strong.filter(names);
  const sides = new Set(direct.map((e) => e.asn));
  if (sides.size >= 2) return 'both sides';
  if (sides.size === 1) return 'one side';
  return strong.length ? 'set membership only' : 'one side';
}

export function draftAspa(source: RelationSource, customer: number): AspaDraft {
  const view = source.views([customer]).get(customer)!;
  const detail: DraftProvider[] = [];
  for (const [p, rel] of [...view].sort((a, b) => a[0] - b[0])) {
    const families = FAMILIES.filter((f) => isTransit(rel[f]));
    if (!families.length) continue;
    const evidence = source.evidence ? families.flatMap((f) => source.evidence!(customer, p, f)) : [];
    detail.push({ asn: p, families, relation: rel, strength: source.evidence ? strengthOf(evidence, customer, p) : 'relationship file', sibling: families.some((f) => rel[f] === 's2s'), evidence });
  }
  return {
    customer,
    providers: detail.length ? detail.map((d) => d.asn) : [0],
    detail,
    oneFamily: detail.filter((d) => d.families.length === 1),
    hasObject: source.knows(customer),
    neighbours: view.size,
  };
}

/** The draft in a validator's or a router's format. */
export function draftAs(d: AspaDraft, format: 'rpki-client' | 'krill' | 'bird' | 'openbgpd'): string {
  const c = d.customer;
  const none = d.providers.length === 1 && d.providers[0] === 0;
  switch (format) {
    case 'rpki-client':
      return JSON.stringify({ aspas: [{ customer_asid: c, providers: d.providers }] }) + '\n';
    case 'krill':
      return `AS${c} => ${none ? '<none>' : d.providers.map((p) => `AS${p}`).join(', ')}\n`;
    case 'bird':
      return none ? `route aspa ${c} transit;\n` : `route aspa ${c} providers ${d.providers.join(', ')};\n`;
    case 'openbgpd':
      return `aspa-set {\n\tcustomer-as ${c} provider-as { ${d.providers.join(' ')} }\n}\n`;
  }
}
