// src/store/failures.ts imports nothing: the CLI entry loads this module at start-up.
import { storeFailure } from '../store/failures.js';

/**
 * An error whose message is meant for the user as is: the CLI prints it to stderr
 * (no stack) and exits with `exitCode` (1: the data or the network could not give an
 * answer; 2: a usage mistake). Anything else reaching the top is a bug and is printed with
 * its stack. `reason` names the kind of failure for machine readers (`--json` prints it).
 */
export class UserError extends Error {
  constructor(message: string, readonly exitCode = 2, readonly hint?: string, readonly reason?: string) {
    super(message);
    this.name = 'UserError';
  }
}

// A damaged store, a full disk, read-only media: one line naming the file. The CLI's last
// error handler asks storeFailure() about any error it did not expect.
export { storeFailure, type StoreFailure } from '../store/failures.js';

/** `err` as the one line the faces print when it is a store failure, else undefined; `stored`: objects committed before a write failed. */
export function storeFailureError(err: unknown, opts: { path?: string; stored?: number } = {}): UserError | undefined {
  const f = storeFailure(err, opts);
  return f && new UserError(f.message, f.exitCode, f.hint);
}

/** The store file `path` as SQLite's quick check found it damaged (`problem`: its first finding). */
export function damagedStoreError(path: string, problem: string): UserError {
  return storeFailureError({ code: 'SQLITE_CORRUPT', message: problem }, { path })!;
}
