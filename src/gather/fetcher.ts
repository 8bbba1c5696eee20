import { readObjects } from '../rpsl/read.js';
import type { ObjectSource } from '../irr/open.js';
import { IrrError } from '../irr/errors.js';
import { objectKeyString, type ObjectKey } from '../irr/query.js';
import { Ingest } from '../infer/ingest.js';
import type { Store } from '../store/store.js';
import type { StoredObject } from '../store/types.js';

export interface FetchSummary {
  fetched: number;
  fromCache: number;
  notFound: number;
  notFoundKeys: string[];
  /** `network`: the server could not be reached or stopped answering (retrying later may help). */
  failed: { key: string; error: string; network?: boolean }[];
}

export interface FetchOptions {
  store: Store;
  /** Writes fetched objects with their claims; one per run so set changes are seen once. */
  ingest?: Ingest;
  /** Absent (or `offline`) means: answer from the store only. */
  source?: ObjectSource;
  offline?: boolean;
  /** Refetch even fresh objects. */
  refresh?: boolean;
  now?: number;
  /** Called after each key is settled. */
  onProgress?: (done: number, total: number, key: string) => void;
}

export interface FetchResult {
  summary: FetchSummary;
  /** Stored objects per key (`aut-num AS1`), fetched or cached; absent when not found or failed. */
  objects: Map<string, StoredObject[]>;
}

export function emptySummary(): FetchSummary {
  return { fetched: 0, fromCache: 0, notFound: 0, notFoundKeys: [], failed: [] };
}

/**
 * Fetches keys through `source` (all queries issued at once: the IRRd client pipelines
 * them), storing each object as soon as its answer has fully arrived, so a later failure
 * never loses what was already received. Fresh stored objects are not fetched again.
 */
export async function fetchObjects(keys: ObjectKey[], opts: FetchOptions): Promise<FetchResult> {
  const summary = emptySummary();
  const objects = new Map<string, StoredObject[]>();
  const now = opts.now ?? Date.now();
  const unique = [...new Map(keys.map((k) => [objectKeyString(k), k])).values()];
  let done = 0;
  const settle = (k: ObjectKey) => opts.onProgress?.(++done, unique.length, objectKeyString(k));

  // Look in the store first, then send every miss at once and in order: the IRRd client
  // pipelines them on one connection, and each answer is stored as soon as it is complete.
  const ingest = opts.ingest ?? new Ingest(opts.store);
  const cached = unique.map((k) => opts.store.versions(k.cls, k.key));
  const source = opts.offline ? undefined : opts.source;
  const misses: { k: ObjectKey; answer: Promise<string | undefined> }[] = [];
  unique.forEach((k, i) => {
    const stored = cached[i]!;
    const name = objectKeyString(k);
    const fresh = stored.filter((e) => opts.store.entryIsFresh(e, now));
    if (!opts.refresh && fresh.length > 0) {
      summary.fromCache++;
      objects.set(name, fresh.map(plain));
      settle(k);
    } else if (!source) {
      if (stored.length > 0) {
        // Stale but offline: what we have is the best answer.
        summary.fromCache++;
        objects.set(name, stored.map(plain));
      } else {
        summary.failed.push({ key: name, error: 'not in the store, and --offline forbids fetching it' });
      }
      settle(k);
    } else {
      misses.push({ k, answer: source.getObject(k) });
    }
  });

  await Promise.all(
    misses.map(async ({ k, answer }) => {
      const name = objectKeyString(k);
      try {
        const text = await answer;
        if (text === undefined) {
          summary.notFound++;
          summary.notFoundKeys.push(name);
          return;
        }
        const { objects: parsed } = readObjects(text, source!.server);
        const match = parsed.filter((o) => o.class === k.cls && o.key.toUpperCase() === k.key.toUpperCase());
        if (match.length === 0) {
          summary.failed.push({ key: name, error: `${source!.server} answered without a ${k.cls} ${k.key} object (got ${parsed.map((o) => `${o.class} ${o.key}`).join(', ') || 'no object'})` });
          return;
        }
        const date = new Date().toISOString();
        // An object is stored only once its whole answer has arrived (the clients make sure).
        const provenance = { kind: 'live' as const, from: source!.server, date };
        opts.store.transaction(() => {
          for (const o of match) ingest.write(o, provenance);
        });
        summary.fetched++;
        objects.set(name, match.map((object) => ({ object, provenance })));
      } catch (e) {
        const network = e instanceof IrrError && e.retryable;
        summary.failed.push({ key: name, error: e instanceof Error ? e.message : String(e), ...(network ? { network } : {}) });
      } finally {
        settle(k);
      }
    }),
  );
  if (!opts.ingest) ingest.finish();
  summary.failed.sort((a, b) => a.key.localeCompare(b.key));
  summary.notFoundKeys.sort();
  return { summary, objects };
}

function plain(e: StoredObject): StoredObject {
  return { object: e.object, provenance: e.provenance };
}

export function addSummaries(a: FetchSummary, b: FetchSummary): FetchSummary {
  return {
    fetched: a.fetched + b.fetched,
    fromCache: a.fromCache + b.fromCache,
    notFound: a.notFound + b.notFound,
    notFoundKeys: [...a.notFoundKeys, ...b.notFoundKeys],
    failed: [...a.failed, ...b.failed],
  };
}
