// The production scanner (scan.ts, hand-written) and the Chevrotain lexer with first-character
// hints (tokens.ts) must tokenise exactly as Chevrotain's own analysis of the patterns does.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanPolicy } from '../../grammar/scan.js';
import { policyLexer } from '../../grammar/tokens.js';
import { readObjects } from '../../src/rpsl/read.js';

const hinted = policyLexer();
const reference = policyLexer(true);

function same(text: string): void {
  const a = hinted.tokenize(text);
  const b = reference.tokenize(text);
  expect(a.tokens.map((t) => [t.tokenType.name, t.startOffset, t.image])).toEqual(b.tokens.map((t) => [t.tokenType.name, t.startOffset, t.image]));
  expect(a.errors.map((e) => [e.offset, e.length])).toEqual(b.errors.map((e) => [e.offset, e.length]));
  // The scanner stops at the first error (the parser gives up there too).
  const s = scanPolicy(text);
  const firstError = b.errors[0];
  expect(s.error, text).toEqual(firstError ? { offset: firstError.offset, length: firstError.length } : undefined);
  if (!firstError) {
    expect(s.tokens.map((t) => [t.tokenType.name, t.startOffset, t.image, t.tokenTypeIdx]), text).toEqual(b.tokens.map((t) => [t.tokenType.name, t.startOffset, t.image, t.tokenTypeIdx]));
  }
}

describe('scanner and lexer hints against the reference lexer', () => {
  it('every policy value of AS3257 and of the DN42 registry lexes the same', () => {
    for (const f of ['AS3257.ripe.2023-07-21.rpsl', 'dn42-registry-2023-10-22.db']) {
      const { objects } = readObjects(readFileSync(new URL(`../../data/real/${f}`, import.meta.url), 'utf8'));
      for (const o of objects) for (const a of o.attributes) if (/import|export|default/.test(a.name)) same(a.value);
    }
  });

  it('random printable text and token soups lex the same', () => {
    const soup = fc.array(fc.oneof(fc.constantFrom('AS1', 'as-foo', 'AS1:AS-X', 'PeerAS', 'prng-a', 'rtrs-b', 'fltr-c', 'rs-d', 'ipv6.unicast', 'any', '::1', '2001:db8::/32', '10.0.0.0/8^+', '^-', '3561:10', '<^AS1+$>', '.=', '<<=', '>=', '!=', '{', '}', ';', '_x', 'a.b-c', 'fe80::1', 'dead:beef', 'AS-ANY', 'from', 'FROM.', 'as1.2', 'AS4.603:AS-X', 'ab', ':', '.', '-', '_', ' ', '\t', '1:2:3', '1.2.3.4/24', 'ANY.unicast', 'rs-any', 'action', '^24-32', 'x', '=', '<', '>', '~', '#'), fc.string({ maxLength: 4 })), { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(fc.property(fc.oneof(soup, fc.string({ maxLength: 60 })), same), { numRuns: 20_000 });
  });
});
