import { AttributeAssembler, ObjectBuilder, type AttributeSink } from './assembler.js';
import { maxLineOf, textChunks, type StreamOptions } from './text-input.js';
import type { ReadDiagnostic, RpslObject } from './types.js';

export { DEFAULT_MAX_LINE, InputError, NotTextError, setDefaultMaxLine, type StreamOptions } from './text-input.js';
export type { AttributeSink } from './assembler.js';

export interface ReadResult {
  objects: RpslObject[];
  diagnostics: ReadDiagnostic[];
  /** Lines in the text (a last line without its `\n` counts). */
  lines: number;
}

export interface ReadOptions {
  /** Note where each one-line value lies in the text (RpslAttribute.offset). */
  offsets?: boolean;
}

/**
 * Reads every object in an RPSL text (a file's content, a dump, a whois answer, or a piece
 * of one whose first line is line `firstLine` of the input).
 */
export function readObjects(text: string, input = '<text>', firstLine = 1, options: ReadOptions = {}): ReadResult {
  const objects: RpslObject[] = [];
  const { diagnostics, lines } = readAttributes(text, new ObjectBuilder(input, (o) => objects.push(o)), input, firstLine, options);
  return { objects, diagnostics, lines };
}

/**
 * Reads an RPSL text attribute by attribute into `sink`, as readObjects reads it, without
 * holding any object whole.
 */
export function readAttributes(
  text: string,
  sink: AttributeSink,
  input = '<text>',
  firstLine = 1,
  options: ReadOptions = {},
): Omit<ReadResult, 'objects'> {
  const asm = new AttributeAssembler(input, sink);
  const offsets = options.offsets === true;
  let start = 0;
  let lineNo = firstLine;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    asm.pushLine(text.slice(start, end), lineNo++, offsets ? start : -1);
    start = end + 1;
  }
  asm.end();
  // The loop also read the empty "line" after a final `\n`.
  const lines = lineNo - firstLine - (text.length === 0 || text.charCodeAt(text.length - 1) === 10 ? 1 : 0);
  return { diagnostics: asm.diagnostics, lines };
}

/** A line longer than the limit, and the object around it (between two blank lines) to skip. */
interface LongLine {
  line: number;
  /** The last blank line before it: the object starts after it. */
  after: number;
  /** The first blank line after it (Infinity until seen): the object ends before it. */
  before: number;
  /** The long line's first characters, naming the object when it is its first line. */
  head: string;
  /** No attribute line came between `after` and the long line. */
  first: boolean;
  /** The object skipped and its first line, once seen. */
  skipped?: { what: string; line: number };
}

/** Human size of a line limit: `16 MiB`, `100 characters`. */
function limitText(max: number): string {
  if (max % (1024 * 1024) === 0) return `${max / (1024 * 1024)} MiB`;
  return max % 1024 === 0 ? `${max / 1024} KiB` : `${max} characters`;
}

/**
 * Streams the objects of a file (plain or gzip, sniffed by content), `-` for stdin, or
 * a readable stream. Memory stays bounded by the largest object, so dumps of hundreds
 * of MB are fine. Reader diagnostics are passed to `onDiagnostic` when given.
 *
 * A line longer than the limit (StreamOptions.maxLine, 16 MiB by default) skips the object
 * it is in, with a warning diagnostic naming the object and the line; the rest is read on.
 * textChunks() has already cut such a line, so it never occupies more than the limit.
 */
export async function* streamObjects(
  input: string | NodeJS.ReadableStream,
  label?: string,
  onDiagnostic?: (d: ReadDiagnostic) => void,
  options: StreamOptions = {},
): AsyncGenerator<RpslObject> {
  const name = label ?? (typeof input === 'string' ? input : '<stream>');
  const pending: RpslObject[] = [];
  const asm = new AttributeAssembler(name, new ObjectBuilder(name, (o) => pending.push(o)));
  const maxLine = maxLineOf(options);
  let lineNo = 0;
  let reported = 0;
  const flushDiagnostics = () => {
    if (!onDiagnostic) return;
    while (reported < asm.diagnostics.length) onDiagnostic(asm.diagnostics[reported++]);
  };
  // Over-long lines still open (their object not yet seen whole), oldest first.
  const longLines: LongLine[] = [];
  let lastBlank = 0;
  let attributeSinceBlank = false;
  const warnLong = (l: LongLine) => {
    // A long first line names the object; otherwise the object read around it does.
    const [what, at] = l.first ? [`the object starting ${JSON.stringify(l.head)}…`, l.line] : l.skipped ? [l.skipped.what, l.skipped.line] : ['the object around it', l.after + 1];
    const d: ReadDiagnostic = { input: name, line: l.line, severity: 'warning', skippedObject: true, message: `line ${l.line} is longer than the line limit (${limitText(maxLine)}, --max-line): ${what} at line ${at} skipped` };
    asm.diagnostics.push(d);
  };
  const push = (line: string) => {
    lineNo++;
    if (line.length > maxLine) {
      longLines.push({ line: lineNo, after: lastBlank, before: Infinity, head: line.slice(0, 40), first: !attributeSinceBlank });
      // A comment in its place keeps the object (and the line numbers) together.
      asm.pushLine('#', lineNo);
      return;
    }
    if (line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '')) {
      lastBlank = lineNo;
      attributeSinceBlank = false;
      for (const l of longLines) if (l.before === Infinity) l.before = lineNo;
    } else if (line.charCodeAt(0) !== 35 && line.charCodeAt(0) !== 37) attributeSinceBlank = true;
    asm.pushLine(line, lineNo);
  };
  /** The objects read, less those holding an over-long line. */
  function* take(): Generator<RpslObject> {
    for (const o of pending.splice(0)) {
      const at = o.origin.line;
      let drop = false;
      while (longLines.length) {
        const l = longLines[0]!;
        if (at > l.after && at < l.before) {
          l.skipped ??= { what: `the object ${o.class} ${o.key}`, line: at };
          drop = true;
          break;
        }
        if (at < l.after) break;
        // This object is past the long line's: that one is done with.
        warnLong(longLines.shift()!);
      }
      if (!drop) yield o;
    }
  }
  // Lines are cut by hand: readline costs several times more on multi-MB dumps. The
  // pieces of a line longer than a chunk are joined once, when its end arrives (joining
  // at every chunk made a 100 MB line quadratic).
  let parts: string[] = [];
  for await (const chunk of textChunks(input, name, options)) {
    let nl = chunk.indexOf('\n');
    if (nl < 0) {
      parts.push(chunk);
      continue;
    }
    let first = chunk.slice(0, nl);
    if (parts.length) {
      parts.push(first);
      first = parts.join('');
      parts = [];
    }
    push(first);
    let start = nl + 1;
    for (nl = chunk.indexOf('\n', start); nl >= 0; nl = chunk.indexOf('\n', start)) {
      push(chunk.slice(start, nl));
      start = nl + 1;
    }
    if (start < chunk.length) parts.push(chunk.slice(start));
    if (pending.length || longLines.length) {
      const out = [...take()];
      flushDiagnostics();
      yield* out;
    }
  }
  const rest = parts.join('');
  if (rest !== '') push(rest);
  asm.end();
  const out = [...take()];
  for (const l of longLines.splice(0)) warnLong(l);
  flushDiagnostics();
  yield* out;
}
