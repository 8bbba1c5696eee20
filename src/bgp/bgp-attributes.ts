/**
 * BGP path attributes (RFC 4271 §4.3, RFC 4760, RFC 6793) as MRT records carry them: the AS
 * path (2- or 4-byte ASNs) merged with AS4_PATH, and the IPv6 (or other) prefixes of
 * MP_REACH_NLRI / MP_UNREACH_NLRI. Other attributes are stepped over. Reads are bounds-checked
 * through `Cursor`; a malformed block throws `MalformedError`, which the record readers turn
 * into one counted warning.
 */
export class MalformedError extends Error {}

export const SEGMENT = { AS_SET: 1, AS_SEQUENCE: 2, AS_CONFED_SEQUENCE: 3, AS_CONFED_SET: 4 } as const;

export interface AsPathSegment {
  type: number;
  asns: number[];
}

export type Afi = 'ipv4' | 'ipv6';

/** The checkable part of a path: its AS_SEQUENCE numbers in order, and flags for the rest. */
export function pathOf(segments: AsPathSegment[]): { path: number[]; hasAsSet: boolean; confed: boolean; segments?: AsPathSegment[] } {
  if (segments.length === 1 && segments[0]!.type === SEGMENT.AS_SEQUENCE) return { path: segments[0]!.asns, hasAsSet: false, confed: false };
  const path: number[] = [];
  let hasAsSet = false, confed = false;
  for (const s of segments) {
    if (s.type === SEGMENT.AS_SEQUENCE) for (const a of s.asns) path.push(a);
    else if (s.type === SEGMENT.AS_SET) hasAsSet = true;
    else confed = true;
  }
  return hasAsSet || confed ? { path, hasAsSet, confed, segments } : { path, hasAsSet, confed };
}

/** Bounds-checked reads over [pos, end) of a buffer. */
export class Cursor {
  constructor(readonly b: Buffer, public pos: number, readonly end: number) {}
  need(n: number, what: string): void {
    if (this.pos + n > this.end) throw new MalformedError(`${what} runs past its container`);
  }
  u8(what = 'field'): number {
    this.need(1, what);
    return this.b[this.pos++]!;
  }
  u16(what = 'field'): number {
    this.need(2, what);
    const v = this.b.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  u32(what = 'field'): number {
    this.need(4, what);
    const v = this.b.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  skip(n: number, what = 'field'): void {
    this.need(n, what);
    this.pos += n;
  }
  /** A sub-cursor over the next n bytes (and steps over them). */
  take(n: number, what: string): Cursor {
    this.need(n, what);
    const c = new Cursor(this.b, this.pos, this.pos + n);
    this.pos += n;
    return c;
  }
  get left(): number {
    return this.end - this.pos;
  }
}

/** An IP address of 4 or 16 bytes as text (IPv6 compressed as RFC 5952 says). */
export function ipText(b: Buffer, p: number, len: 4 | 16): string {
  if (len === 4) return `${b[p]}.${b[p + 1]}.${b[p + 2]}.${b[p + 3]}`;
  const w: number[] = [];
  for (let i = 0; i < 8; i++) w.push(b.readUInt16BE(p + 2 * i));
  // The longest run of two or more zero words becomes "::".
  let bestAt = -1, bestLen = 1;
  for (let i = 0; i < 8;) {
    if (w[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen) { bestAt = i; bestLen = j - i; }
    i = j;
  }
  const hex = (a: number[]) => a.map((x) => x.toString(16)).join(':');
  if (bestAt < 0) return hex(w);
  // bgpdump and RFC 5952 write IPv4-mapped addresses with a dotted tail.
  if (bestAt === 0 && bestLen === 5 && w[5] === 0xffff) return `::ffff:${b[p + 12]}.${b[p + 13]}.${b[p + 14]}.${b[p + 15]}`;
  return `${hex(w.slice(0, bestAt))}::${hex(w.slice(bestAt + bestLen))}`;
}

/** One NLRI prefix (length byte, then the significant bytes) at the cursor, as text. */
export function readPrefix(c: Cursor, afi: Afi): string {
  const bits = c.u8('prefix length');
  const max = afi === 'ipv4' ? 32 : 128;
  if (bits > max) throw new MalformedError(`prefix length ${bits} over ${max}`);
  const n = (bits + 7) >> 3;
  c.need(n, 'prefix');
  const full = Buffer.alloc(afi === 'ipv4' ? 4 : 16);
  c.b.copy(full, 0, c.pos, c.pos + n);
  c.pos += n;
  return `${ipText(full, 0, afi === 'ipv4' ? 4 : 16)}/${bits}`;
}

/** A run of NLRI prefixes filling the cursor (with `addPath`, each preceded by a 4-byte path id). */
export function readPrefixes(c: Cursor, afi: Afi, addPath: boolean): string[] {
  const out: string[] = [];
  while (c.left > 0) {
    if (addPath) c.u32('path identifier');
    out.push(readPrefix(c, afi));
  }
  return out;
}

export function afiOf(code: number): Afi | undefined {
  return code === 1 ? 'ipv4' : code === 2 ? 'ipv6' : undefined;
}

export interface PathAttributes {
  /** The AS path after merging AS4_PATH (RFC 6793 §4.2.3); empty for an iBGP-originated route. */
  segments: AsPathSegment[];
  /** MP_REACH_NLRI: its family and prefixes (none in TABLE_DUMP_V2's abbreviated form). */
  mpReach?: { afi: Afi | undefined; safi: number; prefixes: string[] };
  mpUnreach?: { afi: Afi | undefined; safi: number; prefixes: string[] };
  /** Whether an AS_PATH attribute was present at all. */
  hasAsPath: boolean;
}

function readSegments(c: Cursor, asnBytes: 2 | 4): AsPathSegment[] {
  const out: AsPathSegment[] = [];
  while (c.left > 0) {
    const type = c.u8('segment type');
    if (type < 1 || type > 4) throw new MalformedError(`AS path segment type ${type}`);
    const count = c.u8('segment length');
    if (count === 0) throw new MalformedError('empty AS path segment');
    c.need(count * asnBytes, 'AS path segment');
    const asns = new Array<number>(count);
    const b = c.b;
    let p = c.pos;
    if (asnBytes === 4) for (let i = 0; i < count; i++, p += 4) asns[i] = b.readUInt32BE(p);
    else for (let i = 0; i < count; i++, p += 2) asns[i] = b.readUInt16BE(p);
    c.pos = p;
    out.push({ type, asns });
  }
  return out;
}

/** How many ASes a path counts for RFC 6793's merge: a set counts one, confederation segments none. */
function pathLength(segs: AsPathSegment[]): number {
  let n = 0;
  for (const s of segs) n += s.type === SEGMENT.AS_SEQUENCE ? s.asns.length : s.type === SEGMENT.AS_SET ? 1 : 0;
  return n;
}

/**
 * RFC 6793 §4.2.3: when AS4_PATH is no longer than AS_PATH, the path is AS_PATH's leading
 * (len(AS_PATH) − len(AS4_PATH)) ASes followed by AS4_PATH; otherwise AS4_PATH is ignored.
 */
export function mergeAs4(asPath: AsPathSegment[], as4: AsPathSegment[]): AsPathSegment[] {
  const n2 = pathLength(asPath);
  const n4 = pathLength(as4.filter((s) => s.type === SEGMENT.AS_SEQUENCE || s.type === SEGMENT.AS_SET));
  if (n4 > n2) return asPath;
  let keep = n2 - n4;
  const out: AsPathSegment[] = [];
  for (const s of asPath) {
    if (keep <= 0) break;
    if (s.type === SEGMENT.AS_SEQUENCE) {
      const take = Math.min(keep, s.asns.length);
      out.push({ type: s.type, asns: s.asns.slice(0, take) });
      keep -= take;
    } else if (s.type === SEGMENT.AS_SET) {
      out.push(s);
      keep -= 1;
    } else {
      out.push(s);
    }
  }
  for (const s of as4) {
    // Confederation segments in AS4_PATH are invalid (RFC 6793 §6): dropped.
    if (s.type !== SEGMENT.AS_SEQUENCE && s.type !== SEGMENT.AS_SET) continue;
    const last = out[out.length - 1];
    if (s.type === SEGMENT.AS_SEQUENCE && last?.type === SEGMENT.AS_SEQUENCE) out[out.length - 1] = { type: last.type, asns: [...last.asns, ...s.asns] };
    else out.push(s);
  }
  return out;
}

/**
 * Reads the attribute block at `c`. `asnBytes` is the AS_PATH width (4 in TABLE_DUMP_V2 and
 * BGP4MP_MESSAGE_AS4, 2 in BGP4MP_MESSAGE and TABLE_DUMP). `tableDump`: MP_REACH_NLRI is the
 * abbreviated form of RFC 6396 §4.3.4 (next hop only).
 */
export function readAttributes(c: Cursor, asnBytes: 2 | 4, opts: { tableDump: boolean; addPath: boolean }): PathAttributes {
  let segments: AsPathSegment[] = [];
  let as4: AsPathSegment[] | undefined;
  let hasAsPath = false;
  const out: PathAttributes = { segments, hasAsPath };
  while (c.left > 0) {
    const flags = c.u8('attribute flags');
    const code = c.u8('attribute type');
    const len = flags & 0x10 ? c.u16('attribute length') : c.u8('attribute length');
    const v = c.take(len, `attribute ${code}`);
    switch (code) {
      case 2:
        segments = readSegments(v, asnBytes);
        hasAsPath = true;
        break;
      case 17:
        as4 = readSegments(v, 4);
        break;
      case 14: {
        if (opts.tableDump && v.left > 0 && v.b[v.pos] === v.left - 1) {
          // Abbreviated: next-hop length and next hop only; the prefix is in the RIB record.
          out.mpReach = { afi: undefined, safi: 0, prefixes: [] };
          break;
        }
        const afi = afiOf(v.u16('MP_REACH afi'));
        const safi = v.u8('MP_REACH safi');
        const nh = v.u8('next hop length');
        v.skip(nh, 'next hop');
        v.skip(1, 'reserved byte');
        // Unicast only: VPN, labelled and flowspec NLRI have other encodings and are not Internet routes.
        out.mpReach = { afi, safi, prefixes: afi && safi === 1 && !opts.tableDump ? readPrefixes(v, afi, opts.addPath) : [] };
        break;
      }
      case 15: {
        const afi = afiOf(v.u16('MP_UNREACH afi'));
        const safi = v.u8('MP_UNREACH safi');
        out.mpUnreach = { afi, safi, prefixes: afi && safi === 1 ? readPrefixes(v, afi, opts.addPath) : [] };
        break;
      }
      default:
        break;
    }
  }
  // AS4_PATH means something only beside a 2-byte AS_PATH (a 4-byte session must not send it).
  if (as4 && asnBytes === 2) segments = mergeAs4(segments, as4);
  out.segments = segments;
  out.hasAsPath = hasAsPath;
  return out;
}

/**
 * The AS path of an attribute block whose AS_PATH has 4-byte ASNs and needs no AS4_PATH merge
 * (TABLE_DUMP_V2): the hot loop of a RIB dump, reading only what a path needs, without the
 * cursors and objects of `readAttributes`. Same checks, same MalformedError.
 */
export function readAsPath4(b: Buffer, start: number, end: number): { path: number[]; hasAsSet: boolean; confed: boolean; segments?: AsPathSegment[] } {
  let p = start;
  while (p < end) {
    if (p + 3 > end) throw new MalformedError('attribute header runs past its container');
    const flags = b[p]!;
    const code = b[p + 1]!;
    let len: number;
    if (flags & 0x10) {
      if (p + 4 > end) throw new MalformedError('attribute length runs past its container');
      len = b.readUInt16BE(p + 2);
      p += 4;
    } else {
      len = b[p + 2]!;
      p += 3;
    }
    if (p + len > end) throw new MalformedError(`attribute ${code} runs past its container`);
    if (code !== 2) {
      p += len;
      continue;
    }
    const e = p + len;
    // The common case: one AS_SEQUENCE filling the attribute.
    if (len >= 2 && b[p] === SEGMENT.AS_SEQUENCE && 2 + b[p + 1]! * 4 === len && b[p + 1]! > 0) {
      const n = b[p + 1]!;
      const path = new Array<number>(n);
      for (let i = 0, q = p + 2; i < n; i++, q += 4) path[i] = b.readUInt32BE(q);
      return { path, hasAsSet: false, confed: false };
    }
    return pathOf(readSegments(new Cursor(b, p, e), 4));
  }
  return { path: [], hasAsSet: false, confed: false };
}
