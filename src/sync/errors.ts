/**
 * What can go wrong while mirroring, by what the caller must do about it:
 * `reload`  the local copy can no longer follow the source (a serial gap, a serial going
 *           backwards, a new NRTMv4 session, a damaged delta): load the snapshot or dump again;
 * `refuse`  the source's data cannot be trusted or used (a bad or missing signature, a wrong
 *           key, a stale or malformed notification file): nothing is applied, the user must act;
 * `retry`   the network or the server failed this time (a cut answer, a timeout): nothing of
 *           the failed batch is applied; the next run tries again from the recorded serial.
 */
export type SyncErrorKind = 'reload' | 'refuse' | 'retry';

export class SyncError extends Error {
  constructor(readonly kind: SyncErrorKind, message: string) {
    super(message);
    this.name = 'SyncError';
  }
}
