/**
 * The data held open across questions (the web server; any long-lived caller): the store and
 * its inference engine are opened once, the links of each AS are remembered once decided
 * (a tier-1's cone costs seconds to infer the first time, milliseconds after), and the
 * whole-data graphs are built on first need and kept. Answers are the CLI's: the same
 * functions build the same graphs from the same links.
 */
import { InferenceEngine } from '../infer/engine.js';
import { FAMILIES } from '../infer/families.js';
import type { InferOptions } from '../infer/engine.js';
import type { Family, LinkInference } from '../infer/types.js';
import type { AmbiguousPolicy } from '../graph/types.js';
import { DEFAULT_AMBIGUOUS } from '../graph/build.js';
import type { Topology } from '../graph/topology.js';
import type { ObjectProvenance } from '../store/types.js';
import { dataLines, storeDataLines } from './data-lines.js';
import { UserError } from './errors.js';
import { openData, opened, openStore, type DataArgs, type OpenedData } from './open-data.js';
import { irrTopologies, uphillMembers } from './topologies.js';
import { thousands } from '../report/thousands.js';

/** Links decided per AS and family are kept up to this many lists, then all forgotten at once. */
const MEMO_LISTS = 400_000;

/** An engine that remembers each AS's links (without evidence): what cones are built from. */
class RememberingEngine extends InferenceEngine {
  private readonly remembered = new Map<string, LinkInference[]>();

  override neighbours(asn: number, family: Family, opts: InferOptions = {}): LinkInference[] {
    if (opts.evidence !== false || opts.text) return super.neighbours(asn, family, opts);
    const k = `${asn}|${family}`;
    let l = this.remembered.get(k);
    if (!l) {
      if (this.remembered.size >= MEMO_LISTS) this.remembered.clear();
      l = super.neighbours(asn, family, opts);
      this.remembered.set(k, l);
    }
    return l;
  }
}

export interface SessionArgs extends DataArgs {
  ambiguous?: AmbiguousPolicy;
  /** Ask the whois server for the objects a question needs (otherwise the data is only read). */
  live?: boolean;
}

export interface Graphs {
  topologies: Partial<Record<Family, Topology>>;
  notes: string[];
  hasObject: (asn: number) => boolean;
}

/** Cone graphs kept for the last questions (the page asks for an answer, then its drawing). */
const RECENT_CONES = 8;

export class AnalysisSession {
  private whole?: Graphs;
  engine: InferenceEngine;
  private readonly recent = new Map<string, Graphs>();
  /** Where each aut-num came from, and its place in the store's order: fixed while the store is only read. */
  private refs?: Map<number, { p: ObjectProvenance; rank: number }>;

  private constructor(private readonly d: OpenedData, readonly args: SessionArgs) {
    this.engine = new RememberingEngine(d.store);
  }

  /**
   * Opens the data once (never fetching at open). A live session opens its store folder for
   * writing, empty or not (no bundled snapshot), and fetches what each question needs.
   */
  static async open(args: SessionArgs): Promise<AnalysisSession> {
    if (args.live && !args.input?.length) {
      const store = openStore(args.data, { ttlMs: args.ttl * 3600 * 1000 });
      return new AnalysisSession(opened(store, 'store', `the store ${args.data}`, [], args, () => store.close()), args);
    }
    const d = await openData({ ...args, offline: true });
    return new AnalysisSession(d, args);
  }

  get store() {
    return this.d.store;
  }

  /** The notes of opening the data (which data, what failed). */
  get openNotes(): string[] {
    return this.d.notes;
  }

  get kind() {
    return this.d.kind;
  }

  /** Fetches what a question about `asns` needs from the whois server (`live` sessions only). */
  async gatherFor(asns: number[], neighbours = false): Promise<string[]> {
    if (!this.args.live || this.d.kind !== 'store') return [];
    const [{ gather }, { openSession }] = await Promise.all([import('../gather/gather.js'), import('../irr/session.js')]);
    const session = openSession({ ...this.args, connectTimeoutMs: 4000, maxAttempts: 1, timeout: 10 });
    try {
      const g = await gather(asns, { store: this.d.store, source: session.source, ...(neighbours ? { neighboursOf: asns, maxObjects: 20_000 } : {}) });
      if (!this.d.store.hasDumps()) {
        g.notes.push('links rest on each AS\'s own policy and on the objects fetched so far: no registry dump is imported, so links that only the other side declares may be missing (`asrel import` the registries\' dumps)');
      }
      // Fetched objects change links: decide them again.
      this.engine = new RememberingEngine(this.d.store);
      this.whole = undefined;
      this.recent.clear();
      this.answers.clear();
      this.refs = undefined;
      return g.notes;
    } finally {
      await session.close();
    }
  }

  /** Graphs of the uphill cones of `asns` (what a question about them can touch), with the CLI's notes; `full`: the families whose cones' links out are read too (an unreachable answer's fixes). */
  cones(asns: number[], families: readonly Family[] = FAMILIES, full: readonly Family[] = []): Graphs {
    // The graphs hold the cones and the links among their members (`full`: their links out too): the same members, the same graphs (a stub asked about several tier-1s in its cone).
    const key = families.map((f) => `${f}${full.includes(f) ? '+' : ''}:${this.coneMembers(asns, f).join(',')}`).join('|');
    const hit = this.recent.get(key);
    if (hit) return hit;
    const t = irrTopologies(this.engine, { asns, families, ambiguous: this.args.ambiguous, full });
    const data = this.d.kind === 'input' ? [] : dataLines({ provenanceOf: (x) => this.provenanceOf(x) }, t.ases);
    const g: Graphs = { topologies: t.topologies, notes: [...this.d.notes, ...data, t.summary, ...contradictions(t.topologies)], hasObject: (x) => this.engine.hasObject(x) };
    if (this.recent.size >= RECENT_CONES) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(key, g);
    return g;
  }

  /** The uphill cones of `asns` in one family, as `coneInferences` climbs them, sorted. */
  private coneMembers(asns: number[], family: Family): number[] {
    return [...uphillMembers(this.engine, asns, family, this.args.ambiguous ?? DEFAULT_AMBIGUOUS)].sort((x, y) => x - y);
  }

  /**
   * The store's provenance of these ASes' aut-nums, as `Store.provenanceOf` gives it (same
   * order, so the same `data:` lines), from every aut-num's read once per session.
   */
  private provenanceOf(asns: Iterable<number>): Map<number, ObjectProvenance> {
    if (!this.refs) {
      this.refs = new Map();
      let rank = 0;
      for (const r of this.d.store.allAutNumRefs()) this.refs.set(r.asn, { p: r.provenance, rank: rank++ });
    }
    const list = [...asns];
    // Store.provenanceOf answers a long list in the store's order, a short one in the order asked.
    const found = list.filter((x) => this.refs!.has(x));
    if (list.length > 1000) found.sort((x, y) => this.refs!.get(x)!.rank - this.refs!.get(y)!.rank);
    return new Map(found.map((x) => [x, this.refs!.get(x)!.p]));
  }

  /** Graphs of the whole data, built on first need and kept. */
  wholeGraphs(): Graphs {
    if (!this.whole) {
      const t = irrTopologies(this.engine, { families: FAMILIES, ambiguous: this.args.ambiguous });
      const data = this.d.kind === 'input' ? [] : storeDataLines(this.d.store);
      this.whole = { topologies: t.topologies, notes: [...this.d.notes, ...data, t.summary, ...contradictions(t.topologies)], hasObject: (x) => this.engine.hasObject(x) };
    }
    return this.whole;
  }

  private readonly answers = new Map<string, unknown>();

  /** A whole-data answer (dark spots), computed once per session: the data does not change while only read. */
  remember<T>(key: string, compute: () => T): T {
    if (!this.answers.has(key)) {
      if (this.answers.size >= 64) this.answers.clear();
      this.answers.set(key, compute());
    }
    return this.answers.get(key) as T;
  }

  /** Whether the whole-data graphs are built (health). */
  get wholeBuilt(): boolean {
    return this.whole !== undefined;
  }

  close(): void {
    this.d.close();
  }
}

/** The notes the CLI adds when a relationship is given twice (relationship files; never for IRR data). */
function contradictions(topos: Partial<Record<Family, Topology>>): string[] {
  const out: string[] = [];
  for (const t of Object.values(topos)) {
    const c = t?.stats.contradictions ?? [];
    if (c.length) out.push(`${t!.family}: ${thousands(c.length)} pair(s) given twice with different relations, the first kept (e.g. AS${c[0].a}–AS${c[0].b}: ${c[0].kept}, not ${c[0].dropped})`);
  }
  return out;
}

/** The family's graph, or the CLI's error when the data has none. */
export function familyGraph(g: Graphs, family: Family): Topology {
  const t = g.topologies[family];
  if (!t) throw new UserError(`no ${family} relationships loaded`, 2, `The IRR data loaded has no ${family} policy; fetch or import more objects, or use --relationships.`);
  return t;
}
