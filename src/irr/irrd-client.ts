import net from 'node:net';
import { FrameError, IrrdFrameParser, type IrrdFrame } from './irrd-framing.js';
import { IrrError, QueryInputError, type IrrErrorKind } from './errors.js';
import { sanitizeLine } from './server-text.js';
import { defaultPoliteness, type Politeness, type Release } from './politeness.js';
import { formatServer, parseServer, type ServerAddress } from './server.js';
import { irrdClientNameCommand, irrdObjectQuery, irrdSetMembersQuery, irrdSourcesCommand, type ObjectKey } from './query.js';
import { ASREL_VERSION } from './version.js';
import { connectionSettings, type ConnectionOptions } from './connection-options.js';

/** Longest raw query `query()` sends (the longest built by query.ts is well under this). */
export const MAX_QUERY_LENGTH = 1024;

export interface IrrdClientOptions extends ConnectionOptions {
  /** Sent as `!n<name>` so server operators can tell who is asking. */
  clientName?: string;
  /** Queries written ahead of their answers on the one connection (default 500). */
  maxInFlight?: number;
}

export type IrrdAnswer = { kind: 'data'; text: string; bytes: number } | { kind: 'empty' } | { kind: 'not-found' };

interface Pending {
  query: string;
  internal: boolean;
  /** Times sent on a connection that then failed for network reasons, or is in flight now. */
  attempts: number;
  /** Times its own answer was wrong (framing) or missed the deadline; each retried on a fresh connection. */
  faults: number;
  resolve(a: IrrdAnswer): void;
  reject(e: IrrError): void;
}

interface Connection {
  socket: net.Socket;
  parser: IrrdFrameParser;
  release: Release;
  connected: boolean;
  dead: boolean;
  connectTimer?: NodeJS.Timeout;
  /** Runs out when the answer at the head of the pipeline has taken queryDeadlineMs. */
  deadlineTimer?: NodeJS.Timeout;
}

/**
 * IRRd whois client in the manner of bgpq4's expander: one connection in `!!` (keep-open)
 * mode, queries pipelined ahead of their answers, answers matched to queries in FIFO order.
 * On a reset or timeout it reconnects with exponential backoff and re-sends only the
 * queries whose answers had not fully arrived (an answer is complete only when its `A<n>`
 * payload and the `C` after it have arrived: nothing partial is ever returned).
 *
 * When the server gets one answer wrong (a malformed or mismatched `A<n>`, no `C` after the
 * payload, a garbage line) or takes longer than the query deadline over it, the stream can
 * no longer be trusted: the connection is dropped, that query is tried again on a fresh
 * connection up to maxProtocolAttempts times, and the queries after it are re-sent without
 * being charged an attempt. An answer over the size cap fails at once (no retry).
 */
export class IrrdClient {
  readonly server: string;
  /** Connections opened and queries written, for tests and benchmarks. */
  readonly stats = { connections: 0, queriesSent: 0 };

  private readonly address: ServerAddress;
  private readonly opts: Required<Omit<IrrdClientOptions, 'server' | 'sources' | 'politeness'>> & { sources?: string[] };
  private readonly politeness: Politeness;
  private readonly setup: string[];
  private queue: Pending[] = [];
  private inflight: Pending[] = [];
  private conn?: Connection;
  private connecting = false;
  private reconnectTimer?: NodeJS.Timeout;
  private failures = 0;
  private closed = false;
  private fatal?: { kind: IrrErrorKind; detail: string };

  constructor(options: IrrdClientOptions) {
    this.address = typeof options.server === 'string' ? parseServer(options.server) : options.server;
    this.server = formatServer(this.address);
    this.politeness = options.politeness ?? defaultPoliteness;
    this.opts = {
      ...connectionSettings(options),
      clientName: options.clientName ?? `asrel-${ASREL_VERSION}`,
      maxInFlight: Math.max(1, options.maxInFlight ?? 500),
      sources: options.sources,
    };
    // Validated here so a bad source list fails before any connection.
    this.setup = [irrdClientNameCommand(this.opts.clientName)];
    if (options.sources && options.sources.length) this.setup.push(irrdSourcesCommand(options.sources));
  }

  /**
   * Sends one raw IRRd query (build it with the functions in query.ts). Resolves with the
   * answer; rejects with an IrrError naming the server, the query and what happened.
   */
  query(query: string): Promise<IrrdAnswer> {
    const bad = rawQueryProblem(query);
    if (bad) return Promise.reject(new QueryInputError(query, `refusing to send a query that is not a single IRRd command line: ${bad}`));
    if (this.closed) return Promise.reject(new IrrError('closed', this.server, query, 'the client is closed'));
    if (this.fatal) return Promise.reject(new IrrError(this.fatal.kind, this.server, query, this.fatal.detail));
    return new Promise<IrrdAnswer>((resolve, reject) => {
      this.queue.push({ query, internal: false, attempts: 0, faults: 0, resolve, reject });
      if (this.conn?.connected) this.pump(this.conn);
      else this.kick();
    });
  }

  /** The object's RPSL text (first match in source order), or undefined when the server has none. */
  async getObject(k: ObjectKey): Promise<string | undefined> {
    const a = await this.query(irrdObjectQuery(k));
    return a.kind === 'data' ? a.text : undefined;
  }

  /** Members of a set (`!i<set>,1` expands nested sets on the server); undefined when not found. */
  async setMembers(set: string, recursive = true): Promise<string[] | undefined> {
    const a = await this.query(irrdSetMembersQuery(set, recursive));
    if (a.kind === 'not-found') return undefined;
    return a.kind === 'data' ? a.text.split(/\s+/).filter(Boolean) : [];
  }

  /** Pending and in-flight queries fail with 'closed'; the connection is ended with `q`. */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    for (const p of [...this.queue, ...this.inflight]) if (!p.internal) p.reject(new IrrError('closed', this.server, p.query, 'the client was closed before the answer came'));
    this.queue = [];
    this.inflight = [];
    const conn = this.conn;
    if (!conn) return;
    this.conn = undefined;
    conn.dead = true;
    clearTimeout(conn.connectTimer);
    clearTimeout(conn.deadlineTimer);
    await new Promise<void>((resolve) => {
      conn.socket.ref(); // an idle connection is unref'd; waiting for its close must keep the process alive
      conn.socket.once('close', () => resolve());
      if (conn.connected && !conn.socket.destroyed) conn.socket.end('q\n');
      else conn.socket.destroy();
      setTimeout(() => conn.socket.destroy(), 1000).unref();
    });
    conn.release();
  }

  private kick(): void {
    if (this.closed || this.conn || this.connecting || this.reconnectTimer || this.queue.length === 0) return;
    this.connecting = true;
    void this.open();
  }

  private async open(): Promise<void> {
    const release = await this.politeness.acquire(this.server);
    this.connecting = false;
    if (this.closed || this.queue.length === 0) {
      release();
      return;
    }
    const socket = net.connect({ host: this.address.host, port: this.address.port });
    socket.setNoDelay(true);
    const conn: Connection = { socket, parser: new IrrdFrameParser(this.opts.maxAnswerBytes), release, connected: false, dead: false };
    this.conn = conn;
    conn.connectTimer = setTimeout(
      () => this.fail(conn, 'connect-timeout', `no connection within ${seconds(this.opts.connectTimeoutMs)}`),
      this.opts.connectTimeoutMs,
    );
    socket.once('connect', () => {
      clearTimeout(conn.connectTimer);
      conn.connected = true;
      this.stats.connections++;
      socket.setTimeout(this.opts.readTimeoutMs);
      // `!!` keeps the connection open and has no answer; the setup commands each answer C (or F).
      const setup: Pending[] = this.setup.map((query) => ({ query, internal: true, attempts: 0, faults: 0, resolve: () => {}, reject: () => {} }));
      socket.write(`!!\n${this.setup.map((q) => `${q}\n`).join('')}`);
      this.inflight.push(...setup);
      this.armDeadline(conn);
      this.pump(conn);
    });
    socket.on('data', (chunk: Buffer) => this.onData(conn, chunk));
    socket.on('timeout', () => {
      if (this.inflight.length === 0) return; // idle keep-open connection
      const p = conn.parser.progress();
      this.fail(conn, 'read-timeout', `no data for ${seconds(this.opts.readTimeoutMs)} while waiting for the answer${p ? ` (received ${p.received} of ${p.expected} bytes)` : ''}`);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      if (conn.connected) this.fail(conn, 'reset', `connection failed: ${e.code ?? e.message}`);
      else this.fail(conn, 'connect', `cannot connect: ${e.code ?? e.message}`);
    });
    socket.on('close', () => this.fail(conn, 'reset', 'the server closed the connection'));
  }

  private pump(conn: Connection): void {
    if (conn.dead || !conn.connected) return;
    const wasIdle = this.inflight.length === 0;
    const batch: string[] = [];
    while (this.queue.length > 0 && this.inflight.length < this.opts.maxInFlight) {
      const p = this.queue.shift()!;
      p.attempts++;
      this.inflight.push(p);
      batch.push(`${p.query}\n`);
    }
    if (batch.length > 0) {
      this.stats.queriesSent += batch.length;
      conn.socket.write(batch.join(''));
      if (wasIdle) this.armDeadline(conn);
    }
    if (this.inflight.length > 0) conn.socket.ref();
    else conn.socket.unref(); // an idle open connection must not keep the process alive
  }

  private onData(conn: Connection, chunk: Buffer): void {
    if (conn.dead) return;
    let settled = false;
    try {
      conn.parser.push(chunk, (f) => {
        if (conn.dead) return;
        const p = this.inflight.shift();
        if (!p) throw new FrameError('framing', `an answer arrived that no query asked for (${f.kind})`);
        this.failures = 0;
        settled = true;
        this.settle(p, f);
      });
    } catch (e) {
      if (!(e instanceof FrameError)) throw e;
      if (!conn.dead) this.frameError(conn, e);
      return;
    }
    if (settled) this.armDeadline(conn); // the next answer on the pipeline starts now
    this.pump(conn);
  }

  /** (Re)starts the deadline of the answer now at the head of the pipeline. */
  private armDeadline(conn: Connection): void {
    clearTimeout(conn.deadlineTimer);
    conn.deadlineTimer = undefined;
    if (conn.dead || this.inflight.length === 0) return;
    const head = this.inflight[0];
    conn.deadlineTimer = setTimeout(() => {
      if (conn.dead || this.inflight[0] !== head) return;
      const p = conn.parser.progress();
      const detail = `no complete answer within the query deadline of ${seconds(this.opts.queryDeadlineMs)}${p ? ` (received ${p.received} of ${p.expected} bytes)` : ''}`;
      this.headFault(conn, 'deadline', detail, true);
    }, this.opts.queryDeadlineMs);
  }

  private settle(p: Pending, f: IrrdFrame): void {
    if (f.kind === 'F') {
      if (p.internal) {
        if (p.query.startsWith('!s')) this.setFatal('server-error', `the server rejected the source list '${p.query.slice(2)}': ${sanitizeLine(f.message)}`);
        return; // a refused `!n` is harmless
      }
      p.reject(new IrrError('server-error', this.server, p.query, `the server answered F ${sanitizeLine(f.message)}`));
      return;
    }
    if (p.internal) return;
    if (f.kind === 'A') p.resolve({ kind: 'data', text: f.payload.toString('utf8'), bytes: f.payload.length });
    else if (f.kind === 'D') p.resolve({ kind: 'not-found' });
    else p.resolve({ kind: 'empty' });
  }

  /** The stream is out of step: the connection is dropped; the head query is retried (or fails), the rest re-sent. */
  private frameError(conn: Connection, e: FrameError): void {
    if (e.kind === 'not-irrd') {
      this.setFatal(e.kind, `${e.message}; query it RIPE-style (--protocol ripe)`);
      return;
    }
    this.headFault(conn, e.kind, e.message, e.kind === 'framing');
  }

  /**
   * The answer at the head of the pipeline went wrong in a way that is the server's doing,
   * not the network's. Nothing after it on this connection can be trusted, so the
   * connection is dropped. The head query is tried again on a fresh connection (up to
   * maxProtocolAttempts, when `retry`) or fails naming what was wrong; the queries behind
   * it are re-sent and not charged an attempt. A fault while answering the setup commands
   * (or an answer nobody asked for) counts as a failed connection.
   */
  private headFault(conn: Connection, kind: IrrErrorKind, detail: string, retry: boolean): void {
    const head = this.inflight[0];
    if (!head || head.internal) {
      this.fail(conn, kind, detail);
      return;
    }
    head.faults++;
    if (!retry || head.faults >= this.opts.maxProtocolAttempts) {
      this.inflight.shift();
      const tries = head.faults === 1 ? '' : ` (gave up after ${head.faults} attempts, each on a fresh connection)`;
      head.reject(new IrrError(kind, this.server, head.query, `${detail}${tries}`));
    }
    this.fail(conn, kind, detail, false); // re-sends the head (when retried) and everything after it, in order
  }

  private setFatal(kind: IrrErrorKind, detail: string): void {
    this.fatal = { kind, detail };
    const all = [...this.inflight, ...this.queue];
    this.inflight = [];
    this.queue = [];
    for (const p of all) if (!p.internal) p.reject(new IrrError(kind, this.server, p.query, detail));
    if (this.conn) this.fail(this.conn, kind, detail);
  }

  /**
   * The connection is gone: its unanswered queries are retried (or fail after maxAttempts).
   * With `countFailure` false the failure was not theirs (another answer was wrong): they
   * are re-sent without being charged an attempt.
   */
  private fail(conn: Connection, kind: IrrErrorKind, detail: string, countFailure = true): void {
    if (conn.dead) return;
    conn.dead = true;
    clearTimeout(conn.connectTimer);
    clearTimeout(conn.deadlineTimer);
    conn.socket.destroy();
    conn.release();
    if (this.conn === conn) this.conn = undefined;
    const unanswered = this.inflight.filter((p) => !p.internal);
    this.inflight = [];
    if (unanswered.length === 0 && this.queue.length === 0) return; // an idle connection went away
    if (countFailure) this.failures++;
    const giveUpAll = countFailure && this.failures >= this.opts.maxAttempts;
    const retry: Pending[] = [];
    for (const p of unanswered) {
      if (!countFailure) {
        p.attempts--;
        retry.push(p);
      } else if (giveUpAll || p.attempts >= this.opts.maxAttempts) p.reject(new IrrError(kind, this.server, p.query, `${detail} (gave up after ${p.attempts} attempt${p.attempts === 1 ? '' : 's'})`));
      else retry.push(p);
    }
    if (giveUpAll) {
      for (const p of this.queue) p.reject(new IrrError(kind, this.server, p.query, `${detail} (gave up after ${this.failures} failed connection${this.failures === 1 ? '' : 's'})`));
      this.queue = [];
      this.failures = 0;
      return;
    }
    this.queue.unshift(...retry);
    if (this.queue.length === 0 || this.closed) return;
    const delay = this.failures === 0 ? 0 : Math.min(this.opts.maxBackoffMs, this.opts.backoffMs * 2 ** (this.failures - 1));
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.kick();
    }, delay);
  }
}

/** Why a raw query must not be sent, or undefined when it is one IRRd command line. */
function rawQueryProblem(q: string): string | undefined {
  if (!q.startsWith('!')) return 'IRRd queries start with !';
  if (q.length > MAX_QUERY_LENGTH) return `longer than ${MAX_QUERY_LENGTH} characters`;
  if (q === '!!') return '!! is sent by the client itself';
  // Printable ASCII without spaces: a CR/LF/NUL or other control would end the line or hide a second command.
  if (!/^![\x21-\x7e]+$/.test(q)) return 'it contains a space, a control character or a non-ASCII character';
  return undefined;
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${+(ms / 1000).toFixed(1)} s` : `${ms} ms`;
}
