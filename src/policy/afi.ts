/**
 * Address-family resolution: a policy AST becomes flat `PolicyTerm`s, one per rule and family.
 *
 * Families (RFC 4012 §2.5, DESIGN.md "Address families"):
 * - `import`/`export`/`default` (and `-via`) are ipv4.unicast only; an `afi` list there is
 *   not RPSL and is ignored here (reporting it is the parser's business).
 * - `mp-*` without `afi` means all four families; `any` means ipv4 and ipv6; an afi without
 *   safi means unicast and multicast.
 * - The afi list after REFINE/EXCEPT scopes the right operand: its families are the
 *   enclosing scope intersected with that list (no list: the enclosing scope).
 *
 * Structured policies (RFC 2622 §6.6; RFC 4012 §2.5.1 for the afi scoping):
 * - `A REFINE B`: a route is handled only when a factor of A and a factor of B both match it,
 *   so for every family in both scopes and every pair (a, b) there is one term whose
 *   peering is a's AND b's (each `from` of a with each `from` of b), whose actions are a's
 *   then b's (RFC 2622: the right side's actions are applied after the left's), and whose
 *   filter is `a.filter AND b.filter`. Families outside B's scope get no term: REFINE is an
 *   intersection (DESIGN.md), so A alone never applies there.
 *   Peering-sets cannot be ANDed in the AST (AsExpression has no prng node): when one side is
 *   `AS-ANY` without routers the other side is the exact intersection and is kept alone;
 *   otherwise a peering-set side is dropped in favour of the plain side (or, both being sets,
 *   of the right side). That over-approximates the peering; it is the only lossy step here.
 * - `A EXCEPT B`: RFC 2622's example (`from AS1 accept as-foo except { from AS2 accept AS226
 *   except { from AS3 accept {128.9.0.0/16} } }`) routes AS226's part of as-foo through AS2
 *   and takes it away from AS1, whatever the peerings. So, in each family of B's scope:
 *     * B's terms are exceptions to A: filter `(OR of A's filters) AND b.filter`, B's own
 *       peerings and actions (the exception only re-routes routes A speaks about);
 *     * A's terms become `a.filter AND NOT (OR of B's filters)`, with A's peerings, even when
 *       the peerings differ (the RFC example has AS1 vs AS2).
 *   In A's families outside B's scope A stands unchanged. B's terms come first (they take
 *   precedence); both kinds are tagged `origin: 'except'`.
 *   The right side of B (nested EXCEPT) is resolved first, so the deeper exception wins, and
 *   the size stays linear: B's filters are combined once, not per pair.
 *
 * Filters are kept as written (a prefix of the wrong family matches nothing in that family;
 * deciding that is inference's job). Combined filters share sub-trees with the AST rather
 * than copying them.
 */
import type {
  AddressFamily,
  AfiSpec,
  DefaultPolicy,
  Filter,
  Peering,
  PeeringAction,
  PolicyAst,
  PolicyAttributeName,
  PolicyExpression,
  RouterExpression,
} from '../../grammar/ast.js';
import { afiMask } from '../../grammar/scopes.js';
import type { Direction, PolicyTerm } from './types.js';

/** Canonical order of families in every result. */
export const ALL_FAMILIES: readonly AddressFamily[] = ['ipv4.unicast', 'ipv4.multicast', 'ipv6.unicast', 'ipv6.multicast'];

/** Above this many terms per attribute, resolution stops (REFINE of n×m factors multiplies). */
export const DEFAULT_MAX_TERMS = 100_000;

export function isMultiProtocol(attribute: PolicyAttributeName): boolean {
  return attribute.startsWith('mp-');
}

export function directionOf(attribute: PolicyAttributeName): Direction {
  if (attribute === 'default' || attribute === 'mp-default') return 'default';
  return attribute.includes('import') ? 'import' : 'export';
}

/**
 * The families an afi list stands for on this attribute. Non-mp attributes are ipv4.unicast
 * whatever the list says; an mp attribute without a list (or an empty one) covers all four.
 */
export function familiesOf(afis: AfiSpec[] | undefined, attribute: PolicyAttributeName): AddressFamily[] {
  if (!isMultiProtocol(attribute)) return ['ipv4.unicast'];
  // The grammar's reading of afi lists (it checks REFINE scopes with it): bit i is ALL_FAMILIES[i].
  const mask = afiMask(afis);
  return ALL_FAMILIES.filter((_, i) => (mask & (1 << i)) !== 0);
}

export interface ResolvedPolicy {
  terms: PolicyTerm[];
  /** True when the term limit was reached and `terms` is incomplete. */
  truncated: boolean;
}

/** Flattens a policy into per-family terms. Never throws; see the module comment. */
export function resolveTerms(ast: PolicyAst): PolicyTerm[] {
  return resolvePolicy(ast).terms;
}

/** `resolveTerms` with a bound on the output, for callers that report oversized policies. */
export function resolvePolicy(ast: PolicyAst, maxTerms = DEFAULT_MAX_TERMS): ResolvedPolicy {
  const direction = directionOf(ast.attribute);
  const scope = familiesOf(ast.afis, ast.attribute);
  if (ast.body.type === 'default') return { terms: defaultTerms(ast.body, scope, direction), truncated: false };
  const budget = { left: maxTerms, truncated: false };
  const ctx: Ctx = { attribute: ast.attribute, direction, budget };
  const perFamily = expressionTerms(ast.body, scope, ctx);
  const terms: PolicyTerm[] = [];
  for (const afi of scope) for (const t of perFamily.get(afi) ?? []) terms.push(t);
  return { terms, truncated: budget.truncated };
}

function defaultTerms(body: DefaultPolicy, scope: AddressFamily[], direction: Direction): PolicyTerm[] {
  const filter: Filter = body.networks ?? { type: 'any' };
  const peerings: PeeringAction[] = [{ peering: body.peering, actions: body.actions }];
  return scope.map((afi) => ({ afi, direction, peerings, filter, origin: 'factor' }));
}

interface Ctx {
  attribute: PolicyAttributeName;
  direction: Direction;
  budget: { left: number; truncated: boolean };
}

type TermsByFamily = Map<AddressFamily, PolicyTerm[]>;

/** Scope of a REFINE/EXCEPT right operand: its own afi list within the enclosing scope. */
function rightScope(afis: AfiSpec[] | undefined, outer: AddressFamily[], attribute: PolicyAttributeName): AddressFamily[] {
  if (!afis || afis.length === 0 || !isMultiProtocol(attribute)) return outer;
  const own = new Set(familiesOf(afis, attribute));
  return outer.filter((f) => own.has(f));
}

function take(ctx: Ctx, n: number): boolean {
  if (ctx.budget.left < n) {
    ctx.budget.truncated = true;
    return false;
  }
  ctx.budget.left -= n;
  return true;
}

function expressionTerms(expr: PolicyExpression, scope: AddressFamily[], ctx: Ctx): TermsByFamily {
  const out: TermsByFamily = new Map();
  if (expr.type === 'term') {
    for (const afi of scope) {
      const list: PolicyTerm[] = [];
      for (const factor of expr.factors) {
        if (!take(ctx, 1)) break;
        list.push({ afi, direction: ctx.direction, peerings: factor.peerings, filter: factor.filter, origin: 'factor' });
      }
      out.set(afi, list);
    }
    return out;
  }
  const left = expressionTerms(expr.left, scope, ctx);
  const inner = rightScope(expr.afis, scope, ctx.attribute);
  const right = expressionTerms(expr.right, inner, ctx);
  const innerSet = new Set(inner);
  for (const afi of scope) {
    const a = left.get(afi) ?? [];
    const b = right.get(afi) ?? [];
    if (expr.type === 'refine') out.set(afi, innerSet.has(afi) ? refine(a, b, ctx) : []);
    else out.set(afi, innerSet.has(afi) ? except(a, b, ctx) : a);
  }
  return out;
}

function refine(a: PolicyTerm[], b: PolicyTerm[], ctx: Ctx): PolicyTerm[] {
  const out: PolicyTerm[] = [];
  for (const ta of a) {
    for (const tb of b) {
      const peerings: PeeringAction[] = [];
      for (const pa of ta.peerings) for (const pb of tb.peerings) peerings.push(andPeeringAction(pa, pb));
      if (!take(ctx, 1)) return out;
      out.push({
        afi: ta.afi,
        direction: ta.direction,
        peerings,
        filter: { type: 'and', left: ta.filter, right: tb.filter },
        origin: 'refine',
      });
    }
  }
  return out;
}

function except(a: PolicyTerm[], b: PolicyTerm[], ctx: Ctx): PolicyTerm[] {
  if (b.length === 0) return a;
  // An exception only concerns routes A speaks about; with no A in this family there is nothing to except.
  if (a.length === 0) return [];
  const aAny = orAll(a.map((t) => t.filter));
  const bAny = orAll(b.map((t) => t.filter));
  const out: PolicyTerm[] = [];
  for (const tb of b) {
    if (!take(ctx, 1)) return out;
    out.push({ ...tb, filter: { type: 'and', left: aAny, right: tb.filter }, origin: 'except' });
  }
  for (const ta of a) {
    if (!take(ctx, 1)) return out;
    out.push({ ...ta, filter: { type: 'and', left: ta.filter, right: { type: 'not', operand: bAny } }, origin: 'except' });
  }
  return out;
}

function orAll(filters: Filter[]): Filter {
  return filters.reduce((acc, f) => ({ type: 'or', left: acc, right: f }));
}

function isPlainAsAny(p: Peering): boolean {
  return p.type === 'peering' && p.as.type === 'as-any' && !p.remoteRouter && !p.localRouter;
}

function andRouters(l: RouterExpression | undefined, r: RouterExpression | undefined): RouterExpression | undefined {
  if (l && r) return { type: 'and', left: l, right: r };
  return l ?? r;
}

/** The peering both sides of a REFINE cover; see the module comment for peering-sets. */
export function andPeering(l: Peering, r: Peering): Peering {
  if (isPlainAsAny(l)) return r;
  if (isPlainAsAny(r)) return l;
  if (l.type === 'peering' && r.type === 'peering') {
    return {
      type: 'peering',
      as: { type: 'and', left: l.as, right: r.as },
      remoteRouter: andRouters(l.remoteRouter, r.remoteRouter),
      localRouter: andRouters(l.localRouter, r.localRouter),
      text: `(${l.text}) AND (${r.text})`,
    };
  }
  if (l.type === 'peering') return l;
  return r;
}

function andPeeringAction(l: PeeringAction, r: PeeringAction): PeeringAction {
  const combined: PeeringAction = { peering: andPeering(l.peering, r.peering), actions: [...l.actions, ...r.actions] };
  const via = l.via && r.via ? andPeering(l.via, r.via) : (l.via ?? r.via);
  if (via) combined.via = via;
  return combined;
}
