/**
 * TABLE_DUMP_V2 (RFC 6396 §4.3, ADD-PATH variants RFC 8050 §4.1) and the old TABLE_DUMP
 * (§4.2): RIB entries, one route per peer and prefix. The PEER_INDEX_TABLE names the peers
 * the RIB entries point to by index; it comes first in a dump.
 */
import { afiOf, Cursor, ipText, MalformedError, readAsPath4, readAttributes, readPrefix, type Afi } from './bgp-attributes.js';
import { pathOf } from './as-path.js';
import type { MrtRecord } from './mrt-records.js';
import type { ObservedRoute, ReadCounts } from './types.js';
import type { ReaderWarnings } from './warnings.js';

interface Peer {
  ip: string;
  asn: number;
}

const RIB_SUBTYPES: Record<number, { afi?: Afi; multicast?: boolean; addPath: boolean; generic?: boolean }> = {
  2: { afi: 'ipv4', addPath: false },
  3: { afi: 'ipv4', multicast: true, addPath: false },
  4: { afi: 'ipv6', addPath: false },
  5: { afi: 'ipv6', multicast: true, addPath: false },
  6: { generic: true, addPath: false },
  8: { afi: 'ipv4', addPath: true },
  9: { afi: 'ipv4', multicast: true, addPath: true },
  10: { afi: 'ipv6', addPath: true },
  11: { afi: 'ipv6', multicast: true, addPath: true },
  12: { generic: true, addPath: true },
};

export class TableDumpV2Reader {
  private peers: Peer[] | undefined;

  constructor(private readonly warnings: ReaderWarnings, private readonly counts: ReadCounts) {}

  read(r: MrtRecord, emit: (route: ObservedRoute) => void): void {
    const c = new Cursor(r.body, 0, r.body.length);
    if (r.subtype === 1) {
      this.peers = readPeerIndex(c);
      return;
    }
    const sub = RIB_SUBTYPES[r.subtype];
    if (!sub) {
      this.warnings.add('TABLE_DUMP_V2 record of unknown subtype skipped', `subtype ${r.subtype} at offset ${r.offset}`);
      return;
    }
    if (sub.multicast) {
      this.counts.otherRecords++;
      return;
    }
    if (!this.peers) {
      this.warnings.add('RIB entry before any PEER_INDEX_TABLE skipped', `offset ${r.offset}`);
      return;
    }
    c.u32('sequence number');
    let afi = sub.afi;
    if (sub.generic) {
      afi = afiOf(c.u16('afi'));
      const safi = c.u8('safi');
      if (!afi || safi !== 1) {
        this.counts.otherRecords++;
        return;
      }
    }
    const prefix = readPrefix(c, afi!);
    const count = c.u16('entry count');
    const b = c.b;
    const end = c.end;
    const skip = sub.addPath ? 10 : 6; // peer index, originated time, [path id]
    let p = c.pos;
    for (let i = 0; i < count; i++) {
      if (p + skip + 2 > end) throw new MalformedError('RIB entry runs past its record');
      const peerIndex = b.readUInt16BE(p);
      const attrLen = b.readUInt16BE(p + skip);
      const at = p + skip + 2;
      if (at + attrLen > end) throw new MalformedError('RIB entry attributes run past their record');
      p = at + attrLen;
      const peer = this.peers[peerIndex];
      if (!peer) {
        this.warnings.add('RIB entry naming a peer not in the PEER_INDEX_TABLE skipped', `peer ${peerIndex} at offset ${r.offset}`);
        continue;
      }
      let a;
      try {
        a = readAsPath4(b, at, at + attrLen);
      } catch (e) {
        if (!(e instanceof MalformedError)) throw e;
        this.warnings.add('RIB entry with malformed attributes skipped', `${e.message} at offset ${r.offset}`);
        continue;
      }
      const route: ObservedRoute = { afi: afi!, prefix, path: a.path, peerAs: peer.asn, peerIp: peer.ip, timestamp: r.timestamp, hasAsSet: a.hasAsSet, confed: a.confed, kind: 'rib' };
      if (a.segments) route.segments = a.segments;
      emit(route);
    }
    c.pos = p;
    if (c.left > 0) this.warnings.add('RIB record with trailing bytes', `${c.left} bytes at offset ${r.offset}`);
  }
}

function readPeerIndex(c: Cursor): Peer[] {
  c.u32('collector BGP ID');
  const viewLen = c.u16('view name length');
  c.skip(viewLen, 'view name');
  const n = c.u16('peer count');
  const peers: Peer[] = [];
  for (let i = 0; i < n; i++) {
    const type = c.u8('peer type');
    c.u32('peer BGP ID');
    const ipLen = type & 1 ? 16 : 4;
    c.need(ipLen, 'peer address');
    const ip = ipText(c.b, c.pos, ipLen);
    c.pos += ipLen;
    const asn = type & 2 ? c.u32('peer AS') : c.u16('peer AS');
    peers.push({ ip, asn });
  }
  return peers;
}

/** TABLE_DUMP (type 12): one route per record, 2-byte ASNs; subtype 1 IPv4, 2 IPv6. */
export function readTableDump(r: MrtRecord, warnings: ReaderWarnings, counts: ReadCounts, emit: (route: ObservedRoute) => void): void {
  const afi = afiOf(r.subtype);
  if (!afi) {
    warnings.add('TABLE_DUMP record of unknown subtype skipped', `subtype ${r.subtype} at offset ${r.offset}`);
    return;
  }
  void counts;
  const c = new Cursor(r.body, 0, r.body.length);
  c.u16('view');
  c.u16('sequence');
  const len = afi === 'ipv4' ? 4 : 16;
  c.need(len + 1, 'prefix');
  const addr = Buffer.alloc(len);
  c.b.copy(addr, 0, c.pos, c.pos + len);
  c.pos += len;
  const bits = c.u8('prefix length');
  if (bits > len * 8) throw new MalformedError(`prefix length ${bits}`);
  c.u8('status');
  c.u32('originated time');
  c.need(len, 'peer address');
  const peerIp = ipText(c.b, c.pos, len);
  c.pos += len;
  const peerAs = c.u16('peer AS');
  const attrLen = c.u16('attribute length');
  const a = readAttributes(c.take(attrLen, 'attributes'), 2, { tableDump: true, addPath: false });
  emit({ afi, prefix: `${ipText(addr, 0, len)}/${bits}`, ...pathOf(a.segments), peerAs, peerIp, timestamp: r.timestamp, kind: 'rib' });
}
