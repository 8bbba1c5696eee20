import { ObjectAssembler } from './assembler.js';
import { openInput } from './open-input.js';
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

/**
 * Streams the objects of a file (plain or gzip, sniffed by content), `-` for stdin, or
 * a readable stream. Memory stays bounded by the largest object, so dumps of hundreds
 * of MB are fine. Reader diagnostics are passed to `onDiagnostic` when given.
 */
export async function* streamObjects(
  input: string | NodeJS.ReadableStream,
  label?: string,
  onDiagnostic?: (d: ReadDiagnostic) => void,
): AsyncGenerator<RpslObject> {
  const name = label ?? (typeof input === 'string' ? input : '<stream>');
  const data = openInput(input).setEncoding('utf8');
  const pending: RpslObject[] = [];
  const asm = new ObjectAssembler(name, (o) => pending.push(o));
  let lineNo = 0;
  let reported = 0;
  const flushDiagnostics = () => {
    if (!onDiagnostic) return;
    while (reported < asm.diagnostics.length) onDiagnostic(asm.diagnostics[reported++]);
  };
  // Lines are cut by hand: readline costs several times more on multi-MB dumps.
  let rest = '';
  try {
    for await (const chunk of data as AsyncIterable<string>) {
      const text = rest + chunk;
      let start = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
        asm.pushLine(text.slice(start, nl), ++lineNo);
        start = nl + 1;
      }
      rest = text.slice(start);
      if (pending.length) {
        flushDiagnostics();
        yield* pending.splice(0);
      }
    }
  } catch (e) {
    throw new InputError(name, e);
  }
  if (rest !== '') asm.pushLine(rest, ++lineNo);
  asm.end();
  flushDiagnostics();
  yield* pending.splice(0);
}
