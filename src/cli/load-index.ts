import { loadBundled } from '../store/bundled.js';
import { MemoryIndex } from '../store/memory-index.js';
import type { ObjectIndex } from '../store/types.js';

export interface DataArgs {
  data: string;
  offline: boolean;
  server: string;
  sources?: string;
  ttl: number;
  /** RPSL files or dumps to analyse instead of the store and the bundled data. */
  input?: string[];
}

export interface LoadedIndex {
  index: ObjectIndex;
  /** One line each, printed above an answer: what data was used, what failed. */
  notes: string[];
}

/**
 * Gathers the objects an analysis may use into one in-memory index, in order of
 * preference: the store (fresh objects), then the bundled snapshot.
 * TODO(lead): store + live fetch of `need` — being wired; today: bundled data only.
 */
export async function loadIndex(argv: DataArgs, need?: { asns?: number[] }): Promise<LoadedIndex> {
  void need;
  const index = new MemoryIndex();
  for (const s of loadBundled()) index.add(s);
  return { index, notes: [] };
}
