import { parsePolicies } from '../policy/parse.js';
import { referencedPeers } from '../policy/peers.js';
import { formatAsn, objectKeyString, parseObjectKey, parseSetName, type ObjectKey } from '../irr/query.js';
import type { RpslObject } from '../rpsl/types.js';
import type { ParsedPolicy } from '../policy/types.js';
import { Ingest } from '../infer/ingest.js';
import { addSummaries, emptySummary, fetchObjects, type FetchOptions, type FetchSummary } from './fetcher.js';

export interface CrawlOptions extends FetchOptions {
  /** 0: only the named objects; 1: also their neighbours; … */
  depth: number;
  /** Stop queueing new objects beyond this many (guards against sets with 10⁵ members). */
  maxObjects?: number;
  /** Called when a level starts, with the number of objects in it. */
  onLevel?: (depth: number, objects: number) => void;
}

export interface CrawlResult {
  summary: FetchSummary;
  /** Objects requested per depth (sets resolved while expanding count at the depth of their user). */
  levels: number[];
  /** Names found in registry text that are not valid RPSL names (not fetched). */
  skippedNames: string[];
  /** maxObjects was reached: the crawl is incomplete. */
  truncated: boolean;
}

/**
 * `asrel fetch --depth N`: breadth-first from the named objects. An aut-num's neighbours are
 * the ASNs its policies name in peering position, plus the members of as-sets and
 * peering-sets used as peerings (sets are fetched and expanded, nested sets included, at
 * the level that needs them). An as-set named at the start contributes its members.
 */
export async function crawl(start: ObjectKey[], opts: CrawlOptions): Promise<CrawlResult> {
  const maxObjects = opts.maxObjects ?? 20_000;
  const seen = new Set<string>();
  const skipped = new Set<string>();
  const levels: number[] = [];
  let summary = emptySummary();
  let truncated = false;

  const admit = (k: ObjectKey, into: ObjectKey[]) => {
    const s = objectKeyString(k);
    if (seen.has(s)) return;
    if (seen.size >= maxObjects) {
      truncated = true;
      return;
    }
    seen.add(s);
    into.push(k);
  };
  const admitName = (name: string, into: ObjectKey[]) => {
    try {
      admit(parseObjectKey(name), into);
    } catch {
      skipped.add(name);
    }
  };

  // One ingest for the whole crawl: rules that depend on sets fetched later are classified again at the end.
  const ingest = opts.ingest ?? new Ingest(opts.store);
  opts = { ...opts, ingest };
  let frontier: ObjectKey[] = [];
  for (const k of start) admit(k, frontier);
  for (let depth = 0; frontier.length > 0; depth++) {
    opts.onLevel?.(depth, frontier.length);
    levels.push(frontier.length);
    const next: ObjectKey[] = [];
    let sets: ObjectKey[] = [];
    const got = await fetchObjects(frontier, opts);
    summary = addSummaries(summary, got.summary);
    if (depth >= opts.depth) break;
    for (const k of frontier) {
      for (const { object } of got.objects.get(objectKeyString(k)) ?? []) {
        if (object.class === 'aut-num') {
          const peers = peersOf(object);
          for (const asn of peers.asns) admit({ cls: 'aut-num', key: formatAsn(asn) }, next);
          for (const s of peers.asSets) admitName(s, sets);
          for (const s of peers.peeringSets) admitName(s, sets);
        } else {
          for (const m of setMembers(object)) admitName(m, /^AS\d/i.test(m) && !m.includes(':') ? next : sets);
        }
      }
    }
    // Expand the sets this level uses as peerings; nested sets are fetched until none is new.
    while (sets.length > 0) {
      const r = await fetchObjects(sets, opts);
      summary = addSummaries(summary, r.summary);
      const nested: ObjectKey[] = [];
      for (const k of sets) {
        for (const { object } of r.objects.get(objectKeyString(k)) ?? []) {
          for (const m of setMembers(object)) admitName(m, /^AS\d/i.test(m) && !m.includes(':') ? next : nested);
        }
      }
      sets = nested;
    }
    frontier = next;
  }
  ingest.finish();
  return { summary, levels, skippedNames: [...skipped].sort(), truncated };
}

function peersOf(object: RpslObject) {
  return referencedPeers(parsePolicies(object).flatMap((p: ParsedPolicy) => p.terms));
}

/**
 * Names an as-set's `members:` list, or the AS numbers and as-sets written in a
 * peering-set's `peering:`/`mp-peering:` values (the AS expression comes before any router
 * expression; keywords, addresses and rtr-sets are not object names and are left out).
 */
export function setMembers(object: RpslObject): string[] {
  const out: string[] = [];
  if (object.class === 'as-set') {
    for (const a of object.attributes) if (a.name === 'members') out.push(...a.value.split(/[\s,]+/).filter(Boolean));
  } else if (object.class === 'peering-set') {
    for (const a of object.attributes) {
      if (a.name !== 'peering' && a.name !== 'mp-peering') continue;
      for (const tok of a.value.split(/[\s(),]+/)) {
        if (/^AS\d+(\.\d+)?$/i.test(tok)) out.push(tok);
        else if (/^AS-ANY$/i.test(tok)) continue;
        else {
          try {
            if (parseSetName(tok).cls === 'as-set') out.push(tok);
          } catch {
            // not a set name: a keyword, address or router expression
          }
        }
      }
    }
  }
  return out.map((m) => m.toUpperCase()).filter((m) => m !== 'AS-ANY');
}
