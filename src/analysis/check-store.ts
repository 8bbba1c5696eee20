import { join, resolve } from 'node:path';
import { Store, STORE_FILE } from '../store/store.js';
import { openStore } from './open-data.js';

export interface StoreCheck {
  /** The database file. */
  file: string;
  ok: boolean;
  /** What SQLite's quick check found (empty when ok). */
  problems: string[];
  /** Counts of a sound store. */
  counts?: { objects: number; autNums: number };
  /** The link table of a sound store: whether it agrees with the claims, and its rows. */
  links?: { current: boolean; rows: number };
  readOnly: boolean;
}

/**
 * SQLite's quick check of the store in `dir` (undefined when there is none). The file is
 * checked before it is opened as a store, since opening may be what a damaged file fails;
 * a sound one is then opened (which checks that it is an asrel store of this version) and
 * counted.
 */
export function checkStore(dir: string, max = 20): StoreCheck | undefined {
  const file = join(resolve(dir), STORE_FILE);
  const problems = Store.quickCheck(dir, max);
  if (!problems) return undefined;
  const ok = problems.length === 1 && problems[0] === 'ok';
  if (!ok) return { file, ok, problems, readOnly: false };
  const store = openStore(dir, { readonly: true });
  try {
    return { file, ok, problems: [], counts: store.counts(), links: { current: store.links.fresh, rows: store.links.count() }, readOnly: store.readOnly };
  } finally {
    store.close();
  }
}
