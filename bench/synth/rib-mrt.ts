/**
 * An MRT writer for SYNTHETIC data: TABLE_DUMP_V2 RIB dumps and BGP4MP UPDATE messages built
 * from paths we choose (the synthetic Internet, or hand-made cases in tests). Written from
 * RFC 6396 / RFC 4271 / RFC 6793, for tests and benchmarks of the reader in src/bgp; nothing
 * written here is real routing data.
 */
import { SEGMENT, type AsPathSegment } from '../../src/bgp/bgp-attributes.js';

export interface SynthPeer {
  ip: string; // dotted IPv4 or full-form IPv6
  asn: number;
}

function ipBytes(ip: string): Buffer {
  if (!ip.includes(':')) return Buffer.from(ip.split('.').map(Number));
  const [head, tail] = ip.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const t = tail ? tail.split(':') : [];
  const words = [...h, ...Array(8 - h.length - t.length).fill('0'), ...t].map((x) => parseInt(x, 16));
  const b = Buffer.alloc(16);
  words.forEach((w, i) => b.writeUInt16BE(w, 2 * i));
  return b;
}

function prefixBytes(prefix: string): Buffer {
  const [addr, len] = prefix.split('/') as [string, string];
  const bits = Number(len);
  const a = ipBytes(addr);
  return Buffer.concat([Buffer.from([bits]), a.subarray(0, (bits + 7) >> 3)]);
}

export function mrtRecord(type: number, subtype: number, body: Buffer, timestamp = 1_700_000_000): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt32BE(timestamp, 0);
  h.writeUInt16BE(type, 4);
  h.writeUInt16BE(subtype, 6);
  h.writeUInt32BE(body.length, 8);
  return Buffer.concat([h, body]);
}

function attribute(flags: number, code: number, value: Buffer): Buffer {
  if (value.length > 255) {
    const h = Buffer.from([flags | 0x10, code, 0, 0]);
    h.writeUInt16BE(value.length, 2);
    return Buffer.concat([h, value]);
  }
  return Buffer.concat([Buffer.from([flags, code, value.length]), value]);
}

export function asPathValue(segments: AsPathSegment[], asnBytes: 2 | 4): Buffer {
  const parts: Buffer[] = [];
  for (const s of segments) {
    const b = Buffer.alloc(2 + s.asns.length * asnBytes);
    b[0] = s.type;
    b[1] = s.asns.length;
    s.asns.forEach((a, i) => (asnBytes === 4 ? b.writeUInt32BE(a, 2 + 4 * i) : b.writeUInt16BE(a, 2 + 2 * i)));
    parts.push(b);
  }
  return Buffer.concat(parts);
}

const seq = (path: number[]): AsPathSegment[] => (path.length ? [{ type: SEGMENT.AS_SEQUENCE, asns: path }] : []);

export function peerIndexTable(peers: SynthPeer[], timestamp?: number): Buffer {
  const parts: Buffer[] = [Buffer.from([10, 0, 0, 1]), Buffer.from([0, 0])];
  const n = Buffer.alloc(2);
  n.writeUInt16BE(peers.length);
  parts.push(n);
  for (const p of peers) {
    const v6 = p.ip.includes(':');
    const as = Buffer.alloc(4);
    as.writeUInt32BE(p.asn);
    parts.push(Buffer.from([(v6 ? 1 : 0) | 2]), Buffer.from([10, 0, 0, 2]), ipBytes(p.ip), as);
  }
  return mrtRecord(13, 1, Buffer.concat(parts), timestamp);
}

/** One TABLE_DUMP_V2 RIB record: `entries` are (peer index, AS path) pairs for `prefix`. */
export function ribRecord(seqNo: number, prefix: string, entries: Array<{ peer: number; segments: AsPathSegment[] | number[] }>, timestamp?: number): Buffer {
  const v6 = prefix.includes(':');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(seqNo);
  const count = Buffer.alloc(2);
  count.writeUInt16BE(entries.length);
  const parts: Buffer[] = [head, prefixBytes(prefix), count];
  for (const e of entries) {
    const segs = typeof e.segments[0] === 'number' || e.segments.length === 0 ? seq(e.segments as number[]) : (e.segments as AsPathSegment[]);
    const attrs = Buffer.concat([
      attribute(0x40, 1, Buffer.from([0])),
      attribute(0x40, 2, asPathValue(segs, 4)),
      ...(v6 ? [attribute(0x80, 14, Buffer.concat([Buffer.from([16]), Buffer.alloc(16)]))] : [attribute(0x40, 3, Buffer.from([10, 0, 0, 2]))]),
    ]);
    const eh = Buffer.alloc(8);
    eh.writeUInt16BE(e.peer, 0);
    eh.writeUInt32BE(timestamp ?? 1_700_000_000, 2);
    eh.writeUInt16BE(attrs.length, 6);
    parts.push(eh, attrs);
  }
  return mrtRecord(13, v6 ? 4 : 2, Buffer.concat(parts), timestamp);
}

/**
 * One BGP4MP UPDATE announcing `prefixes` with `segments`: subtype 4 (MESSAGE_AS4) when
 * `as4`, else subtype 1 with 2-byte ASNs and, when given, an AS4_PATH attribute.
 */
export function updateRecord(opts: { peer: SynthPeer; prefixes: string[]; segments: AsPathSegment[]; as4: boolean; as4Path?: AsPathSegment[]; withdrawn?: string[]; timestamp?: number }): Buffer {
  const v6 = opts.prefixes.some((p) => p.includes(':'));
  const attrs: Buffer[] = [attribute(0x40, 1, Buffer.from([0])), attribute(0x40, 2, asPathValue(opts.segments, opts.as4 ? 4 : 2))];
  if (opts.as4Path) attrs.push(attribute(0xc0, 17, asPathValue(opts.as4Path, 4)));
  let nlri = Buffer.alloc(0);
  if (v6) {
    const mp = Buffer.concat([Buffer.from([0, 2, 1, 16]), Buffer.alloc(16), Buffer.from([0]), ...opts.prefixes.map(prefixBytes)]);
    attrs.push(attribute(0x80, 14, mp));
  } else {
    attrs.push(attribute(0x40, 3, Buffer.from([10, 0, 0, 2])));
    nlri = Buffer.concat(opts.prefixes.map(prefixBytes));
  }
  const withdrawn = Buffer.concat((opts.withdrawn ?? []).map(prefixBytes));
  const a = Buffer.concat(attrs);
  const body = Buffer.concat([Buffer.from([0, 0]), withdrawn, Buffer.from([0, 0]), a, nlri]);
  body.writeUInt16BE(withdrawn.length, 0);
  body.writeUInt16BE(a.length, 2 + withdrawn.length);
  const msg = Buffer.concat([Buffer.alloc(16, 0xff), Buffer.from([0, 0, 2]), body]);
  msg.writeUInt16BE(msg.length, 16);
  const peerAddr = ipBytes(opts.peer.ip);
  const asBytes = opts.as4 ? 4 : 2;
  const hdr = Buffer.alloc(2 * asBytes + 4);
  if (opts.as4) { hdr.writeUInt32BE(opts.peer.asn, 0); hdr.writeUInt32BE(65000, 4); } else { hdr.writeUInt16BE(Math.min(opts.peer.asn, 23456), 0); hdr.writeUInt16BE(65000, 2); }
  hdr.writeUInt16BE(0, 2 * asBytes);
  hdr.writeUInt16BE(peerAddr.length === 4 ? 1 : 2, 2 * asBytes + 2);
  return mrtRecord(16, opts.as4 ? 4 : 1, Buffer.concat([hdr, peerAddr, Buffer.alloc(peerAddr.length), msg]), opts.timestamp);
}
