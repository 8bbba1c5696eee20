import { AttributeAssembler, ObjectBuilder, type AttributeSink } from './assembler.js';
import { HEAD_CHARS, isBlankLine, isCommentLine, LongLineFilter, longLineWarning, objectName, type LongLine, type LongMark } from './long-lines.js';
import { maxLineOf, textChunks, type StreamOptions } from './text-input.js';
import type { ReadDiagnostic, RpslObject } from './types.js';

export { DEFAULT_MAX_LINE, InputError, ioReason, maxLineOf, NotTextError, setDefaultMaxLine, type StreamOptions } from './text-input.js';
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
  /**
   * Lines of the text that stand for over-long ones (a piece from pieces.ts), in order, and
   * the limit they broke: the objects around them are skipped with a warning, as
   * streamObjects skips them.
   */
  long?: { marks: LongMark[]; maxLine: number };
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
  const long = options.long?.marks.length ? longLinesOf(text, options.long.marks, firstLine) : undefined;
  const asm = new AttributeAssembler(input, long ? new LongLineFilter(sink, long) : sink);
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
  if (!long) return { diagnostics: asm.diagnostics, lines };
  const diagnostics = [...asm.diagnostics, ...long.map((l) => longLineWarning(input, l, options.long!.maxLine))];
  // In line order, as streamObjects gives them (it warns once the long line's object is past).
  return { diagnostics: diagnostics.sort((a, b) => a.line - b.line), lines };
}

/**
 * The long lines of a piece whose `marks` (in order) stand for them, with the blank lines
 * around each: one pass over the piece, made only when it has some. A piece starts after an
 * empty line (or at the input's start), and ends at one or at the input's end.
 */
function longLinesOf(text: string, marks: LongMark[], firstLine: number): LongLine[] {
  const long: LongLine[] = [];
  let k = 0;
  let lastBlank = firstLine - 1;
  let attributeSinceBlank = false;
  let start = 0;
  for (let lineNo = firstLine; start <= text.length; lineNo++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (k < marks.length && marks[k]!.at === start) {
      long.push({ line: lineNo, after: lastBlank, before: Infinity, head: marks[k++]!.head.slice(0, HEAD_CHARS), first: !attributeSinceBlank });
    } else {
      const line = text.slice(start, end);
      if (isBlankLine(line)) {
        lastBlank = lineNo;
        attributeSinceBlank = false;
        for (const l of long) if (l.before === Infinity) l.before = lineNo;
      } else if (!isCommentLine(line)) attributeSinceBlank = true;
    }
    start = end + 1;
  }
  return long;
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
    asm.diagnostics.push(longLineWarning(name, l, maxLine));
  };
  const push = (line: string) => {
    lineNo++;
    if (line.length > maxLine) {
      longLines.push({ line: lineNo, after: lastBlank, before: Infinity, head: line.slice(0, HEAD_CHARS), first: !attributeSinceBlank });
      // A comment in its place keeps the object (and the line numbers) together.
      asm.pushLine('#', lineNo);
      return;
    }
    if (isBlankLine(line)) {
      lastBlank = lineNo;
      attributeSinceBlank = false;
      for (const l of longLines) if (l.before === Infinity) l.before = lineNo;
    } else if (!isCommentLine(line)) attributeSinceBlank = true;
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
          // Every long line of this object names it.
          for (const m of longLines) if (at > m.after && at < m.before) m.skipped ??= { what: objectName(o.attributes[0]!), line: at };
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
