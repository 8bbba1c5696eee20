/**
 * The inference run over one index: parses each aut-num once, expands sets once, and
 * turns rules into per-pair, per-family inferences (DESIGN.md rules 1–5). The public
 * functions in infer.ts wrap one engine per index.
 */
import type { ParsedPolicy, PolicyTerm } from '../policy/types.js';
import { parseAsn } from '../rpsl/keys.js';
import type { ObjectIndex, ObjectProvenance, StoredObject } from '../store/types.js';
import { combine } from './combine.js';
import { SetExpander, type ExpandLimits, type ExpansionNote, type PolicyParser } from './expand.js';
import { classifyFilter, dependsOnNeighbour, type FilterClassResult } from './filter-class.js';
import type { Evidence, Family, LinkInference } from './types.js';
import { sideView, type RuleLine } from './views.js';

import { FAMILIES } from './families.js';

/** One policy term of an aut-num in one family, with the neighbours its peerings name. */
interface SideRule {
  policy: ParsedPolicy;
  term: PolicyTerm;
  family: Family;
  named: Set<number>;
  any: boolean;
  excluded: Set<number>;
  notes: ExpansionNote[];
  /** Class when it does not depend on the neighbour; else computed per neighbour. */
  fixedClass?: FilterClassResult;
}

interface Side {
  asn: number;
  stored?: StoredObject;
  rules: SideRule[];
  /** Per family: neighbour → rules naming it. */
  named: Record<Family, Map<number, SideRule[]>>;
  /** Per family: AS-ANY rules. */
  anyRules: Record<Family, SideRule[]>;
  /** Policy attributes that could not be parsed (no AST), for data-quality notes. */
  unparsed: ParsedPolicy[];
}

function familyOf(t: PolicyTerm): Family | undefined {
  return t.afi === 'ipv4.unicast' ? 'ipv4' : t.afi === 'ipv6.unicast' ? 'ipv6' : undefined;
}

export function provenanceLabel(stored: StoredObject): string {
  const p: ObjectProvenance = stored.provenance;
  const src = stored.object.source ?? 'no source:';
  switch (p.kind) {
    case 'live': return `${src} via ${p.from} (fetched ${p.date})`;
    case 'dump': return `${src} from dump ${p.from} (${p.date})`;
    case 'bundled': return `${src} from bundled ${p.from} (${p.date})${p.reconstructed ? ', RECONSTRUCTED' : ''}`;
  }
}

export class InferenceEngine {
  private readonly policies = new WeakMap<object, ParsedPolicy[]>();
  private readonly sides = new Map<number, Side>();
  readonly expander: SetExpander;
  /** neighbour → ASes whose rules name it, per family (built on first use). */
  private reverse?: Record<Family, Map<number, Set<number>>>;

  constructor(readonly index: ObjectIndex, private readonly parse: PolicyParser, limits: Partial<ExpandLimits> = {}) {
    this.expander = new SetExpander(index, parse, limits);
  }

  /** Parsed policies of an object, parsed once per run. */
  policiesOf(stored: StoredObject): ParsedPolicy[] {
    let p = this.policies.get(stored.object);
    if (!p) {
      try {
        p = this.parse(stored.object);
      } catch {
        // The parser promises never to throw on input; if it does, the object has no usable rules.
        p = [];
      }
      this.policies.set(stored.object, p);
    }
    return p;
  }

  side(asn: number): Side {
    let s = this.sides.get(asn);
    if (s) return s;
    const stored = this.index.autNum(asn);
    s = { asn, stored, rules: [], named: { ipv4: new Map(), ipv6: new Map() }, anyRules: { ipv4: [], ipv6: [] }, unparsed: [] };
    if (stored) {
      for (const policy of this.policiesOf(stored)) {
        // -via attributes describe routes through an intermediate AS, not a direct link.
        if (policy.attribute.endsWith('-via')) continue;
        if (!policy.ast) { s.unparsed.push(policy); continue; }
        for (const term of policy.terms) {
          const family = familyOf(term);
          if (!family) continue;
          const rule: SideRule = { policy, term, family, named: new Set(), any: false, excluded: new Set(), notes: [] };
          for (const pa of term.peerings) {
            const t = this.expander.peeringTargets(pa.peering);
            for (const n of t.asns) if (n !== asn) rule.named.add(n);
            if (t.any) rule.any = true;
            for (const n of t.excluded) rule.excluded.add(n);
            rule.notes.push(...t.notes);
          }
          if (!dependsOnNeighbour(term.filter)) rule.fixedClass = this.classify(rule, undefined);
          s.rules.push(rule);
          for (const n of rule.named) {
            let list = s.named[family].get(n);
            if (!list) s.named[family].set(n, (list = []));
            list.push(rule);
          }
          if (rule.any) s.anyRules[family].push(rule);
        }
      }
    }
    this.sides.set(asn, s);
    return s;
  }

  private classify(rule: SideRule, neighbour: number | undefined): FilterClassResult {
    return classifyFilter(rule.term.filter, {
      family: rule.family,
      neighbour,
      filterSet: (name, fam) => this.expander.filterSet(name, fam),
      routeSetHasFamily: (name, fam) => this.expander.routeSetHasFamily(name, fam),
    });
  }

  /** Neighbours `asn`'s own rules name in a family. */
  namedBy(asn: number, family: Family): number[] {
    return [...this.side(asn).named[family].keys()];
  }

  /** ASes whose rules name `asn` in a family (scans every aut-num once per run). */
  namingOf(asn: number, family: Family): number[] {
    if (!this.reverse) {
      this.reverse = { ipv4: new Map(), ipv6: new Map() };
      for (const stored of this.index.autNums()) {
        const owner = this.asnOf(stored);
        if (owner === undefined) continue;
        const s = this.side(owner);
        for (const fam of FAMILIES) {
          for (const n of s.named[fam].keys()) {
            let set = this.reverse[fam].get(n);
            if (!set) this.reverse[fam].set(n, (set = new Set()));
            set.add(owner);
          }
        }
      }
    }
    return [...(this.reverse[family].get(asn) ?? [])];
  }

  asnOf(stored: StoredObject): number | undefined {
    return parseAsn(stored.object.key.trim())?.asn;
  }

  adjacent(a: number, b: number, family: Family): boolean {
    return this.side(a).named[family].has(b) || this.side(b).named[family].has(a);
  }

  /** Rule lines of `owner` that apply to `neighbour` in a family (named and AS-ANY). */
  private lines(owner: Side, neighbour: number, family: Family, notes: Set<string>): RuleLine[] {
    const out: RuleLine[] = [];
    const stored = owner.stored;
    if (!stored) return out;
    const source = provenanceLabel(stored);
    const add = (rule: SideRule, named: boolean) => {
      const cls = rule.fixedClass ?? this.classify(rule, neighbour);
      for (const n of cls.notes) notes.add(`AS${owner.asn} line ${rule.policy.line}: ${n}`);
      if (named) for (const n of rule.notes) notes.add(n.message);
      out.push({
        named,
        evidence: {
          asn: owner.asn,
          source,
          object: rule.policy.object,
          attribute: rule.policy.attribute,
          line: rule.policy.line,
          text: rule.policy.text,
          direction: rule.term.direction,
          filterClass: cls.filterClass,
        },
      });
    };
    for (const rule of owner.named[family].get(neighbour) ?? []) add(rule, true);
    for (const rule of owner.anyRules[family]) {
      if (rule.excluded.has(neighbour) || rule.named.has(neighbour)) continue;
      add(rule, false);
    }
    return out;
  }

  /** The inference for one pair in one family, read from a's side. */
  infer(a: number, b: number, family: Family): LinkInference {
    const sa = this.side(a), sb = this.side(b);
    const missing = [a, b].filter((x) => !this.index.autNum(x));
    if (a === b || !this.adjacent(a, b, family)) {
      return { a, b, family, relation: 'none', candidates: [], confidence: 0, evidence: [], missing };
    }
    const notes = new Set<string>();
    const va = sideView(a, b, this.lines(sa, b, family, notes));
    const vb = sideView(b, a, this.lines(sb, a, family, notes));
    const result = combine({ a, b, fromA: va.constraints, fromB: vb.constraints, aHasObject: !!sa.stored, bHasObject: !!sb.stored });
    const evidence: Evidence[] = dedupe([...va.evidence, ...vb.evidence]);
    const parts = [...result.notes];
    for (const m of missing) parts.push(`data gap: AS${m} has no aut-num in the data, so only AS${m === a ? b : a}'s side is known`);
    for (const s of [sa, sb]) {
      const other = s === sa ? b : a;
      const re = new RegExp(`\\bAS${other}\\b`, 'i');
      for (const p of s.unparsed) if (re.test(p.text)) parts.push(`AS${s.asn} line ${p.line} mentions AS${other} but could not be parsed: not used`);
    }
    parts.push(...notes);
    const out: LinkInference = {
      a, b, family,
      relation: result.relation,
      candidates: result.candidates,
      confidence: result.confidence,
      evidence,
      missing,
    };
    if (parts.length) out.note = parts.join('; ');
    return out;
  }

  /** Every adjacency in the index, one inference per unordered pair (a < b) and family. */
  all(families: readonly Family[]): LinkInference[] {
    const out: LinkInference[] = [];
    for (const family of families) {
      const pairs = new Set<string>();
      const list: [number, number][] = [];
      for (const stored of this.index.autNums()) {
        const owner = this.asnOf(stored);
        if (owner === undefined) continue;
        for (const n of this.side(owner).named[family].keys()) {
          const [x, y] = owner < n ? [owner, n] : [n, owner];
          const k = `${x}:${y}`;
          if (pairs.has(k)) continue;
          pairs.add(k);
          list.push([x, y]);
        }
      }
      list.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
      for (const [x, y] of list) out.push(this.infer(x, y, family));
    }
    return out;
  }

  /** Every neighbour of `asn` in a family, read from `asn`'s side. */
  neighbours(asn: number, family: Family): LinkInference[] {
    const ns = new Set([...this.namedBy(asn, family), ...this.namingOf(asn, family)]);
    ns.delete(asn);
    return [...ns].sort((x, y) => x - y).map((n) => this.infer(asn, n, family));
  }
}

function dedupe(ev: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return ev.filter((e) => {
    const k = `${e.asn}|${e.line}|${e.direction}|${e.strength}|${e.filterClass}|${e.text}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
