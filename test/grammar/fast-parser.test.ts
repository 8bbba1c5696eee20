// The fast parser (grammar/fast/) against the Chevrotain parser, the grammar of record, on
// every real policy value in the repository, the values quoted in the grammar tests (RFC
// 2622/4012 examples among them) and generated ones. For every value: when the fast parser
// accepts it, the grammar reports nothing and builds the same AST (same nodes, same key
// order, so `parse --json` prints the same bytes); when it refuses, the grammar reports a
// problem; and parsePolicyValue gives the grammar's answer either way.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PolicyAttributeName } from '../../grammar/ast.js';
import { fastParse } from '../../grammar/fast/index.js';
import { parsePolicyValue, parseWithChevrotain, printPolicy } from '../../grammar/index.js';
import { policyAttributeName } from '../../src/policy/attributes.js';
import { readObjects } from '../../src/rpsl/read.js';
import { PIECES, REAL_LINES } from './fuzz-inputs.js';
import { ATTRIBUTES, policyAst } from './policy-arbitraries.js';
import { runs } from '../long.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

interface Tally {
  accepted: number;
  refused: number;
}

/**
 * What can follow a value in the line it was read from (a blank, a comment, the line end),
 * then characters that would continue a token if the scanner read past the value's end.
 */
const AFTER = [' >', '#>', '\n>', '\r\n=', ' 1', '# AS2:x', '\t;', '\n+ }', '\u00a0>', '\nAS3', ' OR AS3', '\n; }'];

/** fastParse on `value` read in place, as the middle of a line of a larger text. */
function inLine(attribute: PolicyAttributeName, value: string, n: number) {
  const before = `aut-num: AS1\n${attribute}:  `;
  return fastParse(attribute, before + value + AFTER[n % AFTER.length], before.length, before.length + value.length);
}

/**
 * Asserts that the fast parser agrees with the grammar on `value`, read on its own and in
 * place in a line; counts the outcome.
 */
function agree(attribute: PolicyAttributeName, value: string, tally: Tally): void {
  const reference = parseWithChevrotain(attribute, value);
  const fast = fastParse(attribute, value);
  const what = `${attribute}: ${JSON.stringify(value.slice(0, 300))}`;
  expect(inLine(attribute, value, tally.accepted + tally.refused), `${what}, in place`).toStrictEqual(fast);
  if (fast) {
    tally.accepted++;
    expect(reference.problems, what).toEqual([]);
    expect(fast, what).toStrictEqual(reference.ast);
    expect(JSON.stringify(fast), what).toBe(JSON.stringify(reference.ast));
  } else {
    tally.refused++;
    expect(reference.problems.length, `refused without a problem from the grammar: ${what}`).toBeGreaterThan(0);
  }
  expect(parsePolicyValue(attribute, value), what).toStrictEqual(reference);
}

/** Every file under `dir` (recursively). */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** Policy values of every RPSL object in the repository's real data and test fixtures. */
function realValues(): { attribute: PolicyAttributeName; value: string }[] {
  const out: { attribute: PolicyAttributeName; value: string }[] = [];
  for (const f of [...files(join(root, 'data')), ...files(join(root, 'test/fixtures'))]) {
    if (!/\.(rpsl|db|txt)(\.gz)?$/.test(f)) continue;
    const raw = readFileSync(f);
    const text = (f.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
    for (const o of readObjects(text, f).objects) {
      for (const a of o.attributes) {
        const attribute = policyAttributeName(a.name);
        if (attribute) out.push({ attribute, value: a.value });
      }
    }
  }
  return out;
}

/**
 * `ok('import', '…')`, `broken(…)`, `parsePolicyValue(…)` (and corner-cases.test.ts's
 * `same`, `warned`) with a quoted value, in the grammar tests.
 */
function quotedInTests(): { attribute: PolicyAttributeName; value: string }[] {
  const dir = join(root, 'test/grammar');
  const call = /\b(?:ok|broken|parsePolicyValue|same|warned)\('([a-z-]+)', '((?:[^'\\\n]|\\.)*)'\)/g;
  const out: { attribute: PolicyAttributeName; value: string }[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.test.ts'))) {
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(call)) {
      out.push({ attribute: m[1] as PolicyAttributeName, value: m[2].replace(/\\(.)/g, '$1') });
    }
  }
  return out;
}

describe('the fast parser builds the grammar\'s AST or leaves the value to the grammar', () => {
  it('every policy value in data/ and test/fixtures/ (RIPE objects, DN42 registry, AS1299 seed lines, reconstructions)', () => {
    // All 41,000 values in the long run; every 4th in npm test.
    const all = realValues();
    const step = runs(1, 4);
    const values = all.filter((_, i) => i % step === 0);
    const tally = { accepted: 0, refused: 0 };
    for (const { attribute, value } of values) agree(attribute, value, tally);
    expect(all.length).toBeGreaterThan(30_000);
    // The fast path must carry real data, or it is no faster: nearly every real value is its.
    expect(tally.accepted / values.length).toBeGreaterThan(0.99);
  });

  it('values quoted in the grammar tests (RFC 2622/4012 examples, real lines, broken ones)', () => {
    const values = quotedInTests();
    const tally = { accepted: 0, refused: 0 };
    for (const { attribute, value } of values) agree(attribute, value, tally);
    expect(values.length).toBeGreaterThan(60);
    expect(tally.accepted).toBeGreaterThan(30);
    expect(tally.refused).toBeGreaterThan(10);
  });

  it('bounds: nesting at and past MAX_NESTING, long chains, many diagnostics', () => {
    const asns = (n: number, sep: string) => Array.from({ length: n }, (_, i) => `AS${i + 1}`).join(sep);
    const tally = { accepted: 0, refused: 0 };
    for (const n of [63, 64, 65]) {
      agree('import', `from AS1 accept ${'('.repeat(n)}AS1${')'.repeat(n)}`, tally);
      agree('import', `from AS1 accept ${'NOT '.repeat(n)}AS1`, tally);
      agree('import', `from ${'('.repeat(n)}AS1${')'.repeat(n)} accept ANY`, tally);
      agree('import', `from AS1 action community .= ${'{'.repeat(n)}1${'}'.repeat(n)}; accept ANY`, tally);
      agree('import', Array.from({ length: n }, () => '{ from AS1 accept ANY; }').join(' REFINE '), tally);
    }
    for (const sep of [' ', ' OR ', ' AND ']) agree('import', `from AS1 accept ${asns(5_000, sep)}`, tally);
    for (const sep of [' OR ', ' EXCEPT ', ' AND ']) agree('import', `from ${asns(2_000, sep)} accept ANY`, tally);
    agree('import', `from AS1 accept ${Array.from({ length: 100 }, () => 'AS4294967296').join(' ')}`, tally);
    agree('import', `from AS1 accept <AS1${'*'.repeat(9)}>`, tally);
    // Read in place, a token must not run past the value into the comment after it.
    for (const v of ['from AS1 accept <AS1', 'from AS1 accept <AS1 .*']) {
      agree('import', v, tally);
      AFTER.forEach((_, n) => expect(inLine('import', v, n), `${v} + ${JSON.stringify(AFTER[n])}`).toBeUndefined());
    }
    expect(tally.accepted).toBeGreaterThan(10);
    expect(tally.refused).toBeGreaterThan(5);
  });

  it('printed random ASTs, respelled (keyword case, blanks), some given to another attribute', () => {
    const tally = { accepted: 0, refused: 0 };
    const blank = fc.constantFrom(' ', '  ', '\t', '\n', ' \r\n ');
    // One in four is given to a random attribute.
    const other = fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...ATTRIBUTES) });
    const respelled = fc.tuple(policyAst, fc.boolean(), fc.array(blank, { minLength: 1, maxLength: 8 }), other).map(([ast, upper, blanks, attribute]) => {
      let i = 0;
      const text = printPolicy(ast).replace(/ /g, () => blanks[i++ % blanks.length]);
      // Another attribute: `from`/`accept` in an export, `afi` in an import, a via peering…
      return { attribute: attribute ?? ast.attribute, value: upper ? text.toUpperCase() : text };
    });
    fc.assert(fc.property(respelled, ({ attribute, value }) => agree(attribute, value, tally)), { numRuns: runs(4_000, 1_000) });
    // Printed ASTs are valid: the fast parser takes most of those given to their own attribute.
    expect(tally.accepted).toBeGreaterThan(runs(2_500, 500));
    expect(tally.refused).toBeGreaterThan(runs(400, 80));
  }, 60_000);

  it('mutated real lines and token soups', () => {
    const tally = { accepted: 0, refused: 0 };
    // A real line keeps its own attribute (else nearly every mutation is a from/to mismatch).
    const realLine = fc.constantFrom(...REAL_LINES).map((l) => {
      const colon = l.indexOf(':');
      return { attribute: policyAttributeName(l.slice(0, colon))!, value: l.slice(colon + 1).trim() };
    });
    const mutated = fc.tuple(realLine, fc.nat(), fc.nat({ max: 12 }), fc.constantFrom(...PIECES, ''), fc.boolean()).map(([{ attribute, value }, at, len, piece, spaced]) => {
      const i = at % (value.length + 1);
      // Spaced, the piece is a token of its own: more of these mutations stay valid.
      const ins = spaced ? ` ${piece} ` : piece;
      return { attribute, value: value.slice(0, i) + ins + value.slice(Math.min(value.length, i + len)) };
    });
    const soup = fc.tuple(fc.constantFrom(...ATTRIBUTES), fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 30 }))
      .map(([attribute, a]) => ({ attribute, value: a.join(' ') }));
    fc.assert(fc.property(fc.oneof(mutated, mutated, soup), ({ attribute, value }) => agree(attribute, value, tally)), { numRuns: runs(20_000, 4_000) });
    expect(tally.accepted).toBeGreaterThan(runs(300, 50));
    expect(tally.refused).toBeGreaterThan(runs(5_000, 1_000));
  }, 120_000);
});
