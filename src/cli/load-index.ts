import { loadBundled } from '../store/bundled.js';
import { describeData } from '../store/describe.js';
import { MemoryIndex } from '../store/memory-index.js';
import type { ObjectIndex } from '../store/types.js';
import { openSession } from '../irr/session.js';
import { gather } from '../gather/gather.js';
import { indexFromFiles } from './input-index.js';

export interface DataArgs {
  data: string;
  offline: boolean;
  server: string;
  sources?: string;
  ttl: number;
  /** RPSL files or dumps to analyse instead of the store and the bundled data. */
  input?: string[];
}

/** What an answer needs: these ASes and their uphill cones; with `neighbours`, also every AS they name. */
export interface Need {
  asns?: number[];
  neighbours?: boolean;
}

export interface LoadedIndex {
  index: ObjectIndex;
  /** One line each, printed above an answer: what data was used, what failed. */
  notes: string[];
}

// Analysis commands must answer quickly when the network is down: connect for a few
// seconds at most, give up on the first failed connection, and wait at most 10 s for a
// stalled answer (`asrel fetch` retries harder and waits longer).
const ANSWER_CONNECT_TIMEOUT_MS = 4000;
const ANSWER_READ_TIMEOUT_S = 10;

/**
 * The objects an analysis uses, in one in-memory index.
 * - `--input FILE…`: those files only.
 * - `need.asns`: those ASes and everything above them (providers, sets used as peerings),
 *   each from the fresh store, else the server (unless --offline), else the stale store,
 *   else the bundled snapshot.
 * - otherwise (whole-store analyses): every stored object; the bundled snapshot only when
 *   the store is empty.
 */
export async function loadIndex(argv: DataArgs, need?: Need): Promise<LoadedIndex> {
  if (argv.input && argv.input.length > 0) return indexFromFiles(argv.input);
  const bundled = loadBundled();
  const session = openSession({ ...argv, connectTimeoutMs: ANSWER_CONNECT_TIMEOUT_MS, maxAttempts: 1, timeout: ANSWER_READ_TIMEOUT_S });
  try {
    if (need?.asns && need.asns.length > 0) {
      const fallback = new MemoryIndex();
      for (const s of bundled) fallback.add(s);
      const g = await gather(need.asns, {
        store: session.store,
        source: session.source,
        fallback,
        ...(need.neighbours ? { neighboursOf: need.asns, maxObjects: 20_000 } : {}),
      });
      return { index: g.index, notes: [...g.notes, ...describeData(g.index, g.index.asns())] };
    }
    const index = new MemoryIndex();
    const { loaded, problems } = await session.store.loadInto(index, { sourceOrder: session.sources });
    const notes: string[] = [];
    // Whole-data analyses feed research: never mix the bundled examples into a user's own
    // store. They stand in only when the store is empty, and the answer says so.
    if (loaded === 0) {
      for (const s of bundled) index.add(s);
      notes.push(`the store (${argv.data}) is empty: using the bundled snapshot; fetch or import data for your own analysis`);
    }
    notes.push(...describeData(index, index.asns()));
    if (problems.length) notes.push(`store: ${problems.length} unreadable file(s) skipped, e.g. ${problems[0]}`);
    return { index, notes };
  } finally {
    await session.close();
  }
}
