import type { RpslObject } from '../rpsl/types.js';

/** Where a stored object came from, so every answer can name its data. */
export interface ObjectProvenance {
  /** `live` (fetched from a server into the store), `dump` (imported), `bundled` (data/). */
  kind: 'live' | 'dump' | 'bundled';
  /** Server (`whois.radb.net:43`), dump file name, or bundled snapshot id. */
  from: string;
  /** When it was fetched (ISO 8601); for a dump, the dump file's modification time; for bundled data, the snapshot date. */
  date: string;
  /** True when the object is a reconstruction, not real registry text (bundled example). */
  reconstructed?: boolean;
}

export interface StoredObject {
  object: RpslObject;
  provenance: ObjectProvenance;
}

export type LookupClass = 'aut-num' | 'as-set' | 'route-set' | 'filter-set' | 'peering-set';

/**
 * Read-only, synchronous view of the objects an analysis may use. Inference and search
 * work only through this; gathering (store, live fetch, dumps, bundled data) happens
 * before, so analysis stages never do I/O.
 */
export interface ObjectIndex {
  autNum(asn: number): StoredObject | undefined;
  /** Set objects by class and (case-insensitive) name. */
  set(cls: Exclude<LookupClass, 'aut-num'>, name: string): StoredObject | undefined;
  autNums(): Iterable<StoredObject>;
}
