/**
 * `asrel fetch`: the named objects from the IRR into the store and, to a depth, the
 * neighbours their policies name, level by level (src/gather/crawl.ts). The command loads
 * this module only when it runs: `show` shares its options, not the crawl and the policy
 * parser behind it.
 */
import { crawl, type CrawlResult } from '../gather/crawl.js';
import type { ObjectKey } from '../irr/query.js';
import type { StoreSession } from './store-session.js';

export type { CrawlResult } from '../gather/crawl.js';
export type { FetchSummary } from '../gather/fetcher.js';

export interface CrawlRequest {
  /** Read the store only: objects missing or stale are not fetched. */
  offline: boolean;
  /** Fetch again even objects younger than the session's --ttl. */
  refresh: boolean;
  /** 0: the named objects only; 1: also their neighbours; … */
  depth: number;
  /** Stop queueing new objects beyond this many. */
  maxObjects: number;
  /** A level starts, with its number of objects. */
  onLevel?: (depth: number, objects: number) => void;
  /** An object of the level is settled (fetched, cached, not found or failed). */
  onProgress?: (done: number, total: number, key: string) => void;
}

/** Fetches `start` and its neighbours through the session's client into its store (which the caller closes). */
export function crawlObjects(session: StoreSession, start: ObjectKey[], req: CrawlRequest): Promise<CrawlResult> {
  return crawl(start, { store: session.store, source: session.source, ...req });
}
