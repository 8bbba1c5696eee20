/**
 * Lines longer than the line limit (StreamOptions.maxLine): the object around such a line is
 * skipped with a warning naming it and where it started. Shared by the streaming reader
 * (read.ts streamObjects) and the reader of pieces (`asrel parse`; pieces.ts, read.ts
 * readAttributes), so both skip the same objects and say the same words.
 */
import type { AttributeSink } from './assembler.js';
import { normaliseKey } from './keys.js';
import type { ReadDiagnostic, RpslAttribute } from './types.js';

/** A line longer than the limit, and the object around it (between two blank lines) to skip. */
export interface LongLine {
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

/**
 * A line of a piece of input that stands for an over-long line (pieces.ts): the piece holds
 * `#` in its place, a comment that keeps the object and the line numbers together.
 */
export interface LongMark {
  /** Where the `#` line starts in the piece. */
  at: number;
  /** The long line's first characters. */
  head: string;
}

/** Characters of a long line kept to name its object. */
export const HEAD_CHARS = 40;

/** A line that ends an object around a long line: empty or only blanks (as streamObjects reads it). */
export function isBlankLine(line: string): boolean {
  return line.length === 0 || (line.charCodeAt(0) <= 32 && line.trim() === '');
}

/** A comment line: neither an attribute nor a blank. */
export function isCommentLine(line: string): boolean {
  const c = line.charCodeAt(0);
  return c === 35 || c === 37;
}

/** Human size of a line limit: `16 MiB`, `100 characters`. */
function limitText(max: number): string {
  if (max % (1024 * 1024) === 0) return `${max / (1024 * 1024)} MiB`;
  return max % 1024 === 0 ? `${max / 1024} KiB` : `${max} characters`;
}

/** The warning for a long line once its object is known (or its input ended). */
export function longLineWarning(input: string, l: LongLine, maxLine: number): ReadDiagnostic {
  // A long first line names the object; otherwise the object read around it does.
  const [what, at] = l.first ? [`the object starting ${JSON.stringify(l.head)}…`, l.line] : l.skipped ? [l.skipped.what, l.skipped.line] : ['the object around it', l.after + 1];
  return { input, line: l.line, severity: 'warning', skippedObject: true, message: `line ${l.line} is longer than the line limit (${limitText(maxLine)}, --max-line): ${what} at line ${at} skipped` };
}

/** The object `a` opens, as the warning names it (ObjectBuilder's class and key). */
export function objectName(a: RpslAttribute): string {
  return `the object ${a.name} ${normaliseKey(a.name, a.value)}`;
}

/**
 * Passes on to `sink` the objects that start outside every long line's object, so a reader
 * working attribute by attribute skips what streamObjects skips. `long` must be complete
 * (its `before` known) for the text read.
 */
export class LongLineFilter implements AttributeSink {
  private dropping = false;

  constructor(private readonly sink: AttributeSink, private readonly long: LongLine[]) {}

  attribute(a: RpslAttribute, first: boolean): void {
    if (first) {
      this.dropping = false;
      for (const l of this.long) {
        if (a.line > l.after && a.line < l.before) {
          l.skipped ??= { what: objectName(a), line: a.line };
          this.dropping = true;
        }
      }
    }
    if (!this.dropping) this.sink.attribute(a, first);
  }

  endObject(): void {
    if (this.dropping) this.dropping = false;
    else this.sink.endObject();
  }
}
