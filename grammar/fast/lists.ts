/**
 * Operator chains (shaped by chains.ts as parser.ts shapes them) and parenthesised groups of
 * the fast parser: the AS, router and filter rules differ only in their operands.
 */
import type { TokenType } from 'chevrotain';
import { andExceptChain, chain } from '../chains.js';
import * as T from '../tokens.js';
import { refuse, type Cursor } from './cursor.js';

/** `x (sep x)*`, one operator (`OR` or `AND`). */
export function joined<N, K extends 'or' | 'and'>(c: Cursor, sep: TokenType, type: K, operand: (c: Cursor) => N) {
  const first = operand(c);
  let items: N[] | undefined;
  while (c.skip(sep)) (items ??= [first]).push(operand(c));
  return items ? chain(type, items) : first;
}

/** `x ((AND|EXCEPT) x)*`, left-associative. */
export function andExcept<N>(c: Cursor, operand: (c: Cursor) => N) {
  const first = operand(c);
  let items: N[] | undefined;
  let ops: ('and' | 'except')[] | undefined;
  for (;;) {
    let op: 'and' | 'except';
    if (c.skip(T.And)) op = 'and';
    else if (c.skip(T.Except)) op = 'except';
    else break;
    (items ??= [first]).push(operand(c));
    (ops ??= []).push(op);
  }
  return items ? andExceptChain(items, ops!) : first;
}

/** `( inner )`, one nesting level deeper; anything else is refused. */
export function parenthesized<N>(c: Cursor, inner: (c: Cursor) => N): N {
  if (c.type !== T.LParen) refuse();
  c.next();
  c.enter();
  const e = inner(c);
  c.take(T.RParen);
  c.leave();
  return e;
}
