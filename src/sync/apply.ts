/**
 * Applying a mirror's changes to the store, through Ingest (claims derived as on import).
 * Each batch is one transaction holding its objects, its deletions, ingest.finish() (the
 * reclassification and whatever else Ingest keeps current) and the source's new serial:
 * killed at any moment, the store holds the previous batch and its serial, or this one and
 * its serial. A full load (snapshot or dump) runs inside one outer transaction, its batches
 * as savepoints, and drops at the end the objects of the source it no longer holds.
 */
import { Ingest } from '../infer/ingest.js';
import { normaliseKey } from '../rpsl/keys.js';
import { readObjects } from '../rpsl/read.js';
import type { RpslObject } from '../rpsl/types.js';
import type { Store } from '../store/store.js';
import { recordSyncState, sourceKeys, type SyncState } from '../store/sync-state.js';
import type { ObjectProvenance } from '../store/types.js';

export type Change = { op: 'add'; object: RpslObject } | { op: 'del'; cls: string; key: string };

export type StateFields = Omit<SyncState, 'objects' | 'autNums'>;

/** The object in one change's text, when it is one the store keeps (else undefined). */
export function keptObject(text: string, source: string, label: string): RpslObject | undefined {
  const { objects } = readObjects(text, label);
  const o = objects[0];
  if (!o || !Ingest.keeps(o)) return undefined;
  // Stored under the source mirrored, whatever its source: line says, so that deletes and
  // reloads find it again.
  o.source = source.toUpperCase();
  return o;
}

/** A delete's (class, key), normalised as the reader normalises keys. */
export function deletion(cls: string, key: string): Change | undefined {
  const c = cls.toLowerCase();
  if (!(['aut-num', 'as-set', 'route-set', 'filter-set', 'peering-set'] as string[]).includes(c)) return undefined;
  return { op: 'del', cls: c, key: normaliseKey(c, key.trim()).toUpperCase() };
}

export interface Applied {
  added: number;
  removed: number;
}

/** One batch: the changes, ingest.finish() and the source's state, in one transaction. */
export function applyBatch(store: Store, ingest: Ingest, source: string, provenance: ObjectProvenance, changes: readonly Change[], state: StateFields): Applied {
  let added = 0;
  let removed = 0;
  store.transaction(() => {
    for (const c of changes) {
      if (c.op === 'add') {
        ingest.write(c.object, provenance);
        added++;
      } else if (ingest.remove(c.cls, c.key, source)) removed++;
    }
    ingest.finish();
    recordSyncState(store, state);
  });
  return { added, removed };
}

const LOAD_BATCH = 2000;

/**
 * A full copy of the source replacing what the store holds of it. Batches commit as they go
 * (one transaction holding a whole registry made SQLite spill its page cache into a WAL it
 * could not checkpoint: three times slower than committed batches on the synthetic world);
 * each batch records the source as `loading` (no serial), so a load killed or cut half-way
 * is loaded again from the start by the next run, never followed with changes. The last
 * batch drops the objects of the source the copy no longer holds and records its serial.
 * `stop` is asked between batches (Ctrl-C).
 */
export async function fullLoad(
  store: Store,
  source: string,
  provenance: ObjectProvenance,
  objects: AsyncIterable<RpslObject>,
  state: (done: boolean, loaded: number) => StateFields,
  stop?: () => boolean,
): Promise<Applied> {
  const ingest = new Ingest(store);
  ingest.bulk();
  let added = 0;
  let removed = 0;
  const gone = new Set(sourceKeys(store, source));
  const write = (list: RpslObject[], last: boolean) => {
    store.transaction(() => {
      for (const o of list) {
        ingest.write(o, provenance);
        gone.delete(`${o.class} ${o.key.toUpperCase()}`);
      }
      if (last) {
        for (const k of gone) {
          const i = k.indexOf(' ');
          if (ingest.remove(k.slice(0, i), k.slice(i + 1), source)) removed++;
        }
      }
      // Links are decided once, with the last batch (deciding them after every batch would
      // decide most of them again each time); until then the table is stale and readers decide from claims.
      ingest.finish({ links: last });
      recordSyncState(store, state(last, added + list.length));
    });
    added += list.length;
  };
  // Marked loading before the first object is written.
  write([], false);
  let batch: RpslObject[] = [];
  for await (const o of objects) {
    batch.push(o);
    if (batch.length >= LOAD_BATCH) {
      write(batch, false);
      batch = [];
      if (stop?.()) throw new LoadStopped();
    }
  }
  write(batch, true);
  return { added, removed };
}

export class LoadStopped extends Error {
  constructor() {
    super('interrupted during a full load: the objects loaded so far are stored, and the source is marked as loading: the next run loads it again from the start');
  }
}
