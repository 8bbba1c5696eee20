/**
 * An input (file, `-`, .gz or stream) as decoded text chunks, shared by the object reader
 * (read.ts) and the piece cutter (pieces.ts). Failures to open, decompress or decode are
 * InputErrors naming the input; with `checkText`, input that is not text is refused.
 */
import { StringDecoder } from 'node:string_decoder';
import { openInput } from './open-input.js';
import { textProblem } from './text-check.js';

/** Why a file could not be read, in words (Node's messages name syscalls: "EISDIR: illegal operation on a directory, read"). */
export function ioReason(e: unknown): string {
  switch ((e as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT': return 'no such file';
    case 'EISDIR': return 'it is a folder';
    case 'EACCES':
    case 'EPERM': return 'permission denied';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'ELOOP': return 'too many symbolic links';
    default: return e instanceof Error ? e.message : String(e);
  }
}

/** Thrown when an input cannot be opened or decompressed; the message names the input. */
export class InputError extends Error {
  /** The cause's error code (`ENOENT`, zlib's `Z_BUF_ERROR` for a gzip cut short, …), if it had one. */
  readonly code?: string;
  constructor(readonly input: string, cause: unknown) {
    const why = ioReason(cause);
    super(`cannot read ${input === '-' ? 'standard input' : input}: ${why}`);
    this.name = 'InputError';
    const code = (cause as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string') this.code = code;
  }

  /** The input opened and began, then broke: a gzip stream cut short or damaged inside. */
  get brokeOff(): boolean {
    return this.code === 'Z_BUF_ERROR' || this.code === 'Z_DATA_ERROR';
  }
}

/** Thrown (with `checkText`) when an input is not text; see text-check.ts. */
export class NotTextError extends InputError {
  constructor(input: string, why: string) {
    super(input, why);
    this.message = `${input === '-' ? 'standard input' : input} is not an RPSL text file: ${why}`;
    this.name = 'NotTextError';
  }
}

export interface StreamOptions {
  /** Refuse input that is not text (NotTextError) after looking at its first block. */
  checkText?: boolean;
  /**
   * Longest line kept whole, in characters (default DEFAULT_MAX_LINE): of a longer line only
   * the first maxLine + 1 characters are passed on (the reader then knows it was too long),
   * the rest is dropped as it arrives, so memory stays bounded whatever the input holds.
   */
  maxLine?: number;
}

/** 16 MiB: far above any real RPSL line (the longest in the RIPE and RADB dumps are a few kB). */
export const DEFAULT_MAX_LINE = 16 * 1024 * 1024;

/** The line limit when a reader is given none: DEFAULT_MAX_LINE unless the CLI's `--max-line` set it. */
let defaultMaxLine = DEFAULT_MAX_LINE;

export function setDefaultMaxLine(chars: number): void {
  defaultMaxLine = chars;
}

export function maxLineOf(options: StreamOptions): number {
  return options.maxLine ?? defaultMaxLine;
}

/**
 * Cuts every line of the chunks to at most `max` + 1 characters (the `\n` kept). State
 * carries across chunks: `len` is the length of the line so far (at most `max` unless
 * skipping), `skipping` true while the rest of an over-long line is dropped.
 */
class LineCap {
  private len = 0;
  private skipping = false;
  /**
   * Where in the last chunk returned each over-long line ends: once for every line longer
   * than `max`, just after its (max + 1)th character.
   */
  readonly cuts: number[] = [];
  constructor(private readonly max: number) {}

  cut(chunk: string): string {
    if (this.cuts.length) this.cuts.length = 0;
    // Fast path: no line inside a chunk no longer than the limit can be too long; only the
    // line the chunk continues and the one it leaves open need a look.
    if (!this.skipping && chunk.length <= this.max) {
      const first = chunk.indexOf('\n');
      if (first < 0) {
        if (this.len + chunk.length <= this.max) {
          this.len += chunk.length;
          return chunk;
        }
      } else if (this.len + first <= this.max) {
        this.len = chunk.length - chunk.lastIndexOf('\n') - 1;
        return chunk;
      }
    }
    let out = '';
    let i = 0;
    while (i < chunk.length) {
      const nl = chunk.indexOf('\n', i);
      if (this.skipping) {
        if (nl < 0) return out;
        this.skipping = false;
        this.len = 0;
        i = nl;
        continue;
      }
      const end = nl < 0 ? chunk.length : nl;
      const room = this.max + 1 - this.len;
      if (end - i >= room) {
        // The line reaches max + 1 characters: too long. Those are kept, the rest dropped.
        out += chunk.slice(i, i + room);
        this.cuts.push(out.length);
        this.len += room;
        this.skipping = true;
        i += room;
        continue;
      }
      out += chunk.slice(i, nl < 0 ? end : nl + 1);
      this.len = nl < 0 ? this.len + (end - i) : 0;
      i = nl < 0 ? end : nl + 1;
    }
    return out;
  }
}

/**
 * Two things editors leave at the level of the whole text: a UTF-8 byte order mark, which
 * would glue itself to the first attribute's name and lose the first object; and CR-only line
 * endings (classic Mac), which make the whole file one line — read as one comment when it
 * starts with `#`, so nothing at all. The first line end decides: a CR not followed by LF
 * means every CR ends a line. CRs are replaced one for one, so the cuts and offsets the
 * readers note stay right.
 */
class LineEndings {
  private ends: 'unknown' | 'lf' | 'cr' = 'unknown';
  private started = false;
  /** A CR that ended a chunk before the first line end was known (its LF may come next). */
  private held = '';

  mend(chunk: string, last = false): string {
    if (!this.started && chunk !== '') {
      this.started = true;
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
    }
    if (this.ends === 'unknown') {
      chunk = this.held + chunk;
      this.held = '';
      const cr = chunk.indexOf('\r'), lf = chunk.indexOf('\n');
      if (lf >= 0 && (cr < 0 || lf < cr)) this.ends = 'lf';
      else if (cr >= 0 && cr + 1 < chunk.length) this.ends = chunk.charCodeAt(cr + 1) === 10 ? 'lf' : 'cr';
      else if (cr >= 0 && !last) {
        this.held = '\r';
        return chunk.slice(0, -1);
      } else if (cr >= 0) this.ends = 'cr';
    }
    return this.ends === 'cr' ? chunk.replaceAll('\r', '\n') : chunk;
  }
}

/**
 * The decoded text of `input`, chunk by chunk (UTF-8 sequences are never cut). With
 * `cuts`, that array holds, while a chunk is yielded, the offsets in it where an over-long
 * line ends: the line has maxLine + 1 characters (possibly begun in earlier chunks), the
 * rest of it was dropped (pieces.ts).
 */
export async function* textChunks(input: string | NodeJS.ReadableStream, name: string, options: StreamOptions = {}, cuts?: number[]): AsyncGenerator<string> {
  const data = openInput(input);
  const decoder = new StringDecoder('utf8');
  const cap = new LineCap(maxLineOf(options));
  const endings = new LineEndings();
  let checked = !options.checkText;
  try {
    for await (const buf of data as AsyncIterable<Buffer>) {
      if (!checked) {
        checked = true;
        const why = textProblem(buf);
        if (why) throw new NotTextError(name, why);
      }
      const chunk = cap.cut(endings.mend(decoder.write(buf)));
      if (chunk === '') continue;
      if (cuts) cuts.splice(0, cuts.length, ...cap.cuts);
      yield chunk;
    }
    const tail = cap.cut(endings.mend(decoder.end(), true));
    if (cuts) cuts.splice(0, cuts.length, ...cap.cuts);
    if (tail !== '') yield tail;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(name, e);
  }
}
