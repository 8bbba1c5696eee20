// Filter classification over AST literals (made-up filters, written to exercise each rule).
import { describe, expect, it } from 'vitest';
import type { AsPathRegex, Filter, PrefixRange, RangeOperator } from '../../grammar/ast.js';
import { classifyFilter, isBogonLikeName, type FilterClassContext } from '../../src/infer/filter-class.js';

const v4 = (prefix: string, op?: RangeOperator): PrefixRange => ({ prefix, family: 'ipv4', length: Number(prefix.split('/')[1]), op });
const v6 = (prefix: string, op?: RangeOperator): PrefixRange => ({ prefix, family: 'ipv6', length: Number(prefix.split('/')[1]), op });
const set = (...prefixes: PrefixRange[]): Filter => ({ type: 'prefix-set', prefixes });
const ANY: Filter = { type: 'any' };
const and = (left: Filter, right: Filter): Filter => ({ type: 'and', left, right });
const or = (left: Filter, right: Filter): Filter => ({ type: 'or', left, right });
const not = (operand: Filter): Filter => ({ type: 'not', operand });
const path = (regex: AsPathRegex): Filter => ({ type: 'as-path', regex, text: '<…>' });
const star = (inner: AsPathRegex): AsPathRegex => ({ type: 'repeat', inner, min: 0, max: null, sameAs: false });
const plus = (inner: AsPathRegex): AsPathRegex => ({ type: 'repeat', inner, min: 1, max: null, sameAs: false });
const plusOp: RangeOperator = { type: 'plus' };

const cls = (f: Filter, ctx: Partial<FilterClassContext> = {}) => classifyFilter(f, { family: 'ipv4', ...ctx }).filterClass;

describe('filter class', () => {
  it('ANY, AS-ANY and the whole prefix space are FULL', () => {
    expect(cls(ANY)).toBe('FULL');
    expect(cls({ type: 'as-any' })).toBe('FULL');
    expect(cls(set(v4('0.0.0.0/0', plusOp)))).toBe('FULL');
    expect(cls(set(v6('::/0', plusOp)), { family: 'ipv6' })).toBe('FULL');
    expect(cls(set(v6('2000::/3', plusOp)), { family: 'ipv6' })).toBe('FULL');
  });

  it('the default route alone is DEFAULT, in its own family only', () => {
    expect(cls(set(v4('0.0.0.0/0')))).toBe('DEFAULT');
    expect(cls(set(v6('::/0')), { family: 'ipv6' })).toBe('DEFAULT');
    expect(cls(set(v4('0.0.0.0/0')), { family: 'ipv6' })).toBe('NONE');
  });

  it('wrong-family prefixes and {} match nothing (NONE)', () => {
    expect(cls(set(v4('192.0.2.0/24')), { family: 'ipv6' })).toBe('NONE');
    expect(cls(set())).toBe('NONE');
    expect(cls(set(v4('192.0.2.0/24'), v6('2001:db8::/32')), { family: 'ipv6' })).toBe('RESTRICTED');
  });

  it('specific origins are RESTRICTED', () => {
    expect(cls({ type: 'asn', asn: 64500 })).toBe('RESTRICTED');
    expect(cls({ type: 'as-set', name: 'AS-HURRICANE' })).toBe('RESTRICTED');
    expect(cls({ type: 'peeras' })).toBe('RESTRICTED');
    expect(cls(set(v4('192.0.2.0/24', plusOp)))).toBe('RESTRICTED');
  });

  it('prefix-length bounds on the whole space keep FULL; missing the bulk of the table does not', () => {
    expect(cls(set(v4('0.0.0.0/0', { type: 'range', n: 8, m: 24 })))).toBe('FULL');
    expect(cls(set(v4('0.0.0.0/0', { type: 'exact', n: 32 })))).toBe('RESTRICTED');
    expect(cls({ type: 'prefix-set', prefixes: [v4('0.0.0.0/0')], op: { type: 'range', n: 0, m: 24 } })).toBe('FULL');
  });

  it('exclusions keep FULL: ANY AND NOT {0.0.0.0/0}, NOT fltr-martian, NOT AS-FOO', () => {
    expect(cls(and(ANY, not(set(v4('0.0.0.0/0')))))).toBe('FULL');
    expect(cls(not({ type: 'filter-set', name: 'FLTR-MARTIAN' }))).toBe('FULL');
    expect(cls(and(ANY, not({ type: 'as-set', name: 'AS-BAD' })))).toBe('FULL');
    expect(cls(not(ANY))).toBe('NONE');
    expect(cls(and(ANY, not(ANY)))).toBe('NONE');
  });

  it('community filters narrow without changing the class; alone they are RESTRICTED', () => {
    const comm: Filter = { type: 'community', method: 'contains', args: ['65000:100'], text: 'community.contains(65000:100)' };
    expect(cls(and(ANY, comm))).toBe('FULL');
    expect(cls(and(comm, { type: 'as-set', name: 'AS-FOO' }))).toBe('RESTRICTED');
    expect(cls(comm)).toBe('RESTRICTED');
    expect(cls(and(set(v4('0.0.0.0/0')), comm))).toBe('DEFAULT');
  });

  it('AND takes the narrower, OR the wider', () => {
    expect(cls(and(ANY, { type: 'asn', asn: 1 }))).toBe('RESTRICTED');
    expect(cls(or({ type: 'asn', asn: 1 }, ANY))).toBe('FULL');
    expect(cls(or({ type: 'asn', asn: 1 }, set(v4('0.0.0.0/0'))))).toBe('DEFAULT');
    expect(cls(and(set(v4('192.0.2.0/24')), set(v6('2001:db8::/32'))))).toBe('NONE');
  });

  it('AS-path: <.*> FULL, anchored on the neighbour then .* FULL, anchored specific RESTRICTED', () => {
    expect(cls(path(star({ type: 'wildcard' })))).toBe('FULL');
    const viaNeighbour = path({ type: 'seq', items: [{ type: 'bol' }, { type: 'asn', asn: 1299 }, star({ type: 'wildcard' }), { type: 'eol' }] });
    expect(cls(viaNeighbour, { neighbour: 1299 })).toBe('FULL');
    expect(cls(viaNeighbour, { neighbour: 174 })).toBe('RESTRICTED');
    expect(cls(path({ type: 'seq', items: [{ type: 'bol' }, plus({ type: 'peeras' }), { type: 'eol' }] }))).toBe('RESTRICTED');
    expect(cls(path({ type: 'seq', items: [{ type: 'bol' }, plus({ type: 'peeras' }), star({ type: 'wildcard' })] }))).toBe('FULL');
    // <[^AS64512-AS65535]*>: any path without private ASNs — a bogon exclusion.
    expect(cls(path(star({ type: 'class', negated: true, members: [{ type: 'range', from: 64512, to: 65535 }] })))).toBe('FULL');
    expect(cls(not(path({ type: 'seq', items: [star({ type: 'wildcard' }), { type: 'asn', asn: 666 }, star({ type: 'wildcard' })] })))).toBe('FULL');
  });

  it('filter-sets are expanded when present, guessed by name and said so when not', () => {
    const filterSet = (name: string) => (name === 'FLTR-UPSTREAM' ? and(ANY, not(set(v4('10.0.0.0/8', plusOp)))) : name === 'FLTR-LOOP' ? ({ type: 'filter-set', name: 'FLTR-LOOP' } as Filter) : undefined);
    expect(classifyFilter({ type: 'filter-set', name: 'FLTR-UPSTREAM' }, { family: 'ipv4', filterSet }).filterClass).toBe('FULL');
    const missing = classifyFilter({ type: 'filter-set', name: 'FLTR-CUSTOMERS' }, { family: 'ipv4', filterSet });
    expect(missing.filterClass).toBe('RESTRICTED');
    expect(missing.notes.join()).toMatch(/FLTR-CUSTOMERS not in the data/);
    const loop = classifyFilter({ type: 'filter-set', name: 'FLTR-LOOP' }, { family: 'ipv4', filterSet });
    expect(loop.notes.join()).toMatch(/refers to itself/);
    expect(isBogonLikeName('FLTR-MARTIAN')).toBe(true);
    expect(isBogonLikeName('AS1:FLTR-BOGONS-V6')).toBe(true);
    expect(isBogonLikeName('FLTR-CUSTOMERS')).toBe(false);
  });

  it('a route-set with nothing in the family is NONE', () => {
    const routeSetHasFamily = (name: string, fam: string) => (name === 'RS-V4ONLY' ? fam === 'ipv4' : undefined);
    expect(cls({ type: 'route-set', name: 'RS-V4ONLY' }, { family: 'ipv6', routeSetHasFamily })).toBe('NONE');
    expect(cls({ type: 'route-set', name: 'RS-V4ONLY' }, { family: 'ipv4', routeSetHasFamily })).toBe('RESTRICTED');
    expect(cls({ type: 'route-set', name: 'RS-UNKNOWN' }, { family: 'ipv6', routeSetHasFamily })).toBe('RESTRICTED');
  });
});
