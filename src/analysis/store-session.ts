/**
 * The store and a client for the IRR server, as `fetch` and `show` use them: the object keys
 * the user typed and the session, with problems in either as one line (UserError, exit 2)
 * before anything is sent.
 */
import { QueryInputError } from '../irr/errors.js';
import { parseObjectKey, type ObjectKey } from '../irr/query.js';
import { openSession, type Session, type SessionArgs } from '../irr/session.js';
import type { Store } from '../store/store.js';
import { UserError } from './errors.js';
import { openStore } from './open-data.js';

export type { ObjectKey } from '../irr/query.js';

/** The store, and a client for the server unless offline; close() closes both. */
export type StoreSession = Session & { store: Store };

export interface StoreArgs extends SessionArgs {
  data: string;
  /** Hours. */
  ttl: number;
}

/** Turns what the user typed into object keys, or a clear error before anything is sent. */
export function objectArgs(list: readonly unknown[]): ObjectKey[] {
  return list.map((x) => {
    try {
      return parseObjectKey(String(x));
    } catch (e) {
      if (e instanceof QueryInputError) throw new UserError(e.message, 2, 'Name aut-nums as AS1299 (or asdot AS1.10) and sets by their RPSL name, e.g. AS-HURRICANE or AS1299:AS-CUSTOMERS.');
      throw e;
    }
  });
}

/** The store and, unless offline, a client for the server; problems with either are one line and exit 2. */
export function sessionOrExit(argv: StoreArgs & { write?: boolean }): StoreSession {
  if (!(argv.ttl >= 0)) throw new UserError(`--ttl is a number of hours, 0 or more (got ${argv.ttl})`, 2, 'E.g. --ttl 24.');
  let session;
  try {
    session = openSession(argv);
  } catch (e) {
    if (e instanceof QueryInputError) throw new UserError(e.message, 2, 'Check --server (host[:port]), --sources (e.g. RADB,RIPE), --ttl and --timeout.');
    throw e;
  }
  const store = openStore(argv.data, { ttlMs: argv.ttl * 3600 * 1000, write: argv.write });
  return { ...session, store, close: async () => { store.close(); await session.close(); } };
}
