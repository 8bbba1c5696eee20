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
