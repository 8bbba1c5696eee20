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
  /** Largest accepted answer (default 64 MiB). */
  maxAnswerBytes?: number;
  /** Tries per query and consecutive failed connections before giving up (default 4). */
  maxAttempts?: number;
  /** First reconnect delay; doubles per consecutive failure up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  politeness?: Politeness;
}

export type ConnectionSettings = Required<Pick<ConnectionOptions,
  'connectTimeoutMs' | 'readTimeoutMs' | 'maxAnswerBytes' | 'maxAttempts' | 'backoffMs' | 'maxBackoffMs'>>;

/** The numeric settings with their defaults filled in (one place for both clients). */
export function connectionSettings(o: ConnectionOptions): ConnectionSettings {
  return {
    connectTimeoutMs: o.connectTimeoutMs ?? 10_000,
    readTimeoutMs: o.readTimeoutMs ?? 30_000,
    maxAnswerBytes: o.maxAnswerBytes ?? 64 * 1024 * 1024,
    maxAttempts: Math.max(1, o.maxAttempts ?? 4),
    backoffMs: o.backoffMs ?? 500,
    maxBackoffMs: o.maxBackoffMs ?? 8_000,
  };
}
