/**
 * Peerings (RFC 2622 §5.6), fast path: the rules `peering` … `routerOperand` of parser.ts,
 * building the same nodes. Refused here and left to parser.ts (which warns or errs): `and
 * not`, `not` before a router, a router word with a ':', an invalid router address, AS0 and
 * AS_TRANS as a neighbour.
 */
import type { AsExpression, Peering, RouterExpression } from '../ast.js';
import * as T from '../tokens.js';
import { reservedAsnReason, setName } from '../names.js';
import { normaliseAddress } from '../values.js';
import { refuse, type Cursor } from './cursor.js';
import { andExcept, joined, parenthesized } from './lists.js';
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
    return { type: 'peering-set', name: setName(image), text: image };
  }
  return asPeering(c);
}

function startsRouter(c: Cursor): boolean {
  // A '(' opens a router expression only when a router follows it: in `export-via` it may open
  // the next peering's AS expression (parser.ts `routerAhead`).
  const t = c.type === T.LParen ? c.typePast(T.LParen) : c.type;
  return t === T.Ipv4Address || t === T.Ipv6Address || t === T.RtrsSetName || t === T.Not || t === T.Word;
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
  return joined(c, T.Or, 'or', asTerm);
}

/** `AS1 and not AS2` is refused by asOperand (parser.ts reads it as EXCEPT, with a warning). */
function asTerm(c: Cursor): AsExpression {
  return andExcept(c, asOperand);
}

function asOperand(c: Cursor): AsExpression {
  const t = c.type;
  if (t === T.Asn) {
    const asn = asnValue(c);
    // AS0 and AS_TRANS get a warning (parser.ts `peerAsn`).
    if (reservedAsnReason(asn)) refuse();
    const text = c.image();
    c.next();
    return { type: 'asn', asn, text };
  }
  if (t === T.AsSetName) {
    const name = setName(c.image());
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
  return parenthesized(c, asExpression);
}

function routerExpression(c: Cursor): RouterExpression {
  return joined(c, T.Or, 'or', routerTerm);
}

function routerTerm(c: Cursor): RouterExpression {
  return andExcept(c, routerOperand);
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
    const name = setName(c.image());
    c.next();
    return { type: 'rtrs-set', name };
  }
  if (t === T.Word) {
    const image = c.image();
    if (image.includes(':')) refuse();
    c.next();
    return { type: 'dns', name: image.toLowerCase() };
  }
  // `not` (a warning in parser.ts) and anything else is refused.
  return parenthesized(c, routerExpression);
}
