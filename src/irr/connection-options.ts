import type { Politeness } from './politeness.js';
import type { ServerAddress } from './server.js';

/** What both query styles (IRRd and RIPE) need to know about talking to a server. */
export interface ConnectionOptions {
  server: ServerAddress | string;
  /** Source order (`!s` for IRRd, `-s` for RIPE); the server's default when absent. */
  sources?: string[];
  connectTimeoutMs?: number;
  /** No data for this long while answers are due ends the connection (default 30 s, like bgpq4). */
  readTimeoutMs?: number;
  /**
   * Longest time one answer may take, from the moment the server starts on it (IRRd: when
   * the answer before it on the pipeline is complete; RIPE: when the query is sent) to its
   * last byte, however steadily bytes arrive (default 120 s). Stops a server that trickles.
   */
  queryDeadlineMs?: number;
  /**
   * Largest accepted answer (default 16 MiB). The biggest real aut-num (AS3257) is 0.5 MB
   * and the largest recursive `!i` set expansions are around 1 MB, so 16 MiB leaves a wide
   * margin while keeping a hostile answer's cost bounded: IRRd answers announcing more are
   * refused on their `A<n>` header, RIPE answers are cut when the bytes pass the cap.
   */
  maxAnswerBytes?: number;
  /** Tries per query and consecutive failed connections before giving up on network faults (default 4). */
  maxAttempts?: number;
  /**
   * Tries per query when the server gets its answer wrong (bad or mismatched `A<n>`, no `C`
   * after the payload, a garbage line) or misses the query deadline; each try is on a fresh
   * connection (default 2).
   */
  maxProtocolAttempts?: number;
  /** First reconnect delay; doubles per consecutive failure up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  politeness?: Politeness;
}

export type ConnectionSettings = Required<
  Pick<ConnectionOptions, 'connectTimeoutMs' | 'readTimeoutMs' | 'queryDeadlineMs' | 'maxAnswerBytes' | 'maxAttempts' | 'maxProtocolAttempts' | 'backoffMs' | 'maxBackoffMs'>
>;

export const DEFAULT_MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/** The numeric settings with their defaults filled in (one place for both clients). */
export function connectionSettings(o: ConnectionOptions): ConnectionSettings {
  return {
    connectTimeoutMs: positive(o.connectTimeoutMs ?? 10_000, 'connectTimeoutMs'),
    readTimeoutMs: positive(o.readTimeoutMs ?? 30_000, 'readTimeoutMs'),
    queryDeadlineMs: positive(o.queryDeadlineMs ?? 120_000, 'queryDeadlineMs'),
    maxAnswerBytes: positive(o.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES, 'maxAnswerBytes'),
    maxAttempts: Math.max(1, o.maxAttempts ?? 4),
    maxProtocolAttempts: Math.max(1, o.maxProtocolAttempts ?? 2),
    backoffMs: o.backoffMs ?? 500,
    maxBackoffMs: o.maxBackoffMs ?? 8_000,
  };
}

function positive(n: number, name: string): number {
  if (!(n > 0) || !Number.isFinite(n)) throw new RangeError(`${name} must be a number above 0 (got ${n})`);
  return n;
}
