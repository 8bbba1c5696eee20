// Property-based tests (fast-check): the parser never throws, precedence holds, and printing
// an AST then parsing it again gives the same AST.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PolicyAttributeName } from '../../grammar/ast.js';
import { parsePolicyValue, printPolicy } from '../../grammar/index.js';
import { strip } from './helpers.js';
import { ATTRIBUTES, policyAst } from './policy-arbitraries.js';

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

// ---- print ∘ parse round trip (random ASTs: policy-arbitraries.ts) ----------------------------

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
      // Warnings (an action outside RPSL's dictionary, a range operator below the prefix
      // length) keep the AST; no error may come of a printed AST.
      expect(r.problems.filter((p) => p.severity === 'error'), text).toEqual([]);
      expect(ungroup(strip(r.ast)), text).toEqual(ungroup(strip(ast)));
      expect(printPolicy(r.ast!)).toBe(text);
    }), { numRuns: 400 });
  });
});
