/**
 * The fast path of the policy grammar: a hand-written recursive-descent parser, one function
 * per rule of parser.ts, that builds exactly the AST the Chevrotain parser builds for every
 * value it accepts, without token objects. It accepts only values that parse without any
 * problem (error or warning); for anything else it returns undefined and the caller parses
 * the value with parser.ts, the grammar of record, which gives the diagnostics, positions
 * and depth bounds. test/grammar/fast-parser.test.ts checks the two against each other.
 */
import type { PolicyAst, PolicyAttributeName } from '../ast.js';
import { Cursor } from './cursor.js';
import { policy } from './policy.js';

const cursor = new Cursor();

/**
 * The AST of the value `text[start, end)`, or undefined when the Chevrotain parser must
 * decide. A span of a larger text (a line of the input, read in place: see Cursor.reset)
 * gives the AST of the value on its own. Never throws.
 */
export function fastParse(attribute: PolicyAttributeName, text: string, start = 0, end = text.length): PolicyAst | undefined {
  try {
    return policy(cursor.reset(text, attribute, start, end));
  } catch {
    // REFUSED, or (not expected: input is bounded as in parser.ts) anything else: the
    // Chevrotain path decides and reports.
    return undefined;
  }
}
