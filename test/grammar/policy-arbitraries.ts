// fast-check arbitraries of policy ASTs (every construct of grammar/ast.ts), shared by the
// print ∘ parse round trip (properties.test.ts) and the fast-parser differential test: a
// printed random AST is a valid value that uses the whole grammar.
import fc from 'fast-check';
import type {
  Action, ActionValue, AfiSpec, AsExpression, AsPathClassMember, AsPathRegex, Filter, Peering, PeeringAction,
  PolicyAst, PolicyAttributeName, PolicyExpression, PolicyFactor, PrefixRange, RangeOperator, RouterExpression,
} from '../../grammar/ast.js';
import { ipv6Text } from '../../grammar/values.js';

export const ATTRIBUTES: PolicyAttributeName[] = ['import', 'export', 'default', 'mp-import', 'mp-export', 'mp-default', 'import-via', 'export-via'];

const setName = (prefix: string) => fc.tuple(fc.option(fc.integer({ min: 1, max: 70000 }), { nil: undefined }), fc.stringMatching(/^[A-Z][A-Z0-9_-]{0,6}[A-Z0-9]$/))
  .map(([asn, n]) => (asn ? `AS${asn}:${prefix}-${n}` : `${prefix}-${n}`));
const asnNum = fc.oneof(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 4294967295 }));

const rangeOp = (max: number): fc.Arbitrary<RangeOperator> => fc.oneof(
  fc.constant({ type: 'minus' as const }),
  fc.constant({ type: 'plus' as const }),
  fc.integer({ min: 0, max }).map((n) => ({ type: 'exact' as const, n })),
  fc.tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max })).map(([a, b]) => ({ type: 'range' as const, n: Math.min(a, b), m: Math.max(a, b) })),
);
const withOptOp = <T extends object>(base: fc.Arbitrary<T>, max = 32) =>
  fc.tuple(base, fc.option(rangeOp(max), { nil: undefined })).map(([b, op]) => (op ? { ...b, op } : b));

/** `bits`-bit groups with only the first `len` bits of the whole kept (no host bits). */
const masked = (groups: number[], bits: number, len: number) =>
  groups.map((g, i) => g & (((2 ** bits - 1) << (bits - Math.max(0, Math.min(bits, len - bits * i)))) & (2 ** bits - 1)));

/** A prefix's own range operator: lengths from its own length (below it is a warning). */
const ownRangeOp = (len: number, max: number): fc.Arbitrary<RangeOperator> => fc.oneof(
  fc.constant({ type: 'minus' as const }),
  fc.constant({ type: 'plus' as const }),
  fc.integer({ min: len, max }).map((n) => ({ type: 'exact' as const, n })),
  fc.tuple(fc.integer({ min: len, max }), fc.integer({ min: len, max })).map(([a, b]) => ({ type: 'range' as const, n: Math.min(a, b), m: Math.max(a, b) })),
);
const withOwnOp = (max: number) => (p: PrefixRange) =>
  fc.option(ownRangeOp(p.length, max), { nil: undefined }).map((op) => (op ? { ...p, op } : p));

const prefixRange: fc.Arbitrary<PrefixRange> = fc.oneof(
  fc.tuple(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 32 }))
    .map(([o, len]) => ({ prefix: `${masked(o, 8, len).join('.')}/${len}`, family: 'ipv4' as const, length: len }))
    .chain(withOwnOp(32)),
  fc.tuple(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 65535 })), { minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 128 }))
    .map(([g, len]) => ({ prefix: `${ipv6Text(masked(g, 16, len))}/${len}`, family: 'ipv6' as const, length: len }))
    .chain(withOwnOp(128)),
);

const { regex } = fc.letrec<{ regex: AsPathRegex; item: AsPathRegex; atom: AsPathRegex }>((tie) => ({
  atom: fc.oneof(
    { depthSize: 'small' },
    asnNum.map((asn) => ({ type: 'asn' as const, asn })),
    setName('AS').map((name) => ({ type: 'as-set' as const, name })),
    fc.constant({ type: 'peeras' as const }),
    fc.constant({ type: 'wildcard' as const }),
    fc.constant({ type: 'bol' as const }),
    fc.constant({ type: 'eol' as const }),
    fc.tuple(fc.boolean(), fc.array(fc.oneof(
      asnNum.map((asn): AsPathClassMember => ({ type: 'asn', asn })),
      fc.tuple(asnNum, asnNum).map(([a, b]): AsPathClassMember => ({ type: 'range', from: Math.min(a, b), to: Math.max(a, b) })),
      setName('AS').map((name): AsPathClassMember => ({ type: 'as-set', name })),
      fc.constant<AsPathClassMember>({ type: 'peeras' }),
      fc.constant<AsPathClassMember>({ type: 'wildcard' }),
    ), { maxLength: 3 })).map(([negated, members]) => ({ type: 'class' as const, negated, members })),
    tie('regex').map((inner) => ({ type: 'group' as const, inner })),
  ),
  item: fc.oneof(
    tie('atom'),
    fc.tuple(tie('atom'), fc.integer({ min: 0, max: 3 }), fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }), fc.boolean())
      .filter(([a]) => a.type !== 'bol' && a.type !== 'eol')
      .map(([inner, min, max, sameAs]) => ({ type: 'repeat' as const, inner, min: max === null ? min : Math.min(min, max), max: max === null ? null : Math.max(min, max), sameAs })),
  ),
  regex: fc.array(fc.array(tie('item'), { maxLength: 3 }).map((items) => (items.length === 1 ? items[0] : { type: 'seq' as const, items })), { minLength: 1, maxLength: 2 })
    .map((alternatives) => (alternatives.length === 1 ? alternatives[0] : { type: 'alt' as const, alternatives })),
}));

const { filter } = fc.letrec<{ filter: Filter }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Filter>({ type: 'any' }, { type: 'as-any' }, { type: 'rs-any' }),
    withOptOp(fc.constant({ type: 'peeras' as const })),
    withOptOp(asnNum.map((asn) => ({ type: 'asn' as const, asn }))),
    withOptOp(setName('AS').map((name) => ({ type: 'as-set' as const, name }))),
    withOptOp(setName('RS').map((name) => ({ type: 'route-set' as const, name }))),
    setName('FLTR').map((name) => ({ type: 'filter-set' as const, name })),
    // An operator on the set applies to every member: ^- and ^+ fit any of them.
    fc.tuple(fc.array(prefixRange, { maxLength: 3 }), fc.constantFrom<RangeOperator | undefined>(undefined, { type: 'minus' }, { type: 'plus' }))
      .map(([prefixes, op]) => (op ? { type: 'prefix-set' as const, prefixes, op } : { type: 'prefix-set' as const, prefixes })),
    regex.map((r) => ({ type: 'as-path' as const, regex: r, text: '' })),
    fc.tuple(fc.constantFrom(undefined, 'contains', '=='), fc.array(fc.constantFrom('NO_EXPORT', '3560:10', '65535:65281', '7'), { maxLength: 3 }))
      .map(([method, args]) => (method ? { type: 'community' as const, method, args, text: '' } : { type: 'community' as const, args, text: '' })),
    tie('filter').map((operand) => ({ type: 'not' as const, operand })),
    fc.tuple(fc.constantFrom('and' as const, 'or' as const), tie('filter'), tie('filter')).map(([type, left, right]) => ({ type, left, right })),
  ),
}));

const { asExpr } = fc.letrec<{ asExpr: AsExpression }>((tie) => ({
  asExpr: fc.oneof(
    { depthSize: 'small' },
    asnNum.map((asn) => ({ type: 'asn' as const, asn, text: '' })),
    setName('AS').map((name) => ({ type: 'as-set' as const, name })),
    fc.constant({ type: 'as-any' as const }),
    fc.tuple(fc.constantFrom('and' as const, 'or' as const, 'except' as const), tie('asExpr'), tie('asExpr')).map(([type, left, right]) => ({ type, left, right })),
  ),
}));

const { router } = fc.letrec<{ router: RouterExpression }>((tie) => ({
  router: fc.oneof(
    { depthSize: 'small' },
    fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }).map((o) => ({ type: 'address' as const, address: o.join('.') })),
    fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: 8, maxLength: 8 }).map((g) => ({ type: 'address' as const, address: ipv6Text(g) })),
    fc.constantFrom('rtr1.example.net', 'core.ams.example').map((name) => ({ type: 'dns' as const, name })),
    setName('RTRS').map((name) => ({ type: 'rtrs-set' as const, name })),
    fc.tuple(fc.constantFrom('and' as const, 'or' as const, 'except' as const), tie('router'), tie('router')).map(([type, left, right]) => ({ type, left, right })),
  ),
}));

const peering: fc.Arbitrary<Peering> = fc.oneof(
  setName('PRNG').map((name) => ({ type: 'peering-set' as const, name, text: '' })),
  fc.tuple(asExpr, fc.option(router, { nil: undefined }), fc.option(router, { nil: undefined })).map(([as, r, l]) => {
    const p: Peering = { type: 'peering', as, text: '' };
    if (r) p.remoteRouter = r;
    if (l) p.localRouter = l;
    return p;
  }),
);

const { value } = fc.letrec<{ value: ActionValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.nat().map((n) => ({ type: 'number' as const, value: n })),
    asnNum.map((asn) => ({ type: 'asn' as const, asn })),
    fc.constantFrom('NO_EXPORT', 'igp_cost', '3561:10', '7.7.7.7', 'self').map((v) => ({ type: 'word' as const, value: v })),
    fc.array(tie('value'), { maxLength: 3 }).map((items) => ({ type: 'list' as const, items })),
  ),
}));

/** Actions as RFC 2622's dictionary has them (Appendix A), which the fast parser takes. */
const num = (max: number) => fc.integer({ min: 0, max }).map((value) => ({ type: 'number' as const, value }));
const community = fc.oneof(
  fc.integer({ min: 1, max: 4294967200 }).map((value) => ({ type: 'number' as const, value })),
  fc.constantFrom('NO_EXPORT', 'no_advertise', '3561:10', '65535:0').map((value) => ({ type: 'word' as const, value })),
);
const assign = (attribute: string, operator: string, v: fc.Arbitrary<ActionValue>) =>
  v.map((value): Action => ({ type: 'assign', attribute, operator: operator as any, value, text: '' }));
const call = (attribute: string, method: string, v: fc.Arbitrary<ActionValue>) =>
  fc.array(v, { minLength: 1, maxLength: 3 }).map((args): Action => ({ type: 'call', attribute, method, args, text: '' }));
const dictionaryAction: fc.Arbitrary<Action> = fc.oneof(
  assign('pref', '=', num(65535)),
  assign('med', '=', fc.oneof(num(4294967295), fc.constant({ type: 'word' as const, value: 'igp_cost' }))),
  assign('dpa', '=', num(4294967295)),
  assign('cost', '=', num(65535)),
  assign('next-hop', '=', fc.constantFrom('7.7.7.7', '2001:db8::1', 'self').map((value) => ({ type: 'word' as const, value }))),
  assign('community', '.=', fc.array(community, { maxLength: 3 }).map((items) => ({ type: 'list' as const, items }))),
  call('community', 'append', community),
  call('aspath', 'prepend', asnNum.map((asn) => ({ type: 'asn' as const, asn }))),
);

/** Any shape the grammar reads, most of them outside the dictionary (a warning each). */
const anyAction: fc.Arbitrary<Action> = fc.oneof(
  fc.tuple(fc.constantFrom('pref', 'med', 'community', 'next-hop', 'dpa'), fc.constantFrom('=', '.=', '+=', '-=', '*=', '/=', '<<=', '>>=', '==', '!=', '<', '>', '<=', '>=') as fc.Arbitrary<any>, value)
    .map(([attribute, operator, v]) => ({ type: 'assign' as const, attribute, operator, value: v, text: '' })),
  fc.tuple(fc.constantFrom('community', 'aspath'), fc.constantFrom('append', 'delete', 'prepend'), fc.array(value, { maxLength: 3 }))
    .map(([attribute, method, args]) => ({ type: 'call' as const, attribute, method, args, text: '' })),
);

const action: fc.Arbitrary<Action> = fc.oneof({ weight: 30, arbitrary: dictionaryAction }, { weight: 1, arbitrary: anyAction });

const afis: fc.Arbitrary<AfiSpec[]> = fc.array(
  fc.tuple(fc.constantFrom('ipv4' as const, 'ipv6' as const, 'any' as const), fc.constantFrom(undefined, 'unicast' as const, 'multicast' as const))
    .filter(([a, s]) => a !== 'any' || s !== undefined || true)
    .map(([afi, safi]) => (safi ? { afi, safi } : { afi })),
  { minLength: 1, maxLength: 3 },
);

function factor(via: boolean): fc.Arbitrary<PolicyFactor> {
  const pa: fc.Arbitrary<PeeringAction> = fc.tuple(peering, fc.array(action, { maxLength: 2 }), via ? asExpr : fc.constant(undefined))
    .map(([p, actions, v]) => (v ? { peering: p, actions, via: { type: 'peering' as const, as: v, text: '' } } : { peering: p, actions }));
  return fc.tuple(fc.array(pa, { minLength: 1, maxLength: 2 }), filter).map(([peerings, f]) => ({ peerings, filter: f, text: '' }));
}

function expression(via: boolean, mp: boolean): fc.Arbitrary<PolicyExpression> {
  const term = fc.oneof(
    factor(via).map((f): PolicyExpression => ({ type: 'term', braced: false, factors: [f] })),
    fc.array(factor(via), { maxLength: 3 }).map((factors): PolicyExpression => ({ type: 'term', braced: true, factors })),
  );
  const { expr } = fc.letrec<{ expr: PolicyExpression }>((tie) => ({
    expr: fc.oneof(
      { depthSize: 'small' },
      term,
      fc.tuple(fc.constantFrom('except' as const, 'refine' as const), term, mp ? fc.option(afis, { nil: undefined }) : fc.constant(undefined), tie('expr'))
        .map(([type, left, a, right]): PolicyExpression => (a ? { type, left, afis: a, right } : { type, left, right })),
    ),
  }));
  return expr;
}

export const policyAst: fc.Arbitrary<PolicyAst> = fc.constantFrom(...ATTRIBUTES).chain((attribute) => {
  const mp = attribute.startsWith('mp-') || attribute.endsWith('-via');
  const isDefault = attribute.endsWith('default');
  const body = isDefault
    ? fc.tuple(peering, fc.array(action, { maxLength: 2 }), fc.option(filter, { nil: undefined }))
      .map(([p, actions, networks]) => (networks ? { type: 'default' as const, peering: p, actions, networks } : { type: 'default' as const, peering: p, actions }))
    : expression(attribute.endsWith('-via'), mp);
  return fc.tuple(body, fc.option(fc.constantFrom('BGP4', 'OSPF', 'IS-IS'), { nil: undefined }), fc.option(fc.constantFrom('RIP', 'STATIC'), { nil: undefined }), mp ? fc.option(afis, { nil: undefined }) : fc.constant(undefined))
    .map(([b, protocol, into, a]) => {
      const ast: PolicyAst = { attribute, body: b };
      if (protocol) ast.protocol = protocol;
      if (into) ast.into = into;
      if (a) ast.afis = a;
      return ast;
    });
});
