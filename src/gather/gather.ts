/**
 * Gathering for one answer, live: brings into the store the objects the answer needs and
 * that are missing or stale — the ASes asked about, their providers upward to the top of
 * each uphill cone, and the sets they use as peerings — fetched from the server and written
 * with their claims. The analysis then reads the whole store, so links that only the other
 * side declares (known from imported dumps) count too. When the server fails for network
 * reasons, gathering stops fetching and says so once: stored copies still answer.
 */
import type { ObjectSource } from '../irr/open.js';
import { setClassOf, type ObjectKey } from '../irr/query.js';
import { InferenceEngine } from '../infer/engine.js';
import { FAMILIES } from '../infer/families.js';
import { Ingest } from '../infer/ingest.js';
import { positiveNames, type CodedPeering } from '../store/peering-codec.js';
import type { Store } from '../store/store.js';
import { fetchObjects, type FetchSummary, addSummaries, emptySummary } from './fetcher.js';

export interface GatherOptions {
  store: Store;
  /** Absent: nothing is fetched. */
  source?: ObjectSource;
  /** Levels of providers to climb above the ASes asked about. */
  maxDepth?: number;
  /** Stop fetching beyond this many objects. */
  maxObjects?: number;
  /** Also bring in every AS these ASes' policies name (for `neighbors`). */
  neighboursOf?: readonly number[];
}

export interface Gathered {
  summary: FetchSummary;
  /** One line each: a network failure, a truncated climb. */
  notes: string[];
}

const autNumKey = (asn: number): ObjectKey => ({ cls: 'aut-num', key: `AS${asn}` });

export async function gather(asns: readonly number[], opts: GatherOptions): Promise<Gathered> {
  const maxDepth = opts.maxDepth ?? 8;
  const maxObjects = opts.maxObjects ?? 600;
  const { store } = opts;
  const notes: string[] = [];
  let summary = emptySummary();
  let source = opts.source;
  const requested = new Set<string>();
  const ingest = new Ingest(store);

  async function resolve(keys: ObjectKey[]): Promise<void> {
    if (!source) return;
    const fresh: ObjectKey[] = [];
    for (const k of keys) {
      const s = `${k.cls} ${k.key.toUpperCase()}`;
      if (requested.has(s)) continue;
      if (requested.size >= maxObjects) {
        if (!notes.some((n) => n.startsWith('gathering stopped'))) notes.push(`gathering stopped at ${maxObjects} objects: cones may be incomplete`);
        break;
      }
      requested.add(s);
      fresh.push(k);
    }
    if (fresh.length === 0) return;
    const r = await fetchObjects(fresh, { store, ingest, source });
    const networkFailure = r.summary.failed.find((f) => f.network);
    if (networkFailure) {
      notes.push(`live lookup failed (${networkFailure.error}); answering from the store`);
      source = undefined;
    }
    // A server that answered wrongly (an HTTP proxy's `400 Bad Request`, a framing error, an
    // F or %ERROR line) fails only its lookups: each leaves a note, the first few by name.
    const other = r.summary.failed.filter((f) => !f.network);
    for (const f of other.slice(0, 3)) notes.push(`live lookup of ${f.key} failed (${f.error}); answering from the store`);
    if (other.length > 3) notes.push(`${other.length - 3} more live lookups failed the same way`);
    summary = addSummaries(summary, r.summary);
  }

  /** Sets the given ASes use as peerings, and sets nested in them (a few levels). */
  async function resolveSets(owners: readonly number[]): Promise<void> {
    let names = new Set<string>();
    for (const asn of owners) {
      for (const r of store.rulesOf(asn)) {
        if (!r.peerings) continue;
        for (const c of JSON.parse(r.peerings) as CodedPeering[]) positiveNames(c, names);
      }
    }
    for (let level = 0; names.size > 0 && level < 4; level++) {
      const keys = [...names].flatMap((n) => {
        const cls = /^AS\d+$/.test(n) ? undefined : setClassOf(n);
        return cls ? [{ cls, key: n }] : [];
      });
      await resolve(keys);
      const next = new Set<string>();
      // Members of as-sets and the names peering-sets list were filed when the sets were written.
      for (const k of keys) for (const m of store.membersOf(k.key)) if (!/^AS\d+$/.test(m)) next.add(m);
      names = next;
    }
  }

  const seen = new Set<number>(asns);
  let frontier = [...seen];
  for (let depth = 0; frontier.length > 0; depth++) {
    await resolve(frontier.map(autNumKey));
    await resolveSets(frontier);
    ingest.finish();
    if (depth === 0 && opts.neighboursOf) {
      const engine = new InferenceEngine(store);
      const named = new Set<number>();
      for (const asn of opts.neighboursOf) for (const f of FAMILIES) for (const n of engine.namedBy(asn, f)) named.add(n);
      await resolve([...named].map(autNumKey));
      ingest.finish();
    }
    if (depth >= maxDepth) {
      notes.push(`stopped climbing after ${maxDepth} levels of providers`);
      break;
    }
    if (!source) break;
    // A fresh engine per level: its caches must see the objects written since.
    const engine = new InferenceEngine(store);
    const next: number[] = [];
    for (const asn of frontier) {
      for (const f of FAMILIES) {
        for (const link of engine.neighbours(asn, f, { evidence: false })) {
          const other = link.a === asn ? link.b : link.a;
          const up = link.relation === 'c2p' || link.relation === 's2s' || (link.relation === 'ambiguous' && link.candidates.some((c) => c === 'c2p' || c === 's2s'));
          if (up && !seen.has(other)) {
            seen.add(other);
            next.push(other);
          }
        }
      }
    }
    frontier = next;
  }
  return { summary, notes };
}
