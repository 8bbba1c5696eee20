import net from 'node:net';
import { IrrError, type IrrErrorKind } from './errors.js';
import { sanitizeLine } from './server-text.js';
import { defaultPoliteness, type Politeness, type Release } from './politeness.js';
import { formatServer, parseServer, type ServerAddress } from './server.js';
import { ripeObjectQuery, type ObjectKey } from './query.js';
import { connectionSettings, type ConnectionOptions, type ConnectionSettings } from './connection-options.js';

export type RipeClientOptions = ConnectionOptions;

/** A RIPE-style answer split into its parts. */
export interface RipeAnswer {
  /** The answer without `%` lines: objects separated by blank lines. */
  text: string;
  /** `%` comment lines (without the `%`). */
  comments: string[];
  /** `%ERROR:<code>: <message>` lines. */
  errors: { code: number; message: string }[];
  notFound: boolean;
}

interface Connection {
  socket: net.Socket;
  release: Release;
  closed: boolean;
  /** The answer being read; undefined when no answer is due. */
  answer?: AnswerState;
  /** Why the connection ended (set once). */
  error?: { kind: IrrErrorKind; detail: string };
}

interface AnswerState {
  chunks: Buffer[];
  size: number;
  /** A byte other than CR or LF has arrived. */
  content: boolean;
  /** LF bytes at the end of what arrived so far (CR ignored). */
  trailingNewlines: number;
  /** Called on every event: bytes, end of connection, timeout. */
  onEvent(): void;
}

/*
 * When is a RIPE-style answer complete? The RIPE server ends every answer with two empty
 * lines (the last line, usually the `% This query was served by …` footer, then "\n\n"),
 * and with `-k` it then keeps the connection open for the next query; without `-k` it
 * closes. The body never holds two empty lines in a row (objects and `%` blocks are
 * separated by one), so: an answer is complete exactly when the bytes received end with a
 * line break followed by two empty lines ("\n\n\n", CRs ignored) after some content.
 * Nothing else ends an answer: a reset, a close (FIN) or a timeout before that marker is
 * an error (`truncated` once bytes have come), even at a line or object boundary, and the
 * bytes received are discarded, so a cut answer is never returned as if it were whole.
 */
const END_NEWLINES = 3;

/**
 * RIPE-style whois client (whois.ripe.net and other RIPE-software servers, which do not
 * speak IRRd's `!` protocol): `-k` keep-alive, `-r -s SOURCES -T <class> <key>` queries,
 * strictly one query at a time (the server does not pipeline), reconnecting with backoff
 * on a reset or timeout. Each query has an idle read timeout and an overall deadline.
 */
export class RipeClient {
  readonly server: string;
  readonly stats = { connections: 0, queriesSent: 0 };
  private readonly address: ServerAddress;
  private readonly politeness: Politeness;
  private readonly o: ConnectionSettings;
  private readonly sources?: string[];
  private conn?: Connection;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(options: RipeClientOptions) {
    this.address = typeof options.server === 'string' ? parseServer(options.server) : options.server;
    this.server = formatServer(this.address);
    this.politeness = options.politeness ?? defaultPoliteness;
    this.sources = options.sources;
    this.o = connectionSettings(options);
  }

  /** The object's text (objects of the answer, `%` lines removed) or undefined when not found. */
  async getObject(k: ObjectKey): Promise<string | undefined> {
    const a = await this.lookup(k);
    return a.notFound || a.text === '' ? undefined : a.text; // text is '' or trimmed with one final newline
  }

  /**
   * Runs one `-T <class> <key>` query. Queries are queued: the server answers one at a time.
   * Resolves only with a complete answer (see END_NEWLINES); rejects with an IrrError.
   */
  lookup(k: ObjectKey): Promise<RipeAnswer> {
    const args = ripeObjectQuery(k, { sources: this.sources }); // validates before queueing
    const run = this.chain.then(() => this.withRetries(args));
    this.chain = run.catch(() => {});
    return run;
  }

  async close(): Promise<void> {
    this.closed = true;
    const c = this.conn;
    this.conn = undefined;
    if (c && !c.closed) {
      await new Promise<void>((resolve) => {
        c.socket.once('close', () => resolve());
        c.socket.end();
        setTimeout(() => c.socket.destroy(), 1000).unref();
      });
    }
  }

  /**
   * Network faults (refused, reset, cut answer, idle timeout) are retried up to maxAttempts;
   * a missed deadline up to maxProtocolAttempts; an answer over the cap or a %ERROR is not.
   * Every retry is on a fresh connection (the failed one is closed).
   */
  private async withRetries(args: string): Promise<RipeAnswer> {
    let deadlines = 0;
    for (let attempt = 1; ; attempt++) {
      if (this.closed) throw new IrrError('closed', this.server, args, 'the client is closed');
      try {
        const raw = await this.once(args);
        return parseRipeAnswer(raw, this.server, args);
      } catch (e) {
        if (!(e instanceof IrrError) || !e.retryable) throw e;
        if (e.kind === 'deadline') deadlines++;
        const limit = e.kind === 'deadline' ? deadlines >= this.o.maxProtocolAttempts : attempt >= this.o.maxAttempts;
        if (limit) throw new IrrError(e.kind, this.server, args, `${e.detail} (gave up after ${attempt} attempt${attempt === 1 ? '' : 's'})`);
        await new Promise((r) => setTimeout(r, Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** (attempt - 1))));
      }
    }
  }

  private async connect(args: string): Promise<Connection> {
    const release = await this.politeness.acquire(this.server);
    const socket = net.connect({ host: this.address.host, port: this.address.port });
    const c: Connection = { socket, release, closed: false };
    const finish = (kind: IrrErrorKind, detail: string) => {
      if (c.closed) return;
      c.closed = true;
      socket.destroy();
      release();
      if (this.conn === c) this.conn = undefined;
      c.error ??= { kind, detail };
      c.answer?.onEvent();
    };
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => {
        finish('connect-timeout', `no connection within ${ms(this.o.connectTimeoutMs)}`);
        reject(new IrrError('connect-timeout', this.server, args, `no connection within ${ms(this.o.connectTimeoutMs)}`));
      }, this.o.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(t);
        resolve();
      });
      socket.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(t);
        finish('connect', `cannot connect: ${e.code ?? e.message}`);
        reject(new IrrError('connect', this.server, args, `cannot connect: ${e.code ?? e.message}`));
      });
    });
    this.stats.connections++;
    socket.setTimeout(this.o.readTimeoutMs);
    socket.on('data', (b: Buffer) => {
      const a = c.answer;
      if (!a) {
        // Bytes nobody asked for: the stream is out of step with our queries. Drop the
        // connection rather than read them as (part of) the next answer.
        finish('framing', `${b.length} bytes arrived when no answer was due`);
        return;
      }
      if (a.size + b.length > this.o.maxAnswerBytes) {
        a.size += b.length;
        finish('too-large', `answer exceeds the cap of ${this.o.maxAnswerBytes} bytes`);
        return;
      }
      a.chunks.push(b);
      a.size += b.length;
      let i = b.length - 1;
      let nl = 0;
      for (; i >= 0 && (b[i] === LF || b[i] === CR); i--) if (b[i] === LF) nl++;
      if (i >= 0) {
        a.content = true;
        a.trailingNewlines = nl;
      } else a.trailingNewlines += nl;
      a.onEvent();
    });
    socket.on('timeout', () => {
      if (c.answer) finish('read-timeout', `no data for ${ms(this.o.readTimeoutMs)} while waiting for the answer (received ${c.answer.size} bytes)`);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => finish('reset', `connection failed: ${e.code ?? e.message}`));
    socket.on('close', () => finish('reset', 'the server closed the connection'));
    return c;
  }

  private async once(args: string): Promise<string> {
    let c = this.conn;
    const fresh = !c || c.closed;
    if (fresh) {
      c = await this.connect(args);
      if (c.closed) throw new IrrError(c.error!.kind, this.server, args, c.error!.detail);
      this.conn = c;
    }
    const conn = c!;
    this.stats.queriesSent++;
    return new Promise<string>((resolve, reject) => {
      let deadline: NodeJS.Timeout | undefined;
      const a: AnswerState = {
        chunks: [],
        size: 0,
        content: false,
        trailingNewlines: 0,
        onEvent: () => {
          if (a.content && a.trailingNewlines >= END_NEWLINES) {
            done();
            const all = Buffer.concat(a.chunks, a.size);
            a.chunks = [];
            resolve(all.toString('utf8'));
            return;
          }
          if (!conn.closed) return;
          done();
          a.chunks = [];
          const e = conn.error!;
          if (e.kind === 'reset' && a.size > 0) {
            // A reset or close never ends an answer: what came is discarded, not returned as complete.
            reject(new IrrError('truncated', this.server, args, `${e.detail} after ${a.size} bytes, before the end of the answer (two empty lines); the partial answer is discarded`));
          } else if (e.kind === 'too-large') {
            reject(new IrrError('too-large', this.server, args, `${e.detail} (received ${a.size} bytes)`));
          } else reject(new IrrError(e.kind, this.server, args, e.detail));
        },
      };
      const done = () => {
        clearTimeout(deadline);
        if (conn.answer === a) conn.answer = undefined;
      };
      conn.answer = a;
      deadline = setTimeout(() => {
        if (conn.answer !== a) return;
        finishWith(conn, 'deadline', `no complete answer within the query deadline of ${ms(this.o.queryDeadlineMs)} (received ${a.size} bytes)`);
      }, this.o.queryDeadlineMs);
      conn.socket.write(`${fresh ? '-k ' : ''}${args}\n`);
    });
  }
}

/** Ends a connection with an error; its current answer (if any) sees it through onEvent. */
function finishWith(c: Connection, kind: IrrErrorKind, detail: string): void {
  c.error ??= { kind, detail };
  c.socket.destroy(); // the 'close' handler finishes the connection; error is already set
}

const LF = 0x0a;
const CR = 0x0d;

function ms(n: number): string {
  return n >= 1000 ? `${+(n / 1000).toFixed(1)} s` : `${n} ms`;
}

/**
 * Splits a RIPE answer into objects, `%` comments and `%ERROR` lines. Works on the whole
 * string with a few linear passes (no array of every line), so a large answer costs a
 * small multiple of its size.
 */
export function parseRipeAnswer(raw: string, server: string, query: string): RipeAnswer {
  const src = raw.includes('\r') ? raw.replace(/\r\n/g, '\n') : raw;
  const comments: string[] = [];
  const errors: { code: number; message: string }[] = [];
  for (const [line] of src.matchAll(/^%.*$/gm)) {
    const err = /^%ERROR:(\d+):\s*(.*)$/.exec(line);
    if (err) errors.push({ code: Number(err[1]), message: err[2] });
    else comments.push(line.slice(1).trim());
  }
  const notFound = errors.some((e) => e.code === 101);
  const other = errors.filter((e) => e.code !== 101);
  if (other.length > 0) throw new IrrError('server-error', server, query, `the server answered %ERROR:${other[0].code}: ${sanitizeLine(other[0].message)}`);
  const text = (comments.length + errors.length > 0 ? src.replace(/^%.*(?:\n|$)/gm, '') : src).replace(/\n{2,}/g, '\n\n').trim();
  return { text: text ? `${text}\n` : '', comments, errors, notFound };
}
