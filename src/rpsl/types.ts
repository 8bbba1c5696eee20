/** One `name: value` attribute of an RPSL object (RFC 2622 §2). */
export interface RpslAttribute {
  /** Attribute name, lower-cased (names are case-insensitive). */
  name: string;
  /** Value with continuation lines joined by a single space and `#` comments removed. */
  value: string;
  /** The attribute's lines exactly as read (continuations included), for evidence. */
  raw: string;
  /** 1-based line number of the attribute's first line in its input. */
  line: number;
  /** 1-based column where the value starts on that line (after `name:` and blanks). */
  column: number;
  /**
   * Offset of `value` in the text read, when it is that text verbatim (a one-line value);
   * only from `readObjects(…, { offsets: true })`. A parser can then read it in place.
   */
  offset?: number;
}

/** Where an object was read from. */
export interface RpslOrigin {
  /** File path, `-` for stdin, or a label such as `whois.radb.net:43`. */
  input: string;
  /** 1-based line of the object's first attribute. */
  line: number;
}

/** An RPSL object: its class is the first attribute's name, its key that attribute's value. */
export interface RpslObject {
  /** Class name, lower-cased: `aut-num`, `as-set`, `route-set`, … */
  class: string;
  /** Primary key as written (upper-cased for set names and ASNs by `normaliseKey`). */
  key: string;
  /** Value of the `source:` attribute, upper-cased, if present. */
  source?: string;
  attributes: RpslAttribute[];
  origin: RpslOrigin;
}

/** A problem the object reader met (a line outside any attribute, …). Never thrown. */
export interface ReadDiagnostic {
  input: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
  /** A line over the line limit made the reader skip an object (read.ts). */
  skippedObject?: true;
}
