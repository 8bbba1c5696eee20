import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePolicyValue } from '../../grammar/index.js';
import type { PolicyAttributeName } from '../../grammar/ast.js';
import { parsePolicies } from '../../src/policy/parse.js';
import { referencedPeers } from '../../src/policy/peers.js';
import { readObjects } from '../../src/rpsl/read.js';
import type { RpslObject } from '../../src/rpsl/types.js';
import { familiesOf, resolvePolicy, resolveTerms } from '../../src/policy/afi.js';
import {
  ANY,
  afi,
  asOp,
  asn,
  except,
  factor,
  fAsn,
  fCommunity,
  fPrefixes,
  fSet,
  from,
  med,
  peering,
  policy,
  pref,
  prng,
  refine,
  show,
  showFilter,
  showPeering,
  term,
} from './ast-builders.js';

describe('familiesOf', () => {
  it('plain import/export/default are ipv4.unicast, whatever afi the AST carries', () => {
    for (const attr of ['import', 'export', 'default', 'import-via', 'export-via'] as const) {
      expect(familiesOf(undefined, attr)).toEqual(['ipv4.unicast']);
      expect(familiesOf(afi('ipv6'), attr)).toEqual(['ipv4.unicast']);
    }
  });

  it('mp-* without afi (or with an empty list) covers all four families', () => {
    const all = ['ipv4.unicast', 'ipv4.multicast', 'ipv6.unicast', 'ipv6.multicast'];
    expect(familiesOf(undefined, 'mp-import')).toEqual(all);
    expect(familiesOf([], 'mp-export')).toEqual(all);
    expect(familiesOf(afi('any'), 'mp-default')).toEqual(all);
  });

  it('an afi without safi means both safis; any.unicast both afis', () => {
    expect(familiesOf(afi('ipv6'), 'mp-import')).toEqual(['ipv6.unicast', 'ipv6.multicast']);
    expect(familiesOf(afi('ipv4'), 'mp-import')).toEqual(['ipv4.unicast', 'ipv4.multicast']);
    expect(familiesOf(afi('any.unicast'), 'mp-import')).toEqual(['ipv4.unicast', 'ipv6.unicast']);
    expect(familiesOf(afi('any.multicast'), 'mp-import')).toEqual(['ipv4.multicast', 'ipv6.multicast']);
  });

  it('lists are deduplicated and put in canonical order', () => {
    expect(familiesOf(afi('ipv6.unicast', 'ipv4.unicast'), 'mp-import')).toEqual(['ipv4.unicast', 'ipv6.unicast']);
    expect(familiesOf(afi('ipv6.unicast', 'ipv6', 'ipv6.multicast'), 'mp-export')).toEqual(['ipv6.unicast', 'ipv6.multicast']);
  });
});

describe('resolveTerms: simple policies', () => {
  // The four AS1299 lines quoted in seed/anuragbhatia-blog-excerpts.txt (real RADB lines), as ASTs:
  //   import: from AS6939 action pref=50; accept AS-HURRICANE
  //   export: to AS6939 announce ANY
  //   mp-import: afi ipv6 from AS6939 accept AS-HURRICANE
  //   mp-export: afi ipv6 to AS6939 announce AS-TELIANET-V6
  it('seed lines: import/export are ipv4.unicast only, mp-* afi ipv6 is ipv6 only', () => {
    const imp = resolveTerms(policy('import', term(factor(from(6939, pref(50)), fSet('AS-HURRICANE')))));
    expect(imp.map(show)).toEqual(['ipv4.unicast import AS6939 | AS-HURRICANE']);
    expect(imp[0].peerings[0].actions).toEqual([pref(50)]);
    expect(imp[0].origin).toBe('factor');

    const exp = resolveTerms(policy('export', term(factor(from(6939), ANY))));
    expect(exp.map(show)).toEqual(['ipv4.unicast export AS6939 | ANY']);

    const mpImp = resolveTerms(policy('mp-import', term(factor(from(6939), fSet('AS-HURRICANE'))), afi('ipv6')));
    expect(mpImp.map(show)).toEqual(['ipv6.unicast import AS6939 | AS-HURRICANE', 'ipv6.multicast import AS6939 | AS-HURRICANE']);

    const mpExp = resolveTerms(policy('mp-export', term(factor(from(6939), fSet('AS-TELIANET-V6'))), afi('ipv6')));
    expect(mpExp.map((t) => t.afi)).toEqual(['ipv6.unicast', 'ipv6.multicast']);
    expect(mpExp.every((t) => t.direction === 'export' && t.afi.startsWith('ipv6'))).toBe(true);
  });

  it('an afi list on a plain import is ignored: still ipv4.unicast only', () => {
    const terms = resolveTerms(policy('import', term(factor(from(1), ANY)), afi('ipv6.unicast')));
    expect(terms.map((t) => t.afi)).toEqual(['ipv4.unicast']);
  });

  it('mp-import without afi yields one term per family', () => {
    const terms = resolveTerms(policy('mp-import', term(factor(from(1), ANY))));
    expect(terms.map(show)).toEqual([
      'ipv4.unicast import AS1 | ANY',
      'ipv4.multicast import AS1 | ANY',
      'ipv6.unicast import AS1 | ANY',
      'ipv6.multicast import AS1 | ANY',
    ]);
  });

  it('afi ipv4.unicast, ipv6.unicast: a block of factors gives one term per factor per family', () => {
    const f1 = factor(from(1), fAsn(1));
    const f2 = factor([from(2), from(3)], fSet('AS-FOO'));
    const terms = resolveTerms(policy('mp-import', term(f1, f2), afi('ipv4.unicast', 'ipv6.unicast')));
    expect(terms.map(show)).toEqual([
      'ipv4.unicast import AS1 | AS1',
      'ipv4.unicast import AS2, AS3 | AS-FOO',
      'ipv6.unicast import AS1 | AS1',
      'ipv6.unicast import AS2, AS3 | AS-FOO',
    ]);
    // Filters and peerings are the AST's own objects, not copies.
    expect(terms[1].filter).toBe(f2.filter);
    expect(terms[1].peerings).toBe(f2.peerings);
  });

  it('a filter of the other family is kept as written (inference decides it matches nothing)', () => {
    // RFC 4012 §2.5: afi ipv6.unicast … accept {192.0.2.0/24} accepts nothing; resolution keeps it.
    const terms = resolveTerms(policy('mp-import', term(factor(from(1), fPrefixes('192.0.2.0/24'))), afi('ipv6.unicast')));
    expect(terms.map(show)).toEqual(['ipv6.unicast import AS1 | {192.0.2.0/24}']);
  });

  it('export-via and import-via: direction from the attribute, via kept', () => {
    const pa = { ...from(2), via: peering(1) };
    const terms = resolveTerms(policy('mp-export-via', term(factor(pa, ANY)), afi('ipv6.unicast')));
    expect(terms).toHaveLength(1);
    expect(terms[0].direction).toBe('export');
    expect(terms[0].peerings[0].via).toEqual(peering(1));
    expect(resolveTerms(policy('import-via', term(factor(pa, ANY))))[0].direction).toBe('import');
  });
});

describe('resolveTerms: default', () => {
  it('default: one ipv4.unicast term, filter ANY when networks is absent', () => {
    const terms = resolveTerms(policy('default', { type: 'default', peering: peering(1), actions: [pref(10)] }));
    expect(terms.map(show)).toEqual(['ipv4.unicast default AS1 | ANY']);
    expect(terms[0].peerings[0].actions).toEqual([pref(10)]);
  });

  it('mp-default: one term per family of its afi list, filter = networks', () => {
    const networks = fPrefixes('2001:db8::/32');
    const terms = resolveTerms(
      policy('mp-default', { type: 'default', peering: peering(2), actions: [], networks }, afi('ipv6.unicast', 'ipv4.multicast')),
    );
    expect(terms.map(show)).toEqual(['ipv4.multicast default AS2 | {2001:db8::/32}', 'ipv6.unicast default AS2 | {2001:db8::/32}']);
    expect(terms[1].filter).toBe(networks);
  });
});

describe('resolveTerms: REFINE', () => {
  it('RFC 2622 §6.6 community example: every pair of factors, filters ANDed, actions kept', () => {
    // import: { from AS-ANY action pref = 1; accept community(3560:10);
    //           from AS-ANY action pref = 2; accept community(3560:20); }
    //         refine { from AS1 accept AS1; from AS2 accept AS2; from AS3 accept AS3; }
    const left = term(factor(from('AS-ANY', pref(1)), fCommunity('3560:10')), factor(from('AS-ANY', pref(2)), fCommunity('3560:20')));
    const right = term(factor(from(1), fAsn(1)), factor(from(2), fAsn(2)), factor(from(3), fAsn(3)));
    const terms = resolveTerms(policy('import', refine(left, right)));
    expect(terms.map(show)).toEqual([
      'ipv4.unicast import AS1 | (community(3560:10) AND AS1)',
      'ipv4.unicast import AS2 | (community(3560:10) AND AS2)',
      'ipv4.unicast import AS3 | (community(3560:10) AND AS3)',
      'ipv4.unicast import AS1 | (community(3560:20) AND AS1)',
      'ipv4.unicast import AS2 | (community(3560:20) AND AS2)',
      'ipv4.unicast import AS3 | (community(3560:20) AND AS3)',
    ]);
    expect(terms.every((t) => t.origin === 'refine')).toBe(true);
    expect(terms[3].peerings[0].actions).toEqual([pref(2)]);
  });

  it('RFC 2622 §6.6 router example: left actions first, then right; the router stays', () => {
    // import: { from AS-ANY action med = 0; accept {0.0.0.0/0^0-18}; }
    //         refine { from AS1 at 7.7.7.1 action pref = 1; accept AS1;
    //                  from AS1 action pref = 2; accept AS1; }
    const left = term(factor(from('AS-ANY', med(0)), fPrefixes('0.0.0.0/0')));
    const right = term(factor(from(peering(1, '7.7.7.1'), pref(1)), fAsn(1)), factor(from(1, pref(2)), fAsn(1)));
    const terms = resolveTerms(policy('import', refine(left, right)));
    expect(terms).toHaveLength(2);
    expect(terms[0].peerings[0].actions).toEqual([med(0), pref(1)]);
    expect(terms[0].peerings[0].peering).toMatchObject({ type: 'peering', localRouter: { type: 'address', address: '7.7.7.1' } });
    expect(terms[1].peerings[0].actions).toEqual([med(0), pref(2)]);
  });

  it('peerings that are both specific are ANDed', () => {
    const terms = resolveTerms(policy('import', refine(term(factor(from('AS-FOO'), ANY)), term(factor(from(1), fAsn(1))))));
    expect(terms.map(show)).toEqual(['ipv4.unicast import (AS-FOO AND AS1) | (ANY AND AS1)']);
    // Every `from` of the left factor with every `from` of the right one.
    const multi = resolveTerms(policy('import', refine(term(factor([from(1), from(2)], ANY)), term(factor([from(3), from(4)], ANY)))));
    expect(multi[0].peerings.map((p) => showPeering(p.peering))).toEqual(['(AS1 AND AS3)', '(AS1 AND AS4)', '(AS2 AND AS3)', '(AS2 AND AS4)']);
    expect(multi[0].peerings[0].peering).toMatchObject({ type: 'peering', as: asOp('and', asn(1), asn(3)) });
  });

  it('AS-ANY refined by a peering-set is that peering-set', () => {
    const terms = resolveTerms(policy('import', refine(term(factor(from('AS-ANY'), ANY)), term(factor(from(prng('AS6774:PRNG-BE-BNIX')), ANY)))));
    expect(terms.map(show)).toEqual(['ipv4.unicast import AS6774:PRNG-BE-BNIX | (ANY AND ANY)']);
  });

  it('afi scoping: REFINE keeps only the families both sides allow', () => {
    // mp-import: afi any.unicast from AS-ANY accept ANY refine afi ipv6.unicast from AS1 accept AS1
    const terms = resolveTerms(
      policy('mp-import', refine(term(factor(from('AS-ANY'), ANY)), term(factor(from(1), fAsn(1))), afi('ipv6.unicast')), afi('any.unicast')),
    );
    expect(terms.map(show)).toEqual(['ipv6.unicast import AS1 | (ANY AND AS1)']);
  });

  it('afi scoping: a right-hand afi wider than the enclosing one does not widen it', () => {
    // mp-import: afi ipv6 from AS-ANY accept ANY refine afi any { from AS1 accept AS1; }
    const terms = resolveTerms(policy('mp-import', refine(term(factor(from('AS-ANY'), ANY)), term(factor(from(1), fAsn(1))), afi('any')), afi('ipv6')));
    expect(terms.map((t) => t.afi)).toEqual(['ipv6.unicast', 'ipv6.multicast']);
  });
});

describe('resolveTerms: EXCEPT', () => {
  it('RFC 2622 §6.6 example: the deepest exception first; each level narrows the ones above', () => {
    // import: from AS1 action pref = 1; accept as-foo;
    //         except { from AS2 action pref = 2; accept AS226;
    //                  except { from AS3 action pref = 3; accept {128.9.0.0/16}; } }
    const inner = except(term(factor(from(2, pref(2)), fAsn(226))), term(factor(from(3, pref(3)), fPrefixes('128.9.0.0/16'))));
    const terms = resolveTerms(policy('import', except(term(factor(from(1, pref(1)), fSet('AS-FOO'))), inner)));
    const b = '((AS226 AND {128.9.0.0/16}) OR (AS226 AND NOT {128.9.0.0/16}))';
    expect(terms.map(show)).toEqual([
      'ipv4.unicast import AS3 | (AS-FOO AND (AS226 AND {128.9.0.0/16}))',
      'ipv4.unicast import AS2 | (AS-FOO AND (AS226 AND NOT {128.9.0.0/16}))',
      `ipv4.unicast import AS1 | (AS-FOO AND NOT ${b})`,
    ]);
    expect(terms.map((t) => t.peerings[0].actions)).toEqual([[pref(3)], [pref(2)], [pref(1)]]);
    expect(terms.every((t) => t.origin === 'except')).toBe(true);
  });

  it('RFC 4012 §2.5.3 example: an exception scoped to ipv6.unicast leaves ipv4 alone', () => {
    // mp-import: afi any.unicast from AS65001 accept as-foo;
    //            except afi any.unicast { from AS65002 accept AS65226; }
    //            except afi ipv6.unicast { from AS65003 accept {2001:0DB8::/32}; }
    // (grouped left to right, as grammar/ast.ts specifies)
    const first = except(term(factor(from(65001), fSet('AS-FOO'))), term(factor(from(65002), fAsn(65226))), afi('any.unicast'));
    const ast = policy('mp-import', except(first, term(factor(from(65003), fPrefixes('2001:db8::/32'))), afi('ipv6.unicast')), afi('any.unicast'));
    const terms = resolveTerms(ast);
    const v4 = terms.filter((t) => t.afi === 'ipv4.unicast').map(show);
    const v6 = terms.filter((t) => t.afi === 'ipv6.unicast').map(show);
    expect(terms.every((t) => t.afi === 'ipv4.unicast' || t.afi === 'ipv6.unicast')).toBe(true);
    expect(v4).toEqual(['ipv4.unicast import AS65002 | (AS-FOO AND AS65226)', 'ipv4.unicast import AS65001 | (AS-FOO AND NOT AS65226)']);
    expect(v6).toEqual([
      'ipv6.unicast import AS65003 | (((AS-FOO AND AS65226) OR (AS-FOO AND NOT AS65226)) AND {2001:db8::/32})',
      'ipv6.unicast import AS65002 | ((AS-FOO AND AS65226) AND NOT {2001:db8::/32})',
      'ipv6.unicast import AS65001 | ((AS-FOO AND NOT AS65226) AND NOT {2001:db8::/32})',
    ]);
  });

  it('an exception without afi applies wherever the policy does, and only there', () => {
    // mp-import: afi ipv6.unicast from AS1 accept ANY except from AS2 accept AS2
    const terms = resolveTerms(policy('mp-import', except(term(factor(from(1), ANY)), term(factor(from(2), fAsn(2)))), afi('ipv6.unicast')));
    expect(terms.map(show)).toEqual(['ipv6.unicast import AS2 | (ANY AND AS2)', 'ipv6.unicast import AS1 | (ANY AND NOT AS2)']);
  });

  it('several factors on each side: linear, not pairwise', () => {
    const left = term(factor(from(1), fAsn(1)), factor(from(2), fAsn(2)));
    const right = term(factor(from(3), fAsn(3)), factor(from(4), fAsn(4)));
    const terms = resolveTerms(policy('export', except(left, right)));
    expect(terms.map(show)).toEqual([
      'ipv4.unicast export AS3 | ((AS1 OR AS2) AND AS3)',
      'ipv4.unicast export AS4 | ((AS1 OR AS2) AND AS4)',
      'ipv4.unicast export AS1 | (AS1 AND NOT (AS3 OR AS4))',
      'ipv4.unicast export AS2 | (AS2 AND NOT (AS3 OR AS4))',
    ]);
  });

  it('REFINE inside EXCEPT and EXCEPT inside REFINE both resolve', () => {
    const a = term(factor(from('AS-ANY'), ANY));
    const b = term(factor(from(1), fAsn(1)));
    const c = term(factor(from(2), fAsn(2)));
    expect(resolveTerms(policy('import', refine(a, except(b, c)))).map(show)).toEqual([
      'ipv4.unicast import AS2 | (ANY AND (AS1 AND AS2))',
      'ipv4.unicast import AS1 | (ANY AND (AS1 AND NOT AS2))',
    ]);
    expect(resolveTerms(policy('import', except(refine(a, b), c))).map(show)).toEqual([
      'ipv4.unicast import AS2 | ((ANY AND AS1) AND AS2)',
      'ipv4.unicast import AS1 | ((ANY AND AS1) AND NOT AS2)',
    ]);
  });
});

describe('resolvePolicy: size bound', () => {
  it('a huge REFINE stops at the bound and says so instead of exhausting memory', () => {
    const many = (n: number) => term(...Array.from({ length: n }, (_, i) => factor(from(i + 1), fAsn(i + 1))));
    const r = resolvePolicy(policy('mp-import', refine(many(300), many(300))), 1000);
    expect(r.truncated).toBe(true);
    expect(r.terms.length).toBeLessThanOrEqual(1000);
    const small = resolvePolicy(policy('mp-import', refine(many(3), many(3))), 1000);
    expect(small.truncated).toBe(false);
    expect(small.terms).toHaveLength(36);
  });
});

describe('from real text through the parser', () => {
  const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8');
  const objects = (name: string) => readObjects(fixture(name), name).objects;
  /** Neighbours named per family over all policy attributes of an object, in one direction. */
  const neighbours = (obj: RpslObject, direction: string) => {
    const parsed = parsePolicies(obj);
    for (const p of parsed) expect(p.diagnostics, `${p.attribute}: ${p.text}`).toEqual([]);
    const terms = parsed.flatMap((p) => p.terms).filter((t) => t.direction === direction);
    const byFamily: Record<string, number[]> = {};
    for (const f of ['ipv4.unicast', 'ipv4.multicast', 'ipv6.unicast', 'ipv6.multicast']) {
      byFamily[f] = [...referencedPeers(terms.filter((t) => t.afi === f)).asns].sort((a, b) => a - b);
    }
    return byFamily;
  };

  it('AS1299 seed lines: AS6939 is named in ipv4.unicast by import/export and in ipv6 by mp-*', () => {
    const [as1299] = objects('as1299-seed-lines.rpsl');
    const parsed = parsePolicies(as1299);
    expect(parsed.map((p) => [p.attribute, p.terms.map((t) => t.afi)])).toEqual([
      ['import', ['ipv4.unicast']],
      ['export', ['ipv4.unicast']],
      ['mp-import', ['ipv6.unicast', 'ipv6.multicast']],
      ['mp-export', ['ipv6.unicast', 'ipv6.multicast']],
    ]);
    // The IPv6 export is not the IPv4 one: ANY in ipv4, AS-TELIANET-V6 in ipv6.
    const exports = parsed.filter((p) => p.attribute.endsWith('export')).flatMap((p) => p.terms);
    expect(exports.map(show)).toEqual([
      'ipv4.unicast export AS6939 | ANY',
      'ipv6.unicast export AS6939 | AS-TELIANET-V6',
      'ipv6.multicast export AS6939 | AS-TELIANET-V6',
    ]);
  });

  it('AS3255 (real RIPE lines): IPv4 uplinks vs the two that also carry IPv6', () => {
    const as3255 = objects('policy-afi-real-lines.rpsl').find((o) => o.key.toUpperCase().endsWith('3255'))!;
    for (const direction of ['import', 'export']) {
      const n = neighbours(as3255, direction);
      expect(n['ipv4.unicast']).toEqual([174, 3257, 3356, 3549, 8359, 9002]);
      expect(n['ipv6.unicast']).toEqual([174, 9002]);
      expect(n['ipv4.multicast']).toEqual([]);
      expect(n['ipv6.multicast']).toEqual([]);
    }
  });

  it('DN42 AS207268 (real lines): afi any.unicast with as-sets as peerings', () => {
    const as207268 = objects('policy-afi-real-lines.rpsl').find((o) => o.key === 'AS207268')!;
    const parsed = parsePolicies(as207268);
    expect(parsed).toHaveLength(8);
    const terms = parsed.flatMap((p) => p.terms);
    expect(terms).toHaveLength(16);
    expect(new Set(terms.map((t) => t.afi))).toEqual(new Set(['ipv4.unicast', 'ipv6.unicast']));
    const peers = referencedPeers(terms.filter((t) => t.afi === 'ipv6.unicast'));
    expect([...peers.asSets].sort()).toEqual(['AS-NIA:AS-DOWNSTREAM', 'AS-NIA:AS-PEER', 'AS-NIA:AS-TRANSIT', 'AS-NIA:AS-UPSTREAM']);
    expect(peers.asns.size).toBe(0);
    expect(peers.anyRules).toBe(false);
  });

  const parseText = (attribute: PolicyAttributeName, text: string) => {
    const r = parsePolicyValue(attribute, text);
    expect(r.problems).toEqual([]);
    return resolveTerms(r.ast!);
  };

  it('RFC 2622 §6.6 EXCEPT example, written as in the RFC', () => {
    const terms = parseText(
      'import',
      'from AS1 action pref = 1; accept as-foo; except { from AS2 action pref = 2; accept AS226; except { from AS3 action pref = 3; accept {128.9.0.0/16}; } }',
    );
    expect(terms.map((t) => showPeering(t.peerings[0].peering))).toEqual(['AS3', 'AS2', 'AS1']);
    expect(terms.map(show)[2]).toBe('ipv4.unicast import AS1 | (AS-FOO AND NOT ((AS226 AND {128.9.0.0/16}) OR (AS226 AND NOT {128.9.0.0/16})))');
  });

  it('RFC 4012 §2.5.3 example: the ipv6.unicast exception exists only in IPv6', () => {
    const terms = parseText(
      'mp-import',
      'afi any.unicast from AS65001 accept as-foo; except afi any.unicast { from AS65002 accept AS65226; } except afi ipv6.unicast { from AS65003 accept {2001:0DB8::/32}; }',
    );
    const v4 = terms.filter((t) => t.afi === 'ipv4.unicast');
    const v6 = terms.filter((t) => t.afi === 'ipv6.unicast');
    expect(v4.length + v6.length).toBe(terms.length);
    expect(v4.map((t) => showPeering(t.peerings[0].peering))).toEqual(['AS65002', 'AS65001']);
    expect(v6.map((t) => showPeering(t.peerings[0].peering))).toEqual(['AS65003', 'AS65002', 'AS65001']);
    // Whichever way the parser groups the chained EXCEPTs, AS65003's term is limited to 2001:db8::/32.
    expect(showFilter(v6[0].filter)).toMatch(/AND \{2001:db8::\/32\}\)+$/);
    expect(v4.some((t) => showFilter(t.filter).includes('2001:db8'))).toBe(false);
  });

  it('REFINE with afi scoping from text: afi any.unicast … refine afi ipv6.unicast …', () => {
    const terms = parseText('mp-import', 'afi any.unicast from AS-ANY accept ANY refine afi ipv6.unicast from AS1 accept AS1');
    expect(terms.map(show)).toEqual(['ipv6.unicast import AS1 | (ANY AND AS1)']);
  });
});

describe('whole real objects', () => {
  it('AS3257 (GTT, RIPE): every import/export is ipv4.unicast, every mp-* ipv6.unicast', () => {
    // The project's bundled copy (provenance: data/README.md).
    const text = readFileSync(fileURLToPath(new URL('../../data/real/AS3257.ripe.2023-07-21.rpsl', import.meta.url)), 'utf8');
    const [obj] = readObjects(text, 'AS3257').objects.filter((o) => o.class === 'aut-num');
    const counts: Record<string, number> = {};
    for (const p of parsePolicies(obj)) {
      for (const t of p.terms) counts[`${p.attribute} ${t.afi}`] = (counts[`${p.attribute} ${t.afi}`] ?? 0) + 1;
    }
    expect(counts).toEqual({
      'import ipv4.unicast': 2916,
      'export ipv4.unicast': 2916,
      'mp-import ipv6.unicast': 1857,
      'mp-export ipv6.unicast': 1857,
    });
  });
});
