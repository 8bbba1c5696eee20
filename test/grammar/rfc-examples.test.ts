// The policy examples of RFC 2622 §5.6/§6 and RFC 4012 §2–4, written from the RFC text
// (the RFC pages were not reachable from this machine: the lines below are the examples as
// quoted by rpsl-rs's RFC test-suite and as remembered from the RFCs; the few marked
// "shape of" follow an RFC example's structure with the names the RFC uses).
import { describe, expect, it } from 'vitest';
import { parsePolicyValue } from '../../grammar/index.js';
import { ok, onlyFactor, strip } from './helpers.js';

const prefix = (p: string, family: 'ipv4' | 'ipv6', length: number, op?: object) => ({ prefix: p, family, length, ...(op ? { op } : {}) });

describe('RFC 2622 §5.6 peerings', () => {
  it('AS2 7.7.7.2 at 7.7.7.1: remote and local router', () => {
    const f = onlyFactor(ok('import', 'from AS2 7.7.7.2 at 7.7.7.1 accept { 128.9.0.0/16 }'));
    expect(strip(f.peerings[0].peering)).toEqual({
      type: 'peering', as: { type: 'asn', asn: 2 },
      remoteRouter: { type: 'address', address: '7.7.7.2' }, localRouter: { type: 'address', address: '7.7.7.1' },
    });
    expect(f.filter).toEqual({ type: 'prefix-set', prefixes: [prefix('128.9.0.0/16', 'ipv4', 16)] });
  });

  it('AS2 at 7.7.7.1, AS-FOO at 9.9.9.1, a bare AS and a peering-set', () => {
    expect(strip(onlyFactor(ok('import', 'from AS2 at 7.7.7.1 accept { 128.9.0.0/16 }')).peerings[0].peering)).toEqual({
      type: 'peering', as: { type: 'asn', asn: 2 }, localRouter: { type: 'address', address: '7.7.7.1' },
    });
    expect(strip(onlyFactor(ok('import', 'from AS-FOO at 9.9.9.1 accept { 128.9.0.0/16 }')).peerings[0].peering)).toEqual({
      type: 'peering', as: { type: 'as-set', name: 'AS-FOO' }, localRouter: { type: 'address', address: '9.9.9.1' },
    });
    expect(onlyFactor(ok('import', 'from prng-foo accept { 128.9.0.0/16 }')).peerings[0].peering).toEqual({
      type: 'peering-set', name: 'PRNG-FOO', text: 'prng-foo',
    });
  });
});

describe('RFC 2622 §5.6 example outside its own grammar', () => {
  it('from AS-FOO and not AS2 at not 7.7.7.1: read as EXCEPT and a NOT router, with warnings', () => {
    const r = parsePolicyValue('import', 'from AS-FOO and not AS2 at not 7.7.7.1 accept { 128.9.0.0/16 }');
    expect(r.ast).toBeDefined();
    expect(r.problems.map((p) => p.severity)).toEqual(['warning', 'warning']);
    expect(strip(onlyFactor(r.ast!).peerings[0].peering)).toEqual({
      type: 'peering',
      as: { type: 'except', left: { type: 'as-set', name: 'AS-FOO' }, right: { type: 'asn', asn: 2 } },
      localRouter: { type: 'not', operand: { type: 'address', address: '7.7.7.1' } },
    });
  });
});

describe('RFC 2622 §6.1 import and §6.1.1 actions', () => {
  it('from AS2 action pref = 1; accept { 128.9.0.0/16 }', () => {
    const f = onlyFactor(ok('import', 'from AS2 action pref = 1; accept { 128.9.0.0/16 }'));
    expect(f.peerings[0].actions).toEqual([{ type: 'assign', attribute: 'pref', operator: '=', value: { type: 'number', value: 1 }, text: 'pref = 1' }]);
  });

  it('pref, med and a community.append method call', () => {
    const f = onlyFactor(ok('import', 'from AS2 action pref = 10; med = 0; community.append(10250, 3561:10); accept { 128.9.0.0/16 }'));
    expect(strip(f.peerings[0].actions)).toEqual([
      { type: 'assign', attribute: 'pref', operator: '=', value: { type: 'number', value: 10 } },
      { type: 'assign', attribute: 'med', operator: '=', value: { type: 'number', value: 0 } },
      { type: 'call', attribute: 'community', method: 'append', args: [{ type: 'number', value: 10250 }, { type: 'word', value: '3561:10' }] },
    ]);
  });

  it('two peerings with their own actions share one filter', () => {
    const f = onlyFactor(ok('import', 'from AS2 7.7.7.2 at 7.7.7.1 action pref = 1; from AS2 action pref = 2; accept AS4'));
    expect(f.peerings).toHaveLength(2);
    expect(f.peerings.map((p) => (p.actions[0].type === 'assign' ? p.actions[0].value : null))).toEqual([
      { type: 'number', value: 1 }, { type: 'number', value: 2 },
    ]);
    expect(f.filter).toEqual({ type: 'asn', asn: 4 });
    expect(f.text).toBe('from AS2 7.7.7.2 at 7.7.7.1 action pref = 1; from AS2 action pref = 2; accept AS4');
  });

  it('§7 dictionary actions: aspath.prepend, community .=, next-hop, operators (those outside Appendix A warn)', () => {
    const r = parsePolicyValue('import', 'from AS1 action aspath.prepend(AS1, AS1); community .= { 70 }; next-hop = 7.7.7.7; med += 5; dpa <<= 2; accept ANY');
    // RFC 2622 Appendix A gives med and dpa only '=': the others are kept, with a warning each.
    expect(r.problems.map((p) => [p.offset, p.message])).toEqual([
      [83, "med has no operator '+=' (only '=') (RFC 2622 Appendix A); the rule is kept"],
      [93, "dpa has no operator '<<=' (only '=') (RFC 2622 Appendix A); the rule is kept"],
    ]);
    const f = onlyFactor(r.ast!);
    expect(strip(f.peerings[0].actions)).toEqual([
      { type: 'call', attribute: 'aspath', method: 'prepend', args: [{ type: 'asn', asn: 1 }, { type: 'asn', asn: 1 }] },
      { type: 'assign', attribute: 'community', operator: '.=', value: { type: 'list', items: [{ type: 'number', value: 70 }] } },
      { type: 'assign', attribute: 'next-hop', operator: '=', value: { type: 'word', value: '7.7.7.7' } },
      { type: 'assign', attribute: 'med', operator: '+=', value: { type: 'number', value: 5 } },
      { type: 'assign', attribute: 'dpa', operator: '<<=', value: { type: 'number', value: 2 } },
    ]);
  });
});

describe('RFC 2622 §6.2 export, §6.3 protocol, §6.5 default', () => {
  it('to AS2 action med = 5; community .= { 70 }; announce AS4', () => {
    const ast = ok('export', 'to AS2 action med = 5; community .= { 70 }; announce AS4');
    const f = onlyFactor(ast);
    expect(strip(f.peerings[0].peering.type === 'peering' && f.peerings[0].peering.as)).toEqual({ type: 'asn', asn: 2 });
    expect(f.peerings[0].actions.map((a) => a.attribute)).toEqual(['med', 'community']);
    expect(f.filter).toEqual({ type: 'asn', asn: 4 });
  });

  it('protocol BGP4 into RIP (shape of §6.3)', () => {
    const ast = ok('export', 'protocol BGP4 into RIP to AS1 announce AS2');
    expect(ast.protocol).toBe('BGP4');
    expect(ast.into).toBe('RIP');
    expect(onlyFactor(ast).filter).toEqual({ type: 'asn', asn: 2 });
  });

  it('default: with action and networks, and the plain form', () => {
    const d = ok('default', 'to AS1 action pref = 1; networks { 0.0.0.0/0 }');
    expect(strip(d.body)).toEqual({
      type: 'default',
      peering: { type: 'peering', as: { type: 'asn', asn: 1 } },
      actions: [{ type: 'assign', attribute: 'pref', operator: '=', value: { type: 'number', value: 1 } }],
      networks: { type: 'prefix-set', prefixes: [prefix('0.0.0.0/0', 'ipv4', 0)] },
    });
    expect(strip(ok('default', 'to AS2 7.7.7.2 at 7.7.7.1').body)).toEqual({
      type: 'default',
      peering: { type: 'peering', as: { type: 'asn', asn: 2 }, remoteRouter: { type: 'address', address: '7.7.7.2' }, localRouter: { type: 'address', address: '7.7.7.1' } },
      actions: [],
    });
  });
});

describe('RFC 2622 §6.6 structured policies', () => {
  it('EXCEPT with nested braces (the RFC text), right-associative', () => {
    const ast = ok('import', `from AS1 action pref = 1; accept as-foo;
        except { from AS2 action pref = 2; accept AS226;
                 except { from AS3 action pref = 3; accept {128.9.0.0/16}; } }`);
    const body = strip(ast.body) as any;
    expect(body.type).toBe('except');
    expect(body.left.factors[0].filter).toEqual({ type: 'as-set', name: 'AS-FOO' });
    expect(body.right.type).toBe('except');
    expect(body.right.left.factors[0].filter).toEqual({ type: 'asn', asn: 226 });
    expect(body.right.right.factors[0].filter.type).toBe('prefix-set');
  });

  it('REFINE of a community-tagged block by per-peer filters', () => {
    const ast = ok('import', `{ from AS-ANY action pref = 1; accept community(3560:10);
        from AS-ANY action pref = 2; accept community(3560:20); }
      refine { from AS1 accept AS1; from AS2 accept AS2; from AS3 accept AS3; }`);
    const body = ast.body as any;
    expect(body.type).toBe('refine');
    expect(body.left.braced).toBe(true);
    expect(body.left.factors.map((f: any) => strip(f.filter))).toEqual([
      { type: 'community', args: ['3560:10'] }, { type: 'community', args: ['3560:20'] },
    ]);
    expect(body.right.factors.map((f: any) => f.filter.asn)).toEqual([1, 2, 3]);
  });

  it('cascaded REFINE … EXCEPT (shape of §6.6) nests to the right', () => {
    const ast = ok('import', `{ from AS-ANY action pref = 1; accept community(3560:10); from AS-ANY action pref = 4; accept ANY; }
      refine { from AS1 accept AS1; from AS2 accept AS2; }
      except { from AS2 at 7.7.7.1 accept AS3; }`);
    const body = ast.body as any;
    expect(body.type).toBe('refine');
    expect(body.right.type).toBe('except');
    expect(body.right.right.factors[0].filter).toEqual({ type: 'asn', asn: 3 });
  });
});

describe('RFC 4012 §2–4 (RPSLng)', () => {
  it('§2.5.3: except afi any.unicast { … } except afi ipv6.unicast { … }', () => {
    const ast = ok('mp-import', `afi any.unicast from AS65001 accept as-foo;
        except afi any.unicast { from AS65002 accept AS65226; }
        except afi ipv6.unicast { from AS65003 accept {2001:0DB8::/32}; }`);
    expect(ast.afis).toEqual([{ afi: 'any', safi: 'unicast' }]);
    const body = ast.body as any;
    expect(body.type).toBe('except');
    expect(body.afis).toEqual([{ afi: 'any', safi: 'unicast' }]);
    expect(body.right.type).toBe('except');
    expect(body.right.afis).toEqual([{ afi: 'ipv6', safi: 'unicast' }]);
    expect(body.right.right.factors[0].filter).toEqual({ type: 'prefix-set', prefixes: [prefix('2001:db8::/32', 'ipv6', 32)] });
  });

  it('§2.5.1 mp-peering with IPv6 router addresses (and §4.4 peering AS65002 2001:0DB8::1 at 2001:0DB8::2)', () => {
    const f = onlyFactor(ok('mp-import', 'afi ipv6.unicast from AS65002 2001:0DB8::1 at 2001:0DB8::2 accept AS65002'));
    expect(strip(f.peerings[0].peering)).toEqual({
      type: 'peering', as: { type: 'asn', asn: 65002 },
      remoteRouter: { type: 'address', address: '2001:db8::1' }, localRouter: { type: 'address', address: '2001:db8::2' },
    });
  });

  it('§2.5: an IPv4 prefix in an ipv6.unicast policy parses (it then matches nothing)', () => {
    const ast = ok('mp-import', 'afi ipv6.unicast from AS1 accept {192.0.2.0/24}');
    expect(onlyFactor(ast).filter).toEqual({ type: 'prefix-set', prefixes: [prefix('192.0.2.0/24', 'ipv4', 24)] });
  });

  it('§2.2 afi lists; §4.2/§4.3 mixed-family prefix sets with range operators', () => {
    const ast = ok('mp-export', 'afi ipv4.unicast, ipv6.unicast, any.multicast, ipv6 to AS65001 announce {2001:0DB8::/32^+, 192.0.2.0/24^+}');
    expect(ast.afis).toEqual([{ afi: 'ipv4', safi: 'unicast' }, { afi: 'ipv6', safi: 'unicast' }, { afi: 'any', safi: 'multicast' }, { afi: 'ipv6' }]);
    expect(onlyFactor(ast).filter).toEqual({
      type: 'prefix-set',
      prefixes: [prefix('2001:db8::/32', 'ipv6', 32, { type: 'plus' }), prefix('192.0.2.0/24', 'ipv4', 24, { type: 'plus' })],
    });
  });

  it('mp-default with an afi list', () => {
    const ast = ok('mp-default', 'afi ipv6.unicast to AS65001 action pref = 1; networks ANY');
    expect(ast.afis).toEqual([{ afi: 'ipv6', safi: 'unicast' }]);
    expect(strip(ast.body)).toMatchObject({ type: 'default', networks: { type: 'any' } });
  });
});
