import { printable, sanitizeLine } from './server-text.js';

export { printable };

/** What went wrong talking to an IRR server; decides whether a retry can help. */
export type IrrErrorKind =
  | 'connect' // could not open the connection (refused, DNS, …)
  | 'connect-timeout'
  | 'read-timeout' // the server stopped sending while an answer was due
  | 'reset' // the connection was reset or closed with answers still due
  | 'truncated' // the connection ended inside an answer, before its end was certain (what came is discarded)
  | 'deadline' // the answer did not complete within the per-query deadline (e.g. a server trickling bytes)
  | 'framing' // the server sent something the protocol does not allow (bad A<n>, no C after the payload, garbage)
  | 'too-large' // the answer exceeds the size cap
  | 'server-error' // the server answered `F …` or `%ERROR …`
  | 'not-irrd' // the server answered an IRRd `!` query with RIPE-style `%` text
  | 'closed'; // the client was closed before the answer came

/** The network (or the path to the server) was at fault: trying again later may help. */
const NETWORK: ReadonlySet<IrrErrorKind> = new Set(['connect', 'connect-timeout', 'read-timeout', 'reset', 'truncated', 'deadline']);

/** The server sent something wrong: a protocol fault, not the network's. */
export const PROTOCOL_KINDS: ReadonlySet<IrrErrorKind> = new Set(['framing', 'not-irrd']);

/**
 * An error that names the server, the query and what happened, so a user can tell a
 * typo from a flaky network from a broken server. `detail` may quote server text: it is
 * passed through sanitizeLine (control characters and bidi overrides shown as escapes).
 */
export class IrrError extends Error {
  /** True when the network was at fault (see NETWORK); the fetcher reports it as `network`. */
  readonly retryable: boolean;
  readonly detail: string;
  constructor(
    readonly kind: IrrErrorKind,
    readonly server: string,
    readonly query: string | undefined,
    detail: string,
  ) {
    const clean = sanitizeLine(detail, 2000);
    super(`${server}: ${query !== undefined ? `query '${printable(query)}': ` : ''}${clean}`);
    this.detail = clean;
    this.name = 'IrrError';
    this.retryable = NETWORK.has(kind);
  }

  /** Same as `retryable`: the network, not the server's content, was at fault. */
  get network(): boolean {
    return this.retryable;
  }
}

/** A name the user gave that cannot become a query (bad ASN, bad set name, control characters). */
export class QueryInputError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`'${printable(input)}' is not a valid query: ${reason}`);
    this.name = 'QueryInputError';
  }
}
