/**
 * Set expansion from the index: as-sets (members, nested sets, mbrs-by-ref/member-of),
 * route-sets, filter-sets and peering-sets, with loop detection, a depth limit and a member
 * cap. Problems are never thrown: they become notes that travel with the inference.
 */
import type { AsExpression, Filter, Peering } from '../../grammar/ast.js';
import type { ParsedPolicy } from '../policy/types.js';
import { parseAsn } from '../rpsl/keys.js';
import type { RpslAttribute, RpslObject } from '../rpsl/types.js';
import type { LookupClass, StoredObject } from '../store/types.js';
import type { Family } from './types.js';

export type PolicyParser = (obj: RpslObject) => ParsedPolicy[];

/** Where sets come from: the store (src/store/store.ts), whichever way its data was loaded. */
export interface SetSource {
  set(cls: Exclude<LookupClass, 'aut-num'>, name: string): StoredObject | undefined;
  /** aut-nums naming `set` in `member-of:`, with their mnt-by (for mbrs-by-ref). */
  memberOf(set: string): { asn: number; mntBy: string[] }[];
}

export interface ExpandLimits {
  /** Nesting depth of sets followed before giving up on a branch. */
  maxDepth: number;
  /** Members collected per expansion before stopping. */
  maxMembers: number;
}
export const DEFAULT_EXPAND_LIMITS: Readonly<ExpandLimits> = { maxDepth: 20, maxMembers: 100_000 };

/** The limits an expander gets when given none: the defaults, or the CLI's --max-set-members / --max-set-depth. */
let runLimits: ExpandLimits = { ...DEFAULT_EXPAND_LIMITS };

export function setExpandLimits(limits: Partial<ExpandLimits>): void {
  runLimits = { ...runLimits, ...limits };
}

export interface ExpansionNote {
  kind: 'loop' | 'missing' | 'cap' | 'depth' | 'bad-member';
  /** The set whose expansion met the problem. */
  set: string;
  message: string;
}

export interface AsSetExpansion {
  asns: Set<number>;
  /** False when a loop, missing set, cap or depth limit left members out. */
  complete: boolean;
  notes: ExpansionNote[];
}

/** What a peering expression names: explicit ASNs, and whether it is AS-ANY (minus exclusions). */
export interface PeeringTargets {
  asns: Set<number>;
  /** AS-ANY (possibly `AS-ANY EXCEPT …`): describes every neighbour except `excluded`. */
  any: boolean;
  excluded: Set<number>;
  notes: ExpansionNote[];
}

/** Comma/blank-separated list values (`members: AS1, AS2 AS-FOO`). */
function listValues(objects: RpslObject, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const a of objects.attributes) {
    if (!names.includes(a.name)) continue;
    for (const t of a.value.split(/[\s,]+/)) if (t) out.push(t);
  }
  return out;
}

/** Route-set members of one family: prefixes, and whether non-prefix members (ASNs, sets) exist. */
interface RouteSetContent {
  prefixes: Record<Family, number>;
  /** ASN / as-set / route-set members: their routes may be of either family. */
  indirect: boolean;
}

/**
 * One expander per index and run: results are cached, so a set used by 2,000 rules is
 * expanded once.
 */
export class SetExpander {
  private readonly limits: ExpandLimits;
  private readonly asSets = new Map<string, AsSetExpansion>();
  private readonly routeSets = new Map<string, RouteSetContent | undefined>();
  private readonly filterSets = new Map<string, Map<Family, Filter | null> | undefined>();
  private readonly peeringSets = new Map<string, { peerings: Peering[]; notes: ExpansionNote[] } | undefined>();

  /** Called once per set whose expansion stopped at a limit (`cap` or `depth`), so the answer can say so. */
  onLimit?: (note: ExpansionNote) => void;
  /** Sets whose expansion stopped at a limit. */
  readonly limited = new Map<string, ExpansionNote>();

  constructor(private readonly index: SetSource, private readonly parse: PolicyParser, limits: Partial<ExpandLimits> = {}) {
    this.limits = { ...runLimits, ...limits };
  }

  /** ASNs of an as-set, recursively. */
  asSet(name: string): AsSetExpansion {
    const key = name.toUpperCase();
    const cached = this.asSets.get(key);
    if (cached) return cached;
    const result: AsSetExpansion = { asns: new Set(), complete: true, notes: [] };
    const done = new Set<string>();
    const walk = (setName: string, stack: string[]): void => {
      const k = setName.toUpperCase();
      if (stack.includes(k)) {
        this.note(result, { kind: 'loop', set: key, message: `as-set loop: ${[...stack, k].join(' → ')}` });
        return;
      }
      if (done.has(k)) return;
      done.add(k);
      if (stack.length >= this.limits.maxDepth) {
        this.note(result, { kind: 'depth', set: key, message: `as-set ${setName} nested deeper than ${this.limits.maxDepth} levels below ${key} (--max-set-depth): not followed, and a relation with an AS below it is unknown` });
        return;
      }
      const stored = this.index.set('as-set', setName);
      if (!stored) {
        this.note(result, { kind: 'missing', set: key, message: `as-set ${setName} is not in the data${k === key ? '' : ` (member of ${key})`}` });
        return;
      }
      const next = [...stack, k];
      for (const m of [...listValues(stored.object, ['members']), ...this.membersByRef(stored.object)]) {
        if (result.asns.size >= this.limits.maxMembers) {
          this.note(result, { kind: 'cap', set: key, message: `as-set ${key} has more than ${this.limits.maxMembers.toLocaleString('en-US')} members (--max-set-members): expansion stopped there, and a relation with an AS past the cap is unknown` });
          return;
        }
        const asn = parseAsn(m)?.asn;
        if (asn !== undefined) result.asns.add(asn);
        else if (/^(AS\d+:)*AS-[A-Z0-9_-]+(:[A-Z0-9_-]+)*$/i.test(m) || /^AS\d+(:[A-Z0-9_-]+)+$/i.test(m)) walk(m, next);
        else this.note(result, { kind: 'bad-member', set: key, message: `as-set ${setName}: member "${m}" is neither an ASN nor an as-set name` });
      }
    };
    walk(name, []);
    this.asSets.set(key, result);
    return result;
  }

  /** ASNs of aut-nums that join a set with `member-of:` and are accepted by its `mbrs-by-ref:`. */
  private membersByRef(set: RpslObject): string[] {
    const refs = listValues(set, ['mbrs-by-ref']).map((r) => r.toUpperCase());
    if (refs.length === 0) return [];
    const out: string[] = [];
    for (const m of this.index.memberOf(set.key)) {
      if (refs.includes('ANY') || m.mntBy.some((x) => refs.includes(x.toUpperCase()))) out.push(`AS${m.asn}`);
    }
    return out;
  }

  private note(target: { notes: ExpansionNote[]; complete?: boolean }, n: ExpansionNote): void {
    target.complete = false;
    if (!target.notes.some((x) => x.message === n.message)) target.notes.push(n);
    if ((n.kind === 'cap' || n.kind === 'depth') && !this.limited.has(n.set)) {
      this.limited.set(n.set, n);
      this.onLimit?.(n);
    }
  }

  /** What a peering's AS expression names. Peering-sets are expanded through the index. */
  peeringTargets(p: Peering): PeeringTargets {
    const out: PeeringTargets = { asns: new Set(), any: false, excluded: new Set(), notes: [] };
    if (p.type === 'peering-set') {
      this.collectPeeringSet(p.name, out, []);
      return out;
    }
    const t = this.asExpression(p.as, out.notes);
    return { ...t, notes: out.notes };
  }

  private collectPeeringSet(name: string, out: PeeringTargets, stack: string[]): void {
    const k = name.toUpperCase();
    if (stack.includes(k)) {
      out.notes.push({ kind: 'loop', set: k, message: `peering-set loop: ${[...stack, k].join(' → ')}` });
      return;
    }
    if (stack.length >= this.limits.maxDepth) {
      out.notes.push({ kind: 'depth', set: k, message: `peering-set ${name} nested too deep: not followed` });
      return;
    }
    const content = this.peeringSet(name);
    if (!content) {
      out.notes.push({ kind: 'missing', set: k, message: `peering-set ${name} is not in the data` });
      return;
    }
    out.notes.push(...content.notes);
    for (const p of content.peerings) {
      if (p.type === 'peering-set') { this.collectPeeringSet(p.name, out, [...stack, k]); continue; }
      const t = this.asExpression(p.as, out.notes);
      for (const a of t.asns) out.asns.add(a);
      if (t.any) out.any = true;
      for (const a of t.excluded) out.excluded.add(a);
    }
  }

  private asExpression(e: AsExpression, notes: ExpansionNote[]): Omit<PeeringTargets, 'notes'> {
    switch (e.type) {
      case 'asn': return { asns: new Set([e.asn]), any: false, excluded: new Set() };
      case 'as-any': return { asns: new Set(), any: true, excluded: new Set() };
      case 'peeras': return { asns: new Set(), any: false, excluded: new Set() };
      case 'as-set': {
        const x = this.asSet(e.name);
        for (const n of x.notes) if (!notes.some((m) => m.message === n.message)) notes.push(n);
        return { asns: new Set(x.asns), any: false, excluded: new Set() };
      }
      case 'or': {
        const l = this.asExpression(e.left, notes), r = this.asExpression(e.right, notes);
        const asns = new Set([...l.asns, ...r.asns]);
        let excluded: Set<number>;
        if (l.any && r.any) excluded = new Set([...l.excluded].filter((a) => r.excluded.has(a)));
        else excluded = new Set([...(l.any ? l.excluded : r.any ? r.excluded : [])].filter((a) => !asns.has(a)));
        return { asns, any: l.any || r.any, excluded };
      }
      case 'and': {
        const l = this.asExpression(e.left, notes), r = this.asExpression(e.right, notes);
        if (l.any && r.any) return { asns: new Set(), any: true, excluded: new Set([...l.excluded, ...r.excluded]) };
        if (l.any) return { asns: new Set([...r.asns].filter((a) => !l.excluded.has(a))), any: false, excluded: new Set() };
        if (r.any) return { asns: new Set([...l.asns].filter((a) => !r.excluded.has(a))), any: false, excluded: new Set() };
        return { asns: new Set([...l.asns].filter((a) => r.asns.has(a))), any: false, excluded: new Set() };
      }
      case 'except': {
        const l = this.asExpression(e.left, notes), r = this.asExpression(e.right, notes);
        if (r.any) return { asns: new Set([...l.asns].filter((a) => r.excluded.has(a))), any: false, excluded: new Set() };
        return {
          asns: new Set([...l.asns].filter((a) => !r.asns.has(a))),
          any: l.any,
          excluded: new Set([...l.excluded, ...r.asns]),
        };
      }
    }
  }

  /** Peerings of a peering-set (`peering:`/`mp-peering:`), parsed with the policy grammar. */
  peeringSet(name: string): { peerings: Peering[]; notes: ExpansionNote[] } | undefined {
    const key = name.toUpperCase();
    if (this.peeringSets.has(key)) return this.peeringSets.get(key);
    const stored = this.index.set('peering-set', name);
    const result = stored ? this.peeringsOf(stored.object) : undefined;
    this.peeringSets.set(key, result);
    return result;
  }

  /** The peerings a peering-set object lists, one per `peering:`/`mp-peering:` line. */
  peeringsOf(object: RpslObject): { peerings: Peering[]; notes: ExpansionNote[] } {
    const key = object.key.toUpperCase();
    const name = object.key;
    const result: { peerings: Peering[]; notes: ExpansionNote[] } = { peerings: [], notes: [] };
    for (const a of object.attributes) {
      if (a.name !== 'peering' && a.name !== 'mp-peering') continue;
      // The grammar parses peerings inside policies: wrap the value in a policy that accepts ANY.
      const value = a.name === 'peering' ? `from ${a.value} accept ANY` : `afi any from ${a.value} accept ANY`;
      const parsed = this.parseSynthetic(object, a.name === 'peering' ? 'import' : 'mp-import', value, a);
      const terms = parsed.flatMap((p) => p.terms);
      if (terms.length === 0) {
        result.notes.push({ kind: 'bad-member', set: key, message: `peering-set ${name}: line ${a.line} could not be parsed` });
        continue;
      }
      // One peering per line, whatever the number of families it yielded.
      const first = terms[0]!.peerings[0];
      if (first) result.peerings.push(first.peering);
    }
    return result;
  }

  /**
   * The filter of a filter-set in one family: `filter:` is IPv4 only, `mp-filter:` covers the
   * families its prefixes name (RFC 4012 §2.5.2). `undefined`: not in the data; `null`: no
   * filter for this family.
   */
  filterSet(name: string, family: Family): Filter | null | undefined {
    const key = name.toUpperCase();
    if (!this.filterSets.has(key)) {
      const stored = this.index.set('filter-set', name);
      let byFamily: Map<Family, Filter | null> | undefined;
      if (stored) {
        byFamily = new Map();
        for (const a of stored.object.attributes) {
          if (a.name !== 'filter' && a.name !== 'mp-filter') continue;
          const parsed = a.name === 'filter'
            ? this.parseSynthetic(stored.object, 'import', `from AS-ANY accept ${a.value}`, a)
            : this.parseSynthetic(stored.object, 'mp-import', `afi any.unicast from AS-ANY accept ${a.value}`, a);
          for (const t of parsed.flatMap((p) => p.terms)) {
            const fam: Family | undefined = t.afi === 'ipv4.unicast' ? 'ipv4' : t.afi === 'ipv6.unicast' ? 'ipv6' : undefined;
            if (!fam) continue;
            const prev = byFamily.get(fam);
            byFamily.set(fam, prev ? { type: 'or', left: prev, right: t.filter } : t.filter);
          }
        }
      }
      this.filterSets.set(key, byFamily);
    }
    const byFamily = this.filterSets.get(key);
    if (!byFamily) return undefined;
    return byFamily.get(family) ?? null;
  }

  /** Whether a route-set can hold routes of a family; undefined when not in the data. */
  routeSetHasFamily(name: string, family: Family): boolean | undefined {
    const c = this.routeSet(name);
    if (!c) return undefined;
    return c.indirect || c.prefixes[family] > 0;
  }

  private routeSet(name: string): RouteSetContent | undefined {
    const key = name.toUpperCase();
    if (this.routeSets.has(key)) return this.routeSets.get(key);
    const stored = this.index.set('route-set', name);
    let content: RouteSetContent | undefined;
    if (stored) {
      content = { prefixes: { ipv4: 0, ipv6: 0 }, indirect: false };
      for (const m of listValues(stored.object, ['members', 'mp-members'])) {
        const bare = m.replace(/\^.*$/, '');
        if (/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(bare)) content.prefixes.ipv4++;
        else if (bare.includes(':') && bare.includes('/') && !/^AS/i.test(bare) && !/^RS-/i.test(bare)) content.prefixes.ipv6++;
        else content.indirect = true;
      }
      // mbrs-by-ref: routes join by their own member-of; they may be of either family.
      if (listValues(stored.object, ['mbrs-by-ref']).length > 0) content.indirect = true;
    }
    this.routeSets.set(key, content);
    return content;
  }

  private parseSynthetic(owner: RpslObject, attribute: string, value: string, at: RpslAttribute): ParsedPolicy[] {
    const obj: RpslObject = {
      class: owner.class,
      key: owner.key,
      source: owner.source,
      origin: owner.origin,
      attributes: [{ name: attribute, value, raw: `${attribute}: ${value}`, line: at.line, column: at.column }],
    };
    try {
      return this.parse(obj);
    } catch {
      return [];
    }
  }
}

