/**
 * Peerings (RFC 2622 §5.6), fast path: the rules `peering` … `routerOperand` of parser.ts,
 * building the same nodes. Refused here and left to parser.ts (which warns or errs): `and
 * not`, `not` before a router, a router word without a dot, an invalid router address.
 */
import type { AsExpression, Peering, RouterExpression } from '../ast.js';
import { andExceptChain, chain } from '../chains.js';
import * as T from '../tokens.js';
import { normaliseAddress } from '../values.js';
import { refuse, type Cursor } from './cursor.js';
import { asnValue } from './values.js';

/** First tokens of a peering: a prng- set or an AS expression. */
export function startsPeering(c: Cursor): boolean {
  const t = c.type;
  return t === T.Asn || t === T.AsSetName || t === T.PeeringSetName || t === T.AsAny || t === T.PeerAs || t === T.LParen;
}

export function peering(c: Cursor): Peering {
  if (c.type === T.PeeringSetName) {
    const image = c.image();
    c.next();
    return { type: 'peering-set', name: image.toUpperCase(), text: image };
  }
  return asPeering(c);
}

function startsRouter(c: Cursor): boolean {
  const t = c.type;
  return t === T.Ipv4Address || t === T.Ipv6Address || t === T.RtrsSetName || t === T.Not || t === T.Word || t === T.LParen;
}

function asPeering(c: Cursor): Peering {
  const start = c.start;
  const as = asExpression(c);
  let remoteRouter: RouterExpression | undefined;
  let localRouter: RouterExpression | undefined;
  if (startsRouter(c)) remoteRouter = routerExpression(c);
  if (c.skip(T.At)) localRouter = routerExpression(c);
  const p: Peering = { type: 'peering', as, text: c.text.slice(start, c.prevEnd) };
  if (remoteRouter) p.remoteRouter = remoteRouter;
  if (localRouter) p.localRouter = localRouter;
  return p;
}

function asExpression(c: Cursor): AsExpression {
  const first = asTerm(c);
  let items: AsExpression[] | undefined;
  while (c.skip(T.Or)) (items ??= [first]).push(asTerm(c));
  return items ? chain('or', items) : first;
}

function asTerm(c: Cursor): AsExpression {
  const first = asOperand(c);
  let items: AsExpression[] | undefined;
  let ops: ('and' | 'except')[] | undefined;
  for (;;) {
    let op: 'and' | 'except';
    if (c.skip(T.And)) {
      if (c.type === T.Not) refuse(); // `and not`: parser.ts reads it as EXCEPT, with a warning
      op = 'and';
    } else if (c.skip(T.Except)) op = 'except';
    else break;
    (items ??= [first]).push(asOperand(c));
    (ops ??= []).push(op);
  }
  return items ? andExceptChain(items, ops!) : first;
}

function asOperand(c: Cursor): AsExpression {
  const t = c.type;
  if (t === T.Asn) {
    const asn = asnValue(c);
    const text = c.image();
    c.next();
    return { type: 'asn', asn, text };
  }
  if (t === T.AsSetName) {
    const name = c.image().toUpperCase();
    c.next();
    return { type: 'as-set', name };
  }
  if (t === T.AsAny) {
    c.next();
    return { type: 'as-any' };
  }
  if (t === T.PeerAs) {
    c.next();
    return { type: 'peeras' };
  }
  if (t !== T.LParen) refuse();
  c.next();
  c.enter();
  const e = asExpression(c);
  c.take(T.RParen);
  c.leave();
  return e;
}

function routerExpression(c: Cursor): RouterExpression {
  const first = routerTerm(c);
  let items: RouterExpression[] | undefined;
  while (c.skip(T.Or)) (items ??= [first]).push(routerTerm(c));
  return items ? chain('or', items) : first;
}

function routerTerm(c: Cursor): RouterExpression {
  const first = routerOperand(c);
  let items: RouterExpression[] | undefined;
  let ops: ('and' | 'except')[] | undefined;
  for (;;) {
    let op: 'and' | 'except';
    if (c.skip(T.And)) op = 'and';
    else if (c.skip(T.Except)) op = 'except';
    else break;
    (items ??= [first]).push(routerOperand(c));
    (ops ??= []).push(op);
  }
  return items ? andExceptChain(items, ops!) : first;
}

function routerOperand(c: Cursor): RouterExpression {
  const t = c.type;
  if (t === T.Ipv4Address || t === T.Ipv6Address) {
    const address = normaliseAddress(c.image());
    if (!address) refuse();
    c.next();
    return { type: 'address', address };
  }
  if (t === T.RtrsSetName) {
    const name = c.image().toUpperCase();
    c.next();
    return { type: 'rtrs-set', name };
  }
  if (t === T.Word) {
    const image = c.image();
    if (!image.includes('.')) refuse();
    c.next();
    return { type: 'dns', name: image.toLowerCase() };
  }
  // `not` (a warning in parser.ts) and anything else.
  if (t !== T.LParen) refuse();
  c.next();
  c.enter();
  const e = routerExpression(c);
  c.take(T.RParen);
  c.leave();
  return e;
}
