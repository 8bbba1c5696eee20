// ASPA path verification against a second implementation written from the draft's text
// (reference-verification.ts), on random ASPA sets and paths, on random provider hierarchies
// with planted leaks, and on hand-made cases. All data here is SYNTHETIC.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hop, verifyAspa, type Procedure } from '../../src/aspa/verification.js';
import { referenceVerify } from './reference-verification.js';

const lookup = (m: Map<number, number[]>) => (c: number) => m.get(c);
const collapse = (p: number[]) => p.filter((a, i) => i === 0 || p[i - 1] !== a);
const check = (p: number[], m: Map<number, number[]>, proc: Procedure, set = false) => verifyAspa(collapse(p), set, proc, lookup(m)).verdict;

describe('ASPA verification agrees with the reference implementation', () => {
  const asn = fc.integer({ min: 1, max: 7 });
  const aspas = fc.array(fc.tuple(asn, fc.oneof(fc.constant([0] as number[]), fc.uniqueArray(asn, { maxLength: 4 }))), { maxLength: 8 })
    .map((rows) => new Map(rows));
  it('on 20,000 random ASPA sets and paths, both procedures', () => {
    fc.assert(fc.property(aspas, fc.array(asn, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.constantFrom<Procedure>('upstream', 'downstream'), (m, path, set, proc) => {
      expect(check(path, m, proc, set)).toBe(referenceVerify(path, set, proc, m));
    }), { numRuns: 20_000 });
  });
});

/** A random provider hierarchy: AS i's providers are drawn from the ASes above it (lower numbers). */
function hierarchy(seed: number, n: number) {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const providers = new Map<number, number[]>();
  for (let i = 2; i <= n; i++) {
    const k = 1 + Math.floor(rnd() * Math.min(3, i - 1));
    const ps = new Set<number>();
    while (ps.size < k) ps.add(1 + Math.floor(rnd() * (i - 1)));
    providers.set(i, [...ps]);
  }
  providers.set(1, [0]); // the top publishes AS0: no providers
  return { providers, rnd };
}

/** An uphill path from `a` (a chain of providers), as the origin-first list. */
function climb(providers: Map<number, number[]>, a: number, rnd: () => number): number[] {
  const out = [a];
  for (let x = a; ;) {
    const ps = (providers.get(x) ?? []).filter((p) => p !== 0);
    if (!ps.length || rnd() < 0.3) return out;
    x = ps[Math.floor(rnd() * ps.length)]!;
    out.push(x);
  }
}

describe('random hierarchies with planted leaks (every AS publishes its true providers)', () => {
  it('valley-free paths are Valid, downstream; leaks are Invalid in both procedures', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { providers, rnd } = hierarchy(seed, 30);
      const origin = 2 + Math.floor(rnd() * 29);
      const up = climb(providers, origin, rnd); // origin … top of the up-ramp
      const top = up[up.length - 1]!;
      // Down from the top to a customer chain, received by the last customer (downstream: from its provider).
      const customers = [...providers].filter(([, ps]) => ps.includes(top)).map(([c]) => c).filter((c) => !up.includes(c));
      if (!customers.length) continue;
      const down = customers[Math.floor(rnd() * customers.length)]!;
      // `down` receives the route from its provider `top`: the path as received is top … origin.
      const fromProvider = [...up].reverse();
      expect(check(fromProvider, providers, 'downstream')).toBe('valid');
      expect(check(fromProvider, providers, 'downstream')).toBe(referenceVerify(fromProvider, false, 'downstream', providers));
      // Upstream: a customer (the origin's chain) announcing to its provider: the path up to below the top is valid.
      if (up.length >= 2) expect(check([...up].reverse().slice(1), providers, 'upstream')).toBe('valid');
      // Planted leak: `down` takes the route from its provider `top` and announces it to another provider of its own.
      const others = (providers.get(down) ?? []).filter((p) => p !== top && p !== 0 && !up.includes(p));
      if (!others.length) continue;
      const leaked = [down, ...fromProvider]; // as received by the other provider, from its customer `down`
      expect(check(leaked, providers, 'upstream')).toBe('invalid');
      expect(check(leaked, providers, 'downstream')).toBe(referenceVerify(leaked, false, 'downstream', providers));
    }
  });
});

describe('hand-made cases from the definitions', () => {
  // 10 and 20 are customers of 100; 100 publishes AS0; 30 has no ASPA.
  const m = new Map<number, number[]>([[10, [100]], [20, [100]], [100, [0]]]);
  it('hop results', () => {
    expect(hop(lookup(m), 10, 100)).toBe('provider+');
    expect(hop(lookup(m), 100, 20)).toBe('not-provider+'); // AS0: every hop from 100 is Not Provider+
    expect(hop(lookup(m), 30, 100)).toBe('no-attestation');
  });
  it('a route 10 → 100 → 20 is Valid from the provider (downstream), prepending collapsed', () => {
    const r = verifyAspa(collapse([100, 100, 10, 10]), false, 'downstream', lookup(m));
    expect(r).toMatchObject({ verdict: 'valid', n: 2 });
    expect(verifyAspa([100, 10], false, 'upstream', lookup(m)).verdict).toBe('valid'); // 10 climbs to its provider 100
    expect(verifyAspa([10, 100], false, 'upstream', lookup(m)).verdict).toBe('invalid'); // 100 (AS0) has no provider: 10 is not one
  });
  it('20 leaking its provider\'s route to another provider: Invalid, the deciding hop named', () => {
    const leak = new Map(m).set(20, [100, 200]);
    const r = verifyAspa([20, 100, 10], false, 'upstream', lookup(leak));
    expect(r.verdict).toBe('invalid');
    expect(r.decidingHop).toEqual({ from: 100, to: 20, result: 'not-provider+' });
  });
  it('an AS without ASPA on the ramp makes it Unknown, an AS_SET Invalid', () => {
    expect(verifyAspa([100, 30], false, 'upstream', lookup(m)).verdict).toBe('unknown');
    expect(verifyAspa([100, 10], true, 'downstream', lookup(m)).verdict).toBe('invalid');
  });
});
