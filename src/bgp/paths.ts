/**
 * Observed routes from MRT files (TABLE_DUMP, TABLE_DUMP_V2, BGP4MP, BGP4MP_ET) or from the
 * text of `bgpdump -m`, recognised by content; plain, gzip or bzip2; a file, URL or stdin.
 *
 *   const src = await openRoutes('updates.20100227.1600.gz');
 *   for await (const r of src) …            // one route at a time
 *   for await (const batch of src.batches()) // or one array per chunk read (fast path)
 *   src.warnings.summary(), src.counts
 *
 * Every malformed record or line is skipped with a counted warning; nothing in the input
 * makes the reader throw (an input that cannot be opened throws InputOpenError before the
 * first route). Memory: one chunk and one record, whatever the file's size.
 */
import { MalformedError } from './bgp-attributes.js';
import { readBgp4mp } from './bgp4mp.js';
import { textRouteBatches } from './bgpdump-text.js';
import { MRT_TYPE, mrtRecordBatches, type FramingOptions } from './mrt-records.js';
import { DamagedInputError, openBytes, type OpenOptions } from './open-bytes.js';
import { readTableDump, TableDumpV2Reader } from './table-dump-v2.js';
import { emptyCounts, type ObservedRoute, type ReadCounts } from './types.js';
import { ReaderWarnings } from './warnings.js';

export { collapsePrepending, bgpdumpPathText } from './as-path.js';
export { InputOpenError } from './open-bytes.js';
export type { ObservedRoute, ReadCounts } from './types.js';
export { ReaderWarnings } from './warnings.js';

export type RouteFormat = 'mrt' | 'bgpdump-text';

export interface RouteSource extends AsyncIterable<ObservedRoute> {
  readonly name: string;
  readonly warnings: ReaderWarnings;
  readonly counts: ReadCounts;
  /** Known once the first bytes are read. */
  readonly format: RouteFormat | undefined;
  batches(): AsyncGenerator<ObservedRoute[]>;
}

/** Whether decompressed bytes start like `bgpdump -m` text rather than an MRT header. */
export function looksLikeText(head: Buffer): boolean {
  const s = head.subarray(0, 16).toString('latin1');
  return /^(TABLE_DUMP|BGP4MP)/.test(s);
}

/** MRT records → routes, each record on its own: a malformed one is one warning. */
export async function* mrtRouteBatches(chunks: AsyncIterable<Buffer>, counts: ReadCounts, warnings: ReaderWarnings, opts: FramingOptions = {}): AsyncGenerator<ObservedRoute[]> {
  const v2 = new TableDumpV2Reader(warnings, counts);
  for await (const records of mrtRecordBatches(chunks, warnings, opts)) {
    const out: ObservedRoute[] = [];
    const emit = (r: ObservedRoute) => out.push(r);
    for (const r of records) {
      counts.records++;
      const before = out.length;
      try {
        switch (r.type) {
          case MRT_TYPE.TABLE_DUMP_V2:
            v2.read(r, emit);
            break;
          case MRT_TYPE.BGP4MP:
          case MRT_TYPE.BGP4MP_ET:
            if (!readBgp4mp(r, counts, emit, () => warnings.notice('ADD-PATH message under a plain BGP4MP subtype, read with path identifiers', `offset ${r.offset}`))) warnings.add('BGP4MP record of unknown subtype skipped', `subtype ${r.subtype} at offset ${r.offset}`);
            break;
          case MRT_TYPE.TABLE_DUMP:
            readTableDump(r, warnings, counts, emit);
            break;
          default:
            counts.otherRecords++;
        }
      } catch (e) {
        // Bounds are checked by the cursor (MalformedError); a RangeError from a Buffer read is the same damage.
        if (!(e instanceof MalformedError) && !(e instanceof RangeError)) throw e;
        out.length = before; // none of a damaged record's routes
        warnings.add('malformed record skipped', `${e.message} (type ${r.type}/${r.subtype} at offset ${r.offset})`);
      }
    }
    if (out.length) yield out;
  }
}

export async function openRoutes(input: string | AsyncIterable<Buffer>, opts: FramingOptions & OpenOptions = {}): Promise<RouteSource> {
  const { chunks, name } = await openBytes(input, opts);
  const warnings = new ReaderWarnings();
  const counts = emptyCounts();
  let format: RouteFormat | undefined;
  let started = false;
  async function* batches(): AsyncGenerator<ObservedRoute[]> {
    if (started) throw new Error('a RouteSource is read once');
    started = true;
    const it = chunks[Symbol.asyncIterator]();
    try {
      const first = await it.next();
      if (first.done) return;
      const head = first.value;
      async function* all(): AsyncGenerator<Buffer> {
        yield head;
        for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
      }
      format = looksLikeText(head) ? 'bgpdump-text' : 'mrt';
      const inner = format === 'mrt' ? mrtRouteBatches(all(), counts, warnings, opts) : textRouteBatches(all(), counts, warnings);
      for await (const b of inner) {
        counts.routes += b.length;
        yield b;
      }
    } catch (e) {
      // A damaged compressed stream ends the input: what was read stands, the rest is one warning.
      if (e instanceof DamagedInputError) {
        warnings.add('damaged compressed data: input ended early', e.message);
        return;
      }
      throw e;
    }
  }
  return {
    name,
    warnings,
    counts,
    get format() { return format; },
    batches,
    async *[Symbol.asyncIterator]() {
      for await (const b of batches()) yield* b;
    },
  };
}
