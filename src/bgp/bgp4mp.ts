/**
 * BGP4MP and BGP4MP_ET (RFC 6396 §4.4, ADD-PATH subtypes RFC 8050 §4.2): BGP messages as a
 * collector received them. Only UPDATEs carry routes: IPv4 prefixes in the NLRI field, other
 * families in MP_REACH_NLRI / MP_UNREACH_NLRI. State changes are counted.
 */
import { afiOf, Cursor, ipText, MalformedError, readAttributes, readPrefixes } from './bgp-attributes.js';
import { pathOf } from './as-path.js';
import type { MrtRecord } from './mrt-records.js';
import type { ObservedRoute, ReadCounts } from './types.js';

/** Subtype → AS number width and ADD-PATH; state changes are 0 and 5. */
const MESSAGE_SUBTYPES: Record<number, { as4: boolean; addPath: boolean }> = {
  1: { as4: false, addPath: false },
  4: { as4: true, addPath: false },
  6: { as4: false, addPath: false },
  7: { as4: true, addPath: false },
  8: { as4: false, addPath: true },
  9: { as4: true, addPath: true },
  10: { as4: false, addPath: true },
  11: { as4: true, addPath: true },
};

/** Reads one record; returns false when its subtype is not one this reader knows. */
export function readBgp4mp(r: MrtRecord, counts: ReadCounts, emit: (route: ObservedRoute) => void, onAddPathGuess?: () => void): boolean {
  if (r.subtype === 0 || r.subtype === 5) {
    counts.stateChanges++;
    return true;
  }
  const sub = MESSAGE_SUBTYPES[r.subtype];
  if (!sub) return false;
  const c = new Cursor(r.body, 0, r.body.length);
  const peerAs = sub.as4 ? c.u32('peer AS') : c.u16('peer AS');
  if (sub.as4) c.u32('local AS');
  else c.u16('local AS');
  c.u16('interface index');
  const afi = afiOf(c.u16('address family'));
  if (!afi) throw new MalformedError('peer address family not IPv4 or IPv6');
  const len = afi === 'ipv4' ? 4 : 16;
  c.need(len * 2, 'peer and local address');
  const peerIp = ipText(c.b, c.pos, len);
  c.pos += len * 2;
  // The BGP message: marker, length, type.
  c.skip(16, 'BGP marker');
  const msgLen = c.u16('BGP message length');
  const type = c.u8('BGP message type');
  if (type !== 2) return true; // OPEN, NOTIFICATION, KEEPALIVE, ROUTE-REFRESH: no routes
  if (msgLen < 19 || msgLen - 19 > c.left) throw new MalformedError(`BGP message length ${msgLen} does not fit the record`);
  const m = c.take(msgLen - 19, 'UPDATE');
  if (sub.addPath) return readUpdate(m, sub.as4, true, peerAs, peerIp, r.timestamp, counts, emit);
  const at = m.pos;
  try {
    return readUpdate(m, sub.as4, false, peerAs, peerIp, r.timestamp, counts, emit);
  } catch (e) {
    if (!(e instanceof MalformedError)) throw e;
    // Some routers (BIRD before RFC 8050) log ADD-PATH sessions under the plain subtypes: a
    // message that does not parse without path identifiers is tried once with them.
    m.pos = at;
    const w = counts.withdrawals;
    try {
      readUpdate(m, sub.as4, true, peerAs, peerIp, r.timestamp, counts, emit);
    } catch {
      counts.withdrawals = w;
      throw e;
    }
    onAddPathGuess?.();
    return true;
  }
}

function readUpdate(m: Cursor, as4: boolean, addPath: boolean, peerAs: number, peerIp: string, timestamp: number, counts: ReadCounts, emit: (route: ObservedRoute) => void): boolean {
  const wLen = m.u16('withdrawn routes length');
  const withdrawn = readPrefixes(m.take(wLen, 'withdrawn routes'), 'ipv4', addPath);
  const aLen = m.u16('path attributes length');
  const a = readAttributes(m.take(aLen, 'path attributes'), as4 ? 4 : 2, { tableDump: false, addPath });
  const nlri = readPrefixes(m, 'ipv4', addPath);
  // Counted only once the whole message has parsed (a failed first reading leaves no trace).
  counts.withdrawals += withdrawn.length + (a.mpUnreach?.prefixes.length ?? 0);
  const reach: Array<{ afi: 'ipv4' | 'ipv6'; prefix: string }> = nlri.map((prefix) => ({ afi: 'ipv4' as const, prefix }));
  if (a.mpReach?.afi && a.mpReach.safi === 1) for (const prefix of a.mpReach.prefixes) reach.push({ afi: a.mpReach.afi, prefix });
  if (reach.length === 0) return true;
  const p = pathOf(a.segments);
  for (const x of reach) emit({ afi: x.afi, prefix: x.prefix, ...p, peerAs, peerIp, timestamp, kind: 'update' });
  return true;
}
