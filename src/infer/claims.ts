/**
 * One-sided claims (DESIGN.md "Parse once"): what each policy term of an aut-num says, in
 * each family, computed once when the object is written. A claim keeps the owner, family,
 * direction, the peering (one neighbour, or coded expressions to expand at analysis time),
 * the filter class (rule 2) and where it came from; the store files it under every name its
 * peering holds (the reverse index) and under the sets its class depends on.
 */
import type { AsPathRegex, Filter } from '../../grammar/ast.js';
import { policyAttributeName } from '../policy/attributes.js';
import { parsePolicies } from '../policy/parse.js';
import type { ParsedPolicy, PolicyTerm } from '../policy/types.js';
import { parseAsn, reservedAsnReason } from '../rpsl/keys.js';
import type { RpslObject } from '../rpsl/types.js';
import { encodePeering, positiveNames, type CodedPeering } from '../store/peering-codec.js';
import type { Derived, RuleRow } from '../store/store.js';
import type { SetExpander } from './expand.js';
import { classifyFilter, dependsOnNeighbour, type FilterClassResult } from './filter-class.js';
import type { Direction } from '../policy/types.js';
import type { Family, FilterClass } from './types.js';
import { FAMILY_CODE } from './families.js';

export const CLASS_CODE: Record<FilterClass, 0 | 1 | 2 | 3> = { NONE: 0, RESTRICTED: 1, DEFAULT: 2, FULL: 3 };
export const CLASS_NAME: readonly FilterClass[] = ['NONE', 'RESTRICTED', 'DEFAULT', 'FULL'];
export const DIRECTION_CODE: Record<Direction, 0 | 1 | 2> = { import: 0, export: 1, default: 2 };
export const DIRECTION_NAME: readonly Direction[] = ['import', 'export', 'default'];

export function termFamily(t: PolicyTerm): Family | undefined {
  return t.afi === 'ipv4.unicast' ? 'ipv4' : t.afi === 'ipv6.unicast' ? 'ipv6' : undefined;
}

/** Comma/blank-separated list values of some attributes (`members: AS1, AS2 AS-FOO`). */
export function listValues(o: RpslObject, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of o.attributes) {
    if (!names.includes(a.name)) continue;
    for (const t of a.value.split(/[\s,]+/)) if (t) out.push(t);
  }
  return out;
}

/** An as-set member as the reverse index files it: `AS<n>` for ASNs, upper case otherwise. */
function memberName(m: string): string {
  const p = parseAsn(m);
  return p ? `AS${p.asn}` : m.toUpperCase();
}

/** Filter-sets and route-sets a filter's class depends on; ASNs its AS-path regexes name. */
function filterRefs(f: Filter, deps: Set<string>, pathAsns: Set<number>): void {
  const stack: Filter[] = [f];
  while (stack.length) {
    const x = stack.pop()!;
    switch (x.type) {
      case 'filter-set': case 'route-set': deps.add(x.name.toUpperCase()); break;
      case 'as-path': regexAsns(x.regex, pathAsns); break;
      case 'not': stack.push(x.operand); break;
      case 'and': case 'or': stack.push(x.left, x.right); break;
      default: break;
    }
  }
}

function regexAsns(r: AsPathRegex, out: Set<number>): void {
  const stack: AsPathRegex[] = [r];
  while (stack.length) {
    const x = stack.pop()!;
    switch (x.type) {
      case 'asn': out.add(x.asn); break;
      case 'seq': stack.push(...x.items); break;
      case 'alt': stack.push(...x.alternatives); break;
      case 'group': case 'repeat': stack.push(x.inner); break;
      default: break;
    }
  }
}

/** Class of a term's filter without a neighbour, and where a neighbour changes it (`<^AS1299 .*>` on AS1299). */
export function classifyTerm(term: PolicyTerm, family: Family, expander: SetExpander): { cls: FilterClassResult; classBy: Record<string, FilterClass> | null; deps: string[] } {
  const ctx = {
    family,
    filterSet: (name: string, fam: Family) => expander.filterSet(name, fam),
    routeSetHasFamily: (name: string, fam: Family) => expander.routeSetHasFamily(name, fam),
  };
  const cls = classifyFilter(term.filter, ctx);
  const deps = new Set<string>();
  const pathAsns = new Set<number>();
  filterRefs(term.filter, deps, pathAsns);
  let classBy: Record<string, FilterClass> | null = null;
  if (pathAsns.size > 0 && dependsOnNeighbour(term.filter)) {
    for (const asn of pathAsns) {
      const c = classifyFilter(term.filter, { ...ctx, neighbour: asn }).filterClass;
      if (c !== cls.filterClass) (classBy ??= {})[asn] = c;
    }
  }
  return { cls, classBy, deps: [...deps] };
}

/** Whether a peering may cover AS-ANY (a peering-set may hold AS-ANY: counted, and sorted out at analysis). */
function coversAny(c: CodedPeering): boolean {
  if (c === '*') return true;
  if (typeof c === 'number' || typeof c === 'string') return false;
  if (!Array.isArray(c)) return true;
  return c[0] === 'except' ? coversAny(c[1]) : coversAny(c[1]) || coversAny(c[2]);
}

function ruleRow(p: ParsedPolicy, attrIndex: number, term: PolicyTerm, termIndex: number, family: Family, expander: SetExpander): RuleRow {
  const coded: CodedPeering[] = term.peerings.map((pa) => encodePeering(pa.peering));
  const mentions = new Set<string>();
  for (const c of coded) positiveNames(c, mentions);
  const single = coded.length === 1 && typeof coded[0] === 'number' ? coded[0] : null;
  // A single neighbour is found through rules.peer; only expressions go into the mentions index.
  if (single !== null) mentions.clear();
  const { cls, classBy, deps } = classifyTerm(term, family, expander);
  return {
    attrIndex, termIndex,
    family: FAMILY_CODE[family],
    direction: DIRECTION_CODE[term.direction],
    attribute: p.attribute,
    line: p.line,
    peer: single,
    peerings: single === null ? JSON.stringify(coded) : null,
    cls: CLASS_CODE[cls.filterClass],
    isAny: coded.some(coversAny),
    classBy: classBy ? JSON.stringify(classBy) : null,
    notes: cls.notes.length ? JSON.stringify(cls.notes) : null,
    mentions: [...mentions],
    deps,
  };
}

/** The rules of one policy attribute (the `attrIndex`-th of its object), appended to `out`. */
export function policyRules(p: ParsedPolicy, attrIndex: number, expander: SetExpander, out: RuleRow[]): void {
  // -via attributes describe routes through an intermediate AS, not a direct link.
  if (p.attribute.endsWith('-via')) return;
  if (!p.ast) {
    out.push({
      attrIndex, termIndex: 0, family: 0, direction: 0, attribute: p.attribute, line: p.line, peer: null, peerings: null,
      cls: 0, isAny: false, classBy: null, notes: null, mentions: [], deps: [],
    });
    return;
  }
  p.terms.forEach((term, termIndex) => {
    const family = termFamily(term);
    if (family && !onlyReserved(term)) out.push(ruleRow(p, attrIndex, term, termIndex, family, expander));
  });
}

/**
 * A term whose one neighbour is AS0 or AS_TRANS: no BGP session has either at its other end,
 * so the term says nothing of a link and is not stored (`asrel parse` warns of it). Such an
 * AS inside an expression or a set is left out where peerings are expanded (engine.ts).
 */
function onlyReserved(term: PolicyTerm): boolean {
  if (term.peerings.length !== 1) return false;
  const p = term.peerings[0]!.peering;
  return p.type === 'peering' && p.as.type === 'asn' && reservedAsnReason(p.as.asn) !== undefined;
}

/** An aut-num's `member-of:` sets, each with the object's mnt-by list. */
export function memberOfOf(object: RpslObject): Derived['memberOf'] {
  // One pass, by name: a tier-1's object has 28,000 attributes and few of these.
  const mnts: string[] = [];
  const sets = new Set<string>();
  for (const a of object.attributes) {
    if (a.name !== 'mnt-by' && a.name !== 'member-of') continue;
    for (const t of a.value.split(/[\s,]+/)) {
      if (!t) continue;
      if (a.name === 'mnt-by') mnts.push(t.toUpperCase());
      else sets.add(t.toUpperCase());
    }
  }
  return [...sets].map((set) => ({ set, mntBy: mnts }));
}

/**
 * What the store keeps beside an object: an aut-num's claims (one per term and family;
 * attributes that could not be parsed are kept as family 0, for data-quality notes), a set's
 * members, an aut-num's `member-of:` sets. Never throws: a failure inside one object costs
 * that object its claims, with a note.
 */
export function deriveClaims(object: RpslObject, expander: SetExpander, parse: (o: RpslObject) => ParsedPolicy[] = parsePolicies): Derived & { problems: string[] } {
  const out: Derived & { problems: string[] } = { rules: [], members: [], memberOf: [], problems: [] };
  try {
    if (object.class === 'aut-num') {
      // AS0's or AS_TRANS's own policy names no real neighbour: no link is drawn from it.
      const owner = parseAsn(object.key);
      const reserved = owner && reservedAsnReason(owner.asn);
      if (reserved) {
        if (object.attributes.some((a) => policyAttributeName(a.name))) out.problems.push(`aut-num ${object.key}: ${reserved}, so its policy is not used`);
        return out;
      }
      parse(object).forEach((p, attrIndex) => policyRules(p, attrIndex, expander, out.rules));
      out.memberOf = memberOfOf(object);
    } else if (object.class === 'as-set') {
      out.members = [...new Set(listValues(object, ['members']).map(memberName))];
    } else if (object.class === 'peering-set') {
      const names = new Set<string>();
      for (const p of expander.peeringsOf(object).peerings) positiveNames(encodePeering(p), names);
      out.members = [...names];
    }
  } catch (e) {
    out.rules = [];
    out.problems.push(`${object.class} ${object.key}: could not be analysed (${e instanceof Error ? e.message : String(e)}); its rules are not used`);
  }
  return out;
}
