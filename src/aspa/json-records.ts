/**
 * Streams the ASPA records out of validator JSON without holding the document: a scanner
 * over the characters keeps only the nesting (objects, arrays, the current key) and captures
 * the text of each record object — an element of an `aspas` array at any depth, or a
 * top-level object of JSON Lines — which is then parsed on its own (a few hundred bytes).
 * A top-level object is captured only until it shows itself to be a container (a key `aspas`,
 * `roas`, `metadata`, `routerKeys`, or 1 MiB of text); from there its `aspas` elements are.
 * Memory: one record, whatever the size of the document (~100 MB with the ROAs).
 */
import { StringDecoder } from 'node:string_decoder';

export class JsonShapeError extends Error {}

const CONTAINER_KEYS = new Set(['aspas', 'roas', 'metadata', 'routerKeys', 'router_keys', 'bgpsec_keys', 'nonfunc_cas', 'vaps']);
const TOP_CAPTURE_MAX = 1 << 20;

interface Frame {
  kind: '{' | '[';
  /** The key of this container in its parent object. */
  key?: string;
  /** Object: the key read last, waiting for its value. */
  lastKey?: string;
  /** Object: expecting a key next. */
  expectKey: boolean;
}

/**
 * Each record object's text, in document order. Throws JsonShapeError on text that is not JSON
 * or ends early. `onMetadata` gets the text of a top-level container's `metadata` object (the
 * validator's build time: what dates a snapshot), captured the same way as a record.
 */
export async function* jsonRecordTexts(chunks: AsyncIterable<Buffer>, onMetadata?: (text: string) => void): AsyncGenerator<string[]> {
  const dec = new StringDecoder('utf8');
  const stack: Frame[] = [];
  let inString = false, escape = false;
  let keyBuf: string | undefined; // collecting a key string
  let capture: string[] | undefined; // parts of the record being captured
  let captureDepth = -1; // stack length at the record's opening brace
  let captureLen = 0;
  let captureTop = false;
  let captureMeta = false; // the capture is the top-level `metadata` object
  let sawValue = false;
  let offset = 0;
  for await (const chunk of chunks) {
    const text = dec.write(chunk);
    const out: string[] = [];
    let from = 0; // start of the capture's part in this chunk
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (inString) {
        if (escape) escape = false;
        else if (ch === '\\') escape = true;
        else if (ch === '"') {
          inString = false;
          if (keyBuf !== undefined) {
            const top = stack[stack.length - 1]!;
            top.lastKey = keyBuf;
            top.expectKey = false;
            keyBuf = undefined;
            // A top-level object that names a container key is not a record: stop capturing it.
            if (captureTop && stack.length === 1 && CONTAINER_KEYS.has(top.lastKey)) {
              capture = undefined;
              captureTop = false;
            }
          }
          continue;
        }
        if (keyBuf !== undefined && keyBuf.length < 64) keyBuf += ch;
        continue;
      }
      switch (ch) {
        case '"': {
          inString = true;
          const top = stack[stack.length - 1];
          if (top?.kind === '{' && top.expectKey) keyBuf = '';
          break;
        }
        case '{':
        case '[': {
          const parent = stack[stack.length - 1];
          const key = parent?.kind === '{' ? parent.lastKey : parent?.key;
          const meta = ch === '{' && !capture && !!onMetadata && stack.length === 1 && parent?.kind === '{' && parent.lastKey === 'metadata';
          if (ch === '{' && !capture && (meta || stack.length === 0 || (parent?.kind === '[' && /^aspas?$/i.test(parent.key ?? '')))) {
            capture = [];
            captureDepth = stack.length;
            captureLen = 0;
            captureTop = stack.length === 0;
            captureMeta = meta;
            from = i;
          }
          stack.push({ kind: ch, key: parent?.kind === '{' ? parent.lastKey : parent?.kind === '[' ? key : undefined, expectKey: ch === '{' });
          sawValue = true;
          break;
        }
        case '}':
        case ']': {
          const f = stack.pop();
          if (!f || f.kind !== (ch === '}' ? '{' : '[')) throw new JsonShapeError(`not JSON: unexpected "${ch}" at character ${offset + i}`);
          if (capture && stack.length === captureDepth) {
            capture.push(text.slice(from, i + 1));
            if (captureMeta) onMetadata!(capture.join(''));
            else out.push(capture.join(''));
            capture = undefined;
            captureTop = false;
            captureMeta = false;
          }
          break;
        }
        case ',': {
          const top = stack[stack.length - 1];
          if (top?.kind === '{') top.expectKey = true;
          break;
        }
        case ':':
        case ' ': case '\t': case '\n': case '\r':
          break;
        default:
          if (stack.length === 0) throw new JsonShapeError(`not JSON: unexpected "${ch}" at character ${offset + i}`);
      }
    }
    if (capture) {
      capture.push(text.slice(from));
      captureLen += text.length - from;
      if ((captureTop || captureMeta) && captureLen > TOP_CAPTURE_MAX) {
        capture = undefined;
        captureTop = false;
        captureMeta = false;
      } else if (captureLen > TOP_CAPTURE_MAX * 16) {
        throw new JsonShapeError(`an ASPA record over ${TOP_CAPTURE_MAX * 16} characters: not validator output`);
      }
    }
    offset += text.length;
    if (out.length) yield out;
  }
  if (inString || stack.length > 0) throw new JsonShapeError('the JSON ends early (truncated document)');
  if (!sawValue) throw new JsonShapeError('no JSON object in the input');
}
