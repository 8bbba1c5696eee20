/**
 * An input cut into pieces of whole objects, for readers that work on several pieces at
 * once (`asrel parse` on worker threads). A piece ends just after an empty line (`\n\n` or
 * `\n\r\n`), where an object always ends, so reading the pieces one after another with
 * `readObjects(piece.text, input, firstLine, { long: { marks: piece.long, maxLine } })`
 * gives exactly the objects, line numbers and reader diagnostics of one pass over the whole
 * input (streamObjects; its over-long-line warnings in line order). (A line of only blanks does not
 * end an object, or only when the next line starts another object of its class, which a
 * piece cannot see: such lines are never cut at; see AttributeAssembler.)
 */
import { HEAD_CHARS, type LongMark } from './long-lines.js';
import { textChunks, type StreamOptions } from './text-input.js';

/** A piece of whole objects; each over-long line in it is a `#` line that `long` points at. */
export interface Piece {
  text: string;
  /** In order; read with readAttributes' `long` option. */
  long: LongMark[];
}

/**
 * Offset in `chunk` just after the first empty line ending in it, or -1. `before` holds
 * the last two characters of the text before `chunk`, so a line end split across chunks
 * is seen.
 */
function emptyLineEnd(chunk: string, before: string): number {
  const NL = 10;
  const CR = 13;
  const b1 = before.charCodeAt(before.length - 1);
  const b2 = before.charCodeAt(before.length - 2);
  const c0 = chunk.charCodeAt(0);
  if (c0 === NL && (b1 === NL || (b1 === CR && b2 === NL))) return 1;
  if (b1 === NL && c0 === CR && chunk.charCodeAt(1) === NL) return 2;
  const a = chunk.indexOf('\n\n');
  const b = chunk.indexOf('\n\r\n');
  if (a < 0) return b < 0 ? -1 : b + 3;
  return b < 0 || a < b ? a + 2 : b + 3;
}

/**
 * The text of `input` in pieces of at least about `pieceChars` characters (a piece grows
 * until an empty line comes): memory stays bounded by the piece size, the largest object
 * and the line limit. A line over the limit (StreamOptions.maxLine) becomes `#` once its
 * first maxLine + 1 characters are in (textChunks drops the rest), so an object of many
 * such lines costs no more than one.
 */
export async function* streamPieces(
  input: string | NodeJS.ReadableStream,
  name: string,
  pieceChars: number,
  options: StreamOptions = {},
): AsyncGenerator<Piece> {
  let parts: string[] = [];
  let size = 0;
  let before = '';
  /** The last two characters before this piece. */
  let pieceBefore = '';
  let long: LongMark[] = [];
  const cuts: number[] = [];
  for await (const chunk of textChunks(input, name, options, cuts)) {
    let rest = chunk;
    let restBefore = before;
    if (cuts.length) {
      // The long lines end in this chunk and began in it or in the parts of this piece
      // (a piece starts at a line's start): the piece so far is made again with `#` for them.
      const text = parts.length ? parts.join('') + chunk : chunk;
      let made = '';
      let from = 0;
      for (const cut of cuts) {
        const end = size + cut;
        const start = text.lastIndexOf('\n', end - 1) + 1;
        made += text.slice(from, start);
        long.push({ at: made.length, head: text.slice(start, start + HEAD_CHARS) });
        made += '#';
        from = end;
      }
      rest = made + text.slice(from);
      if (parts.length) restBefore = pieceBefore;
      parts = [];
      size = 0;
    }
    if (size + rest.length >= pieceChars) {
      const end = emptyLineEnd(rest, restBefore);
      if (end >= 0) {
        parts.push(rest.slice(0, end));
        const at = size + end;
        const text = parts.join('');
        pieceBefore = text.slice(-2);
        yield { text, long: long.filter((m) => m.at < at) };
        long = long.filter((m) => m.at >= at).map((m) => ({ at: m.at - at, head: m.head }));
        parts = [];
        size = 0;
        rest = rest.slice(end);
      }
    }
    if (rest !== '') {
      parts.push(rest);
      size += rest.length;
    }
    before = chunk.length >= 2 ? chunk.slice(-2) : (before + chunk).slice(-2);
  }
  if (size > 0) yield { text: parts.join(''), long };
}

/** Lines in `text`: a last line without its `\n` counts. */
export function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.length > 0 && text.charCodeAt(text.length - 1) !== 10 ? n + 1 : n;
}
