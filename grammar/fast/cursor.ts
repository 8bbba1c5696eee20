/**
 * The fast parser's view of a value: one token at a time, read by the scanner's `match`
 * (scan.ts) when the parser moves on, so no token objects or images are made; names are
 * sliced from the text only where the AST keeps them.
 *
 * Anything the fast parser does not accept as it stands (a syntax error, a value check
 * that would give a problem, deep nesting) throws `REFUSED`: the caller then parses the
 * value with the Chevrotain parser, which gives the diagnostics.
 */
import type { TokenType } from 'chevrotain';
import type { PolicyAttributeName } from '../ast.js';
import { MAX_NESTING } from '../problems.js';
import { ALL_FAMILIES_MASK } from '../scopes.js';
import { isSpace, match, matched } from '../scan.js';

/** Thrown to hand the value to the Chevrotain parser; a constant, so throwing costs no stack. */
export const REFUSED = { refused: true } as const;

export function refuse(): never {
  throw REFUSED;
}

/** One is reused for every value (see `reset`): a value's parse allocates only its AST. */
export class Cursor {
  /** The text holding the value, which is `text[0, limit)` or a span of a larger text. */
  text = '';
  /** End of the value in `text`. */
  limit = 0;
  attribute: PolicyAttributeName = 'import';
  /** Type of the current token; null at the end of the value. */
  type: TokenType | null = null;
  /** Offsets of the current token in `text`. */
  start = 0;
  end = 0;
  /** End of the last token consumed, for the `text` fields that quote the source. */
  prevEnd = 0;
  /** Families in scope (grammar/scopes.ts), set by the policy rules. */
  scope = ALL_FAMILIES_MASK;
  /** Nesting of parentheses, NOT, braces, REFINE/EXCEPT and value lists, as parser.ts counts it. */
  private depth = 0;

  /**
   * Starts on `text[start, limit)`, a value of `attribute`, at its first token (or
   * refuses). The character at `limit`, if any, must be one that ends every token (a
   * blank, a line end or `#`), as after a value in the line it was read from.
   */
  reset(text: string, attribute: PolicyAttributeName, start = 0, limit = text.length): this {
    this.text = text;
    this.limit = limit;
    this.attribute = attribute;
    this.prevEnd = start;
    this.depth = 0;
    this.scan(start);
    return this;
  }

  private scan(from: number): void {
    const text = this.text;
    const limit = this.limit;
    let i = from;
    while (i < limit && isSpace(text.charCodeAt(i))) i++;
    this.start = i;
    if (i === limit) {
      this.type = null;
      this.end = i;
      return;
    }
    const n = match(text, i);
    // A lexing error; or a token running past the value (only `<…>` can: the value would
    // not hold its `>`).
    if (n === 0 || i + n > limit) refuse();
    this.type = matched;
    this.end = i + n;
  }

  /** Consumes the current token. */
  next(): void {
    this.prevEnd = this.end;
    this.scan(this.end);
  }

  /** Consumes a token of type `t`, or refuses. */
  take(t: TokenType): void {
    if (this.type !== t) refuse();
    this.next();
  }

  /** Consumes a token of type `t` when it is the current one. */
  skip(t: TokenType): boolean {
    if (this.type !== t) return false;
    this.next();
    return true;
  }

  /** The type of the first token that is not `skipped`, from the current one on, without moving. */
  typePast(skipped: TokenType): TokenType | null {
    const { type, start, end, prevEnd } = this;
    while (this.type === skipped) this.next();
    const found = this.type;
    this.type = type;
    this.start = start;
    this.end = end;
    this.prevEnd = prevEnd;
    return found;
  }

  image(): string {
    return this.text.slice(this.start, this.end);
  }

  /** One level deeper; past MAX_NESTING parser.ts reports an error, so this refuses. */
  enter(): void {
    if (++this.depth > MAX_NESTING) refuse();
  }

  leave(): void {
    this.depth--;
  }
}
