/**
 * Keeping the link table (src/store/links.ts) equal to what the claims decide. Writers note
 * what they change (LinkDirt); when they finish, the pairs whose claims changed are decided
 * again in one transaction, or, past a few thousand ASes or when the table was not known to be
 * current, every link is (the same group-by as a whole-store run). Rows are decided from
 * claims with the level left out (src/infer/link-rows.ts), so a write that moves the
 * registry's disagreement level needs no row rewritten.
 *
 * The table's state (meta 'links') is `fresh`, or `stale:<writer>` from a writer's first
 * write until its finish, in the transactions that hold the writes: a reader never takes rows
 * that disagree with the claims it sees, and a writer killed midway leaves the table stale
 * (readers then decide from claims, and the next writer decides every link again). A second
 * writer meeting another's stale mark makes it `stale:mixed`: neither knows all changes, and
 * whoever finishes first decides everything.
 */
import { randomBytes } from 'node:crypto';
import type { RuleRow, Store, StoredRule } from '../store/store.js';
import type { LookupClass } from '../store/types.js';
import { LINKS_FRESH } from '../store/links.js';
import { InferenceEngine } from './engine.js';
import { FAMILIES, FAMILY_CODE } from './families.js';
import { rowOf } from './link-rows.js';

/** Past this many ASes whose every link is decided again, deciding all links is cheaper. */
const WHOLE_AFTER_ASES = 2_000;
const WHOLE_AFTER_PAIRS = 100_000;
/** Own sets below a changed set whose customer-set reading may change (combine's `lists`: three levels). */
const OWN_SET_DEPTH = 3;
const OWN_SET = /^AS(\d+):/;

/** One rule's part in a link decision, without its line number (a line moving changes nothing). */
function ruleSig(r: Pick<StoredRule, 'direction' | 'attribute' | 'cls' | 'classBy' | 'notes' | 'family' | 'peer' | 'peerings'>): string {
  return `${r.family}|${r.direction}|${r.attribute}|${r.cls}|${r.classBy ?? ''}|${r.notes ?? ''}|${r.peer ?? ''}|${r.peerings ?? ''}`;
}

/**
 * What an aut-num's rules say of each neighbour (named by one AS), and of all of them (AS-ANY,
 * sets, expressions), per family. Lines are numbered by first appearance within what a link
 * reads, since a link's evidence lists each line once.
 */
interface RuleSigs {
  /** `family:peer` → the rules naming that neighbour. */
  named: Map<string, string>;
  /** family → the rules that apply to many neighbours. */
  wide: Map<number, string>;
  exists: boolean;
}

/** The rule fields a link's decision reads (a stored rule, or one ingest derived and has just written). */
type SigRule = Pick<StoredRule, 'attrIndex' | 'termIndex' | 'line' | 'direction' | 'attribute' | 'cls' | 'classBy' | 'notes' | 'family' | 'peer' | 'peerings'>;

function sigsOf(rules: readonly SigRule[], owner: number, exists: boolean): RuleSigs {
  const named = new Map<string, { sig: string[]; lines: number[] }>();
  const wide = new Map<number, { sig: string[]; lines: number[] }>();
  const sorted = [...rules].sort((x, y) => x.attrIndex - y.attrIndex || x.termIndex - y.termIndex);
  const add = (m: Map<string | number, { sig: string[]; lines: number[] }>, key: string | number, r: SigRule) => {
    let e = m.get(key);
    if (!e) m.set(key, (e = { sig: [], lines: [] }));
    let at = e.lines.indexOf(r.line);
    if (at < 0) at = e.lines.push(r.line) - 1;
    e.sig.push(`${ruleSig(r)}|L${at}`);
  };
  for (const r of sorted) {
    if (r.family === 0) continue;
    if (r.peer !== null) {
      if (r.peer !== owner) add(named as Map<string | number, { sig: string[]; lines: number[] }>, `${r.family}:${r.peer}`, r);
    } else add(wide as Map<string | number, { sig: string[]; lines: number[] }>, r.family, r);
  }
  const out: RuleSigs = { named: new Map(), wide: new Map(), exists };
  for (const [k, v] of named) out.named.set(k, v.sig.join('\n'));
  // A wide rule shares its line with named ones rarely; its lines count in every link, so a
  // change of its line numbers relative to them is caught by deciding the whole AS again.
  for (const [k, v] of wide) out.wide.set(k, `${v.sig.join('\n')}\n${v.lines.length}`);
  return out;
}

/** What a writer changed, in terms of links to decide again. */
export class LinkDirt {
  /** ASes whose every link is decided again. */
  readonly ases = new Set<number>();
  /** Single pairs: `family:lo:hi`. */
  readonly pairs = new Set<string>();
  /** Every link is decided again (the table was not current, or too much changed). */
  whole = false;
  private readonly token = `stale:${process.pid}:${randomBytes(4).toString('hex')}`;
  private readonly before = new Map<number, { sigs: RuleSigs; mentions: Set<string>; memberOf: Set<string> }>();
  private readonly setsBefore = new Map<string, { members: Set<string>; text?: string }>();

  constructor(private readonly store: Store) {}

  /** Whether this store keeps a link table at all (file stores that can be written). */
  get keeps(): boolean {
    return !this.store.readOnly && !this.store.db.memory;
  }

  /** Every link is decided again at the next settle (a load replacing much of the store). */
  everything(): void {
    this.whole = true;
  }

  /** Something was written since the last settle (an object written again unchanged is not). */
  private touched = false;

  /** Call in the transaction of each write, before it: marks the table stale for the writes that follow. */
  beforeWrite(): void {
    this.touched = true;
    const state = this.store.links.state();
    if (state === this.token) return;
    if (state === LINKS_FRESH) {
      this.store.links.setState(this.token);
      return;
    }
    // Not current, or another writer's changes are pending: nobody knows them all.
    this.whole = true;
    if (state !== 'stale:mixed') this.store.links.setState('stale:mixed');
  }

  /** Before an aut-num of `asn` is written or removed: its rules as they were. */
  beforeAutNum(asn: number): void {
    if (this.whole || this.before.has(asn)) return;
    this.before.set(asn, { sigs: sigsOf(this.store.rulesOf(asn), asn, this.store.hasAutNum(asn)), mentions: new Set(this.store.setMentionsOf(asn)), memberOf: new Set(this.store.memberOfAsn(asn)) });
  }

  /**
   * After the aut-num of `asn` was written or removed: the pairs whose rules changed. `written`:
   * the rules ingest derived for the version written, when that version is the one used (they
   * are its stored rules: not read back, which for a tier-1 is tens of thousands of rows).
   */
  afterAutNum(asn: number, written?: readonly SigRule[]): void {
    if (this.whole) return;
    const was = this.before.get(asn);
    if (!was) return;
    this.before.delete(asn);
    const now = sigsOf(written ?? this.store.rulesOf(asn), asn, written !== undefined || this.store.hasAutNum(asn));
    let wide = was.sigs.exists !== now.exists;
    for (const f of [4, 6]) if (was.sigs.wide.get(f) !== now.wide.get(f)) wide = true;
    if (wide) this.ases.add(asn);
    else {
      for (const [k, sig] of now.named) if (was.sigs.named.get(k) !== sig) this.pair(asn, k);
      for (const k of was.sigs.named.keys()) if (!now.named.has(k)) this.pair(asn, k);
    }
    // A set named in a peering now or before: whether it reads as a customer set may change.
    const mentions = new Set(this.store.setMentionsOf(asn));
    for (const m of mentions) if (!was.mentions.has(m)) this.ownSetsBelow(m);
    for (const m of was.mentions) if (!mentions.has(m)) this.ownSetsBelow(m);
    // member-of: the sets that take members by reference change.
    const memberOf = new Set(this.store.memberOfAsn(asn));
    for (const s of memberOf) if (!was.memberOf.has(s)) this.setChanged(s);
    for (const s of was.memberOf) if (!memberOf.has(s)) this.setChanged(s);
    if (this.ases.size > WHOLE_AFTER_ASES || this.pairs.size > WHOLE_AFTER_PAIRS) this.whole = true;
  }

  /**
   * An aut-num of `asn` written over its active version in place (Ingest's rewrite): the rules
   * it dropped and added; every other rule stays, in the same order, so only the pairs these
   * name change (or all of the AS's, when one applies to many neighbours). `names`: the names
   * the dropped rules' peerings held. A superset of what afterAutNum finds, read without the
   * object's other rules.
   */
  rewritten(asn: number, removed: readonly SigRule[], names: readonly string[], added: readonly RuleRow[], memberOfBefore: readonly string[], memberOfNow: readonly string[]): void {
    if (this.whole) return;
    let wide = false;
    for (const list of [removed, added]) {
      for (const r of list) {
        if (r.family === 0) continue;
        if (r.peer === null) wide = true;
        else if (r.peer !== asn) this.pair(asn, `${r.family}:${r.peer}`);
      }
    }
    if (wide) this.ases.add(asn);
    // As setMentionsOf reads them: names other than `AS<n>…`.
    const mentioned = new Set(names);
    for (const r of added) for (const m of r.mentions) mentioned.add(m);
    for (const m of mentioned) if (!/^AS[0-9]/.test(m)) this.ownSetsBelow(m);
    const before = new Set(memberOfBefore);
    const now = new Set(memberOfNow);
    for (const s of now) if (!before.has(s)) this.setChanged(s);
    for (const s of before) if (!now.has(s)) this.setChanged(s);
    if (this.ases.size > WHOLE_AFTER_ASES || this.pairs.size > WHOLE_AFTER_PAIRS) this.whole = true;
  }

  /** Before a set is written or removed: its members and text as they were. */
  beforeSet(cls: LookupClass, name: string): void {
    const key = name.toUpperCase();
    if (this.whole || this.setsBefore.has(key)) return;
    this.setsBefore.set(key, { members: new Set(this.store.membersOf(key)), text: this.store.activeText(cls, key) });
  }

  /** After a set was written or removed (filter-sets and route-sets change classes: see `reclassified`). */
  afterSet(cls: LookupClass, name: string): void {
    const key = name.toUpperCase();
    if (this.whole) return;
    const was = this.setsBefore.get(key) ?? { members: new Set<string>() };
    this.setsBefore.delete(key);
    // The same text: the same members, by reference or not.
    if (was.text !== undefined && was.text === this.store.activeText(cls, key)) return;
    const now = new Set(this.store.membersOf(key));
    this.setChanged(key);
    for (const m of new Set([...was.members, ...now])) this.ownSetsBelow(m);
  }

  /** Rules whose class was read again (a filter-set or route-set changed): their owners' links. */
  reclassified(owner: number): void {
    if (!this.whole) this.ases.add(owner);
  }

  /** A set's membership changed: every AS naming it, or a set above it, in a peering. */
  private setChanged(name: string): void {
    const seen = new Set<string>([name]);
    let frontier = [name];
    for (let depth = 0; frontier.length > 0 && depth < 20 && !this.whole; depth++) {
      const next: string[] = [];
      for (const s of frontier) {
        for (const owner of this.store.ownersMentioning(s)) this.ases.add(owner);
        for (const up of this.store.setsHolding(s)) if (!seen.has(up)) { seen.add(up); next.push(up); }
      }
      frontier = next;
      if (this.ases.size > WHOLE_AFTER_ASES) this.whole = true;
    }
    this.ownSetsBelow(name);
  }

  /** `AS<n>:…` sets at or below `name`: whether AS n's set lists customers may change, so n's links. */
  private ownSetsBelow(name: string): void {
    let frontier = [name];
    const seen = new Set(frontier);
    for (let depth = 0; depth <= OWN_SET_DEPTH && frontier.length > 0; depth++) {
      const next: string[] = [];
      for (const s of frontier) {
        const own = OWN_SET.exec(s);
        if (own) this.ases.add(Number(own[1]));
        if (depth === OWN_SET_DEPTH || !/^(AS-|AS\d+:|PRNG-)/.test(s)) continue;
        for (const m of this.store.membersOf(s)) if (!seen.has(m) && !/^AS\d+$/.test(m)) { seen.add(m); next.push(m); }
      }
      frontier = next;
    }
  }

  private pair(asn: number, key: string): void {
    const peer = Number(key.split(':')[1]);
    // Both families: a peering's kind reads the other family's lines too (combine's `f`).
    for (const f of [4, 6]) this.pairs.add(asn < peer ? `${f}:${asn}:${peer}` : `${f}:${peer}:${asn}`);
  }

  /**
   * Decides again what changed (or everything), in one transaction, and marks the table fresh.
   * Returns what was done, for callers that report it.
   */
  settle(): { whole: boolean; decided: number } {
    return this.store.transaction(() => {
      const state = this.store.links.state();
      // Current, and nothing written (a reload of unchanged objects) or nothing a link reads changed.
      if (state === LINKS_FRESH && (!this.touched || (!this.whole && this.ases.size === 0 && this.pairs.size === 0))) {
        this.whole = false;
        this.touched = false;
        return { whole: false, decided: 0 };
      }
      const whole = this.whole || state !== this.token || this.ases.size > WHOLE_AFTER_ASES;
      const decided = whole ? decideAll(this.store) : decideSome(this.store, this.ases, this.pairs);
      this.store.links.setState(LINKS_FRESH);
      this.ases.clear();
      this.pairs.clear();
      this.whole = false;
      this.touched = false;
      return { whole, decided };
    });
  }
}

/** Every link decided from claims: the table rewritten. */
export function decideAll(store: Store): number {
  const engine = new InferenceEngine(store, {}, { fromClaims: true, level: 0, sizes: false });
  let n = 0;
  store.links.rewrite(() => {
    for (const l of engine.all(FAMILIES, { text: false })) {
      store.links.put(rowOf(l));
      n++;
    }
  });
  return n;
}

/** The links of some ASes, and some single pairs, decided again from claims. */
function decideSome(store: Store, ases: ReadonlySet<number>, pairs: ReadonlySet<string>): number {
  const engine = new InferenceEngine(store, {}, { fromClaims: true, level: 0, sizes: false });
  const todo = new Set(pairs);
  for (const x of ases) {
    for (const p of store.links.pairsOf(x)) todo.add(`${p.family}:${p.lo}:${p.hi}`);
    for (const f of FAMILIES) {
      for (const n of engine.neighbourAsns(x, f)) todo.add(x < n ? `${FAMILY_CODE[f]}:${x}:${n}` : `${FAMILY_CODE[f]}:${n}:${x}`);
    }
  }
  const ends = new Set<number>();
  for (const key of todo) {
    const [code, lo, hi] = key.split(':').map(Number) as [4 | 6, number, number];
    const l = engine.infer(lo, hi, code === 4 ? 'ipv4' : 'ipv6', { text: false });
    // Counts change only where a link appears, goes or changes its relation.
    const was = store.links.relationOf(code, lo, hi);
    const row = l.relation === 'none' ? undefined : rowOf(l);
    if (row) store.links.put(row);
    else store.links.remove(code, lo, hi);
    if (was !== row?.relation) ends.add(lo).add(hi);
  }
  store.links.recount(ends);
  return todo.size;
}
