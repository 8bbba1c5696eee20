/**
 * Gathering: the objects one answer needs, before any analysis runs. Starting from the
 * ASes asked about, it climbs through their providers (read from each AS's own policy) in
 * both families, so the uphill cones are complete, and brings in the sets those ASes use
 * as peerings. Each object comes, in order of preference, from the store when fresh, from
 * the server, from the store when stale, or from the bundled snapshot. When the server
 * fails for network reasons, gathering goes on without it and says so once.
 */
import type { ObjectSource } from '../irr/open.js';
import { objectKeyString, setClassOf, type ObjectKey } from '../irr/query.js';
import { InferenceEngine } from '../infer/engine.js';
import { FAMILIES } from '../infer/families.js';
import { parsePolicies } from '../policy/parse.js';
import type { ParsedPolicy } from '../policy/types.js';
import type { RpslObject } from '../rpsl/types.js';
import { referencedPeers } from '../policy/peers.js';
import type { DiskStore } from '../store/disk-store.js';
import { fetchObjects, type FetchSummary, addSummaries, emptySummary } from '../store/fetcher.js';
import { MemoryIndex } from '../store/memory-index.js';
import type { StoredObject } from '../store/types.js';
import { setMembers } from '../store/crawl.js';
import { parseAsn } from '../rpsl/keys.js';

export interface GatherOptions {
  store: DiskStore;
  /** Absent: offline (store and bundled data only). */
  source?: ObjectSource;
  /** Lowest-preference objects (the bundled snapshot). */
  fallback: MemoryIndex;
  /** Levels of providers to climb above the ASes asked about. */
  maxDepth?: number;
  /** Stop adding objects beyond this many. */
  maxObjects?: number;
  /** Also bring in every AS these ASes' policies name (for `neighbors`: both sides of each link). */
  neighboursOf?: readonly number[];
}

export interface Gathered {
  index: MemoryIndex;
  summary: FetchSummary;
  /** One line each: a network failure, a truncated climb. */
  notes: string[];
}

export async function gather(asns: readonly number[], opts: GatherOptions): Promise<Gathered> {
  const maxDepth = opts.maxDepth ?? 8;
  const maxObjects = opts.maxObjects ?? 600;
  const index = new MemoryIndex();
  const notes: string[] = [];
  let summary = emptySummary();
  let source = opts.source;
  const requested = new Set<string>();
  // Each object is parsed once, however many levels and helpers look at it.
  const parsed = new WeakMap<RpslObject, ParsedPolicy[]>();
  const parse = (o: RpslObject): ParsedPolicy[] => {
    let p = parsed.get(o);
    if (!p) parsed.set(o, (p = parsePolicies(o)));
    return p;
  };

  /** Brings the objects named by `keys` into the index, each from the best place that has it. */
  async function resolve(keys: ObjectKey[]): Promise<void> {
    const fresh = keys.filter((k) => !requested.has(objectKeyString(k)) && requested.size < maxObjects);
    if (fresh.length < keys.length && requested.size >= maxObjects && !notes.some((n) => n.startsWith('gathering stopped'))) {
      notes.push(`gathering stopped at ${maxObjects} objects: cones may be incomplete`);
    }
    for (const k of fresh) requested.add(objectKeyString(k));
    if (fresh.length === 0) return;
    const r = await fetchObjects(fresh, { store: opts.store, source, offline: !source });
    const networkFailure = source && r.summary.failed.find((f) => f.network);
    if (networkFailure) {
      notes.push(`live lookup failed (${networkFailure.error}); answering from the store and the bundled snapshot`);
      source = undefined;
      // Stale stored copies are better than nothing.
      const failed = new Set(r.summary.failed.map((f) => f.key));
      const again = await fetchObjects(fresh.filter((k) => failed.has(objectKeyString(k))), { store: opts.store, offline: true });
      for (const [k, v] of again.objects) r.objects.set(k, v);
      r.summary.failed = again.summary.failed;
      r.summary.fromCache += again.summary.fromCache;
    }
    summary = addSummaries(summary, r.summary);
    for (const k of fresh) {
      const stored: StoredObject | undefined = r.objects.get(objectKeyString(k))?.[0]
        ?? (k.cls === 'aut-num' ? opts.fallback.autNum(parseAsn(k.key)!.asn) : opts.fallback.set(k.cls, k.key));
      if (stored) index.add(stored);
    }
  }

  const autNumKey = (asn: number): ObjectKey => ({ cls: 'aut-num', key: `AS${asn}` });
  const seenAs = new Set<number>(asns);
  let frontier = [...seenAs];
  for (let depth = 0; frontier.length > 0; depth++) {
    await resolve(frontier.map(autNumKey));
    await resolveSets(frontier);
    if (depth === 0 && opts.neighboursOf) await resolve(namedNeighbours(opts.neighboursOf).map(autNumKey));
    if (depth >= maxDepth) {
      notes.push(`stopped climbing after ${maxDepth} levels of providers`);
      break;
    }
    // A fresh engine per level: its caches must see the objects added since.
    const engine = new InferenceEngine(index, parse);
    const next: number[] = [];
    for (const asn of frontier) {
      if (!index.autNum(asn)) continue;
      for (const f of FAMILIES) {
        for (const link of engine.neighbours(asn, f)) {
          const other = link.a === asn ? link.b : link.a;
          const up = link.relation === 'c2p' || link.relation === 's2s' || (link.relation === 'ambiguous' && link.candidates.some((c) => c === 'c2p' || c === 's2s'));
          if (up && !seenAs.has(other)) {
            seenAs.add(other);
            next.push(other);
          }
        }
      }
    }
    frontier = next;
  }
  return { index, summary, notes };

  function namedNeighbours(owners: readonly number[]): number[] {
    const out = new Set<number>();
    for (const asn of owners) {
      const s = index.autNum(asn);
      if (s) for (const n of referencedPeers(parse(s.object).flatMap((p) => p.terms)).asns) out.add(n);
    }
    return [...out];
  }

  /** The as-sets and peering-sets the given ASes use as peerings, and sets nested in them. */
  async function resolveSets(owners: number[]): Promise<void> {
    let names: string[] = [];
    for (const asn of owners) {
      const s = index.autNum(asn);
      if (!s) continue;
      const peers = referencedPeers(parse(s.object).flatMap((p) => p.terms));
      names.push(...peers.asSets, ...peers.peeringSets);
    }
    for (let level = 0; names.length > 0 && level < 4; level++) {
      const keys = [...new Set(names)].flatMap((n) => {
        const cls = setClassOf(n);
        return cls ? [{ cls, key: n.toUpperCase() }] : [];
      });
      await resolve(keys);
      names = keys.flatMap((k) => {
        const s = index.set(k.cls, k.key);
        return s ? setMembers(s.object).filter((m) => setClassOf(m)) : [];
      });
    }
  }
}
