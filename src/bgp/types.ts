import type { AsPathSegment, Afi } from './bgp-attributes.js';

export type { Afi, AsPathSegment };

/**
 * One route as observed at a collector: a RIB entry (TABLE_DUMP/TABLE_DUMP_V2, `bgpdump -m`
 * `B` lines) or an announcement in an UPDATE (BGP4MP, `A` lines). Withdrawals carry no path
 * and are only counted.
 *
 * `path` is the AS_SEQUENCE numbers in the order received — the collector's peer first, the
 * origin last — with **prepending kept** (a reader reports what it saw; `collapsePrepending`
 * in paths.ts removes repeats). AS_SET members and confederation segments are left out of
 * `path` and flagged (`hasAsSet`, `confed`): they cannot be checked hop by hop. `segments`
 * holds the full path only when it has such a segment.
 */
export interface ObservedRoute {
  afi: Afi;
  prefix: string;
  path: number[];
  peerAs: number;
  peerIp: string;
  /** Seconds since 1970 (the MRT record's time; for RIB entries, the record's, not the originated time). */
  timestamp: number;
  hasAsSet: boolean;
  confed: boolean;
  segments?: AsPathSegment[];
  /** Where the route came from: a RIB dump or an UPDATE message. */
  kind: 'rib' | 'update';
}

/** What a reader counted besides the routes. */
export interface ReadCounts {
  records: number;
  routes: number;
  withdrawals: number;
  stateChanges: number;
  /** Records of types or subtypes without routes for this reader (OSPF, multicast RIBs, …). */
  otherRecords: number;
}

export function emptyCounts(): ReadCounts {
  return { records: 0, routes: 0, withdrawals: 0, stateChanges: 0, otherRecords: 0 };
}
