/**
 * Value checks of the fast parser: parser.ts's checks (values.ts), with every outcome that
 * would give a problem refused instead, so the Chevrotain parser reports it.
 */
import { MAX_ASN } from '../names.js';
import type { RangeOperator } from '../ast.js';
import { RangeOp } from '../tokens.js';
import { checkRangeOp } from '../values.js';
import { refuse, type Cursor } from './cursor.js';

/** The current `Asn` token's number: asplain in range (asdot warns, so it is refused). */
export function asnValue(c: Cursor): number {
  const text = c.text;
  const end = c.end;
  // `AS` then digits (the token is `AS\d+(\.\d+)?`): at most ten, as checkAsn's fast path.
  if (end - c.start > 12) refuse();
  let n = 0;
  for (let i = c.start + 2; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) refuse();
    n = n * 10 + d;
  }
  if (n > MAX_ASN) refuse();
  return n;
}

/** A range operator when the current token is one (consumed), else undefined. */
export function optionalRangeOp(c: Cursor, maxLength?: number): RangeOperator | undefined {
  if (c.type !== RangeOp) return undefined;
  const checked = checkRangeOp(c.image(), maxLength);
  if (!checked.ok) refuse();
  c.next();
  return checked.value;
}
