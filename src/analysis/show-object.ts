/**
 * `asrel show`: one object's stored versions, fetched first when stale or missing, or the
 * bundled copy that answers quote when the store holds no aut-num. The command file opens
 * the session (store-session.ts), calls this and prints.
 */
import { fetchObjects } from '../gather/fetcher.js';
import type { ObjectKey } from '../irr/query.js';
import { listSnapshots } from '../store/bundled.js';
import type { StoredVersion } from '../store/store.js';
import { bundledStore } from './open-data.js';
import type { StoreSession } from './store-session.js';

export interface ObjectLookup {
  /** The object's stored versions (one per source, in the store's order); empty when it is nowhere. */
  entries: StoredVersion[];
  /** Why the fetch failed, when it did (offline or read-only, a missing object is one too). */
  failure?: string;
  /** The server answered that there is no such object. */
  notFound: boolean;
  /** The entries are the bundled snapshot's: the store is empty. */
  fromBundle: boolean;
}

/** `key` from the session's store, fetched first unless fresh, `offline` or the store is read-only. */
export async function lookUpObject(session: StoreSession, key: ObjectKey, offline: boolean): Promise<ObjectLookup> {
  // Fresh objects come from the store; stale or missing ones are fetched unless --offline.
  const r = await fetchObjects([key], { store: session.store, source: session.source, offline: offline || session.store.readOnly });
  const failure = r.summary.failed[0]?.error;
  const notFound = r.summary.notFound > 0;
  let entries = session.store.versions(key.cls, key.key);
  let fromBundle = false;
  if (entries.length === 0 && !session.store.hasAutNums()) {
    // The answers of an empty store come from the bundled snapshot: show what they quote.
    const bundled = bundledStore(listSnapshots().map((x) => x.id));
    entries = bundled.versions(key.cls, key.key);
    fromBundle = entries.length > 0;
  }
  return { entries, failure, notFound, fromBundle };
}
