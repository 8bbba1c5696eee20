import type { ReadDiagnostic, RpslAttribute, RpslObject } from './types.js';
import { asnProblem, normaliseKey } from './keys.js';

/** A printable ASCII character other than space: nothing `trim()` would remove. */
function solid(c: number): boolean {
  return c > 32 && c < 127;
}

/**
 * `line` from `from` without its `#` comment (RFC 2622 §2: `#` starts a comment anywhere
 * in a value), trimmed. One slice in the usual case (this runs for every line of a dump).
 */
function valueFrom(line: string, from: number): string {
  const hash = line.indexOf('#', from);
  const end = hash < 0 ? line.length : hash;
  if (end > from && solid(line.charCodeAt(from)) && solid(line.charCodeAt(end - 1))) return line.slice(from, end);
  return line.slice(from, end).trim();
}

/** Lower-cases an attribute name only when it has capitals (most do not). */
function lowerName(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) return name.toLowerCase();
  }
  return name;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** `[A-Za-z0-9][A-Za-z0-9_-]*` */
function isNameChar(c: number, first: boolean): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (!first && (c === 45 || c === 95));
}

/** Length of `name:` at the start of a line, or -1 when the line does not start so. */
function nameEnd(line: string): number {
  let i = 0;
  while (i < line.length && isNameChar(line.charCodeAt(i), i === 0)) i++;
  return i > 0 && line.charCodeAt(i) === 58 /* : */ ? i : -1;
}

// Values and raw text are built by concatenation, not arrays: most attributes are one
// line, and a dump has millions of them, so per-attribute garbage decides the speed.
interface OpenAttribute {
  name: string;
  value: string;
  raw: string;
  line: number;
  column: number;
  /** With offsets asked for: as RpslAttribute.offset, or -1 while the value is not one span. */
  offset?: number;
}

/** Whether a line (not a continuation) opens an attribute, as the assembler reads it. */
export function opensAttribute(line: string): boolean {
  return nameEnd(line) >= 0;
}

/**
 * What the line reader makes of the lines: each attribute once it is complete (its
 * continuation lines read), then the end of its object. A reader that works attribute by
 * attribute (`asrel parse`) need not hold a whole object, which may have 10⁴ attributes.
 */
export interface AttributeSink {
  /** The next attribute of the current object; `first` when it opens the object (its class). */
  attribute(a: RpslAttribute, first: boolean): void;
  /** The current object has ended; it had at least one attribute. */
  endObject(): void;
}

/**
 * Turns lines into attributes and objects, one line at a time, so files of any size can be
 * streamed. Objects end at an empty line; `%` lines (whois chatter) and `#` lines at the
 * start of a line are comments; a line starting with space, tab or `+` continues the
 * previous attribute.
 *
 * A line of only blanks (spaces, tabs) inside an object is an empty continuation line, as
 * IRRd reads it (irrd/utils/text.py `split_paragraphs_rpsl`: "a line with other whitespace
 * … is not considered empty"), not the end of the object: one stray blank must not cut an
 * object in two and lose the rest of its attributes. RFC 2622 §2 has `+` for a blank line
 * inside a value and ends an object at a "blank line", which such a line may be taken for;
 * so the reader decides at the next line, with a warning either way: if that line opens an
 * attribute named as the object's class (a second `aut-num:`), the object had ended.
 */
export class AttributeAssembler {
  private open: OpenAttribute | null = null;
  /** Attributes of the current object handed on so far. */
  private count = 0;
  /** The current object is left out (its key is not valid): its attributes are not handed on. */
  private skipping = false;
  /** Class (first attribute name) of the current object. */
  private cls = '';
  /** Lines of only blanks read inside the current object, not yet placed: first line number and text. */
  private blank: { line: number; raw: string } | null = null;
  readonly diagnostics: ReadDiagnostic[] = [];

  constructor(private readonly input: string, private readonly sink: AttributeSink) {}

  /**
   * `offset` is where the line starts in the text being read, when the caller wants value
   * offsets (RpslAttribute.offset); -1 when not.
   */
  pushLine(rawLine: string, lineNo: number, offset = -1): void {
    // An empty line ends the object; taken first, as reading its characters would read past
    // its end (which costs the optimised reader a deoptimisation).
    if (rawLine.length === 0) return this.endObject();
    const line = rawLine.charCodeAt(rawLine.length - 1) === 13 ? rawLine.slice(0, -1) : rawLine;
    const first = line.charCodeAt(0);
    if (isBlank(line)) {
      if (line === '' || !this.open) return this.endObject();
      if (this.blank) this.blank.raw = `${this.blank.raw}\n${line}`;
      else this.blank = { line: lineNo, raw: line };
      return;
    }
    if (first === 37 /* % */ || first === 35 /* # */) return;
    if (first === 32 || first === 9 || first === 43) {
      const a = this.open;
      if (!a) {
        this.diag(lineNo, 'error', 'continuation line outside any attribute; ignored');
        return;
      }
      if (this.blank) this.placeBlank(false);
      const part = valueFrom(line, 1);
      if (part !== '') a.value = a.value === '' ? part : `${a.value} ${part}`;
      a.raw = `${a.raw}\n${line}`;
      // Whatever the line held, the value is no longer one span of the text.
      if (a.offset !== undefined) a.offset = -1;
      return;
    }
    const colon = nameEnd(line);
    if (colon < 0) {
      this.diag(lineNo, 'error', `not an attribute line (expected "name: value"): ${JSON.stringify(line.slice(0, 80))}; ignored`);
      return;
    }
    let start = colon + 1;
    while (start < line.length && (line.charCodeAt(start) === 32 || line.charCodeAt(start) === 9)) start++;
    const name = lowerName(line.slice(0, colon));
    if (this.blank) this.placeBlank(name === this.cls);
    this.closeAttribute();
    if (this.count === 0) this.cls = name;
    const value = valueFrom(line, start);
    // One object shape per mode (mixed shapes slow every later read of attributes).
    if (offset < 0) {
      this.open = { name, value, raw: line, line: lineNo, column: start + 1 };
    } else {
      // A value starting with a printable character starts at `start` (trim left it).
      const at = value !== '' && solid(line.charCodeAt(start)) ? offset + start : -1;
      this.open = { name, value, raw: line, line: lineNo, column: start + 1, offset: at };
    }
  }

  /**
   * Places the pending lines of only blanks, now that the next line is known: the end of
   * the object when that line opens another object of its class, else an empty
   * continuation of the open attribute (kept in its raw text).
   */
  private placeBlank(endsObject: boolean): void {
    const b = this.blank!;
    this.blank = null;
    if (endsObject) {
      this.diag(b.line, 'warning', `line of only blanks read as the end of the ${this.cls} object, as the next line starts another ${this.cls} (an empty line should end it)`);
      this.endObject();
      return;
    }
    this.diag(b.line, 'warning', "line of only blanks inside an object read as an empty continuation line, as IRRd reads it (not the end of the object; write '+' for a blank line in a value, RFC 2622 §2)");
    const a = this.open!;
    a.raw = `${a.raw}\n${b.raw}`;
    if (a.offset !== undefined) a.offset = -1;
  }

  /** Flushes the last object; call once at the end of input. */
  end(): void {
    this.endObject();
  }

  private closeAttribute(): void {
    const a = this.open;
    if (!a) return;
    this.open = null;
    if (a.offset === -1) delete a.offset;
    const first = this.count++ === 0;
    if (first) this.skipping = this.badKey(a);
    if (!this.skipping) this.sink.attribute(a, first);
  }

  /**
   * An aut-num whose key is no AS number (`AS4294967296`, `FOO`) cannot be indexed or named:
   * the object is skipped with an error, as IRRd rejects an object whose primary key does
   * not validate, even from mirrors (irrd/utils/validators.py `parse_as_number`).
   */
  private badKey(a: OpenAttribute): boolean {
    if (a.name !== 'aut-num') return false;
    const word = a.value.split(/\s+/)[0] ?? '';
    const why = asnProblem(word);
    if (!why) return false;
    this.diagnostics.push({ input: this.input, line: a.line, severity: 'error', skippedObject: true, message: `aut-num ${why}; the object is skipped` });
    return true;
  }

  private endObject(): void {
    // Blanks before the object's end (an empty line, the end of input) are just trailing.
    this.blank = null;
    this.closeAttribute();
    if (this.count === 0) return;
    this.count = 0;
    if (this.skipping) this.skipping = false;
    else this.sink.endObject();
  }

  private diag(line: number, severity: 'error' | 'warning', message: string): void {
    this.diagnostics.push({ input: this.input, line, severity, message });
  }
}

/** An AttributeSink that gathers each object's attributes into an RpslObject. */
export class ObjectBuilder implements AttributeSink {
  private attrs: RpslAttribute[] = [];

  constructor(private readonly input: string, private readonly emit: (o: RpslObject) => void) {}

  attribute(a: RpslAttribute): void {
    this.attrs.push(a);
  }

  endObject(): void {
    const attributes = this.attrs;
    this.attrs = [];
    const cls = attributes[0].name;
    const source = attributes.find((a) => a.name === 'source')?.value.split(/\s+/)[0]?.toUpperCase();
    this.emit({
      class: cls,
      key: normaliseKey(cls, attributes[0].value),
      ...(source ? { source } : {}),
      attributes,
      origin: { input: this.input, line: attributes[0].line },
    });
  }
}
