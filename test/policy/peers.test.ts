import { describe, expect, it } from 'vitest';
import type { Peering } from '../../grammar/ast.js';
import { resolveTerms } from '../../src/policy/afi.js';
import { asExpressionMatches, peeringMatches, referencedPeers } from '../../src/policy/peers.js';
import { ANY, afi, asAny, asn, asOp, asSet, factor, fAsn, from, peering, policy, prng, refine, term } from './ast-builders.js';

const peeras = { type: 'peeras' } as const;

/** Terms of a one-factor mp-import over the given peerings (made-up policies). */
function termsOf(...peerings: Peering[]) {
  return resolveTerms(policy('mp-import', term(factor(peerings.map((p) => from(p)), ANY)), afi('any.unicast')));
}

describe('referencedPeers', () => {
  it('collects ASNs, as-sets and peering-sets named in peering position', () => {
    const r = referencedPeers(termsOf(peering(6939), peering('AS-NIA:AS-PEER'), prng('PRNG-EXAMPLE')));
    expect([...r.asns]).toEqual([6939]);
    expect([...r.asSets]).toEqual(['AS-NIA:AS-PEER']);
    expect([...r.peeringSets]).toEqual(['PRNG-EXAMPLE']);
    expect(r.anyRules).toBe(false);
  });

  it('OR names both sides; EXCEPT names only the left', () => {
    const r = referencedPeers(termsOf(peering(asOp('or', asn(1), asOp('except', asn(2), asn(3))))));
    expect([...r.asns].sort()).toEqual([1, 2]);
    const e = referencedPeers(termsOf(peering(asOp('except', asSet('AS-FOO'), asn(2)))));
    expect([...e.asns]).toEqual([]);
    expect([...e.asSets]).toEqual(['AS-FOO']);
  });

  it('AS-ANY names nobody and sets anyRules; AS-ANY EXCEPT AS1 does not name AS1', () => {
    const r = referencedPeers(termsOf(peering(asOp('except', asAny, asn(1)))));
    expect(r.anyRules).toBe(true);
    expect(r.asns.size).toBe(0);
    expect(referencedPeers(termsOf(peering(asAny))).anyRules).toBe(true);
  });

  it('AND keeps what both sides can cover: AS-ANY AND AS1 is AS1, AS-FOO AND AS1 is AS1, AS1 AND AS2 is nobody', () => {
    const anyAnd = referencedPeers(termsOf(peering(asOp('and', asAny, asn(1)))));
    expect([...anyAnd.asns]).toEqual([1]);
    expect(anyAnd.anyRules).toBe(false);
    const setAnd = referencedPeers(termsOf(peering(asOp('and', asSet('AS-FOO'), asn(1)))));
    expect([...setAnd.asns]).toEqual([1]);
    expect(setAnd.asSets.size).toBe(0);
    const disjoint = referencedPeers(termsOf(peering(asOp('and', asn(1), asn(2)))));
    expect(disjoint.asns.size).toBe(0);
    const sets = referencedPeers(termsOf(peering(asOp('and', asSet('AS-A'), asSet('AS-B')))));
    expect([...sets.asSets].sort()).toEqual(['AS-A', 'AS-B']);
  });

  it('PeerAS in a peering names nobody', () => {
    const r = referencedPeers(termsOf(peering(peeras)));
    expect(r.asns.size + r.asSets.size).toBe(0);
    expect(r.anyRules).toBe(false);
  });

  it('REFINE of AS-ANY by specific neighbours names those neighbours, not "any"', () => {
    const terms = resolveTerms(
      policy('import', refine(term(factor(from('AS-ANY'), ANY)), term(factor(from(1), fAsn(1)), factor(from(2), fAsn(2))))),
    );
    const r = referencedPeers(terms);
    expect([...r.asns].sort()).toEqual([1, 2]);
    expect(r.anyRules).toBe(false);
  });

  it('the via peering of -via attributes is collected too', () => {
    const terms = resolveTerms(policy('import-via', term(factor({ ...from(2), via: peering(1) }, ANY))));
    expect([...referencedPeers(terms).asns].sort()).toEqual([1, 2]);
  });
});

describe('peeringMatches', () => {
  const sets: Record<string, number[]> = { 'AS-FOO': [1, 2, 3], 'AS-BAR': [3, 4] };
  const expand = (name: string) => (sets[name] ? new Set(sets[name]) : undefined);

  it('ASN, AS-ANY and sets', () => {
    expect(peeringMatches(peering(1), 1, expand)).toBe('yes');
    expect(peeringMatches(peering(1), 2, expand)).toBe('no');
    expect(peeringMatches(peering(asAny), 65000, expand)).toBe('yes');
    expect(peeringMatches(peering('AS-FOO'), 2, expand)).toBe('yes');
    expect(peeringMatches(peering('AS-FOO'), 4, expand)).toBe('no');
    expect(peeringMatches(peering('AS-UNKNOWN'), 4, expand)).toBe('unknown');
  });

  it('EXCEPT, AND, OR', () => {
    const fooExcept2 = peering(asOp('except', asSet('AS-FOO'), asn(2)));
    expect(peeringMatches(fooExcept2, 1, expand)).toBe('yes');
    expect(peeringMatches(fooExcept2, 2, expand)).toBe('no');
    const anyExceptBar = peering(asOp('except', asAny, asSet('AS-BAR')));
    expect(peeringMatches(anyExceptBar, 4, expand)).toBe('no');
    expect(peeringMatches(anyExceptBar, 9, expand)).toBe('yes');
    const fooAndBar = peering(asOp('and', asSet('AS-FOO'), asSet('AS-BAR')));
    expect(peeringMatches(fooAndBar, 3, expand)).toBe('yes');
    expect(peeringMatches(fooAndBar, 1, expand)).toBe('no');
    expect(peeringMatches(peering(asOp('or', asn(7), asSet('AS-BAR'))), 4, expand)).toBe('yes');
  });

  it('unknown sets propagate only where they matter (three-valued logic)', () => {
    const unknownOr1 = peering(asOp('or', asSet('AS-UNKNOWN'), asn(1)));
    expect(peeringMatches(unknownOr1, 1, expand)).toBe('yes');
    expect(peeringMatches(unknownOr1, 2, expand)).toBe('unknown');
    const oneExceptUnknown = peering(asOp('except', asn(1), asSet('AS-UNKNOWN')));
    expect(peeringMatches(oneExceptUnknown, 1, expand)).toBe('unknown');
    expect(peeringMatches(oneExceptUnknown, 2, expand)).toBe('no');
    expect(asExpressionMatches(asOp('and', asn(5), asSet('AS-UNKNOWN')), 6, expand)).toBe('no');
  });

  it('PeerAS is unknown; peering-sets are unknown unless an expander is given', () => {
    expect(peeringMatches(peering(peeras), 1, expand)).toBe('unknown');
    expect(peeringMatches(prng('PRNG-X'), 1, expand)).toBe('unknown');
    const prngs: Record<string, Peering[]> = {
      'PRNG-X': [peering(1), prng('PRNG-Y')],
      'PRNG-Y': [peering('AS-BAR'), prng('PRNG-X')],
    };
    const expandPrng = (name: string) => prngs[name];
    expect(peeringMatches(prng('PRNG-X'), 1, expand, expandPrng)).toBe('yes');
    expect(peeringMatches(prng('PRNG-X'), 4, expand, expandPrng)).toBe('yes');
    // Not a member, but the cycle PRNG-X → PRNG-Y → PRNG-X leaves a branch undecided (and must not loop).
    expect(peeringMatches(prng('PRNG-X'), 9, expand, expandPrng)).toBe('unknown');
    const flat = (name: string) => (name === 'PRNG-Y' ? [peering(3)] : undefined);
    expect(peeringMatches(prng('PRNG-Y'), 9, expand, flat)).toBe('no');
    expect(peeringMatches(prng('PRNG-Y'), 3, expand, flat)).toBe('yes');
  });
});
