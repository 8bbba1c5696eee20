/*
 * Byte-exact reader of IRRd answers: `A<n>\n<n bytes>C\n`, `C\n`, `D\n`, `F <message>\n`.
 * n counts bytes (not characters) of the payload including its final newline, and an
 * answer may arrive split anywhere across TCP packets, so this works on Buffers only.
 *
 * Memory stays bounded: an `A<n>` header with n above the cap is refused before any payload
 * is read, a payload is copied into one buffer of exactly n bytes as it arrives (allocated
 * uninitialised, so pages are only touched as bytes come), and no header or trailer line
 * may exceed MAX_LINE bytes.
 */
import { sanitizeLine } from './server-text.js';

export type IrrdFrame =
  | { kind: 'A'; payload: Buffer }
  | { kind: 'C' }
  | { kind: 'D' }
  /** `message` is the server's text as sent: sanitize it before printing it. */
  | { kind: 'F'; message: string };

export type FrameErrorKind = 'framing' | 'too-large' | 'not-irrd';

export class FrameError extends Error {
  constructor(
    readonly kind: FrameErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'FrameError';
  }
}

const NL = 0x0a;
/** Header and trailer lines are short; a longer one means we are not reading IRRd framing. */
const MAX_LINE = 4096;

/** Server text quoted in an error message: one line, no control characters, at most `max` characters. */
function quote(text: string, max = 80): string {
  return `'${sanitizeLine(text, max)}'`;
}

export class IrrdFrameParser {
  private state: 'line' | 'payload' | 'trailer' = 'line';
  private line: Buffer[] = [];
  private lineLength = 0;
  private payload?: Buffer;
  private expected = 0;
  private received = 0;

  constructor(private readonly maxAnswerBytes: number) {}

  /** Bytes of the current `A<n>` payload received so far and announced, for error messages. */
  progress(): { received: number; expected: number } | undefined {
    return this.state === 'payload' ? { received: this.received, expected: this.expected } : undefined;
  }

  /**
   * Feeds bytes; calls `onFrame` for each frame they complete, in order, then throws
   * FrameError at the first protocol violation (frames before it are already delivered).
   */
  push(chunk: Buffer, onFrame: (f: IrrdFrame) => void): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'payload') {
        const take = Math.min(this.expected - this.received, chunk.length - i);
        chunk.copy(this.payload!, this.received, i, i + take);
        this.received += take;
        i += take;
        if (this.received === this.expected) {
          if (this.payload![this.expected - 1] !== NL) {
            throw new FrameError('framing', `A${this.expected} frame does not match its payload: byte ${this.expected} is not the payload's final newline`);
          }
          this.state = 'trailer';
        }
        continue;
      }
      const nl = chunk.indexOf(NL, i);
      const end = nl < 0 ? chunk.length : nl;
      this.lineLength += end - i;
      if (this.lineLength > MAX_LINE) {
        throw new FrameError(
          'framing',
          this.state === 'trailer'
            ? `A${this.expected} frame does not match its payload: expected 'C' after ${this.expected} bytes, got more than ${MAX_LINE} bytes without a newline`
            : `expected an IRRd answer line (A<n>, C, D or F), got more than ${MAX_LINE} bytes without a newline`,
        );
      }
      this.line.push(chunk.subarray(i, end));
      i = nl < 0 ? chunk.length : nl + 1;
      if (nl < 0) break;
      let text = Buffer.concat(this.line).toString('utf8');
      this.line = [];
      this.lineLength = 0;
      if (text.endsWith('\r')) text = text.slice(0, -1);
      const frame = this.state === 'trailer' ? this.trailer(text) : this.header(text);
      if (frame) onFrame(frame);
    }
  }

  private trailer(text: string): IrrdFrame {
    if (text !== 'C') {
      throw new FrameError('framing', `A${this.expected} frame does not match its payload: expected 'C' after ${this.expected} bytes, got ${quote(text, 60)}`);
    }
    const payload = this.payload!;
    this.payload = undefined;
    this.state = 'line';
    return { kind: 'A', payload };
  }

  private header(text: string): IrrdFrame | undefined {
    if (text === '') return undefined; // tolerated between answers
    if (text === 'C') return { kind: 'C' };
    if (text === 'D') return { kind: 'D' };
    if (text === 'F' || text.startsWith('F ')) return { kind: 'F', message: text.slice(1).trim() || '(no message)' };
    const a = /^A(\d{1,15})$/.exec(text);
    if (a) {
      const n = Number(a[1]);
      if (n > this.maxAnswerBytes) {
        throw new FrameError('too-large', `answer of ${n} bytes exceeds the cap of ${this.maxAnswerBytes} bytes`);
      }
      if (n === 0) throw new FrameError('framing', 'A0 is not a valid IRRd answer (an empty answer is C)');
      this.state = 'payload';
      this.expected = n;
      this.received = 0;
      this.payload = Buffer.allocUnsafe(n);
      return undefined;
    }
    if (text.startsWith('%')) {
      throw new FrameError('not-irrd', `the server answered with RIPE-style whois text (${quote(text)}): it does not speak the IRRd '!' protocol`);
    }
    if (/^A/.test(text)) throw new FrameError('framing', `malformed length header ${quote(text, 40)} (expected A<n> with n a byte count)`);
    throw new FrameError('framing', `expected an IRRd answer line (A<n>, C, D or F), got ${quote(text)}`);
  }
}
