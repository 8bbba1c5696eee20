/**
 * An input (file, `-`, .gz or stream) as decoded text chunks, shared by the object reader
 * (read.ts) and the piece cutter (pieces.ts). Failures to open, decompress or decode are
 * InputErrors naming the input; with `checkText`, input that is not text is refused.
 */
import { StringDecoder } from 'node:string_decoder';
import { openInput } from './open-input.js';
import { textProblem } from './text-check.js';

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

/** The decoded text of `input`, chunk by chunk (UTF-8 sequences are never cut). */
export async function* textChunks(input: string | NodeJS.ReadableStream, name: string, options: StreamOptions = {}): AsyncGenerator<string> {
  const data = openInput(input);
  const decoder = new StringDecoder('utf8');
  let checked = !options.checkText;
  try {
    for await (const buf of data as AsyncIterable<Buffer>) {
      if (!checked) {
        checked = true;
        const why = textProblem(buf);
        if (why) throw new NotTextError(name, why);
      }
      const chunk = decoder.write(buf);
      if (chunk !== '') yield chunk;
    }
    const tail = decoder.end();
    if (tail !== '') yield tail;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(name, e);
  }
}
