// The production lexer gets first-character hints (tokens.ts) to start fast; it must
// tokenise exactly as Chevrotain's own analysis of the patterns does.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policyLexer } from '../../grammar/tokens.js';
import { readObjects } from '../../src/rpsl/read.js';

const hinted = policyLexer();
const reference = policyLexer(true);

function same(text: string): void {
  const a = hinted.tokenize(text);
  const b = reference.tokenize(text);
  expect(a.tokens.map((t) => [t.tokenType.name, t.startOffset, t.image])).toEqual(b.tokens.map((t) => [t.tokenType.name, t.startOffset, t.image]));
  expect(a.errors.map((e) => [e.offset, e.length])).toEqual(b.errors.map((e) => [e.offset, e.length]));
}

describe('lexer start-character hints', () => {
  it('every policy value of AS3257 and of the DN42 registry lexes the same', () => {
    for (const f of ['AS3257.ripe.2023-07-21.rpsl', 'dn42-registry-2023-10-22.db']) {
      const { objects } = readObjects(readFileSync(new URL(`../../data/real/${f}`, import.meta.url), 'utf8'));
      for (const o of objects) for (const a of o.attributes) if (/import|export|default/.test(a.name)) same(a.value);
    }
  });

  it('random printable text and token soups lex the same', () => {
    const soup = fc.array(fc.oneof(fc.constantFrom('AS1', 'as-foo', 'AS1:AS-X', 'PeerAS', 'prng-a', 'rtrs-b', 'fltr-c', 'rs-d', 'ipv6.unicast', 'any', '::1', '2001:db8::/32', '10.0.0.0/8^+', '^-', '3561:10', '<^AS1+$>', '.=', '<<=', '>=', '!=', '{', '}', ';', '_x', 'a.b-c'), fc.string({ maxLength: 4 })), { maxLength: 30 }).map((a) => a.join(''));
    fc.assert(fc.property(fc.oneof(soup, fc.string({ maxLength: 60 })), same), { numRuns: 3000 });
  });
});
