// Builders for made-up policies as AST literals, so inference can be tested without the
// grammar. Every object built here is invented for the tests (not registry data).
import type { AfiSpec, AsExpression, Filter, PolicyAst, PolicyAttributeName } from '../../grammar/ast.js';
import { resolveTerms } from '../../src/policy/afi.js';
import type { ParsedPolicy } from '../../src/policy/types.js';
import type { RpslObject } from '../../src/rpsl/types.js';
import { MemoryIndex } from '../../src/store/memory-index.js';
import type { PolicyParser } from '../../src/infer/expand.js';
import { InferenceEngine } from '../../src/infer/engine.js';
import { Ingest } from '../../src/infer/ingest.js';
import { Store } from '../../src/store/store.js';

export const asn = (n: number): AsExpression => ({ type: 'asn', asn: n, text: `AS${n}` });
export const asSet = (name: string): AsExpression => ({ type: 'as-set', name });
export const ASANY: AsExpression = { type: 'as-any' };
export const ANY: Filter = { type: 'any' };
export const fAsSet = (name: string): Filter => ({ type: 'as-set', name });
export const fAsn = (n: number): Filter => ({ type: 'asn', asn: n });
export const DEFAULT4: Filter = { type: 'prefix-set', prefixes: [{ prefix: '0.0.0.0/0', family: 'ipv4', length: 0 }] };

export interface Rule {
  attribute: PolicyAttributeName;
  peer: AsExpression;
  filter: Filter;
  afis?: AfiSpec[];
  text: string;
}

export const rule = (attribute: PolicyAttributeName, peer: AsExpression, filter: Filter, text: string, afis?: AfiSpec[]): Rule =>
  ({ attribute, peer, filter, text, afis });

function toAst(r: Rule): PolicyAst {
  const peering = { type: 'peering' as const, as: r.peer, text: r.text };
  if (r.attribute === 'default' || r.attribute === 'mp-default') {
    return { attribute: r.attribute, afis: r.afis, body: { type: 'default', peering, actions: [] } };
  }
  return {
    attribute: r.attribute,
    afis: r.afis,
    body: { type: 'term', braced: false, factors: [{ peerings: [{ peering, actions: [] }], filter: r.filter, text: r.text }] },
  };
}

/** A made-up index: aut-nums with rules, plus set objects given as RPSL attributes. */
export function buildIndex(autNums: Record<number, Rule[]>, sets: Array<{ class: string; key: string; attrs: Array<[string, string]> }> = []) {
  const index = new MemoryIndex();
  const parsed = new WeakMap<RpslObject, ParsedPolicy[]>();
  for (const [k, rules] of Object.entries(autNums)) {
    const key = `AS${k}`;
    const object: RpslObject = {
      class: 'aut-num', key, source: 'TEST',
      attributes: [{ name: 'aut-num', value: key, raw: `aut-num: ${key}`, line: 1, column: 10 },
        ...rules.map((r, i) => ({ name: r.attribute, value: r.text, raw: `${r.attribute}: ${r.text}`, line: i + 2, column: 12 }))],
      origin: { input: 'made-up', line: 1 },
    };
    parsed.set(object, rules.map((r, i) => {
      const ast = toAst(r);
      return { attribute: r.attribute, object: key, line: i + 2, text: `${r.attribute}: ${r.text}`, ast, terms: resolveTerms(ast), diagnostics: [] };
    }));
    index.add({ object, provenance: { kind: 'dump', from: 'made-up', date: '2024-01-01' } });
  }
  for (const s of sets) {
    const object: RpslObject = {
      class: s.class, key: s.key, source: 'TEST',
      attributes: [[s.class, s.key] as [string, string], ...s.attrs].map(([name, value], i) => ({ name, value, raw: `${name}: ${value}`, line: i + 1, column: 12 })),
      origin: { input: 'made-up', line: 1 },
    };
    index.add({ object, provenance: { kind: 'dump', from: 'made-up', date: '2024-01-01' } });
  }
  const parser: PolicyParser = (o) => parsed.get(o) ?? [];
  return { index, parser };
}

/** An engine over the made-up objects, written into an in-memory store as ingest writes them. */
export function engineOf(...args: Parameters<typeof buildIndex>): InferenceEngine {
  const { index, parser } = buildIndex(...args);
  const store = Store.memory();
  const ingest = new Ingest(store, parser);
  ingest.writeAll(index.objects());
  ingest.finish();
  return new InferenceEngine(store);
}
