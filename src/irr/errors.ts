/** What went wrong talking to an IRR server; decides whether a retry can help. */
export type IrrErrorKind =
  | 'connect' // could not open the connection (refused, DNS, …)
  | 'connect-timeout'
  | 'read-timeout' // the server stopped sending while an answer was due
  | 'reset' // the connection was reset or closed with answers still due
  | 'framing' // the answer does not follow the protocol (e.g. A<n> not matching its payload)
  | 'too-large' // the answer exceeds the size cap
  | 'server-error' // the server answered `F …` or `%ERROR …`
  | 'not-irrd' // the server answered an IRRd `!` query with RIPE-style `%` text
  | 'closed'; // the client was closed before the answer came

const RETRYABLE: ReadonlySet<IrrErrorKind> = new Set(['connect', 'connect-timeout', 'read-timeout', 'reset']);

/**
 * An error that names the server, the query and what happened, so a user can tell a
 * typo from a flaky network from a broken server.
 */
export class IrrError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly kind: IrrErrorKind,
    readonly server: string,
    readonly query: string | undefined,
    readonly detail: string,
  ) {
    super(`${server}: ${query !== undefined ? `query '${printable(query)}': ` : ''}${detail}`);
    this.name = 'IrrError';
    this.retryable = RETRYABLE.has(kind);
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

/** Shows control characters visibly so an error message cannot itself be garbled. */
export function printable(s: string, max = 120): string {
  // eslint-disable-next-line no-control-regex
  const shown = s.replace(/[\x00-\x1f\x7f]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
  return shown.length > max ? `${shown.slice(0, max)}…` : shown;
}
