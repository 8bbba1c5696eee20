/**
 * The inference run over one store (DESIGN.md rules 1–5). It reads the claims stored with each
 * aut-num — never re-parsing policies — expands the sets named as peerings once per run, and
 * turns both sides' claims into per-pair, per-family inferences. Links declared by either
 * side count: the reverse index finds the ASes whose rules name an AS, directly or through a
 * set. Evidence text is read from the store only for the inferences an answer prints.
 */
import type { ObjectProvenance } from '../store/types.js';
import type { Store, StoredRule } from '../store/store.js';
import { decodePackedClaims } from '../store/packed-claims.js';
import { claimRule, PairClaims, type ClaimRule, type PairGroup } from './pair-claims.js';
import { decodePeering, type CodedPeering } from '../store/peering-codec.js';
import { parsePolicies } from '../policy/parse.js';
import { reservedAsnReason } from '../rpsl/keys.js';
import { CLASS_NAME, DIRECTION_NAME } from './claims.js';
import { combine } from './combine.js';
import { SetExpander, type ExpandLimits, type ExpansionNote } from './expand.js';
import type { Evidence, Family, FilterClass, InferredRelation, LinkInference } from './types.js';
import { sideView, type RuleLine } from './views.js';
import { FAMILIES, FAMILY_CODE, familyOfCode, OTHER_FAMILY } from './families.js';
import { inferenceOf, tableProvider, type LinkCount } from './link-rows.js';
import { sidesOfKind, type LinkSize } from './confidence.js';
import type { LinkRow, ManyRows } from '../store/links.js';

/** One stored rule in one family, with the neighbours its peerings name once sets are expanded. */
interface SideRule {
  row: ClaimRule;
  family: Family;
  named: NeighbourSet;
  any: boolean;
  excluded: NeighbourSet;
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
  /** Rules loaded (for the cache's budget). */
  count?: number;
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
  /** Read the registry text of each evidence line (default true unless `evidence` is false); whole-data runs that only count lines skip it. */
  text?: boolean;
  /**
   * false: the relation, candidates and confidence only, with no evidence lines and no notes
   * (default true). Graphs and diffs keep nothing else, and building them infers every link
   * around an answer or in a registry. 'summary': as false, plus how many evidence lines and
   * whose (`summary`), as the CSV export prints them; 'count': how many only (a neighbour
   * list, which names no sources).
   */
  evidence?: boolean | 'summary' | 'count';
}

export interface EngineOptions {
  /** Decide every link from claims, never reading the link table (keeping the table current does). */
  fromClaims?: boolean;
  /** The disagreement level to use instead of measuring it (deciding rows for the table, which keep no level). */
  level?: number;
  /**
   * Whether confidences compare the two ASes' link counts: false never (deciding rows for the
   * table, which keep none), true always, absent as the data's size says (InferenceEngine.sized).
   */
  sizes?: boolean;
}

/** Rules of whole sides kept in memory at once (a few big objects, or many small ones). */
const SIDE_CACHE_RULES = 400_000;
/** One-at-a-time lookups of AS refs or AS-ANY rules before the engine reads them all at once. */
const BULK_AFTER = 400;
/** Rules of an object past which a question about one neighbour reads that neighbour's reverse index instead. */
const BIG_SIDE_RULES = 2_000;
/** Pairs asked of one big object before it is read whole. */
const PAIR_ASKS_BEFORE_SIDE = 32;
/** Packed claims (characters) of an object read for its neighbours only; past this it is loaded whole. */
const LIGHT_SIDE_CHARS = 2_000;
/** Names (neighbours and exclusions) of expanded set rules kept at once (a few capped sets). */
const EXPANDED_RULE_NAMES = 2_000_000;
/** What a rule's neighbour list must answer: a Set, or the one neighbour most rules name. */
interface NeighbourSet {
  has(asn: number): boolean;
  readonly size: number;
  [Symbol.iterator](): Iterator<number>;
}

/** One neighbour, without a hash table: most rules name exactly one AS, and a tier-1 has tens of thousands. */
class OneNeighbour implements NeighbourSet {
  readonly size = 1;
  constructor(private readonly asn: number) {}
  has(asn: number): boolean {
    return asn === this.asn;
  }
  *[Symbol.iterator](): Iterator<number> {
    yield this.asn;
  }
}

const EMPTY: NeighbourSet = new Set<number>();

type ByFamily<T> = Record<Family, T>;

export class InferenceEngine {
  /** Whole sides (every rule of an AS), least recently used first. */
  private readonly sides = new Map<number, Side>();
  private sideRules = 0;
  private readonly refs = new Map<number, Side['ref'] | null>();
  private readonly parts = new Map<number, { any: ByFamily<SideRule[]>; unparsed: StoredRule[] }>();
  /** Per AS x: owner → the owner's rules naming x (from the reverse index). */
  private readonly reverse = new Map<number, Map<number, ByFamily<SideRule[]>>>();
  readonly expander: SetExpander;

  constructor(readonly store: Store, limits: Partial<ExpandLimits> = {}, private readonly opts: EngineOptions = {}) {
    this.expander = new SetExpander(store, parsePolicies, limits);
    // Rows were decided with the default expansion limits: other limits decide from claims.
    this.defaultLimits = Object.values(limits).every((v) => v === undefined);
    if (opts.level !== undefined) this.level = opts.level;
  }

  private readonly defaultLimits: boolean;
  private tableChecked?: boolean;
  /** Whether links are read from the store's link table (fresh, and decided with this engine's limits). */
  get fromTable(): boolean {
    this.tableChecked ??= !this.opts.fromClaims && this.defaultLimits && this.store.links.fresh;
    return this.tableChecked;
  }

  private labelOf = (asn: number): string | undefined => this.ref(asn)?.label;

  /**
   * `linksOf` for many ASes at once (a cone's frontier): one statement per few thousand ASes
   * from the link table. `rows`: all, or the table's rows skip links to the ASes' customers
   * (`notDown`), or keep only those to providers, siblings and ambiguous ones (`up`), or
   * those between two of the ASes that are not up from either (`among`, each once: peers,
   * ambiguous, conflicts), or peerings and conflicts only (`level`: what `notDown` adds to
   * `up`); from claims every link is decided and the caller filters.
   */
  linksOfMany(xs: readonly number[], family: Family, rows: ManyRows = 'all'): Map<number, [number, LinkInference][]> {
    const out = new Map<number, [number, LinkInference][]>();
    if (!this.fromTable) {
      for (const x of xs) out.set(x, this.linksOf(x, family));
      return out;
    }
    const level = this.disagreementLevel();
    for (const x of xs) out.set(x, []);
    const { found, count } = this.tableRows(xs, family, rows);
    for (const { asn, row } of found) out.get(asn)!.push([row.lo === asn ? row.hi : row.lo, inferenceOf(row, level, asn, undefined, count)]);
    for (const list of out.values()) list.sort((p, q) => p[0] - q[0]);
    return out;
  }

  private sizedData?: boolean;
  /**
   * Whether confidences compare the two ASes' link counts: in data holding a registry or a
   * large part of one (SIZES_MIN_AUTNUMS). In a few objects an AS's count says what was
   * fetched, not how big it is (a provider named by one fetched customer has one link).
   */
  get sized(): boolean {
    this.sizedData ??= this.opts.sizes ?? this.store.hasAutNumsAtLeast(SIZES_MIN_AUTNUMS);
    return this.sizedData;
  }

  /** One link without evidence, from `a`'s side: the table's row when it is current (relation 'none': no link), else decided from claims. */
  linkOf(a: number, b: number, family: Family): LinkInference {
    if (!this.fromTable || a === b) return this.infer(a, b, family, { evidence: false });
    const row = this.store.links.get(FAMILY_CODE[family], Math.min(a, b), Math.max(a, b));
    if (!row) return { a, b, family, relation: 'none', candidates: [], confidence: 0, evidence: [], missing: [a, b].filter((x) => !this.ref(x)) };
    return inferenceOf(row, this.disagreementLevel(), a, undefined, this.sized ? (asn) => this.linkCount(asn, family) : undefined);
  }

  /**
   * `countsOf` for many ASes (a question's sellers and tops, thousands in a sibling group): from
   * the table in two statements, the rows kept as peerings that a set's view may turn into
   * transit settled as they settle today; from claims, each AS's links decided.
   */
  countsOfMany(asns: readonly number[], family: Family): Map<number, LinkSize> {
    if (!this.fromTable) {
      return new Map(asns.map((x) => {
        const found = this.linksOf(x, family);
        const c: LinkSize = { links: found.length, providers: 0, customers: 0 };
        for (const [, l] of found) countTransit(c, l);
        return [x, c];
      }));
    }
    const { counts, views } = this.store.links.transitOfMany(asns, FAMILY_CODE[family]);
    const out = new Map(asns.map((x) => [x, counts.get(x) ?? { ...NO_LINKS }]));
    const level = this.disagreementLevel();
    for (const { asn, row } of views) countTransit(out.get(asn)!, inferenceOf(row, level, asn));
    return out;
  }

  /** An AS's numbers of links, providers and customers in a family, by the decided relations. */
  countsOf(asn: number, family: Family): LinkSize {
    return this.countsOfMany([asn], family).get(asn)!;
  }

  /** Per family, each AS's size, as far as asked (linkCount). */
  private readonly counts: ByFamily<Map<number, LinkSize>> = { ipv4: new Map(), ipv6: new Map() };
  /** Deciding links without sizes (counting an AS's customers from claims): no sizes asked meanwhile. */
  private unsized = 0;

  /**
   * An AS's size in a family (confidence compares a link's two ASes, see
   * src/infer/confidence.ts, sizeMark): the link table's counts, or from claims its number of
   * neighbours (the same: every pair with claims in a family decides a link) and of the links
   * that, decided without sizes, go up to its providers and down to its customers (as the
   * table's rows count them).
   * Undefined when sizes are not compared (rows being decided for the table, or too few
   * aut-nums: `sized`).
   */
  linkCount(asn: number, family: Family): LinkSize | undefined {
    if (!this.sized || this.unsized > 0) return undefined;
    const m = this.counts[family];
    let n = m.get(asn);
    if (n === undefined) {
      n = this.fromTable ? this.store.links.countOf(asn, FAMILY_CODE[family]) : this.sizeFromClaims(asn, family);
      if (m.size >= COUNTS_KEPT) m.clear();
      m.set(asn, n);
    }
    return n;
  }

  private sizeFromClaims(asn: number, family: Family): LinkSize {
    const neighbours = this.neighbourAsns(asn, family);
    let providers = 0, customers = 0;
    this.unsized++;
    try {
      for (const n of neighbours) {
        const provider = tableProvider(this.infer(asn, n, family, { evidence: false }));
        if (provider === asn) customers++;
        else if (provider === n) providers++;
      }
    } finally {
      this.unsized--;
    }
    return { links: neighbours.length, providers, customers };
  }

  /** Rows of the link table for some ASes (`ofMany`), their two ASes' counts kept for the sizes, and the lookup inferenceOf reads them with. */
  private tableRows(xs: readonly number[], family: Family, rows: ManyRows): { found: { asn: number; row: LinkRow }[]; count: LinkCount | undefined } {
    const found = this.store.links.ofMany(xs, FAMILY_CODE[family], rows, this.sized);
    if (!this.sized) return { found, count: undefined };
    const m = this.counts[family];
    if (m.size + 2 * found.length > COUNTS_KEPT) m.clear();
    for (const { row, counts } of found) m.set(row.lo, counts[0]).set(row.hi, counts[1]);
    return { found, count: (asn) => this.linkCount(asn, family) };
  }

  /**
   * `x`'s links in a family, by neighbour (a link from x's side unless `known` gave it): rows of
   * the link table (two indexed lookups), or else each decided from claims (`known` gives the
   * links a caller already has, which are not decided again).
   */
  linksOf(x: number, family: Family, known?: (n: number) => LinkInference | undefined): [number, LinkInference][] {
    if (this.fromTable) return this.tableLinks(x, family).map((l) => [l.b, l]);
    return this.neighbourAsns(x, family).map((n) => [n, known?.(n) ?? this.infer(x, n, family, { evidence: false })]);
  }

  /** `x`'s rows of the link table in a family, from x's side, by neighbour (`label`: with their evidence summary). */
  private tableLinks(x: number, family: Family, label?: ((asn: number) => string | undefined) | 'count'): LinkInference[] {
    const level = this.disagreementLevel();
    const { found, count } = this.tableRows([x], family, 'all');
    if (label && label !== 'count') this.refsOf(found.map(({ row }) => (row.lo === x ? row.hi : row.lo)));
    return found.map(({ row }) => inferenceOf(row, level, x, label, count)).sort((p, q) => p.b - q.b);
  }

  /** Lookups one at a time before everything is read at once (one query beats thousands). */
  private refLookups = 0;
  private partLookups = 0;
  private allRefs = false;
  private allParts = false;

  /** The refs of many ASes at once (an AS's thousands of neighbours), where one at a time would read them all. */
  private refsOf(asns: readonly number[]): void {
    if (this.allRefs) return;
    const ask = asns.filter((x) => !this.refs.has(x));
    if (ask.length < BULK_AFTER) return;
    for (const x of this.store.autNumRefsOf(ask)) this.refs.set(x.asn, { id: x.id, label: provenanceLabel(x.source, x.provenance) });
    for (const x of ask) if (!this.refs.has(x)) this.refs.set(x, null);
  }

  private ref(asn: number): Side['ref'] | undefined {
    let r = this.refs.get(asn);
    if (r === undefined && !this.allRefs && ++this.refLookups > BULK_AFTER) {
      this.allRefs = true;
      for (const x of this.store.allAutNumRefs()) this.refs.set(x.asn, { id: x.id, label: provenanceLabel(x.source, x.provenance) });
      r = this.refs.get(asn) ?? null;
      this.refs.set(asn, r);
    }
    if (r === undefined && this.allRefs) r = null;
    if (r === undefined) {
      const x = this.store.autNumRef(asn);
      r = x ? { id: x.id, label: provenanceLabel(x.source, x.provenance) } : null;
      this.refs.set(asn, r);
    }
    return r ?? undefined;
  }

  /** Every rule of an AS, grouped by the neighbours they name (`packed`: its packed claims, when read already). */
  side(asn: number, packed?: { objectId: number; packed: string }[]): Side {
    const cached = this.sides.get(asn);
    if (cached) {
      // Most recently used last.
      this.sides.delete(asn);
      this.sides.set(asn, cached);
      return cached;
    }
    const ref = this.ref(asn);
    const s: Side = { asn, named: { ipv4: new Map(), ipv6: new Map() }, anyRules: { ipv4: [], ipv6: [] }, unparsed: [] };
    let count = 0;
    if (ref) {
      s.ref = ref;
      // Claims naming one AS arrive packed (most of a big object); the rest as rows.
      const rules: SideRule[] = [];
      for (const { objectId, packed: p } of packed ?? this.store.packedClaimsOf(asn)) {
        decodePackedClaims(p, (c) => rules.push(namingOne(claimRule(c, objectId), c.family, c.peer)));
      }
      for (const row of this.store.otherRulesOf(asn)) {
        if (row.family === 0) s.unparsed.push(row);
        else rules.push(this.sideRule(row, familyOfCode(row.family), asn));
      }
      // Rule order, as the object lists them: evidence is printed in it.
      inRuleOrder(rules);
      count = rules.length + s.unparsed.length;
      for (const rule of rules) {
        for (const n of rule.named) {
          let list = s.named[rule.family].get(n);
          if (!list) s.named[rule.family].set(n, (list = []));
          list.push(rule);
        }
        if (rule.any) s.anyRules[rule.family].push(rule);
      }
    }
    s.count = count;
    while (this.sideRules + count > SIDE_CACHE_RULES && this.sides.size > 0) {
      const [k, old] = this.sides.entries().next().value as [number, Side];
      this.sides.delete(k);
      this.sideRules -= old.count ?? 0;
    }
    this.sides.set(asn, s);
    this.sideRules += count;
    return s;
  }

  /** An AS's AS-ANY rules and unparsed attributes, without loading the rest of its object. */
  private partOf(asn: number): { any: ByFamily<SideRule[]>; unparsed: StoredRule[] } {
    const whole = this.sides.get(asn);
    if (whole) return { any: whole.anyRules, unparsed: whole.unparsed };
    if (!this.allParts && !this.parts.has(asn) && ++this.partLookups > BULK_AFTER) {
      // Every AS-ANY rule and unparsed attribute of the store at once: few rows, one query.
      this.allParts = true;
      const byOwner = new Map<number, StoredRule[]>();
      for (const row of this.store.allPartRules()) {
        let list = byOwner.get(row.owner);
        if (!list) byOwner.set(row.owner, (list = []));
        list.push(row);
      }
      for (const [owner, rows] of byOwner) if (!this.parts.has(owner)) this.parts.set(owner, this.partFrom(owner, rows));
    }
    let p = this.parts.get(asn);
    if (!p && this.allParts) p = { any: { ipv4: [], ipv6: [] }, unparsed: [] };
    if (!p) {
      p = this.partFrom(asn, this.ref(asn) ? this.store.partRulesOf(asn) : []);
      this.parts.set(asn, p);
    }
    return p;
  }

  private partFrom(asn: number, rows: StoredRule[]): { any: ByFamily<SideRule[]>; unparsed: StoredRule[] } {
    const p: { any: ByFamily<SideRule[]>; unparsed: StoredRule[] } = { any: { ipv4: [], ipv6: [] }, unparsed: [] };
    for (const row of [...rows].sort(ruleOrder)) {
      if (row.family === 0) {
        p.unparsed.push(row);
        continue;
      }
      const family = familyOfCode(row.family);
      const rule = this.sideRule(row, family, asn);
      if (rule.any) p.any[family].push(rule);
    }
    return p;
  }

  /** The owner's rules naming the neighbour: from its whole side when loaded, else from the neighbour's reverse index. */
  private namedRules(owner: number, neighbour: number, family: Family): SideRule[] {
    const whole = this.sides.get(owner);
    if (whole) return whole.named[family].get(neighbour) ?? [];
    const rev = this.reverse.get(neighbour);
    if (rev) return rev.get(owner)?.[family] ?? [];
    // A big object asked about one neighbour (a tier-1's lines about a stub or a peer, for an
    // answer's evidence): its rules naming that neighbour, without reading all the others.
    // Asked about many of its neighbours (its whole neighbour list), it is read whole once.
    if (this.ruleCount(owner) > BIG_SIDE_RULES && (this.pairAsks.get(owner) ?? 0) < PAIR_ASKS_BEFORE_SIDE) {
      this.pairAsks.set(owner, (this.pairAsks.get(owner) ?? 0) + 1);
      return this.pairRules(owner, neighbour)[family];
    }
    return this.side(owner).named[family].get(neighbour) ?? [];
  }

  private readonly pairAsks = new Map<number, number>();

  /** `owner`'s rules naming `neighbour`, as its whole side would file them: the claims naming it directly, and its set rules whose expansion holds it. */
  private readonly pairs = new Map<string, ByFamily<SideRule[]>>();
  private pairRules(owner: number, neighbour: number): ByFamily<SideRule[]> {
    const key = `${owner}:${neighbour}`;
    let out = this.pairs.get(key);
    if (out) return out;
    out = { ipv4: [], ipv6: [] };
    for (const { objectId, packed } of this.store.packedClaimsBetween(owner, neighbour)) {
      decodePackedClaims(packed, (c) => out![familyOfCode(c.family)].push(namingOne(claimRule(c, objectId), c.family, neighbour)));
    }
    for (const row of this.otherRules(owner)) {
      if (row.family === 0) continue;
      const rule = this.sideRule(row, familyOfCode(row.family), owner);
      if (rule.named.has(neighbour)) out[rule.family].push(rule);
    }
    for (const f of FAMILIES) inRuleOrder(out[f]);
    if (this.pairs.size > 10_000) this.pairs.clear();
    this.pairs.set(key, out);
    return out;
  }

  private readonly otherRows = new Map<number, StoredRule[]>();
  private otherRules(asn: number): StoredRule[] {
    let rows = this.otherRows.get(asn);
    if (!rows) {
      if (this.otherRows.size > 1_000) this.otherRows.clear();
      this.otherRows.set(asn, (rows = this.store.otherRulesOf(asn)));
    }
    return rows;
  }

  private readonly ruleCounts = new Map<number, number>();
  private ruleCount(asn: number): number {
    let n = this.ruleCounts.get(asn);
    if (n === undefined) {
      if (this.ruleCounts.size > 100_000) this.ruleCounts.clear();
      this.ruleCounts.set(asn, (n = this.store.ruleCountOf(asn)));
    }
    return n;
  }

  /**
   * Rules whose peering is a set or an expression, by rule id, expanded once: every member's
   * reverse lookup finds the same rule, and expanding a set of N members once per member is
   * N² (a hub naming a 16,000-member set both ways). Forgotten at once past a budget of names.
   */
  private readonly expandedRules = new Map<number, SideRule>();
  private expandedNames = 0;

  private sideRule(row: StoredRule, family: Family, owner: number): SideRule {
    if (row.peer !== null) return this.makeSideRule(row, family, owner);
    let rule = this.expandedRules.get(row.id);
    if (rule && rule.family === family) return rule;
    rule = this.makeSideRule(row, family, owner);
    const names = rule.named.size + rule.excluded.size + 1;
    if (this.expandedNames + names > EXPANDED_RULE_NAMES) {
      this.expandedRules.clear();
      this.expandedNames = 0;
    }
    this.expandedRules.set(row.id, rule);
    this.expandedNames += names;
    return rule;
  }

  private makeSideRule(row: StoredRule, family: Family, owner: number): SideRule {
    const rule: SideRule = { row, family, named: EMPTY, any: false, excluded: EMPTY, notes: [] };
    if (row.classBy) rule.classBy = JSON.parse(row.classBy) as Record<string, FilterClass>;
    if (row.notes) rule.classNotes = JSON.parse(row.notes) as string[];
    if (row.peer !== null) {
      if (row.peer !== owner) rule.named = new OneNeighbour(row.peer);
      return rule;
    }
    const named = new Set<number>();
    const excluded = new Set<number>();
    for (const c of JSON.parse(row.peerings ?? '[]') as CodedPeering[]) {
      const t = this.expander.peeringTargets(decodePeering(c));
      // AS0 and AS_TRANS are never at the other end of a session: no link (claims.ts `onlyReserved`).
      for (const n of t.asns) if (n !== owner && reservedAsnReason(n) === undefined) named.add(n);
      if (t.any) rule.any = true;
      for (const n of t.excluded) excluded.add(n);
      rule.notes.push(...t.notes);
    }
    rule.named = named;
    rule.excluded = excluded;
    return rule;
  }


  /** Neighbours `asn`'s own rules name in a family. */
  namedBy(asn: number, family: Family): number[] {
    return [...this.side(asn).named[family].keys()];
  }

  /** Sets holding a member, and rules naming a set: the upper sets of a hierarchy are asked for again and again. */
  private readonly setsHolding = memo(200_000, (member: string) => this.store.setsHolding(member));
  private readonly rulesMentioning = memo(50_000, (name: string) => this.store.rulesMentioning(name));

  /** owner → rules naming `asn`, through the reverse index: rules naming it directly, or naming a set (or a set of sets) that holds it. */
  private reverseOf(asn: number): Map<number, ByFamily<SideRule[]>> {
    let rev = this.reverse.get(asn);
    if (rev) return rev;
    rev = new Map();
    const add = (owner: number, rule: SideRule) => {
      let e = rev!.get(owner);
      if (!e) rev!.set(owner, (e = { ipv4: [], ipv6: [] }));
      e[rule.family].push(rule);
    };
    const direct = new Set<number>();
    for (const { owner, objectId, packed } of this.store.packedClaimsNaming(asn)) {
      decodePackedClaims(packed, (c) => {
        direct.add(c.id);
        add(owner, namingOne(claimRule(c, objectId), c.family, asn));
      });
    }
    const names = new Set<string>([`AS${asn}`]);
    let frontier = [`AS${asn}`];
    for (let depth = 0; frontier.length > 0 && depth < 20 && names.size < 10_000; depth++) {
      const next: string[] = [];
      for (const m of frontier) {
        for (const s of this.setsHolding(m)) {
          if (!names.has(s)) {
            names.add(s);
            next.push(s);
          }
        }
      }
      frontier = next;
    }
    const rows = new Map<number, StoredRule>();
    for (const n of names) for (const r of this.rulesMentioning(n)) if (!direct.has(r.id)) rows.set(r.id, r);
    for (const row of rows.values()) {
      if (row.family === 0 || row.owner === asn) continue;
      const rule = this.sideRule(row, familyOfCode(row.family), row.owner);
      if (rule.named.has(asn)) add(row.owner, rule);
      else {
        // A set holding asn that the expansion did not reach for its cap or depth limit: unknown, not absent.
        const limit = rule.notes.find((n) => n.kind === 'cap' || n.kind === 'depth');
        if (limit) {
          let u = this.unknownVia.get(asn);
          if (!u) this.unknownVia.set(asn, (u = new Map()));
          u.set(`${row.owner}:${rule.family}`, limit.message);
        }
      }
    }
    // Rule order, as the owner's object lists them (and as its whole side reads them): evidence is printed in it.
    for (const e of rev.values()) for (const f of FAMILIES) inRuleOrder(e[f]);
    if (this.reverse.size > 10_000) {
      this.reverse.clear();
      this.unknownVia.clear();
    }
    this.reverse.set(asn, rev);
    return rev;
  }

  /** ASes whose rules name `asn` in a family (directly or through sets). */
  namingOf(asn: number, family: Family): number[] {
    const out: number[] = [];
    for (const [owner, rules] of this.reverseOf(asn)) if (rules[family].length > 0) out.push(owner);
    return out.sort((x, y) => x - y);
  }

  hasObject(asn: number): boolean {
    // Through the refs: thousands of cone members asked at once are read in one statement.
    return this.ref(asn) !== undefined;
  }

  adjacent(a: number, b: number, family: Family): boolean {
    return this.namedRules(a, b, family).length > 0 || this.namedRules(b, a, family).length > 0;
  }

  /** Per AS x: `owner:family` → why owner's rule naming a set that holds x did not reach it (a set expansion limit). */
  private readonly unknownVia = new Map<number, Map<string, string>>();

  /** Why the link of a and b is unknown rather than absent: a set one of them names holds the other past an expansion limit. */
  limitedBetween(a: number, b: number, family: Family): string | undefined {
    // adjacent() has expanded the sets both sides name: no limit met, nothing to look up.
    if (this.expander.limited.size === 0) return undefined;
    for (const [owner, other] of [[a, b], [b, a]] as const) {
      this.reverseOf(other);
      const why = this.unknownVia.get(other)?.get(`${owner}:${family}`);
      if (why) return `AS${owner}'s side is unknown: its policy names a set holding AS${other}, but ${why.replace(/, and a relation .*$/, '')}`;
    }
    return undefined;
  }

  /** Rule lines of `owner` that apply to `neighbour` in a family (named and AS-ANY). */
  /** `named`: the owner's rules naming the neighbour, when the caller already has them (the group-by). */
  private lines(owner: number, neighbour: number, family: Family, notes: Set<string>, text: boolean, named?: SideRule[]): RuleLine[] {
    const ref = this.ref(owner);
    if (!ref) return [];
    return linesFrom(owner, ref.label, named ?? this.namedRules(owner, neighbour, family), this.partOf(owner).any[family], neighbour, notes, text ? this.store : undefined);
  }

  /** The inference for one pair in one family, read from a's side. */
  infer(a: number, b: number, family: Family, opts: InferOptions = {}): LinkInference {
    if (opts.evidence === 'summary') return summarised(this.infer(a, b, family, { text: false }));
    const text = opts.text ?? opts.evidence !== false;
    const missing = [a, b].filter((x) => !this.ref(x));
    if (a === b || !this.adjacent(a, b, family)) {
      const unknown = a === b ? undefined : this.limitedBetween(a, b, family);
      return { a, b, family, relation: 'none', candidates: [], confidence: 0, evidence: [], missing, ...(unknown ? { unknown: true, note: unknown } : {}) };
    }
    const notes = new Set<string>();
    const result = this.decide(a, b, family, this.lines(a, b, family, notes, text), this.lines(b, a, family, notes, text), notes, missing, opts.evidence !== false);
    // One side named through a set cut at a limit: what it says of the other is not known.
    const limited = opts.evidence === false ? undefined : this.limitedBetween(a, b, family);
    if (limited && !result.note?.includes(limited)) result.note = result.note ? `${result.note}; ${limited}` : limited;
    return result;
  }

  /**
   * Whether `owner` lists `member` in one of its own as-sets (named `AS<owner>:…`), directly or
   * through the member's own `AS<member>:…` set: customer sets list customers. Sets used as
   * peerings or named for peers, upstreams or providers do not count.
   */
  private lists(owner: number, member: number): boolean {
    const direct = this.ownSetsByAsn ? this.ownSetsByAsn.get(member) : this.holders(`AS${member}`);
    if (!direct) return false;
    const mine = `AS${owner}:`, theirs = `AS${member}:`;
    for (const s of direct) {
      if (s.startsWith(mine) && this.customerSet(s)) return true;
      if (s.startsWith(theirs) && this.holders(s).some((t) => t.startsWith(mine) && this.customerSet(t))) return true;
    }
    return false;
  }

  /** Whole-store runs: the members of every `AS<n>:…` set, read at once (member → sets). */
  private ownSets?: Map<string, string[]>;
  /** The same for members that are ASNs, keyed by number (asked twice for every link). */
  private ownSetsByAsn?: Map<number, string[]>;
  /** The `AS<n>:…` sets listing `member` directly (the same answer whether read at once or one by one). */
  private holders(member: string): string[] {
    return this.ownSets ? this.ownSets.get(member) ?? [] : this.setsHolding(member).filter((s) => OWN_SET.test(s));
  }

  private readonly customerSets = new Map<string, boolean>();
  /** A set that may list customers: not used as a peering (`from AS1:AS-PEERS`), not inside one, and not named for peers or upstreams. */
  private customerSet(name: string, depth = 0): boolean {
    let ok = this.customerSets.get(name);
    if (ok === undefined) {
      ok = !/PEER|UPSTREAM|TRANSIT|PROVIDER/.test(name) && this.rulesMentioning(name).length === 0 &&
        // A set inside a peering set is part of it (`AS1:AS-PEERS` holding `AS1:AS-MORE`).
        (depth >= 3 || this.holders(name).every((up) => this.customerSet(up, depth + 1)));
      if (this.customerSets.size > 100_000) this.customerSets.clear();
      this.customerSets.set(name, ok);
    }
    return ok;
  }

  private level?: number;
  private estimating = false;
  /** Told the level once it is known (an answer's notes say when it is beyond the fitted worlds). */
  onLevel?: (level: number) => void;

  /**
   * The registry's disagreement level (src/infer/confidence.ts): among its links whose two
   * ASes both have an object, the share whose two views differ (a conflict or an overruled
   * view) or where one object says nothing of the other (estimateLevel). Estimated once per
   * engine; confidences read their kind's share right at this level. NaN when too few links are
   * two-sided to tell.
   */
  disagreementLevel(): number {
    return this.levelWith();
  }

  /** disagreementLevel, estimated from claims with `pairs` when given (a whole run's, built once). */
  private levelWith(pairs?: PairDecider): number {
    if (this.level !== undefined) return this.level;
    if (this.estimating) return 0;
    this.estimating = true;
    try {
      // Kept in the store while it is unchanged: the estimate reads every link's kind, or decides thousands of pairs.
      this.level = Number(this.store.derived(`disagreement-level 3 ${LEVEL_SAMPLE_CLAIMS}`, () => String(this.estimateLevel(pairs))));
    } finally {
      this.estimating = false;
    }
    this.onLevel?.(this.level);
    return this.level;
  }

  /**
   * The share of links, among those whose two ASes both have an object, whose views differ or
   * where one says nothing of the other. Over every link of a current link table (its kinds,
   * counted in SQLite); from claims, over a fixed pseudo-random sample of the pairs (all of
   * them in small data). Sampled by pair, not by AS: one AS writes hundreds of its links alike,
   * so a few hundred ASes' links (the estimate before) put the same registry anywhere from 0.078
   * to 0.095 on the synthetic worlds, where every link gives 0.089–0.092.
   */
  private estimateLevel(pairs?: PairDecider): number {
    const tally = { both: 0, differ: 0 };
    if (this.store.links.fresh) {
      for (const [kind, n] of this.store.links.kindCounts()) countDisagreement(tally, kind, n);
    } else {
      // Sizes are not needed for a kind's levels and flags: no count of every AS's customers first.
      this.unsized++;
      try {
        const { table, decideGroup } = pairs ?? this.pairDecider(FAMILIES);
        const share = Math.min(1, LEVEL_SAMPLE_CLAIMS / Math.max(1, table.length));
        for (const g of table.groups()) {
          if (share < 1 && pairKey(g.lo, g.hi, g.family) >= share * 2 ** 32) continue;
          countDisagreement(tally, decideGroup(g, false, false).basis?.kind ?? '', 1);
        }
      } finally {
        this.unsized--;
      }
    }
    // Too few two-sided links to measure (a few objects, or one side only): unknown.
    return tally.both < LEVEL_MIN_LINKS ? NaN : tally.differ / tally.both;
  }

  /** Both sides' lines → the inference (rule 4), with its evidence and notes unless `withEvidence` is false. */
  private decide(a: number, b: number, family: Family, linesA: RuleLine[], linesB: RuleLine[], notes: Set<string>, missing: number[], withEvidence: boolean): LinkInference {
    const va = sideView(a, b, linesA, withEvidence);
    const vb = sideView(b, a, linesB, withEvidence);
    const listed = { aListsB: this.lists(a, b), bListsA: this.lists(b, a) };
    const la = this.linkCount(a, family), lb = la && this.linkCount(b, family);
    const links = la && lb ? [la, lb] as const : undefined;
    const otherFamily = () => this.otherFamilyView(a, b, family, missing);
    const result = combine({ a, b, family, level: this.disagreementLevel(), ...listed, fromA: va.constraints, fromB: vb.constraints, aHasObject: !missing.includes(a), bHasObject: !missing.includes(b), ...(links ? { links } : {}), otherFamily });
    const basis = result.first === undefined ? { kind: result.kind } : { kind: result.kind, first: result.first };
    if (!withEvidence) return { a, b, family, relation: result.relation, candidates: result.candidates, confidence: result.confidence, basis, evidence: [], missing };
    const evidence: Evidence[] = [...dedupe(va.evidence), ...dedupe(vb.evidence)];
    const parts = [...result.notes];
    for (const m of missing) parts.push(`data gap: AS${m} has no aut-num in the data, so only AS${m === a ? b : a}'s side is known`);
    for (const [owner, other] of [[a, b], [b, a]] as const) {
      const unparsed = this.partOf(owner).unparsed;
      if (unparsed.length === 0) continue;
      const re = new RegExp(`\\bAS${other}\\b`, 'i');
      for (const p of unparsed) {
        if (re.test(this.unparsedText(p))) parts.push(`AS${owner} line ${p.line} mentions AS${other} but could not be parsed: not used`);
      }
    }
    parts.push(...notes);
    const out: LinkInference = { a, b, family, relation: result.relation, candidates: result.candidates, confidence: result.confidence, basis, evidence, missing };
    if (parts.length) out.note = parts.join('; ');
    return out;
  }

  /**
   * What the two sides' lines of the other family say of a pair, from a's side, sets not read
   * (combine's `f`). Read through the pair's own rules (pairRules: one query per side, bounded
   * caches), so a whole-store run asks it of the few links that need it without holding sides.
   */
  private otherFamilyView(a: number, b: number, family: Family, missing: number[]): InferredRelation {
    const other = OTHER_FAMILY[family];
    const notes = new Set<string>();
    // An AS without an aut-num says nothing: no query for it.
    const view = (x: number, y: number) => (missing.includes(x) ? [] : sideView(x, y, this.lines(x, y, other, notes, false, this.pairRules(x, y)[other]), false).constraints);
    return combine({ a, b, family: other, fromA: view(a, b), fromB: view(b, a), aHasObject: !missing.includes(a), bHasObject: !missing.includes(b) }).relation;
  }

  private readonly unparsedTexts = new Map<number, string>();
  private unparsedText(r: StoredRule): string {
    let t = this.unparsedTexts.get(r.id);
    if (t === undefined) {
      t = this.store.attributeAt(r.objectId, r.line)?.value ?? '';
      this.unparsedTexts.set(r.id, t);
    }
    return t;
  }

  /** The store's claims filed by pair, and how a pair is decided from them (all() and the level's sample). */
  private pairDecider(families: readonly Family[]): PairDecider {
    // Every claim of the store, sorted and joined in SQLite.
    this.store.widenCache();
    if (!this.ownSets) {
      const own = new Map<string, string[]>();
      for (const { set_name, member } of this.store.ownSetMembers()) {
        const list = own.get(member);
        if (list) list.push(set_name);
        else own.set(member, [set_name]);
      }
      this.ownSets = own;
      this.ownSetsByAsn = new Map();
      for (const [member, sets] of own) {
        const m = /^AS(\d+)$/.exec(member);
        if (m) this.ownSetsByAsn.set(Number(m[1]), sets);
      }
    }
    const codes = families.map((f) => FAMILY_CODE[f]);
    const table = new PairClaims();
    for (const { owner, objectId, packed } of this.store.packedClaims(codes)) {
      decodePackedClaims(packed, (c) => table.add(owner, objectId, c));
    }
    // Rules whose peering is an expression or a set: expanded here, once each.
    const expanded: SideRule[] = [];
    for (const row of this.store.setRules(codes)) {
      const family = familyOfCode(row.family);
      const rule = this.sideRule(row, family, row.owner);
      if (rule.named.size === 0) continue;
      const tag = expanded.push(rule) - 1;
      for (const n of rule.named) table.addTagged(row.owner, n, row.family as 4 | 6, row.id, row.line, tag);
    }
    /** A pair's rules written by one of its ASes. */
    const rulesOf = (g: PairGroup, owner: number): SideRule[] => {
      const family = familyOfCode(g.family);
      const out: SideRule[] = [];
      for (const k of g.claims) {
        if (table.ownerOf(k) !== owner) continue;
        const tag = table.tagOf(k);
        out.push(tag >= 0 ? expanded[tag]! : directRule(table.ruleOf(k), family));
      }
      return out;
    };
    /** A pair decided from its claims and the two ASes' AS-ANY rules. */
    const decideGroup = (g: PairGroup, text: boolean, withEvidence: boolean): LinkInference => {
      const family = familyOfCode(g.family);
      const notes = new Set<string>();
      const missing = [g.lo, g.hi].filter((x) => !this.ref(x));
      return this.decide(g.lo, g.hi, family, this.lines(g.lo, g.hi, family, notes, text, rulesOf(g, g.lo)), this.lines(g.hi, g.lo, family, notes, text, rulesOf(g, g.hi)), notes, missing, withEvidence);
    };
    return { table, decideGroup };
  }

  /**
   * Every adjacency in the store, one inference per unordered pair (a < b) and family, in
   * ASN order, streamed. A group-by over the claims (DESIGN.md "Parse once"): every claim
   * naming a neighbour is filed under its pair (src/infer/pair-claims.ts: a few numbers per
   * claim, no text) and each pair is decided from its claims plus the two ASes' AS-ANY rules.
   */
  *all(families: readonly Family[], opts: InferOptions = {}): Generator<LinkInference> {
    const summary = opts.evidence === 'summary';
    if ((summary || opts.evidence === false) && this.fromTable) {
      const level = this.disagreementLevel();
      for (const f of families) {
        const counts = this.sized ? this.store.links.allCounts(FAMILY_CODE[f]) : undefined;
        const count: LinkCount | undefined = counts && ((asn) => counts.get(asn) ?? NO_LINKS);
        for (const r of this.store.links.all(FAMILY_CODE[f])) yield inferenceOf(r, level, r.lo, summary ? this.labelOf : undefined, count);
      }
      return;
    }
    const text = !summary && (opts.text ?? opts.evidence !== false);
    const withEvidence = opts.evidence !== false;
    const pairs = this.pairDecider(families);
    // The level's sample, from claims, needs both families' pairs: these, when they are.
    this.levelWith(families.length === FAMILIES.length ? pairs : undefined);
    const { table, decideGroup } = pairs;
    if (this.sized) {
      // Every AS's count, for the sizes of each link's kind: the table's, or from the pairs themselves.
      for (const f of families) {
        this.counts[f] = this.fromTable ? this.store.links.allCounts(FAMILY_CODE[f]) : new Map();
      }
      if (!this.fromTable) {
        // From the pairs: each AS's links, and its customers by every pair decided once without
        // sizes first (as the link table's rows are decided).
        for (const g of table.groups()) {
          const m = this.counts[familyOfCode(g.family)];
          for (const x of [g.lo, g.hi]) {
            const c = m.get(x);
            if (c) c.links++;
            else m.set(x, { links: 1, providers: 0, customers: 0 });
          }
        }
        this.unsized++;
        try {
          for (const g of table.groups()) {
            const provider = tableProvider(decideGroup(g, false, false));
            if (provider === undefined) continue;
            const m = this.counts[familyOfCode(g.family)];
            m.get(provider)!.customers++;
            m.get(provider === g.lo ? g.hi : g.lo)!.providers++;
          }
        } finally {
          this.unsized--;
        }
      }
    }
    for (const g of table.groups()) {
      const l = decideGroup(g, text, withEvidence);
      yield summary ? summarised(l) : l;
    }
  }

  /** Every neighbour of `asn` in a family (named by it or naming it), read from `asn`'s side. */
  neighbours(asn: number, family: Family, opts: InferOptions = {}): LinkInference[] {
    if (opts.evidence === 'count' && !this.fromTable) return this.neighbours(asn, family, { ...opts, evidence: 'summary' });
    if ((opts.evidence === 'summary' || opts.evidence === 'count' || opts.evidence === false) && this.fromTable) {
      return this.tableLinks(asn, family, opts.evidence === 'summary' ? this.labelOf : opts.evidence === 'count' ? 'count' : undefined);
    }
    return this.neighbourAsns(asn, family).map((n) => this.infer(asn, n, family, opts));
  }

  /** The ASes `neighbours` infers links with, ascending (a caller that knows some of the links already infers only the others). */
  neighbourAsns(asn: number, family: Family): number[] {
    const ns = new Set(this.namedOnly(asn, family));
    for (const n of this.namingOf(asn, family)) ns.add(n);
    ns.delete(asn);
    return [...ns].sort((x, y) => x - y);
  }

  /**
   * The neighbours an AS's own rules name, as `namedBy`, without building and keeping its rules
   * when its object is small: the N siblings of a hub are each asked for their neighbours once,
   * and their links are inferred from the hub's rules and reverse index. A bigger object is
   * loaded whole (its links are inferred next and read its rules).
   */
  private namedOnly(asn: number, family: Family): Iterable<number> {
    const cached = this.sides.get(asn);
    if (cached) return cached.named[family].keys();
    if (!this.ref(asn)) return [];
    const packed = this.store.packedClaimsOf(asn);
    if (packed.reduce((n, p) => n + p.packed.length, 0) > LIGHT_SIDE_CHARS) return this.side(asn, packed).named[family].keys();
    const code = FAMILY_CODE[family];
    const out = new Set<number>();
    for (const p of packed) decodePackedClaims(p.packed, (c) => { if (c.family === code) out.add(c.peer); });
    for (const row of this.store.otherRulesOf(asn)) {
      if (row.family === code) for (const n of this.sideRule(row, family, asn).named) out.add(n);
    }
    return out;
  }
}

/** The store's claims filed by pair, and a pair decided from them (text and evidence as asked). */
interface PairDecider {
  table: PairClaims;
  decideGroup: (g: PairGroup, text: boolean, withEvidence: boolean) => LinkInference;
}

/** Adds a link to an AS's counts of providers and customers (`l` read from that AS's side). */
function countTransit(c: LinkSize, l: LinkInference): void {
  if (l.relation === 'c2p') c.providers++;
  else if (l.relation === 'p2c') c.customers++;
}

/** A link's evidence summed up as the link table keeps it: how many lines and whose, no lines or notes. */
function summarised(l: LinkInference): LinkInference {
  if (l.relation === 'none') return l;
  l.summary = { count: l.evidence.length, sources: [...new Set(l.evidence.map((e) => e.source))] };
  l.evidence = [];
  delete l.note;
  return l;
}

/** From claims, the disagreement level is read from a share of the pairs: about this many claims' worth. */
const LEVEL_SAMPLE_CLAIMS = 120_000;
/** Aut-nums a store must hold before link counts say how big an AS is (see InferenceEngine.sized). */
export const SIZES_MIN_AUTNUMS = 1_000;
/** ASes whose link counts an engine keeps per family (more than the registry's ASes: all of them). */
const COUNTS_KEPT = 400_000;
const NO_LINKS: LinkSize = { links: 0, providers: 0, customers: 0 };

/** Two-sided links needed to measure the level at all (below: unknown, read as the middle fitted world's). */
const LEVEL_MIN_LINKS = 100;

/** A set name under an AS (`AS3257:AS-CUSTOMERS`), as the store's GLOB 'AS[0-9]*:*' reads it. */
const OWN_SET = /^AS[0-9].*:/;

/** A fixed pseudo-random number in [0, 2³²) per pair and family (the same sample in every run). */
function pairKey(lo: number, hi: number, family: number): number {
  let h = Math.imul(lo ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ hi, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ family, 0x27d4eb2f);
  h ^= h >>> 15;
  return h >>> 0;
}

/**
 * Adds `n` links of a kind to the disagreement tally: links whose two ASes both have an object
 * (both sides' levels S, s, W or O, or a conflict), and among them those whose views differ (a
 * conflict, an overruled view) or where one says nothing of the other (O).
 */
function countDisagreement(tally: { both: number; differ: number }, kind: string, n: number): void {
  const sides = sidesOfKind(kind);
  const cf = kind.startsWith('cf');
  if (!cf && !/^[SsWO][SsWO]$/.test(sides)) return;
  tally.both += n;
  if (cf || sides.includes('O') || /o/.test(kind.slice(kind.indexOf(':') + 3))) tally.differ += n;
}

/** `load` remembered for up to `cap` keys (then all forgotten at once, to stay bounded). */
function memo<T>(cap: number, load: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    let v = seen.get(key);
    if (v === undefined) {
      if (seen.size >= cap) seen.clear();
      seen.set(key, (v = load(key)));
    }
    return v;
  };
}

/**
 * One owner's rules in the order its object lists them: by line, the terms of one attribute by
 * id (an object written over in place keeps the rows of attributes that stay and adds rows
 * for new ones, so ids alone are not the object's order). Sorted unless they already are
 * (packed claims come in no set order, usually sorted).
 */
function inRuleOrder(rules: SideRule[]): void {
  for (let i = 1; i < rules.length; i++) {
    if (ruleOrder(rules[i - 1]!.row, rules[i]!.row) > 0) {
      rules.sort((x, y) => ruleOrder(x.row, y.row));
      return;
    }
  }
}

function ruleOrder(x: { line: number; id: number }, y: { line: number; id: number }): number {
  return x.line - y.line || x.id - y.id;
}

/** A rule whose peering is exactly AS `peer`. */
function namingOne(row: ClaimRule, family: 4 | 6, peer: number): SideRule {
  const rule = directRule(row, familyOfCode(family));
  rule.named = new OneNeighbour(peer);
  return rule;
}

/** A rule naming one neighbour, as the group-by reads it: its lines only, no neighbour sets to build. */
function directRule(row: ClaimRule, family: Family): SideRule {
  const rule: SideRule = { row, family, named: EMPTY, any: false, excluded: EMPTY, notes: [] };
  if (row.classBy) rule.classBy = JSON.parse(row.classBy) as Record<string, FilterClass>;
  if (row.notes) rule.classNotes = JSON.parse(row.notes) as string[];
  return rule;
}

/** The lines of `owner` about `neighbour`: its rules naming it, then its AS-ANY rules that do not exclude it. */
function linesFrom(owner: number, source: string, named: SideRule[], any: SideRule[], neighbour: number, notes: Set<string>, store?: Store): RuleLine[] {
  const out: RuleLine[] = [];
  const add = (rule: SideRule, isNamed: boolean) => {
    for (const n of rule.classNotes ?? []) notes.add(`AS${owner} line ${rule.row.line}: ${n}`);
    if (isNamed) for (const n of rule.notes) notes.add(n.message);
    out.push({
      named: isNamed,
      evidence: {
        asn: owner,
        source,
        object: `AS${owner}`,
        attribute: rule.row.attribute,
        line: rule.row.line,
        text: store ? store.attributeAt(rule.row.objectId, rule.row.line)?.value ?? '' : '',
        direction: DIRECTION_NAME[rule.row.direction]!,
        filterClass: rule.classBy?.[neighbour] ?? CLASS_NAME[rule.row.cls]!,
      },
    });
  };
  for (const rule of named) add(rule, true);
  for (const rule of any) {
    if (rule.excluded.has(neighbour) || rule.named.has(neighbour)) continue;
    add(rule, false);
  }
  return out;
}

export { FAMILIES };

/**
 * One side's evidence without repeats (a line can yield several terms of one family, e.g. a
 * REFINE). Within a side the owner is fixed, so line, direction, strength and class say it all.
 */
function dedupe(ev: Evidence[]): Evidence[] {
  if (ev.length < 2) return ev;
  const seen = new Set<number>();
  return ev.filter((e) => {
    const k = ((e.line * 4 + DIRECTION_NAME.indexOf(e.direction)) * 2 + (e.strength === 'strong' ? 1 : 0)) * 4 + CLASS_NAME.indexOf(e.filterClass);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
