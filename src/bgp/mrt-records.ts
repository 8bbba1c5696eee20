/**
 * MRT framing (RFC 6396 §2): a 12-byte header — timestamp, type, subtype, length — then
 * `length` bytes of body; the `_ET` types (BGP4MP_ET 17, ISIS_ET 33, OSPFv3_ET 49) start
 * their body with 4 bytes of microseconds (counted in the length).
 *
 * Records are cut out of the incoming chunks without copying (a body is a view into a
 * chunk), in batches: one batch per chunk, so the caller pays one await per chunk, not per
 * record. MRT has no sync marker, so a damaged header is handled by looking for the next
 * plausible one: a known type, a sane length, and a timestamp within a year of the last good
 * record — each skipped stretch counted as one warning. A record longer than the cap is
 * skipped without being buffered. Memory: the current chunk plus one record.
 */
import type { ReaderWarnings } from './warnings.js';

export const MRT_TYPE = {
  OSPFv2: 11,
  TABLE_DUMP: 12,
  TABLE_DUMP_V2: 13,
  BGP4MP: 16,
  BGP4MP_ET: 17,
  ISIS: 32,
  ISIS_ET: 33,
  OSPFv3: 48,
  OSPFv3_ET: 49,
} as const;

const KNOWN_TYPES = new Set<number>(Object.values(MRT_TYPE));
/** Types this reader reads routes from; the others are skipped (counted). */
const ET_TYPES = new Set<number>([17, 33, 49]);

export interface MrtRecord {
  timestamp: number;
  /** Microseconds of the `_ET` types, else 0. */
  microseconds: number;
  type: number;
  subtype: number;
  /** The body after the microseconds of `_ET` types. */
  body: Buffer;
  /** Byte offset of the record's header in the decompressed input (for warnings). */
  offset: number;
}

export interface FramingOptions {
  /** Records longer than this are skipped (default 16 MiB: a RIB entry with thousands of peers is far smaller). */
  maxRecordBytes?: number;
}

const HEADER = 12;
const YEAR = 366 * 86400;

/** Batches of records, one batch per chunk read (possibly empty). */
export async function* mrtRecordBatches(chunks: AsyncIterable<Buffer>, warnings: ReaderWarnings, opts: FramingOptions = {}): AsyncGenerator<MrtRecord[]> {
  const cap = opts.maxRecordBytes ?? 16 * 1024 * 1024;
  let buf: Buffer = Buffer.alloc(0);
  let base = 0; // offset of buf[0] in the input
  let skip = 0; // bytes of an oversized record still to drop
  let lastTime = -1;
  let resyncing = false;
  let resyncFrom = 0;
  // Parts of one long record gathered before a single concat (no quadratic copying).
  let parts: Buffer[] = [];
  let partsLen = 0;
  let need = 0;

  const plausible = (b: Buffer, p: number): boolean => {
    const type = b.readUInt16BE(p + 4);
    if (!KNOWN_TYPES.has(type)) return false;
    const len = b.readUInt32BE(p + 8);
    if (ET_TYPES.has(type) && len < 4) return false;
    if (!resyncing) return true;
    // While looking for the next record after damage, ask for more than a known type.
    if (len > cap || b.readUInt16BE(p + 6) > 64) return false;
    const t = b.readUInt32BE(p);
    return lastTime < 0 || Math.abs(t - lastTime) <= YEAR;
  };

  for await (const chunk of chunks) {
    if (skip > 0) {
      if (chunk.length <= skip) {
        skip -= chunk.length;
        base += chunk.length;
        continue;
      }
      base += skip;
      buf = chunk.subarray(skip);
      skip = 0;
    } else if (need > 0) {
      parts.push(chunk);
      partsLen += chunk.length;
      if (partsLen < need) continue;
      buf = Buffer.concat(parts, partsLen);
      parts = [];
      partsLen = 0;
      need = 0;
    } else {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
    }
    const out: MrtRecord[] = [];
    let p = 0;
    while (buf.length - p >= HEADER) {
      if (!plausible(buf, p)) {
        if (!resyncing) {
          resyncing = true;
          resyncFrom = base + p;
        }
        p++;
        continue;
      }
      const len = buf.readUInt32BE(p + 8);
      if (resyncing) {
        warnings.add('stretch of damaged bytes skipped (no valid MRT header)', `${base + p - resyncFrom} bytes at offset ${resyncFrom}`);
        resyncing = false;
      }
      if (len > cap) {
        warnings.add('oversized record skipped', `${len} bytes at offset ${base + p}`);
        const have = buf.length - p - HEADER;
        if (have >= len) {
          p += HEADER + len;
          continue;
        }
        skip = len - have;
        p = buf.length;
        break;
      }
      if (buf.length - p < HEADER + len) break;
      const type = buf.readUInt16BE(p + 4);
      const et = ET_TYPES.has(type);
      const timestamp = buf.readUInt32BE(p);
      out.push({
        timestamp,
        microseconds: et ? buf.readUInt32BE(p + HEADER) : 0,
        type,
        subtype: buf.readUInt16BE(p + 6),
        body: buf.subarray(p + HEADER + (et ? 4 : 0), p + HEADER + len),
        offset: base + p,
      });
      lastTime = timestamp;
      p += HEADER + len;
    }
    base += p;
    buf = buf.subarray(p);
    if (buf.length >= HEADER && skip === 0) {
      // A record longer than what is buffered: gather the chunks it needs, then concat once.
      const len = buf.readUInt32BE(8);
      need = HEADER + len;
      parts = [buf];
      partsLen = buf.length;
      buf = Buffer.alloc(0);
    }
    if (out.length) yield out;
  }
  const left = (need > 0 ? partsLen : buf.length) + skip;
  if (resyncing) warnings.add('stretch of damaged bytes skipped (no valid MRT header)', `${base + buf.length - resyncFrom} bytes at offset ${resyncFrom} up to the end`);
  else if (left > 0) warnings.add('truncated record at the end of the input', `${need > 0 ? partsLen : buf.length} bytes at offset ${base}`);
}
