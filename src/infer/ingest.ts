/**
 * Writing objects into the store: each object is parsed once, here, and stored with its
 * claims (src/infer/claims.ts). When filter-sets or route-sets arrive, the rules whose class
 * depends on them are classified again, so the store's claims never depend on the order in
 * which objects were loaded.
 */
import { CLASS_CODE, classifyTerm, deriveClaims, memberOfOf, policyRules, termFamily } from './claims.js';
import { SetExpander, type PolicyParser } from './expand.js';
import { parsePolicies, parsePolicy } from '../policy/parse.js';
import type { ParsedPolicy } from '../policy/types.js';
import type { RpslObject } from '../rpsl/types.js';
import { STORE_CLASSES, type InPlace, type RuleRow, type Store } from '../store/store.js';
import { planRewrite } from './rewrite-plan.js';
import type { LookupClass, ObjectProvenance } from '../store/types.js';
import { LinkDirt } from './link-upkeep.js';

export class Ingest {
  private expander: SetExpander;
  private setsChanged = false;
  /** Filter-sets and route-sets written since the last finish(). */
  private readonly classSets = new Set<string>();
  /** One line per object whose analysis failed (the object is stored; its rules are not). */
  readonly problems: string[] = [];

  /** Policy attributes whose REFINE afi scopes intersect to no family: stored, but as written they import or export nothing. */
  emptyScope = 0;
  private readonly parse: PolicyParser;
  /** The parser is asrel's own, which reads one attribute alone (a test's ready-made trees are per object). */
  private readonly parsesAttributes: boolean;
  /** What the writes change in the link table (file stores only; others decide links from claims). */
  private readonly dirt?: LinkDirt;
  /** aut-nums written over their stored version in place (only changed attributes parsed and written). */
  rewritten = 0;
  /** What the last finish() did to the link table. */
  links?: { whole: boolean; decided: number };

  /** `parse` is the policy parser (tests give one that returns ready-made syntax trees). */
  constructor(readonly store: Store, parse: PolicyParser = parsePolicies) {
    // Counted as parsed, so that an answer's notes can say what the RFC 4012 reading dropped.
    this.parse = (o) => {
      const policies = parse(o);
      for (const p of policies) if (p.emptyScope) this.emptyScope++;
      return policies;
    };
    this.parsesAttributes = parse === parsePolicies;
    this.expander = new SetExpander(store, this.parse);
    store.widenCache();
    const dirt = new LinkDirt(store);
    if (dirt.keeps) this.dirt = dirt;
  }

  /** True for the classes the store keeps. */
  static keeps(object: RpslObject): boolean {
    return (STORE_CLASSES as readonly string[]).includes(object.class);
  }

  /** Stores one object (call inside a store transaction for speed). */
  write(object: RpslObject, provenance: ObjectProvenance): number {
    if (object.class === 'aut-num' && this.setsChanged) {
      this.expander = new SetExpander(this.store, this.parse);
      this.setsChanged = false;
    }
    const asn = object.class === 'aut-num' && /^AS\d+$/i.test(object.key) ? Number(object.key.slice(2)) : undefined;
    const prior = this.store.inPlace(object, provenance);
    if (prior) {
      // The same text as the active version of its source: its claims, links and the sets it
      // feeds are unchanged, so nothing is parsed or decided again.
      if (prior.text === prior.storedText) {
        this.store.refresh(prior, provenance);
        return prior.id;
      }
      if (asn !== undefined && this.rewrite(object, provenance, prior, asn)) return prior.id;
    }
    const derived = deriveClaims(object, this.expander, this.parse);
    for (const p of derived.problems) if (this.problems.length < 1000) this.problems.push(p);
    if (this.dirt) {
      this.dirt.beforeWrite();
      if (asn !== undefined) this.dirt.beforeAutNum(asn);
      else if (object.class !== 'aut-num') this.dirt.beforeSet(object.class as LookupClass, object.key);
    }
    const { id, rederive } = this.store.put(object, provenance, derived);
    if (rederive !== undefined) {
      // This write made another stored version the active one: derive its claims now.
      const other = this.store.objectById(rederive);
      if (other) this.store.putDerived(rederive, other.class === 'aut-num' && /^AS\d+$/.test(other.key) ? Number(other.key.slice(2)) : null, other.key, deriveClaims(other, this.expander, this.parse));
    }
    if (this.dirt) {
      // The rules just derived are the stored ones when this version is the one used.
      if (asn !== undefined) this.dirt.afterAutNum(asn, rederive === undefined && this.store.autNumRef(asn)?.id === id ? derived.rules : undefined);
      else if (object.class !== 'aut-num') this.dirt.afterSet(object.class as LookupClass, object.key);
    }
    if (object.class !== 'aut-num') {
      this.setsChanged = true;
      if (object.class === 'filter-set' || object.class === 'route-set') this.classSets.add(object.key.toUpperCase());
    }
    return id;
  }

  /**
   * An aut-num written over its active version with some policy attributes changed: only the
   * attributes that are new are parsed, and only the rules that changed are written and
   * decided again (src/infer/rewrite-plan.ts). False when it is better written whole (then
   * nothing was written): most attributes changed, one could not be analysed (the whole
   * write says why), or the stored version has no rules (none to keep, or its analysis failed
   * and the rules of its unchanged attributes were never written).
   */
  private rewrite(object: RpslObject, provenance: ObjectProvenance, prior: InPlace, asn: number): boolean {
    if (!this.store.hasRules(prior.id)) return false;
    const plan = planRewrite(prior.storedText, prior.storedFirstLine, prior.text, prior.firstLine, object);
    if (!plan || plan.added.length > object.attributes.length / 2) return false;
    const added: RuleRow[] = [];
    try {
      const all = this.parsesAttributes ? undefined : this.parse(object);
      for (const { at, attrIndex } of plan.added) {
        let p: ParsedPolicy | undefined = all?.[attrIndex];
        if (!all) {
          p = parsePolicy(object.attributes[at]!, object.key);
          if (p.emptyScope) this.emptyScope++;
        }
        if (!p) return false;
        policyRules(p, attrIndex, this.expander, added);
      }
    } catch {
      return false;
    }
    const memberOfBefore = this.dirt ? this.store.memberOfObject(prior.id) : [];
    this.dirt?.beforeWrite();
    const { removed, removedNames } = this.store.rewrite(prior, provenance, asn, {
      removedLines: plan.removedLines, moves: plan.moves, added, memberOf: memberOfOf(object),
    });
    this.dirt?.rewritten(asn, removed, removedNames, added, memberOfBefore, this.store.memberOfObject(prior.id));
    this.rewritten++;
    return true;
  }

  /**
   * Drops one stored version (a mirror's delete). When it was the active one, the next
   * version (another source's) becomes active with its claims, as after a write; a set's
   * removal reclassifies the rules depending on it at finish(). True when it was stored.
   */
  remove(cls: string, key: string, source: string): boolean {
    const asn = cls === 'aut-num' && /^AS\d+$/i.test(key) ? Number(key.slice(2)) : undefined;
    if (this.dirt) {
      this.dirt.beforeWrite();
      if (asn !== undefined) this.dirt.beforeAutNum(asn);
      else if (cls !== 'aut-num') this.dirt.beforeSet(cls as LookupClass, key);
    }
    const { removed, rederive } = this.store.remove(cls, key, source);
    if (rederive !== undefined) {
      if (this.setsChanged) {
        this.expander = new SetExpander(this.store, this.parse);
        this.setsChanged = false;
      }
      const other = this.store.objectById(rederive);
      if (other) this.store.putDerived(rederive, other.class === 'aut-num' && /^AS\d+$/.test(other.key) ? Number(other.key.slice(2)) : null, other.key, deriveClaims(other, this.expander, this.parse));
    }
    if (this.dirt) {
      if (asn !== undefined) this.dirt.afterAutNum(asn);
      else if (cls !== 'aut-num') this.dirt.afterSet(cls as LookupClass, key);
    }
    if (removed && cls !== 'aut-num') {
      this.setsChanged = true;
      if (cls === 'filter-set' || cls === 'route-set') this.classSets.add(key.toUpperCase());
    }
    return removed;
  }

  /** Writes many objects in one transaction. */
  writeAll(objects: Iterable<{ object: RpslObject; provenance: ObjectProvenance }>): number {
    let n = 0;
    this.store.transaction(() => {
      for (const { object, provenance } of objects) {
        if (!Ingest.keeps(object)) continue;
        this.write(object, provenance);
        n++;
      }
    });
    return n;
  }

  /** Classifies again the rules that depend on filter-sets or route-sets written since the last call. */
  /**
   * `links: false` leaves the link table stale (readers decide from claims) for a later
   * finish(): a load of many batches decides its links once, at the end (see `bulk`).
   */
  finish(opts: { links?: boolean } = {}): { reclassified: number } {
    const reclassified = this.reclassify();
    if (this.dirt && opts.links !== false) this.links = this.dirt.settle();
    return { reclassified };
  }

  /** The writes to come replace much of the store: every link is decided at the next finish(), and no write is tracked. */
  bulk(): void {
    this.dirt?.everything();
  }

  private reclassify(): number {
    if (this.classSets.size === 0) return 0;
    const names = [...this.classSets];
    this.classSets.clear();
    const expander = new SetExpander(this.store, this.parse);
    let reclassified = 0;
    this.store.transaction(() => {
      this.dirt?.beforeWrite();
      const byObject = new Map<number, ReturnType<Store['dependentRules']>>();
      for (const r of this.store.dependentRules(names)) {
        let list = byObject.get(r.objectId);
        if (!list) byObject.set(r.objectId, (list = []));
        list.push(r);
      }
      for (const [objectId, rules] of byObject) {
        const object = this.store.objectById(objectId);
        if (!object) continue;
        const policies = this.parse(object);
        for (const r of rules) {
          const term = policies[r.attrIndex]?.terms[r.termIndex];
          const family = term && termFamily(term);
          if (!term || !family) continue;
          const { cls, classBy } = classifyTerm(term, family, expander);
          this.store.updateRuleClass(r.id, CLASS_CODE[cls.filterClass], classBy ? JSON.stringify(classBy) : null,
            cls.notes.length ? JSON.stringify(cls.notes) : null);
          this.dirt?.reclassified(r.owner);
          reclassified++;
        }
      }
      if (reclassified > 0) this.store.rulesChanged();
    });
    return reclassified;
  }
}
