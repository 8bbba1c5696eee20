/**
 * Which neighbours a policy names in peering position. Used by the crawler (what to fetch
 * next) and by inference (adjacency: who is named, and does a rule cover neighbour X).
 *
 * Only positive positions count: in `AS1 EXCEPT AS2` the neighbour is AS1, AS2 is excluded.
 * `AS-ANY` names nobody; it only marks that the policy has rules for any neighbour.
 * `PeerAS` means nothing in a peering (it is a filter placeholder) and names nobody.
 * Both the intermediate (`via`) and the remote peering of `-via` attributes are collected.
 */
import type { AsExpression, Peering } from '../../grammar/ast.js';
import type { PolicyTerm } from './types.js';
import { reservedAsnReason } from '../rpsl/keys.js';

export interface ReferencedPeers {
  asns: Set<number>;
  /** as-set names (upper case, as the AST holds them) used as peerings; expand to get ASNs. */
  asSets: Set<string>;
  /** `prng-` peering-set names. */
  peeringSets: Set<string>;
  /** Some rule applies to any neighbour (`AS-ANY` in a positive position). */
  anyRules: boolean;
}

/** Names an AS expression covers without expanding sets. `any`: covers every AS. */
export interface AsRefs {
  asns: Set<number>;
  asSets: Set<string>;
  any: boolean;
}

export function referencedPeers(terms: PolicyTerm[]): ReferencedPeers {
  const out: ReferencedPeers = { asns: new Set(), asSets: new Set(), peeringSets: new Set(), anyRules: false };
  // Terms of several families share their peering objects: visit each once.
  const seen = new Set<Peering>();
  const visit = (p: Peering | undefined): void => {
    if (!p || seen.has(p)) return;
    seen.add(p);
    if (p.type === 'peering-set') {
      out.peeringSets.add(p.name);
      return;
    }
    const refs = asExpressionRefs(p.as);
    // AS0 and AS_TRANS are never a neighbour: nothing to fetch or infer.
    for (const n of refs.asns) if (reservedAsnReason(n) === undefined) out.asns.add(n);
    for (const s of refs.asSets) out.asSets.add(s);
    if (refs.any) out.anyRules = true;
  };
  for (const term of terms) {
    for (const pa of term.peerings) {
      visit(pa.peering);
      visit(pa.via);
    }
  }
  return out;
}

/**
 * The ASNs and sets an AS expression covers, in positive positions only.
 * OR: union. EXCEPT: the left side minus ASNs written on the right (sets on the right cannot
 * be subtracted without expansion; `peeringMatches` is exact once sets are known).
 * AND: an ASN of one side is kept when the other side could contain it (has it, has a set,
 * or covers any AS); sets are kept only when the other side has sets or covers any AS too,
 * so `AS-FOO AND AS1` names AS1 alone. `AS-ANY AND X` is X.
 */
export function asExpressionRefs(expr: AsExpression): AsRefs {
  switch (expr.type) {
    case 'asn':
      return { asns: new Set([expr.asn]), asSets: new Set(), any: false };
    case 'as-set':
      return { asns: new Set(), asSets: new Set([expr.name]), any: false };
    case 'as-any':
      return { asns: new Set(), asSets: new Set(), any: true };
    case 'peeras':
      return { asns: new Set(), asSets: new Set(), any: false };
    case 'or': {
      const l = asExpressionRefs(expr.left);
      const r = asExpressionRefs(expr.right);
      return { asns: union(l.asns, r.asns), asSets: union(l.asSets, r.asSets), any: l.any || r.any };
    }
    case 'except': {
      const l = asExpressionRefs(expr.left);
      const r = asExpressionRefs(expr.right);
      const asns = new Set([...l.asns].filter((n) => !r.asns.has(n)));
      return { asns, asSets: l.asSets, any: l.any };
    }
    case 'and': {
      const l = asExpressionRefs(expr.left);
      const r = asExpressionRefs(expr.right);
      if (l.any && r.any) return { asns: union(l.asns, r.asns), asSets: union(l.asSets, r.asSets), any: true };
      if (l.any) return r;
      if (r.any) return l;
      const asns = new Set<number>();
      for (const n of l.asns) if (r.asns.has(n) || r.asSets.size > 0) asns.add(n);
      for (const n of r.asns) if (l.asns.has(n) || l.asSets.size > 0) asns.add(n);
      const asSets = l.asSets.size > 0 && r.asSets.size > 0 ? union(l.asSets, r.asSets) : new Set<string>();
      return { asns, asSets, any: false };
    }
  }
}

export type Match = 'yes' | 'no' | 'unknown';

/**
 * Does this peering cover neighbour `asn`? Three-valued (Kleene) logic over the AS
 * expression; routers are ignored (the peering covers the neighbour at some router).
 * `AS-ANY` answers 'yes' (a weak match: the caller knows to treat it so).
 * An as-set the caller cannot expand, `PeerAS`, or a peering-set without
 * `expandPeeringSet`, answers 'unknown'. `expandAsSet` must return the full (recursive)
 * member ASNs of a set, or undefined when it is not known.
 */
export function peeringMatches(
  peering: Peering,
  asn: number,
  expandAsSet: (name: string) => Set<number> | undefined,
  expandPeeringSet?: (name: string) => Peering[] | undefined,
): Match {
  return matchPeering(peering, asn, expandAsSet, expandPeeringSet, new Set());
}

function matchPeering(
  peering: Peering,
  asn: number,
  expandAsSet: (name: string) => Set<number> | undefined,
  expandPeeringSet: ((name: string) => Peering[] | undefined) | undefined,
  visiting: Set<string>,
): Match {
  if (peering.type !== 'peering-set') return asExpressionMatches(peering.as, asn, expandAsSet);
  // A peering-set that contains itself (directly or not) must not loop: the cycle is unknown.
  if (visiting.has(peering.name)) return 'unknown';
  const members = expandPeeringSet?.(peering.name);
  if (!members) return 'unknown';
  visiting.add(peering.name);
  let result: Match = 'no';
  for (const m of members) {
    result = or3(result, matchPeering(m, asn, expandAsSet, expandPeeringSet, visiting));
    if (result === 'yes') break;
  }
  visiting.delete(peering.name);
  return result;
}

export function asExpressionMatches(expr: AsExpression, asn: number, expandAsSet: (name: string) => Set<number> | undefined): Match {
  switch (expr.type) {
    case 'asn':
      return expr.asn === asn ? 'yes' : 'no';
    case 'as-set': {
      const members = expandAsSet(expr.name);
      if (!members) return 'unknown';
      return members.has(asn) ? 'yes' : 'no';
    }
    case 'as-any':
      return 'yes';
    case 'peeras':
      return 'unknown';
    case 'or':
      return or3(asExpressionMatches(expr.left, asn, expandAsSet), asExpressionMatches(expr.right, asn, expandAsSet));
    case 'and':
      return and3(asExpressionMatches(expr.left, asn, expandAsSet), asExpressionMatches(expr.right, asn, expandAsSet));
    case 'except':
      return and3(asExpressionMatches(expr.left, asn, expandAsSet), not3(asExpressionMatches(expr.right, asn, expandAsSet)));
  }
}

function or3(a: Match, b: Match): Match {
  if (a === 'yes' || b === 'yes') return 'yes';
  if (a === 'no' && b === 'no') return 'no';
  return 'unknown';
}

function and3(a: Match, b: Match): Match {
  if (a === 'no' || b === 'no') return 'no';
  if (a === 'yes' && b === 'yes') return 'yes';
  return 'unknown';
}

function not3(a: Match): Match {
  return a === 'yes' ? 'no' : a === 'no' ? 'yes' : 'unknown';
}

function union<T>(a: Set<T>, b: Set<T>): Set<T> {
  const out = new Set(a);
  for (const x of b) out.add(x);
  return out;
}
