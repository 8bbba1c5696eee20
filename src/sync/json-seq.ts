/**
 * JSON text sequences (RFC 7464: each record is 0x1E, a JSON text, a line feed), the format
 * of NRTMv4 snapshot and delta files, read from a byte stream record by record. A file that
 * does not start with 0x1E is read as JSON lines instead (one JSON text per line): neither
 * may hold a raw control character inside a string, so both cut cleanly. A record longer
 * than `maxRecord` bytes is an error, so memory stays bounded by one record.
 */
const RS = 0x1e;
const LF = 0x0a;

export class JsonSeqError extends Error {}

export async function* jsonSeq(chunks: AsyncIterable<Buffer>, maxRecord: number): AsyncGenerator<unknown> {
  let parts: Buffer[] = [];
  let size = 0;
  let sep: number | undefined;
  let n = 0;
  const record = function (): unknown {
    const b = Buffer.concat(parts, size);
    parts = [];
    size = 0;
    const text = b.toString('utf8').trim();
    if (text === '') return undefined;
    n++;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new JsonSeqError(`record ${n} is not JSON (${text.length > 60 ? `${text.slice(0, 60)}…` : text})`);
    }
  };
  for await (const chunk of chunks) {
    let start = 0;
    if (sep === undefined) {
      let i = 0;
      while (i < chunk.length && (chunk[i] === 0x20 || chunk[i] === LF || chunk[i] === 0x0d || chunk[i] === 0x09)) i++;
      if (i === chunk.length) continue;
      sep = chunk[i] === RS ? RS : LF;
    }
    for (let at = chunk.indexOf(sep, start); at >= 0; at = chunk.indexOf(sep, start)) {
      if (size + at - start > maxRecord) throw new JsonSeqError(`record ${n + 1} is longer than ${maxRecord} bytes`);
      parts.push(chunk.subarray(start, at));
      size += at - start;
      const r = record();
      if (r !== undefined) yield r;
      start = at + 1;
    }
    if (size + chunk.length - start > maxRecord) throw new JsonSeqError(`record ${n + 1} is longer than ${maxRecord} bytes`);
    parts.push(chunk.subarray(start));
    size += chunk.length - start;
  }
  const r = record();
  if (r !== undefined) yield r;
}
