import type { ReadDiagnostic, RpslAttribute, RpslObject } from './types.js';
import { normaliseKey } from './keys.js';

const ATTRIBUTE_LINE = /^([A-Za-z0-9][A-Za-z0-9_-]*):[ \t]*/;

/** Removes a `#` comment (RFC 2622 §2: `#` starts a comment anywhere in a value). */
function stripComment(s: string): string {
  const i = s.indexOf('#');
  return (i < 0 ? s : s.slice(0, i)).trim();
}

interface OpenAttribute {
  name: string;
  parts: string[];
  rawLines: string[];
  line: number;
  column: number;
}

/**
 * Turns lines into RPSL objects, one line at a time, so files of any size can be
 * streamed. Objects end at a blank line; `%` lines (whois chatter) and `#` lines at the
 * start of a line are comments; a line starting with space, tab or `+` continues the
 * previous attribute.
 */
export class ObjectAssembler {
  private attrs: RpslAttribute[] = [];
  private open: OpenAttribute | null = null;
  private firstLine = 0;
  readonly diagnostics: ReadDiagnostic[] = [];

  constructor(private readonly input: string, private readonly emit: (o: RpslObject) => void) {}

  pushLine(rawLine: string, lineNo: number): void {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const first = line.charCodeAt(0);
    if (line.trim() === '') {
      if (!(first === 43 /* + */ && this.open)) return this.endObject();
    }
    if (first === 37 /* % */ || first === 35 /* # */) return;
    if (first === 32 || first === 9 || first === 43) {
      if (!this.open) {
        this.diag(lineNo, 'error', 'continuation line outside any attribute; ignored');
        return;
      }
      this.open.parts.push(stripComment(line.slice(1)));
      this.open.rawLines.push(line);
      return;
    }
    const m = ATTRIBUTE_LINE.exec(line);
    if (!m) {
      this.diag(lineNo, 'error', `not an attribute line (expected "name: value"): ${JSON.stringify(line.slice(0, 80))}; ignored`);
      return;
    }
    this.closeAttribute();
    if (this.attrs.length === 0) this.firstLine = lineNo;
    this.open = {
      name: m[1].toLowerCase(),
      parts: [stripComment(line.slice(m[0].length))],
      rawLines: [line],
      line: lineNo,
      column: m[0].length + 1,
    };
  }

  /** Flushes the last object; call once at the end of input. */
  end(): void {
    this.endObject();
  }

  private closeAttribute(): void {
    const a = this.open;
    if (!a) return;
    this.open = null;
    this.attrs.push({
      name: a.name,
      value: a.parts.filter((p) => p !== '').join(' '),
      raw: a.rawLines.join('\n'),
      line: a.line,
      column: a.column,
    });
  }

  private endObject(): void {
    this.closeAttribute();
    const attributes = this.attrs;
    if (attributes.length === 0) return;
    this.attrs = [];
    const cls = attributes[0].name;
    const source = attributes.find((a) => a.name === 'source')?.value.split(/\s+/)[0]?.toUpperCase();
    this.emit({
      class: cls,
      key: normaliseKey(cls, attributes[0].value),
      ...(source ? { source } : {}),
      attributes,
      origin: { input: this.input, line: this.firstLine },
    });
  }

  private diag(line: number, severity: 'error' | 'warning', message: string): void {
    this.diagnostics.push({ input: this.input, line, severity, message });
  }
}
