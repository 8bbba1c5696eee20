// Property-based tests (fast-check): the parser never throws, precedence holds, and printing
// an AST then parsing it again gives the same AST.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  Action, ActionValue, AfiSpec, AsExpression, AsPathClassMember, AsPathRegex, Filter, Peering, PeeringAction,
  PolicyAst, PolicyAttributeName, PolicyExpression, PolicyFactor, PrefixRange, RangeOperator, RouterExpression,
} from '../../grammar/ast.js';
import { parsePolicyValue, printPolicy } from '../../grammar/index.js';
import { ipv6Text } from '../../grammar/values.js';
import { strip } from './helpers.js';

const ATTRIBUTES: PolicyAttributeName[] = ['import', 'export', 'default', 'mp-import', 'mp-export', 'mp-default', 'import-via', 'export-via'];

// ---- never throws ---------------------------------------------------------------------

const PIECES = [
  'from', 'to', 'accept', 'announce', 'action', 'at', 'afi', 'protocol', 'into', 'networks', 'EXCEPT', 'REFINE', 'AND', 'OR', 'NOT',
  'ANY', 'AS-ANY', 'RS-ANY', 'PeerAS', 'AS1', 'AS4.603', 'AS4294967296', 'AS-FOO', 'AS1:AS-BAR', 'rs-x', 'fltr-y', 'prng-z', 'rtrs-r',
  'ipv4', 'ipv6.unicast', 'any.multicast', ',', ';', '{', '}', '(', ')', '<', '>', '^', '$', '*', '+', '?', '|', '~', '[', ']', '.',
  '10.0.0.0/8', '2001:db8::/32', '^+', '^-', '^24-32', '7.7.7.1', '::1', '3561:10', '12', 'pref', '=', '.=', '<<=', '==',
  'community', 'community.append', 'rtr.example.net', '<^AS1 .* [AS2-AS3]+$>', '#', '"', '\\', 'é', '\u0000',
];

const fragmentText = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 40 }).map((a) => a.join(' '));

function neverThrows(attribute: PolicyAttributeName, text: string): void {
  const r = parsePolicyValue(attribute, text);
  expect(Array.isArray(r.problems)).toBe(true);
  if (!r.ast) expect(r.problems.some((p) => p.severity === 'error')).toBe(true);
  for (const p of r.problems) {
    expect(p.offset).toBeGreaterThanOrEqual(0);
    expect(p.offset).toBeLessThanOrEqual(text.length);
  }
}

const REAL = [
  'from AS2 7.7.7.2 at 7.7.7.1 action pref = 1; from AS2 action pref = 2; accept AS4',
  'afi any.unicast from AS-NIA:AS-PEER accept PeerAS',
  '{ from AS-ANY action pref = 1; accept community(3560:10); } refine { from AS1 accept AS1; }',
  'afi ipv4 from AS4242420000 accept { 172.16.0.0/12^+, 10.0.0.0/8^+ }',
  'from AS1 accept <^AS1 [AS2 - AS3]* AS4~+ (AS5 | AS6){1,3}$> AND NOT {0.0.0.0/0}',
];

describe('the parser never throws', () => {
  it('on random token soups and random strings', () => {
    fc.assert(fc.property(fc.constantFrom(...ATTRIBUTES), fc.oneof(fragmentText, fc.string({ maxLength: 200 })), (a, t) => neverThrows(a, t)), { numRuns: 1500 });
  });

  it('on mutations of real lines (deletions, insertions, swaps)', () => {
    const mutated = fc.tuple(fc.constantFrom(...REAL), fc.nat(), fc.nat({ max: 12 }), fc.constantFrom(...PIECES, '')).map(([line, at, len, ins]) => {
      const i = at % (line.length + 1);
      return line.slice(0, i) + ins + line.slice(Math.min(line.length, i + len));
    });
    fc.assert(fc.property(fc.constantFrom(...ATTRIBUTES), mutated, (a, t) => neverThrows(a, t)), { numRuns: 1500 });
  });

  it('on pathological sizes: deep nesting and very long values', () => {
    neverThrows('import', `from AS1 accept ${'('.repeat(20000)}AS1${')'.repeat(20000)}`);
    neverThrows('import', `from AS1 accept ${'NOT '.repeat(20000)}AS1`);
    neverThrows('import', `from AS1 accept <${'('.repeat(5000)}AS1${')'.repeat(5000)}>`);
    neverThrows('import', `from AS1 accept <${'AS1 '.repeat(50000)}>`);
    const long = parsePolicyValue('import', `from AS1 accept ${Array.from({ length: 20000 }, (_, i) => `AS${i}`).join(' ')}`);
    expect(long.ast).toBeDefined();
  });
});

// ---- precedence -------------------------------------------------------------------------

const OPERANDS = ['AS1', 'AS-FOO', 'rs-bar', 'fltr-baz', 'ANY', 'PeerAS', '{10.0.0.0/8^+}', '<^AS1 .*>', 'community(65535:1)', '(AS2 OR AS3)', 'AS7^24'];

describe('filter precedence NOT > AND > OR, juxtaposition = OR', () => {
  it('NOT a AND b c = ((NOT a) AND b) OR c', () => {
    fc.assert(fc.property(fc.constantFrom(...OPERANDS), fc.constantFrom(...OPERANDS), fc.constantFrom(...OPERANDS), (a, b, c) => {
      const f = (t: string) => {
        const r = parsePolicyValue('import', `from AS1 accept ${t}`);
        expect(r.problems).toEqual([]);
        return strip((r.ast!.body as any).factors[0].filter);
      };
      const expected = { type: 'or', left: { type: 'and', left: { type: 'not', operand: f(a) }, right: f(b) }, right: f(c) };
      expect(f(`NOT ${a} AND ${b} ${c}`)).toEqual(expected);
      expect(f(`((NOT ${a}) AND ${b}) OR ${c}`)).toEqual(expected);
    }), { numRuns: 300 });
  });
});

// ---- print ∘ parse round trip ---------------------------------------------------------------

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

const prefixRange: fc.Arbitrary<PrefixRange> = fc.oneof(
  withOptOp(fc.tuple(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 32 }))
    .map(([o, len]) => ({ prefix: `${o.join('.')}/${len}`, family: 'ipv4' as const, length: len }))),
  withOptOp(fc.tuple(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 65535 })), { minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 128 }))
    .map(([g, len]) => ({ prefix: `${ipv6Text(g)}/${len}`, family: 'ipv6' as const, length: len })), 128),
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
    withOptOp(fc.array(prefixRange, { maxLength: 3 }).map((prefixes) => ({ type: 'prefix-set' as const, prefixes })), 128),
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

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.tuple(fc.constantFrom('pref', 'med', 'community', 'next-hop', 'dpa'), fc.constantFrom('=', '.=', '+=', '-=', '*=', '/=', '<<=', '>>=', '==', '!=', '<', '>', '<=', '>=') as fc.Arbitrary<any>, value)
    .map(([attribute, operator, v]) => ({ type: 'assign' as const, attribute, operator, value: v, text: '' })),
  fc.tuple(fc.constantFrom('community', 'aspath'), fc.constantFrom('append', 'delete', 'prepend'), fc.array(value, { maxLength: 3 }))
    .map(([attribute, method, args]) => ({ type: 'call' as const, attribute, method, args, text: '' })),
);

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

const policyAst: fc.Arbitrary<PolicyAst> = fc.constantFrom(...ATTRIBUTES).chain((attribute) => {
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

/** OR/AND chains as n-ary lists: the printer prints them flat, so grouping is not kept. */
function ungroup(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(ungroup);
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  if ((o.type === 'and' || o.type === 'or') && 'left' in o && 'right' in o) {
    const items: unknown[] = [];
    const stack: unknown[] = [o];
    while (stack.length) {
      const n = stack.pop() as Record<string, unknown>;
      if (n && n.type === o.type && 'left' in n) stack.push(n.right, n.left);
      else items.push(ungroup(n));
    }
    return { type: o.type, items };
  }
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, ungroup(x)]));
}

describe('printPolicy', () => {
  it('print(ast) parses back to the same AST (text fields and OR/AND grouping aside), and printing is stable', () => {
    fc.assert(fc.property(policyAst, (ast) => {
      const text = printPolicy(ast);
      const r = parsePolicyValue(ast.attribute, text);
      expect(r.problems, text).toEqual([]);
      expect(ungroup(strip(r.ast)), text).toEqual(ungroup(strip(ast)));
      expect(printPolicy(r.ast!)).toBe(text);
    }), { numRuns: 400 });
  });
});
