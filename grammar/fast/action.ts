/**
 * Actions (RFC 2622 §6.1.1), fast path: the rules `actions` … `actionValue` of parser.ts.
 * Only lists every action of which actions.ts would keep are accepted here: each action is
 * `attr op value` or `attr.method(args)` and ends with `;`. Anything else (a missing `;`,
 * an action actions.ts drops with a warning) is left to the Chevrotain path.
 */
import type { Action, ActionOperator, ActionValue } from '../ast.js';
import * as T from '../tokens.js';
import { refuse, type Cursor } from './cursor.js';
import { asnValue } from './values.js';
import { checkAction } from '../dictionary.js';

const OPERATORS = new Set(T.allTokens.filter((t) => t.CATEGORIES?.includes(T.Operator)));

/** `action a; b; …` */
export function actions(c: Cursor): Action[] {
  c.take(T.Action);
  const list: Action[] = [];
  do {
    const a = action(c);
    // An action the dictionary does not know: a warning in parser.ts.
    if (checkAction(a)) refuse();
    list.push(a);
    c.take(T.Semi);
  } while (c.type === T.Word);
  return list;
}

function action(c: Cursor): Action {
  if (c.type !== T.Word) refuse();
  const start = c.start;
  const name = c.image();
  c.next();
  const t = c.type;
  if (t !== null && OPERATORS.has(t)) {
    const operator = c.image() as ActionOperator;
    c.next();
    const value = actionValue(c);
    return { type: 'assign', attribute: name.toLowerCase(), operator, value, text: c.text.slice(start, c.prevEnd) };
  }
  const dot = name.lastIndexOf('.');
  if (t !== T.LParen || dot < 0) refuse();
  const args = argumentList(c);
  return { type: 'call', attribute: name.slice(0, dot).toLowerCase(), method: name.slice(dot + 1).toLowerCase(), args, text: c.text.slice(start, c.prevEnd) };
}

/** `( value, … )` */
export function argumentList(c: Cursor): ActionValue[] {
  c.take(T.LParen);
  const args = valueList(c, T.RParen);
  c.take(T.RParen);
  return args;
}

/** `value, …` up to `close` (not consumed); possibly empty. */
function valueList(c: Cursor, close: typeof T.RParen): ActionValue[] {
  const items: ActionValue[] = [];
  if (c.type === close) return items;
  items.push(actionValue(c));
  while (c.skip(T.Comma)) items.push(actionValue(c));
  return items;
}

export function actionValue(c: Cursor): ActionValue {
  const t = c.type;
  if (t === T.Num) {
    const value = Number(c.image());
    c.next();
    return { type: 'number', value };
  }
  if (t === T.Asn) {
    const asn = asnValue(c);
    c.next();
    return { type: 'asn', asn };
  }
  if (t === T.Word || t === T.CommunityValue || t === T.Ipv4Address || t === T.Ipv6Address || t === T.AsSetName) {
    const value = c.image();
    c.next();
    return { type: 'word', value };
  }
  if (t !== T.LCurly) refuse();
  c.next();
  c.enter();
  const items = valueList(c, T.RCurly);
  c.take(T.RCurly);
  c.leave();
  return { type: 'list', items };
}
