/**
 * Filters (RFC 2622 §5.4), fast path: the rules `filter` … `communityFilter` of parser.ts,
 * with the same precedence (NOT > AND > OR, juxtaposition = OR) and chain shapes.
 */
import type { Filter, RangeOperator } from '../ast.js';
import { chain } from '../chains.js';
import { printValue } from '../print.js';
import type { ProblemSink } from '../problems.js';
import { parseAsPathRegex } from '../regex.js';
import * as T from '../tokens.js';
import { checkIpv4Prefix, checkIpv6Prefix, shortRangeWarning } from '../values.js';
import { setName } from '../names.js';
import { actionValue } from './action.js';
import { refuse, type Cursor } from './cursor.js';
import { joined, parenthesized } from './lists.js';
import { asnValue, optionalRangeOp } from './values.js';

/** First tokens of a filter term. */
function startsFilterTerm(c: Cursor): boolean {
  const t = c.type;
  return t === T.Asn || t === T.AsSetName || t === T.Any || t === T.PeerAs || t === T.LCurly || t === T.Not || t === T.LParen
    || t === T.RouteSetName || t === T.FilterSetName || t === T.AsAny || t === T.RsAny || t === T.AsPathRegex || t === T.Word;
}

export function filter(c: Cursor): Filter {
  const first = filterTerm(c);
  let items: Filter[] | undefined;
  while (c.type === T.Or || startsFilterTerm(c)) {
    c.skip(T.Or);
    (items ??= [first]).push(filterTerm(c));
  }
  return items ? chain('or', items) : first;
}

function filterTerm(c: Cursor): Filter {
  return joined(c, T.And, 'and', filterFactor);
}

function filterFactor(c: Cursor): Filter {
  if (c.type !== T.Not) return filterOperand(c);
  c.next();
  c.enter();
  const operand = filterFactor(c);
  c.leave();
  return { type: 'not', operand };
}

function withOp<F extends Filter & { op?: RangeOperator }>(f: F, op: RangeOperator | undefined): F {
  if (op) f.op = op;
  return f;
}

/** Takes the current token's image (a set name, normalised) and moves on. */
function setNameOf(c: Cursor): string {
  const name = setName(c.image());
  c.next();
  return name;
}

function filterOperand(c: Cursor): Filter {
  const t = c.type;
  if (t === T.Asn) {
    const asn = asnValue(c);
    c.next();
    return withOp({ type: 'asn', asn }, optionalRangeOp(c));
  }
  if (t === T.AsSetName) return withOp({ type: 'as-set', name: setNameOf(c) }, optionalRangeOp(c));
  if (t === T.Any || t === T.AsAny || t === T.RsAny) {
    c.next();
    return t === T.Any ? { type: 'any' } : t === T.AsAny ? { type: 'as-any' } : { type: 'rs-any' };
  }
  if (t === T.PeerAs) {
    c.next();
    return withOp({ type: 'peeras' }, optionalRangeOp(c));
  }
  if (t === T.LCurly) return prefixSet(c);
  if (t === T.RouteSetName) return withOp({ type: 'route-set', name: setNameOf(c) }, optionalRangeOp(c));
  if (t === T.FilterSetName) return { type: 'filter-set', name: setNameOf(c) };
  if (t === T.AsPathRegex) return asPath(c);
  if (t === T.Word) return communityFilter(c);
  return parenthesized(c, filter);
}

/** Any problem of the AS-path regex parser (an error, or an asdot warning) refuses. */
const refusingSink: ProblemSink = { push: () => refuse() };

function asPath(c: Cursor): Filter {
  const text = c.image();
  const regex = parseAsPathRegex(text.slice(1, -1), c.start + 1, refusingSink);
  if (!regex) refuse();
  c.next();
  return { type: 'as-path', regex, text };
}

/** `{ prefix[^op], … }[^op]` */
function prefixSet(c: Cursor): Filter {
  const set: Filter & { type: 'prefix-set' } = { type: 'prefix-set', prefixes: [] };
  c.take(T.LCurly);
  if (c.type !== T.RCurly) {
    do {
      const t = c.type;
      if (t !== T.Ipv4Prefix && t !== T.Ipv6Prefix) refuse();
      const checked = t === T.Ipv4Prefix ? checkIpv4Prefix(c.image()) : checkIpv6Prefix(c.image());
      // Host bits set: a warning in parser.ts.
      if (!checked.ok || checked.warning) refuse();
      c.next();
      const range = checked.value;
      const op = optionalRangeOp(c, range.family === 'ipv4' ? 32 : 128);
      if (op) {
        if (shortRangeWarning(op, '', range.prefix, range.length)) refuse();
        range.op = op;
      }
      set.prefixes.push(range);
    } while (c.skip(T.Comma));
  }
  c.take(T.RCurly);
  const op = optionalRangeOp(c);
  if (op) for (const p of set.prefixes) if (shortRangeWarning(op, '', p.prefix, p.length)) refuse();
  return withOp(set, op);
}

/** `community(…)`, `community.contains(…)`, `community == {…}` */
function communityFilter(c: Cursor): Filter {
  const start = c.start;
  const lower = c.image().toLowerCase();
  c.next();
  const dot = lower.indexOf('.');
  if ((dot < 0 ? lower : lower.slice(0, dot)) !== 'community') refuse();
  const args: string[] = [];
  let method: string | undefined;
  if (c.skip(T.LParen)) {
    if (c.type !== T.RParen) {
      args.push(printValue(actionValue(c)));
      while (c.skip(T.Comma)) args.push(printValue(actionValue(c)));
    }
    c.take(T.RParen);
    if (dot >= 0) method = lower.slice(dot + 1);
  } else {
    // `community.x == …` is an error in parser.ts.
    if (c.type !== T.EqEq || dot >= 0) refuse();
    c.next();
    method = '==';
    const v = actionValue(c);
    if (v.type === 'list') for (const item of v.items) args.push(printValue(item));
    else args.push(printValue(v));
  }
  const f: Filter = { type: 'community', args, text: c.text.slice(start, c.prevEnd) };
  if (method) f.method = method;
  return f;
}
