import { ObjectAssembler } from './assembler.js';
import { StringDecoder } from 'node:string_decoder';
import { openInput } from './open-input.js';
import { textProblem } from './text-check.js';
import type { ReadDiagnostic, RpslObject } from './types.js';

export interface ReadResult {
  objects: RpslObject[];
  diagnostics: ReadDiagnostic[];
}

/** Reads every object in an RPSL text (a file's content, a dump, or a whois answer). */
export function readObjects(text: string, input = '<text>'): ReadResult {
  const objects: RpslObject[] = [];
  const asm = new ObjectAssembler(input, (o) => objects.push(o));
  let start = 0;
  let lineNo = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    asm.pushLine(text.slice(start, end), lineNo++);
    start = end + 1;
  }
  asm.end();
  return { objects, diagnostics: asm.diagnostics };
}

/** Thrown when an input cannot be opened or decompressed; the message names the input. */
export class InputError extends Error {
  constructor(readonly input: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`cannot read ${input === '-' ? 'standard input' : input}: ${why}`);
    this.name = 'InputError';
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
  const data = openInput(input);
  const decoder = new StringDecoder('utf8');
  let checked = !options.checkText;
  const pending: RpslObject[] = [];
  const asm = new ObjectAssembler(name, (o) => pending.push(o));
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
  try {
    for await (const buf of data as AsyncIterable<Buffer>) {
      if (!checked) {
        checked = true;
        const why = textProblem(buf);
        if (why) throw new NotTextError(name, why);
      }
      const chunk = decoder.write(buf);
      let nl = chunk.indexOf('\n');
      if (nl < 0) {
        if (chunk !== '') parts.push(chunk);
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
    const tail = decoder.end();
    if (tail !== '') parts.push(tail);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(name, e);
  }
  const rest = parts.join('');
  if (rest !== '') asm.pushLine(rest, ++lineNo);
  asm.end();
  flushDiagnostics();
  yield* pending.splice(0);
}
