// Small constructors for policy AST literals (grammar/ast.ts), so resolution can be tested
// independently of the parser. They build what the parser is specified to produce.
import type {
  Action,
  AfiSpec,
  AsExpression,
  DefaultPolicy,
  Filter,
  Peering,
  PeeringAction,
  PolicyAst,
  PolicyAttributeName,
  PolicyExpression,
  PolicyFactor,
  RouterExpression,
} from '../../grammar/ast.js';

export const asn = (n: number): AsExpression => ({ type: 'asn', asn: n, text: `AS${n}` });
export const asSet = (name: string): AsExpression => ({ type: 'as-set', name });
export const asAny: AsExpression = { type: 'as-any' };
export const asOp = (type: 'and' | 'or' | 'except', left: AsExpression, right: AsExpression): AsExpression => ({ type, left, right });

/** A peering from an AS expression; numbers and strings are shorthands for ASN / as-set / AS-ANY. */
export function peering(as: AsExpression | number | string, localRouter?: string): Peering {
  const expr: AsExpression =
    typeof as === 'number' ? asn(as) : typeof as === 'string' ? (as === 'AS-ANY' ? asAny : asSet(as)) : as;
  const p: Peering = { type: 'peering', as: expr, text: typeof as === 'object' ? 'expr' : String(as) };
  if (localRouter) p.localRouter = { type: 'address', address: localRouter } satisfies RouterExpression;
  return p;
}
export const prng = (name: string): Peering => ({ type: 'peering-set', name, text: name });

export const pref = (n: number): Action => ({ type: 'assign', attribute: 'PREF', operator: '=', value: { type: 'number', value: n }, text: `pref = ${n}` });
export const med = (n: number): Action => ({ type: 'assign', attribute: 'MED', operator: '=', value: { type: 'number', value: n }, text: `med = ${n}` });

export const ANY: Filter = { type: 'any' };
export const fAsn = (n: number): Filter => ({ type: 'asn', asn: n });
export const fSet = (name: string): Filter => ({ type: 'as-set', name });
export const fPrefixes = (...prefixes: string[]): Filter => ({
  type: 'prefix-set',
  prefixes: prefixes.map((p) => ({ prefix: p, family: p.includes(':') ? 'ipv6' : 'ipv4', length: Number(p.split('/')[1]) })),
});
export const fCommunity = (c: string): Filter => ({ type: 'community', args: [c], text: `community(${c})` });

export function from(p: Peering | number | string, ...actions: Action[]): PeeringAction {
  return { peering: typeof p === 'object' ? p : peering(p), actions };
}

export function factor(peerings: PeeringAction | PeeringAction[], filter: Filter): PolicyFactor {
  return { peerings: Array.isArray(peerings) ? peerings : [peerings], filter, text: 'made-up factor' };
}

export const term = (...factors: PolicyFactor[]): PolicyExpression => ({ type: 'term', braced: factors.length > 1, factors });
export const refine = (left: PolicyExpression, right: PolicyExpression, afis?: AfiSpec[]): PolicyExpression =>
  afis ? { type: 'refine', left, right, afis } : { type: 'refine', left, right };
export const except = (left: PolicyExpression, right: PolicyExpression, afis?: AfiSpec[]): PolicyExpression =>
  afis ? { type: 'except', left, right, afis } : { type: 'except', left, right };

/** `afi('ipv6', 'any.unicast')` → AfiSpec list. */
export function afi(...specs: string[]): AfiSpec[] {
  return specs.map((s) => {
    const [a, safi] = s.split('.') as [AfiSpec['afi'], AfiSpec['safi'] | undefined];
    return safi ? { afi: a, safi } : { afi: a };
  });
}

export function policy(attribute: PolicyAttributeName, body: PolicyExpression | DefaultPolicy, afis?: AfiSpec[]): PolicyAst {
  return afis ? { attribute, afis, body } : { attribute, body };
}

/** Compact text of a term, for readable assertions: `ipv6.unicast import AS1 | ANY AND AS1`. */
export function show(t: { afi: string; direction: string; peerings: PeeringAction[]; filter: Filter }): string {
  const peerings = t.peerings.map((p) => showPeering(p.peering)).join(', ');
  return `${t.afi} ${t.direction} ${peerings} | ${showFilter(t.filter)}`;
}

export function showPeering(p: Peering): string {
  if (p.type === 'peering-set') return p.name;
  return showAs(p.as) + (p.localRouter ? ` at ${JSON.stringify(p.localRouter)}` : '');
}

function showAs(e: AsExpression): string {
  switch (e.type) {
    case 'asn': return `AS${e.asn}`;
    case 'as-set': return e.name;
    case 'as-any': return 'AS-ANY';
    case 'peeras': return 'PeerAS';
    default: return `(${showAs(e.left)} ${e.type.toUpperCase()} ${showAs(e.right)})`;
  }
}

export function showFilter(f: Filter): string {
  switch (f.type) {
    case 'any': return 'ANY';
    case 'asn': return `AS${f.asn}`;
    case 'as-set': return f.name;
    case 'prefix-set': return `{${f.prefixes.map((p) => p.prefix).join(',')}}`;
    case 'community': return f.text;
    case 'not': return `NOT ${showFilter(f.operand)}`;
    case 'and':
    case 'or': return `(${showFilter(f.left)} ${f.type.toUpperCase()} ${showFilter(f.right)})`;
    default: return f.type;
  }
}
