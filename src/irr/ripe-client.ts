import net from 'node:net';
import { IrrError, type IrrErrorKind } from './errors.js';
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
  /** Bytes of the current answer; undefined when no answer is due. */
  chunks?: Buffer[];
  size: number;
  onEvent?: () => void;
  error?: { kind: IrrErrorKind; detail: string };
}

/** Two empty lines end each answer on a `-k` (keep-alive) connection. */
const END = Buffer.from('\n\n\n');

/**
 * RIPE-style whois client (whois.ripe.net and other RIPE-software servers, which do not
 * speak IRRd's `!` protocol): `-k` keep-alive, `-r -s SOURCES -T <class> <key>` queries,
 * strictly one query at a time (the server does not pipeline), reconnecting with backoff
 * on a reset or timeout.
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
    return a.notFound || a.text.trim() === '' ? undefined : a.text;
  }

  /** Runs one `-T <class> <key>` query. Queries are queued: the server answers one at a time. */
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

  private async withRetries(args: string): Promise<RipeAnswer> {
    for (let attempt = 1; ; attempt++) {
      if (this.closed) throw new IrrError('closed', this.server, args, 'the client is closed');
      try {
        const raw = await this.once(args);
        return parseRipeAnswer(raw, this.server, args);
      } catch (e) {
        if (!(e instanceof IrrError) || !e.retryable || attempt >= this.o.maxAttempts) {
          if (e instanceof IrrError && e.retryable) throw new IrrError(e.kind, this.server, args, `${e.detail} (gave up after ${attempt} attempts)`);
          throw e;
        }
        await new Promise((r) => setTimeout(r, Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** (attempt - 1))));
      }
    }
  }

  private async connect(args: string): Promise<Connection> {
    const release = await this.politeness.acquire(this.server);
    const socket = net.connect({ host: this.address.host, port: this.address.port });
    const c: Connection = { socket, release, closed: false, size: 0 };
    const finish = (kind: IrrErrorKind, detail: string) => {
      if (c.closed) return;
      c.closed = true;
      socket.destroy();
      release();
      if (this.conn === c) this.conn = undefined;
      c.error ??= { kind, detail };
      c.onEvent?.();
    };
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => {
        finish('connect-timeout', `no connection within ${this.o.connectTimeoutMs} ms`);
        reject(new IrrError('connect-timeout', this.server, args, `no connection within ${this.o.connectTimeoutMs} ms`));
      }, this.o.connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(t);
        resolve();
      });
      socket.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(t);
        reject(new IrrError('connect', this.server, args, `cannot connect: ${e.code ?? e.message}`));
      });
    });
    this.stats.connections++;
    socket.setTimeout(this.o.readTimeoutMs);
    socket.on('data', (b: Buffer) => {
      if (!c.chunks) return; // nothing asked: ignore stray bytes
      c.chunks.push(b);
      c.size += b.length;
      c.onEvent?.();
    });
    socket.on('timeout', () => {
      if (c.chunks) finish('read-timeout', `no data for ${this.o.readTimeoutMs} ms while waiting for the answer (received ${c.size} bytes)`);
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
      this.conn = c;
    }
    const conn = c!;
    conn.chunks = [];
    conn.size = 0;
    conn.error = undefined;
    this.stats.queriesSent++;
    conn.socket.write(`${fresh ? '-k ' : ''}${args}\n`);
    return new Promise<string>((resolve, reject) => {
      let scanned = 0;
      conn.onEvent = () => {
        if (conn.size > this.o.maxAnswerBytes) {
          conn.onEvent = undefined;
          conn.socket.destroy();
          reject(new IrrError('too-large', this.server, args, `answer exceeds the cap of ${this.o.maxAnswerBytes} bytes`));
          return;
        }
        const all = Buffer.concat(conn.chunks!);
        conn.chunks = [all];
        const done = all.indexOf(END, Math.max(0, scanned - 2)) >= 0 && all.subarray(0, all.length - 3).some((b) => b !== 0x0a);
        scanned = all.length;
        if (done || conn.closed) {
          conn.onEvent = undefined;
          conn.chunks = undefined;
          // An answer ended by the server closing (no keep-alive) is complete if anything came.
          if (done || (conn.error?.kind === 'reset' && all.length > 0 && all[all.length - 1] === 0x0a)) resolve(all.toString('utf8'));
          else reject(new IrrError(conn.error!.kind, this.server, args, conn.error!.detail));
        }
      };
    });
  }
}

/** Splits a RIPE answer into objects, `%` comments and `%ERROR` lines. */
export function parseRipeAnswer(raw: string, server: string, query: string): RipeAnswer {
  const keep: string[] = [];
  const comments: string[] = [];
  const errors: { code: number; message: string }[] = [];
  for (const line of raw.replace(/\r\n/g, '\n').split('\n')) {
    const err = /^%ERROR:(\d+):\s*(.*)$/.exec(line);
    if (err) errors.push({ code: Number(err[1]), message: err[2] });
    else if (line.startsWith('%')) comments.push(line.slice(1).trim());
    else keep.push(line);
  }
  const notFound = errors.some((e) => e.code === 101);
  const other = errors.filter((e) => e.code !== 101);
  if (other.length > 0) throw new IrrError('server-error', server, query, `the server answered %ERROR:${other[0].code}: ${other[0].message}`);
  const text = keep.join('\n').replace(/\n{2,}/g, '\n\n').trim();
  return { text: text ? `${text}\n` : '', comments, errors, notFound };
}
