/** A problem found while lexing or parsing one policy value; `offset` is into that value. */
export interface Problem {
  offset: number;
  severity: 'error' | 'warning';
  message: string;
}

/** Where the parser's rules report problems (the regex parser gets one too). */
export interface ProblemSink {
  push(p: Problem): void;
}

/**
 * Problems kept per attribute value: the first ones, then one summary problem with the
 * count of the rest. A value with 10⁵ bad operands must not yield 10⁵ diagnostics.
 */
export const MAX_PROBLEMS = 20;

/**
 * Deepest nesting of parentheses, NOT, braces, REFINE/EXCEPT and action-value lists in one
 * value; deeper input is an error (see ast.ts for the resulting bound on AST depth).
 */
export const MAX_NESTING = 64;

/** Thrown by a rule when the input nests deeper than MAX_NESTING; ends the parse of that value. */
export class NestingTooDeep extends Error {
  constructor(readonly offset: number) {
    super(`nested deeper than ${MAX_NESTING} levels (parentheses, NOT, braces, REFINE/EXCEPT)`);
    this.name = 'NestingTooDeep';
  }
}

/** A short quotation of source text for messages. */
export function quote(text: string, max = 40): string {
  const t = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return `'${t}'`;
}
