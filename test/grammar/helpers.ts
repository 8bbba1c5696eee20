// Shared helpers for the grammar tests: parse-and-assert, and AST comparison without the
// `text` fields (those quote the source as written, so they differ between spellings).
import { expect } from 'vitest';
import { parsePolicyValue } from '../../grammar/index.js';
import type { PolicyAst, PolicyAttributeName, PolicyExpression, PolicyFactor } from '../../grammar/ast.js';

/** Parses and fails the test on any problem; returns the AST. */
export function ok(attribute: PolicyAttributeName, text: string): PolicyAst {
  const r = parsePolicyValue(attribute, text);
  expect(r.problems, `problems for ${JSON.stringify(text)}`).toEqual([]);
  expect(r.ast).toBeDefined();
  return r.ast!;
}

/** Parses and returns the problems, asserting that there is no AST (an error was found). */
export function broken(attribute: PolicyAttributeName, text: string) {
  const r = parsePolicyValue(attribute, text);
  expect(r.ast, `AST for ${JSON.stringify(text)}`).toBeUndefined();
  expect(r.problems.length).toBeGreaterThan(0);
  return r.problems;
}

/** A deep copy without `text` properties. */
export function strip<T>(v: T): T {
  return JSON.parse(JSON.stringify(v, (k, x) => (k === 'text' ? undefined : x)));
}

/** The single factor of a simple (one-factor, unbraced) policy. */
export function onlyFactor(ast: PolicyAst): PolicyFactor {
  const body = ast.body as PolicyExpression;
  expect(body.type).toBe('term');
  if (body.type !== 'term') throw new Error('not a term');
  expect(body.factors).toHaveLength(1);
  return body.factors[0];
}
