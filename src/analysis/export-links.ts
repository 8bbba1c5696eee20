/**
 * `asrel export`: every inferred link of the asked families in the data a command opens,
 * streamed one inference at a time from the store to the output (never the whole registry in
 * memory). Links below `--min-confidence` are counted as set aside, not handed on.
 */
import type { Family, LinkInference } from '../infer/types.js';
import { storeDataLines } from './data-lines.js';
import type { DataArgs } from './open-data.js';
import { belowConfidence } from './topologies.js';
import { withData } from './with-data.js';

export { setAsideText } from './topologies.js';

export interface ExportOptions {
  /**
   * lines: each link's registry lines with their text (JSON prints them); summary: how many
   * lines and whose (CSV); none: the relations only (CAIDA). Summaries and relations are read
   * from the store's link table where it is current.
   */
  evidence: 'lines' | 'summary' | 'none';
  minConfidence?: number;
}

/**
 * Runs `write` over the links and the data notes while the data is open; the links set aside
 * per family are known when it returns.
 */
export async function withExportLinks(argv: DataArgs, fams: readonly Family[], opts: ExportOptions,
  write: (links: Iterable<LinkInference>, notes: string[]) => Promise<void>): Promise<{ setAside: Record<Family, number> }> {
  const setAside: Record<Family, number> = { ipv4: 0, ipv6: 0 };
  await withData(argv, undefined, async (d) => {
    // The notes are printed before the first link: the level is measured first, so that a level
    // beyond the fitted worlds is among them (every confidence written is read at it).
    d.engine.disagreementLevel();
    const notes = [...d.notes, ...(d.kind === 'input' ? [] : storeDataLines(d.store))];
    const links = (function* (all: Iterable<LinkInference>) {
      for (const l of all) {
        if (belowConfidence(l, opts.minConfidence)) setAside[l.family]++;
        else yield l;
      }
    })(d.engine.all(fams, opts.evidence === 'lines' ? {} : { evidence: opts.evidence === 'summary' ? 'summary' : false }));
    await write(links, notes);
  });
  return { setAside };
}
