/**
 * Policy expressions (RFC 2622 §6, RFC 4012 §2), fast path: the rules `header` …
 * `peeringAction` of parser.ts. Refused and left to parser.ts: keywords that do not match
 * the attribute (`from` in an export, `afi` in a plain import, a via peering where none
 * belongs), a missing `;` inside braces, REFINE/EXCEPT afi scopes that leave no family
 * (grammar/scopes.ts), and input left over after the policy.
 */
import type {
  AfiSpec, DefaultPolicy, PeeringAction, PolicyAst, PolicyExpression, PolicyFactor, StructuredPolicy,
} from '../ast.js';
import { allowsAfi, isImport, isVia } from '../attribute-kinds.js';
import * as T from '../tokens.js';
import { actions } from './action.js';
import { refuse, type Cursor } from './cursor.js';
import { filter } from './filter.js';
import { peering, startsPeering } from './peering.js';
import { afiMask, ALL_FAMILIES_MASK, hasScopes } from '../scopes.js';

/** The whole value: `[protocol P] [into P] [afi …]` then the policy (or the default), to the end. */
export function policy(c: Cursor): PolicyAst {
  let protocol: string | undefined;
  let into: string | undefined;
  let afis: AfiSpec[] | undefined;
  if (c.skip(T.Protocol)) protocol = word(c);
  if (c.skip(T.Into)) into = word(c);
  if (c.skip(T.Afi)) {
    afiAllowed(c);
    afis = afiList(c);
  }
  c.scope = afis && hasScopes(c.attribute) ? afiMask(afis) : ALL_FAMILIES_MASK;
  const isDefault = c.attribute === 'default' || c.attribute === 'mp-default';
  const ast: PolicyAst = { attribute: c.attribute, body: isDefault ? defaultPolicy(c) : expression(c) };
  if (c.type !== null) refuse(); // input left over
  if (protocol) ast.protocol = protocol;
  if (into) ast.into = into;
  if (afis) ast.afis = afis;
  return ast;
}

function word(c: Cursor): string {
  if (c.type !== T.Word) refuse();
  const w = c.image().toUpperCase();
  c.next();
  return w;
}

/** RFC 2622's import/export/default have no afi (parser.ts warns). */
function afiAllowed(c: Cursor): void {
  if (!allowsAfi(c.attribute)) refuse();
}

function afiList(c: Cursor): AfiSpec[] {
  const list: AfiSpec[] = [];
  do {
    if (c.type !== T.AfiValue && c.type !== T.Any) refuse();
    list.push(afiSpec(c.text, c.start, c.end));
    c.next();
  } while (c.skip(T.Comma));
  return list;
}

/**
 * The AfiValue or `any` token at [start, end): `ipv4`/`ipv6`[`.unicast`|`.multicast`] or
 * `any`[`.unicast`|`.multicast`], case-insensitive (the token patterns allow nothing else).
 */
function afiSpec(text: string, start: number, end: number): AfiSpec {
  const any = (text.charCodeAt(start) | 0x20) === 97;
  const afi = any ? 'any' : text.charCodeAt(start + 3) === 52 ? 'ipv4' : 'ipv6';
  const dot = start + (any ? 3 : 4);
  if (dot === end) return { afi };
  return { afi, safi: (text.charCodeAt(dot + 1) | 0x20) === 117 ? 'unicast' : 'multicast' };
}

/** `to <peering> [action …] [networks <filter>] [;]` */
function defaultPolicy(c: Cursor): DefaultPolicy {
  c.take(T.To);
  const body: DefaultPolicy = { type: 'default', peering: peering(c), actions: c.type === T.Action ? actions(c) : [] };
  if (c.skip(T.Networks)) body.networks = filter(c);
  c.skip(T.Semi);
  return body;
}

function expression(c: Cursor): PolicyExpression {
  const left = term(c);
  return c.type === T.Except || c.type === T.Refine ? { ...structuredTail(c), left } : left;
}

/** `EXCEPT|REFINE [afi …] expression`; the caller adds `left`. */
function structuredTail(c: Cursor): Omit<StructuredPolicy, 'left'> {
  const type = c.type === T.Except ? 'except' : 'refine';
  c.next();
  c.enter();
  let afis: AfiSpec[] | undefined;
  const outer = c.scope;
  if (c.skip(T.Afi)) {
    afis = afiList(c);
    afiAllowed(c);
    if (hasScopes(c.attribute)) {
      // No family left: a warning in parser.ts.
      c.scope = outer & afiMask(afis);
      if (c.scope === 0) refuse();
    }
  }
  const right = expression(c);
  c.scope = outer;
  c.leave();
  return afis ? { type, afis, right } : { type, right };
}

function term(c: Cursor): PolicyExpression {
  if (c.type === T.LCurly) return bracedTerm(c);
  const f = factor(c);
  c.skip(T.Semi);
  return { type: 'term', braced: false, factors: [f] };
}

function startsFactor(c: Cursor): boolean {
  return c.type === T.From || c.type === T.To || startsPeering(c);
}

/** `{ factor; … [EXCEPT|REFINE …] } [;]` */
function bracedTerm(c: Cursor): PolicyExpression {
  c.take(T.LCurly);
  c.enter();
  const factors: PolicyFactor[] = [];
  while (startsFactor(c)) {
    factors.push(factor(c));
    c.take(T.Semi); // missing: a warning in parser.ts
  }
  const tail = c.type === T.Except || c.type === T.Refine ? structuredTail(c) : undefined;
  c.take(T.RCurly);
  c.leave();
  c.skip(T.Semi);
  const block: PolicyExpression = { type: 'term', braced: true, factors };
  return tail ? { ...tail, left: block } : block;
}

/** One or more peering-actions, then `accept`/`announce <filter>`. */
function factor(c: Cursor): PolicyFactor {
  const start = c.start;
  const peerings: PeeringAction[] = [];
  do peerings.push(peeringAction(c));
  while (startsFactor(c));
  if (c.type !== (isImport(c.attribute) ? T.Accept : T.Announce)) refuse();
  c.next();
  const f = filter(c);
  return { peerings, filter: f, text: c.text.slice(start, c.prevEnd) };
}

/** `[<via-peering>] from|to <peering> [action …]` */
function peeringAction(c: Cursor): PeeringAction {
  // A via peering is required in -via attributes and an error elsewhere.
  const via = isVia(c.attribute) ? peering(c) : undefined;
  c.take(isImport(c.attribute) ? T.From : T.To);
  const p = peering(c);
  const list = c.type === T.Action ? actions(c) : [];
  return via ? { peering: p, actions: list, via } : { peering: p, actions: list };
}
