import { AttributeAssembler, ObjectBuilder, type AttributeSink } from './assembler.js';
import { textChunks, type StreamOptions } from './text-input.js';
import type { ReadDiagnostic, RpslObject } from './types.js';

export { InputError, NotTextError, type StreamOptions } from './text-input.js';
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

/**
 * Streams the objects of a file (plain or gzip, sniffed by content), `-` for stdin, or
 * a readable stream. Memory stays bounded by the largest object, so dumps of hundreds
 * of MB are fine. Reader diagnostics are passed to `onDiagnostic` when given.
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
  let lineNo = 0;
  let reported = 0;
  const flushDiagnostics = () => {
    if (!onDiagnostic) return;
    while (reported < asm.diagnostics.length) onDiagnostic(asm.diagnostics[reported++]);
  };
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
    asm.pushLine(first, ++lineNo);
    let start = nl + 1;
    for (nl = chunk.indexOf('\n', start); nl >= 0; nl = chunk.indexOf('\n', start)) {
      asm.pushLine(chunk.slice(start, nl), ++lineNo);
      start = nl + 1;
    }
    if (start < chunk.length) parts.push(chunk.slice(start));
    if (pending.length) {
      flushDiagnostics();
      yield* pending.splice(0);
    }
  }
  const rest = parts.join('');
  if (rest !== '') asm.pushLine(rest, ++lineNo);
  asm.end();
  flushDiagnostics();
  yield* pending.splice(0);
}
