/**
 * The inference run over one store (DESIGN.md rules 1–5). It reads the claims stored with each
 * aut-num — never re-parsing policies — expands the sets named as peerings once per run, and
 * turns both sides' claims into per-pair, per-family inferences. Links declared by either
 * side count: the reverse index finds the ASes whose rules name an AS, directly or through a
 * set. Evidence text is read from the store only for the inferences an answer prints.
 */
import type { ObjectProvenance } from '../store/types.js';
import type { Store, StoredRule } from '../store/store.js';
import { decodePeering, type CodedPeering } from '../store/peering-codec.js';
import { parsePolicies } from '../policy/parse.js';
import { CLASS_NAME, DIRECTION_NAME } from './claims.js';
import { combine } from './combine.js';
import { SetExpander, type ExpandLimits, type ExpansionNote } from './expand.js';
import type { Evidence, Family, FilterClass, LinkInference } from './types.js';
import { sideView, type RuleLine } from './views.js';
import { FAMILIES } from './families.js';

/** One stored rule in one family, with the neighbours its peerings name once sets are expanded. */
interface SideRule {
  row: StoredRule;
  family: Family;
  named: ReadonlySet<number>;
  any: boolean;
  excluded: ReadonlySet<number>;
  notes: ExpansionNote[];
  classBy?: Record<string, FilterClass>;
  classNotes?: string[];
}

interface Side {
  asn: number;
  /** The active aut-num, when there is one. */
  ref?: { id: number; label: string };
  /** Per family: neighbour → rules naming it. */
  named: Record<Family, Map<number, SideRule[]>>;
  /** Per family: AS-ANY rules. */
  anyRules: Record<Family, SideRule[]>;
  /** Policy attributes that could not be parsed, for data-quality notes. */
  unparsed: StoredRule[];
}

export function provenanceLabel(source: string | undefined, p: ObjectProvenance): string {
  const src = source ?? 'no source:';
  switch (p.kind) {
    case 'live': return `${src} via ${p.from} (fetched ${p.date})`;
    case 'dump': return `${src} from dump ${p.from} (${p.date})`;
    case 'bundled': return `${src} from bundled ${p.from} (${p.date})${p.reconstructed ? ', RECONSTRUCTED' : ''}`;
  }
}

export interface InferOptions {
  /** Read the registry text of each evidence line (default true); whole-data runs that only count lines skip it. */
  text?: boolean;
}

/** Sides kept in memory at once: whole-registry runs visit each AS's rules a few times, in ASN order. */
const SIDE_CACHE = 20_000;
const EMPTY: ReadonlySet<number> = new Set();

export class InferenceEngine {
  private readonly sides = new Map<number, Side>();
  private readonly naming: Record<Family, Map<number, number[]>> = { ipv4: new Map(), ipv6: new Map() };
  readonly expander: SetExpander;

  constructor(readonly store: Store, limits: Partial<ExpandLimits> = {}) {
    this.expander = new SetExpander(store, parsePolicies, limits);
  }

  side(asn: number): Side {
    const cached = this.sides.get(asn);
    if (cached) return cached;
    const ref = this.store.autNumRef(asn);
    const s: Side = { asn, named: { ipv4: new Map(), ipv6: new Map() }, anyRules: { ipv4: [], ipv6: [] }, unparsed: [] };
    if (ref) {
      s.ref = { id: ref.id, label: provenanceLabel(ref.source, ref.provenance) };
      for (const row of this.store.rulesOf(asn)) {
        if (row.family === 0) {
          s.unparsed.push(row);
          continue;
        }
        const family: Family = row.family === 4 ? 'ipv4' : 'ipv6';
        const rule = this.sideRule(row, family, asn);
        for (const n of rule.named) {
          let list = s.named[family].get(n);
          if (!list) s.named[family].set(n, (list = []));
          list.push(rule);
        }
        if (rule.any) s.anyRules[family].push(rule);
      }
    }
    if (this.sides.size >= SIDE_CACHE) {
      // Drop the older half (Map keeps insertion order).
      let drop = this.sides.size >> 1;
      for (const k of this.sides.keys()) {
        if (drop-- <= 0) break;
        this.sides.delete(k);
      }
    }
    this.sides.set(asn, s);
    return s;
  }

  private sideRule(row: StoredRule, family: Family, owner: number): SideRule {
    const rule: SideRule = { row, family, named: EMPTY, any: false, excluded: EMPTY, notes: [] };
    if (row.classBy) rule.classBy = JSON.parse(row.classBy) as Record<string, FilterClass>;
    if (row.notes) rule.classNotes = JSON.parse(row.notes) as string[];
    if (row.peer !== null) {
      if (row.peer !== owner) rule.named = new Set([row.peer]);
      return rule;
    }
    const named = new Set<number>();
    const excluded = new Set<number>();
    for (const c of JSON.parse(row.peerings ?? '[]') as CodedPeering[]) {
      const t = this.expander.peeringTargets(decodePeering(c));
      for (const n of t.asns) if (n !== owner) named.add(n);
      if (t.any) rule.any = true;
      for (const n of t.excluded) excluded.add(n);
      rule.notes.push(...t.notes);
    }
    rule.named = named;
    rule.excluded = excluded;
    return rule;
  }

  private classOf(rule: SideRule, neighbour: number): FilterClass {
    return rule.classBy?.[neighbour] ?? CLASS_NAME[rule.row.cls]!;
  }

  /** Neighbours `asn`'s own rules name in a family. */
  namedBy(asn: number, family: Family): number[] {
    return [...this.side(asn).named[family].keys()];
  }

  /**
   * ASes whose rules name `asn` in a family, found through the reverse index: rules naming
   * it directly, or naming a set (or a set of sets) that holds it.
   */
  namingOf(asn: number, family: Family): number[] {
    const cached = this.naming[family].get(asn);
    if (cached) return cached;
    const names = new Set<string>([`AS${asn}`]);
    let frontier = [`AS${asn}`];
    for (let depth = 0; frontier.length > 0 && depth < 20 && names.size < 10_000; depth++) {
      const next: string[] = [];
      for (const m of frontier) {
        for (const s of this.store.setsHolding(m)) {
          if (!names.has(s)) {
            names.add(s);
            next.push(s);
          }
        }
      }
      frontier = next;
    }
    const owners = new Set<number>();
    for (const n of names) for (const o of this.store.ownersNaming(n)) owners.add(o);
    owners.delete(asn);
    const out = [...owners].filter((o) => this.side(o).named[family].has(asn)).sort((x, y) => x - y);
    this.naming[family].set(asn, out);
    return out;
  }

  hasObject(asn: number): boolean {
    return this.store.hasAutNum(asn);
  }

  adjacent(a: number, b: number, family: Family): boolean {
    return this.side(a).named[family].has(b) || this.side(b).named[family].has(a);
  }

  /** Rule lines of `owner` that apply to `neighbour` in a family (named and AS-ANY). */
  private lines(owner: Side, neighbour: number, family: Family, notes: Set<string>, text: boolean): RuleLine[] {
    const out: RuleLine[] = [];
    if (!owner.ref) return out;
    const source = owner.ref.label;
    const add = (rule: SideRule, named: boolean) => {
      for (const n of rule.classNotes ?? []) notes.add(`AS${owner.asn} line ${rule.row.line}: ${n}`);
      if (named) for (const n of rule.notes) notes.add(n.message);
      out.push({
        named,
        evidence: {
          asn: owner.asn,
          source,
          object: `AS${owner.asn}`,
          attribute: rule.row.attribute,
          line: rule.row.line,
          text: text ? this.store.attributeAt(rule.row.objectId, rule.row.line)?.value ?? '' : '',
          direction: DIRECTION_NAME[rule.row.direction]!,
          filterClass: this.classOf(rule, neighbour),
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
  infer(a: number, b: number, family: Family, opts: InferOptions = {}): LinkInference {
    const text = opts.text ?? true;
    const sa = this.side(a), sb = this.side(b);
    const missing = [a, b].filter((x, i) => !(i === 0 ? sa : sb).ref);
    if (a === b || !this.adjacent(a, b, family)) {
      return { a, b, family, relation: 'none', candidates: [], confidence: 0, evidence: [], missing };
    }
    const notes = new Set<string>();
    const va = sideView(a, b, this.lines(sa, b, family, notes, text));
    const vb = sideView(b, a, this.lines(sb, a, family, notes, text));
    const result = combine({ a, b, fromA: va.constraints, fromB: vb.constraints, aHasObject: !!sa.ref, bHasObject: !!sb.ref });
    const evidence: Evidence[] = dedupe([...va.evidence, ...vb.evidence]);
    const parts = [...result.notes];
    for (const m of missing) parts.push(`data gap: AS${m} has no aut-num in the data, so only AS${m === a ? b : a}'s side is known`);
    for (const s of [sa, sb]) {
      if (s.unparsed.length === 0) continue;
      const other = s === sa ? b : a;
      const re = new RegExp(`\\bAS${other}\\b`, 'i');
      for (const p of s.unparsed) {
        const value = this.store.attributeAt(p.objectId, p.line)?.value ?? '';
        if (re.test(value)) parts.push(`AS${s.asn} line ${p.line} mentions AS${other} but could not be parsed: not used`);
      }
    }
    parts.push(...notes);
    const out: LinkInference = { a, b, family, relation: result.relation, candidates: result.candidates, confidence: result.confidence, evidence, missing };
    if (parts.length) out.note = parts.join('; ');
    return out;
  }

  /**
   * Every adjacency in the store, one inference per unordered pair (a < b) and family, in
   * ASN order, streamed: a whole registry never sits in memory as inferences.
   */
  *all(families: readonly Family[], opts: InferOptions = {}): Generator<LinkInference> {
    const pairs: Record<Family, Map<number, number[]>> = { ipv4: new Map(), ipv6: new Map() };
    for (const owner of this.store.owners()) {
      const s = this.side(owner);
      for (const family of families) {
        for (const n of s.named[family].keys()) {
          const [x, y] = owner < n ? [owner, n] : [n, owner];
          let list = pairs[family].get(x);
          if (!list) pairs[family].set(x, (list = []));
          list.push(y);
        }
      }
    }
    for (const family of families) {
      const byLow = pairs[family];
      const lows = [...byLow.keys()].sort((p, q) => p - q);
      for (const x of lows) {
        const ys = [...new Set(byLow.get(x))].sort((p, q) => p - q);
        byLow.delete(x);
        for (const y of ys) yield this.infer(x, y, family, opts);
      }
    }
  }

  /** Every neighbour of `asn` in a family (named by it or naming it), read from `asn`'s side. */
  neighbours(asn: number, family: Family, opts: InferOptions = {}): LinkInference[] {
    const ns = new Set([...this.namedBy(asn, family), ...this.namingOf(asn, family)]);
    ns.delete(asn);
    return [...ns].sort((x, y) => x - y).map((n) => this.infer(asn, n, family, opts));
  }
}

export { FAMILIES };

function dedupe(ev: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return ev.filter((e) => {
    const k = `${e.asn}|${e.line}|${e.direction}|${e.strength}|${e.filterClass}|${e.attribute}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
