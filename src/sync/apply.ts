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
 * A full copy of the source replacing what the store holds of it, in one outer transaction:
 * nothing of a load that fails or is killed half-way is kept. `stop` is asked between
 * batches (Ctrl-C): a stopped load is rolled back.
 */
export async function fullLoad(
  store: Store,
  source: string,
  provenance: ObjectProvenance,
  objects: AsyncIterable<RpslObject>,
  state: () => StateFields,
  stop?: () => boolean,
): Promise<Applied> {
  const ingest = new Ingest(store);
  let added = 0;
  let removed = 0;
  await store.transactionAsync(async () => {
    const gone = new Set(sourceKeys(store, source));
    let batch: RpslObject[] = [];
    const write = (list: RpslObject[]) => {
      for (const o of list) {
        ingest.write(o, provenance);
        gone.delete(`${o.class} ${o.key.toUpperCase()}`);
        added++;
      }
    };
    for await (const o of objects) {
      batch.push(o);
      if (batch.length >= LOAD_BATCH) {
        const list = batch;
        batch = [];
        store.transaction(() => write(list));
        if (stop?.()) throw new LoadStopped();
      }
    }
    store.transaction(() => {
      write(batch);
      for (const k of gone) {
        const i = k.indexOf(' ');
        if (ingest.remove(k.slice(0, i), k.slice(i + 1), source)) removed++;
      }
      ingest.finish();
      recordSyncState(store, state());
    });
  });
  return { added, removed };
}

export class LoadStopped extends Error {
  constructor() {
    super('interrupted: the full load was rolled back; the store holds what it held before');
  }
}
