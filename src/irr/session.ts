import { QueryInputError } from './errors.js';
import { DeadlineSource } from './deadline.js';
import { openObjectSource, type ObjectSource, type Protocol } from './open.js';
import { Politeness } from './politeness.js';
import { parseSources } from './query.js';

/** The server options every fetching command shares (see src/cli/options.ts). */
export interface SessionArgs {
  offline: boolean;
  server: string;
  sources?: string;
  protocol?: Protocol;
  /** Overall deadline of the whole live operation, seconds (DeadlineSource); none when absent. */
  timeout?: number;
  /** Read timeout (no data while an answer is due), seconds; default 30, and never above `timeout`. */
  readTimeout?: number;
  maxConnections?: number;
  maxNewPerSecond?: number;
  connectTimeoutMs?: number;
  /** Tries per query and failed connections before giving up (client default 4). */
  maxAttempts?: number;
}

export interface Session {
  /** Undefined with --offline: nothing may touch the network. */
  source?: ObjectSource;
  sources?: string[];
  close(): Promise<void>;
}

/**
 * A client for the server unless offline. It connects lazily, on its first query, so a
 * command answered from the store opens no connection. The wire knows nothing of the store.
 */
export function openSession(a: SessionArgs): Session {
  if (a.timeout !== undefined && !(a.timeout > 0)) throw new QueryInputError(String(a.timeout), '--timeout is a number of seconds above 0');
  const read = Math.min(a.readTimeout ?? 30, a.timeout ?? Infinity);
  const sources = a.sources ? parseSources(a.sources) : undefined;
  if (a.offline) return { sources, close: async () => {} };
  const politeness = new Politeness({ maxConnections: a.maxConnections, maxNewPerSecond: a.maxNewPerSecond });
  const source = openObjectSource(a.server, {
    protocol: a.protocol,
    sources,
    politeness,
    readTimeoutMs: read * 1000,
    connectTimeoutMs: a.connectTimeoutMs,
    maxAttempts: a.maxAttempts,
  });
  const bounded = a.timeout !== undefined ? new DeadlineSource(source, a.timeout * 1000) : source;
  return { source: bounded, sources, close: () => bounded.close() };
}
