/**
 * Filter classification (DESIGN.md, inference rule 2): what part of the routing table a
 * filter lets through in one address family — FULL, DEFAULT, RESTRICTED or NONE.
 *
 * The filter AST is evaluated over a small abstract domain instead of string checks:
 *  - NONE        matches nothing in the family (wrong-family prefixes, `{}`, NOT ANY);
 *  - RESTRICTED  specific origins (ASN, as-set, route-set, PeerAS, prefix list, anchored regex);
 *  - DEFAULT     only the default route (`{0.0.0.0/0}`, `{::/0}`);
 *  - FULL        the whole table, `exact` when nothing is cut out of it (`ANY`, `{0.0.0.0/0^+}`,
 *                `<.*>`), otherwise narrowed (bogon exclusions, prefix-length bounds, communities);
 *  - NARROW      a pure narrowing condition (community match): neutral in AND, so that
 *                `ANY AND community(…)` stays FULL; on its own it counts as RESTRICTED (a tag
 *                usually selects customer routes).
 */
import type { AsPathRegex, Filter, PrefixRange, RangeOperator } from '../../grammar/ast.js';
import type { Family, FilterClass } from './types.js';

/** Abstract value of a (sub)filter. */
export type FilterValue =
  | { kind: 'NONE' }
  | { kind: 'NARROW' }
  | { kind: 'RESTRICTED' }
  | { kind: 'DEFAULT' }
  | { kind: 'FULL'; exact: boolean };

export interface FilterClassContext {
  family: Family;
  /** The neighbour the rule is about, to recognise `<^AS1299 .*>` used on AS1299. */
  neighbour?: number;
  /**
   * Resolves a filter-set to its filter in this family (from the index). `undefined`:
   * the set is not in the data; `null`: it exists but has no filter for this family.
   */
  filterSet?: (name: string, family: Family) => Filter | null | undefined;
  /**
   * Whether a route-set has anything at all in this family (prefixes of the family, or
   * ASN/set members whose routes may be of any family). `undefined`: not in the data.
   */
  routeSetHasFamily?: (name: string, family: Family) => boolean | undefined;
}

export interface FilterClassResult {
  filterClass: FilterClass;
  /** Full table with nothing cut out (only meaningful for FULL). */
  exact: boolean;
  /** Assumptions made (missing sets, unknown names), for the evidence notes. */
  notes: string[];
}

/** Rank for OR (max) and AND (min). NARROW sits just above NONE for OR; AND treats it as neutral. */
const RANK: Record<FilterValue['kind'], number> = { NONE: 0, NARROW: 1, RESTRICTED: 2, DEFAULT: 3, FULL: 4 };

/**
 * Roots whose sub-prefixes make up the whole unicast table of a family: `{0.0.0.0/0^+}` and
 * the common IPv6 spelling `{2000::/3^+}` (global unicast) are both "everything".
 */
const WHOLE_SPACE_ROOTS: Record<Family, ReadonlyArray<{ prefix: string; length: number }>> = {
  ipv4: [{ prefix: '0.0.0.0/0', length: 0 }],
  ipv6: [{ prefix: '::/0', length: 0 }, { prefix: '2000::/3', length: 3 }],
};
/** The prefix length that carries the bulk of the table: a range covering it is "the table". */
const BULK_LENGTH: Record<Family, number> = { ipv4: 24, ipv6: 48 };
const MAX_LENGTH: Record<Family, number> = { ipv4: 32, ipv6: 128 };

/**
 * Filter-set names that, when the set itself is not in the data, are taken to be bogon /
 * martian lists (a handful of specific prefixes, used negated as exclusions). Matched as whole
 * hyphen-separated words of the name (`FLTR-MARTIAN`, `AS1:FLTR-BOGONS-V6`).
 */
const BOGON_NAME_WORDS: ReadonlySet<string> = new Set([
  'MARTIAN', 'MARTIANS', 'BOGON', 'BOGONS', 'FULLBOGONS', 'RFC1918', 'RFC5735', 'RFC6890', 'RFC6598',
  'PRIVATE', 'RESERVED', 'SPECIAL', 'UNALLOCATED', 'INVALID', 'DENY', 'BLACKLIST', 'BLOCKLIST',
]);

export function isBogonLikeName(name: string): boolean {
  return name.toUpperCase().split(/[-:_.]/).some((w) => BOGON_NAME_WORDS.has(w));
}

function prefixFamily(p: PrefixRange): Family {
  return p.family;
}

/** Lengths matched by a prefix range: [lo, hi]. */
function lengthRange(length: number, op: RangeOperator | undefined, max: number): [number, number] {
  if (!op) return [length, length];
  switch (op.type) {
    case 'minus': return [length + 1, max];
    case 'plus': return [length, max];
    case 'exact': return [op.n, op.n];
    case 'range': return [op.n, op.m];
  }
}

function classifyPrefix(p: PrefixRange, setOp: RangeOperator | undefined, family: Family): FilterValue {
  // RFC 2622 §5.4: an operator on the set applies to every member; when a member has its own,
  // the set's operator wins for classification purposes (exact semantics do not matter here).
  const op = setOp ?? p.op;
  const max = MAX_LENGTH[family];
  const [lo, hi] = lengthRange(p.length, op, max);
  if (lo > hi || lo < p.length) return { kind: 'NONE' };
  const root = WHOLE_SPACE_ROOTS[family].find((r) => r.length === p.length && sameRoot(r.prefix, p.prefix));
  if (!root) return { kind: 'RESTRICTED' };
  if (hi === 0) return { kind: 'DEFAULT' };
  const bulk = BULK_LENGTH[family];
  if (lo <= bulk && bulk <= hi) return { kind: 'FULL', exact: lo <= p.length && hi === max };
  // A whole-space root cut to lengths that miss the bulk of the table (`{0.0.0.0/0^32}`).
  return { kind: 'RESTRICTED' };
}

function sameRoot(root: string, prefix: string): boolean {
  return root.toLowerCase() === prefix.toLowerCase();
}

function or(a: FilterValue, b: FilterValue): FilterValue {
  if (a.kind === 'FULL' && b.kind === 'FULL') return { kind: 'FULL', exact: a.exact || b.exact };
  return RANK[a.kind] >= RANK[b.kind] ? a : b;
}

function and(a: FilterValue, b: FilterValue): FilterValue {
  if (a.kind === 'NARROW') return narrowed(b);
  if (b.kind === 'NARROW') return narrowed(a);
  if (a.kind === 'FULL' && b.kind === 'FULL') return { kind: 'FULL', exact: a.exact && b.exact };
  return RANK[a.kind] <= RANK[b.kind] ? a : b;
}

function narrowed(v: FilterValue): FilterValue {
  return v.kind === 'FULL' ? { kind: 'FULL', exact: false } : v;
}

/**
 * NOT x. The complement of nothing is everything; of the whole table, nothing; of anything
 * else (a default route, specific origins, a bogon list, a narrowed table) it is the table
 * with something cut out: FULL, narrowed. A narrowing condition stays one.
 */
function not(v: FilterValue): FilterValue {
  switch (v.kind) {
    case 'NONE': return { kind: 'FULL', exact: true };
    case 'NARROW': return v;
    case 'FULL': return v.exact ? { kind: 'NONE' } : { kind: 'FULL', exact: false };
    default: return { kind: 'FULL', exact: false };
  }
}

/** How an AS-path regex constrains the table. */
function classifyAsPath(re: AsPathRegex, neighbour: number | undefined): FilterValue {
  let items = re.type === 'seq' ? [...re.items] : [re];
  const anchoredStart = items[0]?.type === 'bol';
  if (anchoredStart) items = items.slice(1);
  if (items.at(-1)?.type === 'eol') items = items.slice(0, -1);
  // Leading elements that every route from this neighbour matches anyway: `^PeerAS`, `^AS1299`
  // on AS1299, optionally repeated (`^PeerAS+`).
  if (anchoredStart) {
    while (items.length > 1 && isNeighbourElement(items[0]!, neighbour)) items = items.slice(1);
  }
  if (items.length === 1) {
    const only = items[0]!;
    if (only.type === 'repeat' && only.min === 0 && only.max === null) {
      if (only.inner.type === 'wildcard') return { kind: 'FULL', exact: true };
      // `[^AS64512-AS65535]*`: any path without private/reserved ASNs.
      if (only.inner.type === 'class' && only.inner.negated) return { kind: 'FULL', exact: false };
    }
  }
  if (!anchoredStart && items.length === 0) return { kind: 'FULL', exact: true };
  return { kind: 'RESTRICTED' };
}

function isNeighbourElement(r: AsPathRegex, neighbour: number | undefined): boolean {
  const inner = r.type === 'repeat' && r.min >= 1 ? r.inner : r;
  if (inner.type === 'peeras') return true;
  return inner.type === 'asn' && neighbour !== undefined && inner.asn === neighbour;
}

/** True when the filter's class may depend on which neighbour it is applied to. */
export function dependsOnNeighbour(f: Filter): boolean {
  switch (f.type) {
    case 'as-path': return true;
    case 'not': return dependsOnNeighbour(f.operand);
    case 'and': case 'or': return dependsOnNeighbour(f.left) || dependsOnNeighbour(f.right);
    default: return false;
  }
}

const MAX_FILTER_SET_DEPTH = 16;

export function evaluateFilter(f: Filter, ctx: FilterClassContext, notes: string[] = [], stack: string[] = []): FilterValue {
  switch (f.type) {
    case 'any': case 'as-any': case 'rs-any':
      return { kind: 'FULL', exact: true };
    case 'peeras': case 'asn': case 'as-set':
      return { kind: 'RESTRICTED' };
    case 'route-set': {
      const has = ctx.routeSetHasFamily?.(f.name, ctx.family);
      if (has === false) return { kind: 'NONE' };
      return { kind: 'RESTRICTED' };
    }
    case 'prefix-set': {
      let v: FilterValue = { kind: 'NONE' };
      for (const p of f.prefixes) if (prefixFamily(p) === ctx.family) v = or(v, classifyPrefix(p, f.op, ctx.family));
      return v;
    }
    case 'as-path':
      return classifyAsPath(f.regex, ctx.neighbour);
    case 'community':
      return { kind: 'NARROW' };
    case 'filter-set':
      return evaluateFilterSet(f.name, ctx, notes, stack);
    case 'not':
      return not(evaluateFilter(f.operand, ctx, notes, stack));
    case 'and':
      return and(evaluateFilter(f.left, ctx, notes, stack), evaluateFilter(f.right, ctx, notes, stack));
    case 'or':
      return or(evaluateFilter(f.left, ctx, notes, stack), evaluateFilter(f.right, ctx, notes, stack));
  }
}

function evaluateFilterSet(name: string, ctx: FilterClassContext, notes: string[], stack: string[]): FilterValue {
  const key = name.toUpperCase();
  if (stack.includes(key)) {
    notes.push(`filter-set ${name} refers to itself (${[...stack, key].join(' → ')}): the loop is cut`);
    return { kind: 'NONE' };
  }
  if (stack.length >= MAX_FILTER_SET_DEPTH) {
    notes.push(`filter-set ${name} nested deeper than ${MAX_FILTER_SET_DEPTH}: not followed`);
    return { kind: 'RESTRICTED' };
  }
  const resolved = ctx.filterSet?.(name, ctx.family);
  if (resolved === undefined) {
    // Not in the data: a bogon-like name is a short exclusion list; anything else is taken as
    // a specific list too, and said so.
    notes.push(isBogonLikeName(name)
      ? `filter-set ${name} not in the data: taken as a bogon list (specific prefixes)`
      : `filter-set ${name} not in the data: assumed to list specific routes (RESTRICTED)`);
    return { kind: 'RESTRICTED' };
  }
  if (resolved === null) return { kind: 'NONE' };
  return evaluateFilter(resolved, ctx, notes, [...stack, key]);
}

/** Final class of a filter in one family, with the assumptions made. */
export function classifyFilter(f: Filter, ctx: FilterClassContext): FilterClassResult {
  const notes: string[] = [];
  const v = evaluateFilter(f, ctx, notes);
  return { filterClass: toClass(v), exact: v.kind === 'FULL' && v.exact, notes };
}

export function toClass(v: FilterValue): FilterClass {
  return v.kind === 'NARROW' ? 'RESTRICTED' : v.kind;
}

/** Several rules for the same neighbour combine as OR (rule 2). */
export function orClasses(classes: Iterable<FilterClass>): FilterClass | undefined {
  let best: FilterClass | undefined;
  for (const c of classes) if (best === undefined || CLASS_RANK[c] > CLASS_RANK[best]) best = c;
  return best;
}
const CLASS_RANK: Record<FilterClass, number> = { NONE: 0, RESTRICTED: 1, DEFAULT: 2, FULL: 3 };
