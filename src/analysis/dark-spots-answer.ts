/**
 * The dark-spots answer both faces give (`asrel dark-spots --json` and `/api/dark-spots`):
 * the search over the two families' graphs, the listed spots with the exchanges the two ASes
 * share when IXP data is loaded, and the counts.
 */
import { findDarkSpots, type DarkSpot } from '../explain/dark-spots.js';
import type { Topology } from '../graph/topology.js';
import { FAMILIES } from '../infer/families.js';
import type { Family } from '../infer/types.js';
import { sharedIxpCount } from '../ixp/common.js';
import { loadIxpForAnswer } from '../ixp/cli.js';
import type { IxpLoadContext } from '../ixp/load.js';
import { loadTopologies, requireFamily, type EdgeArgs } from './relationships.js';

/** A listed spot; with IXP data, the exchanges both share (null: the data knows nothing of one of them). */
export type ListedSpot = DarkSpot & { sharedIxps?: number | null; ixpUnknown?: string };

export interface DarkSpotsAnswer {
  afi: Family[];
  total: number;
  totalByFamily: Record<Family, number>;
  transitFree: Record<Family, number>;
  pairTests: Record<Family, number>;
  spots: ListedSpot[];
  ixp?: { listed: number; closable: number; unknown: number; datasets: { source: string; date: string }[] };
  /** The closable line of the text answer (with IXP data). */
  closable?: string;
}

export type DarkSearch = ReturnType<typeof findDarkSpots>;

export function darkSpotsSearch(topos: Record<Family, Topology>, families: Family[], top: number): DarkSearch {
  return findDarkSpots(topos, families, { keep: top });
}

/** The answer from a search; `ixp`: the `--ixp` sources, loaded for the listed spots' ASes only. */
export async function darkSpotsAnswer(result: DarkSearch, families: Family[], ixp?: { sources: readonly string[]; ctx: Omit<IxpLoadContext, 'asns'>; notes: string[] }): Promise<DarkSpotsAnswer> {
  let spots: ListedSpot[] = result.spots;
  let ixpPart: Pick<DarkSpotsAnswer, 'ixp' | 'closable'> = {};
  if (ixp?.sources.length) {
    // The listed spots only: findDarkSpots keeps the top N and counts the rest.
    const asns = [...new Set(spots.flatMap((s) => [s.a, s.b]))];
    const { presence } = await loadIxpForAnswer(ixp.sources, { ...ixp.ctx, asns }, ixp.notes);
    spots = spots.map((s) => {
      const unknown = presence.unknown?.get(s.a) ?? presence.unknown?.get(s.b);
      return unknown ? { ...s, sharedIxps: null, ixpUnknown: unknown } : { ...s, sharedIxps: sharedIxpCount(presence, s.a, s.b, s.family) };
    });
    const n = spots.filter((s) => (s.sharedIxps ?? 0) > 0).length;
    const unknown = spots.filter((s) => s.sharedIxps === null).length;
    const data = presence.datasets.map((d) => `${d.source}, ${d.date}`).join('; ');
    ixpPart = {
      ixp: { listed: spots.length, closable: n, unknown, datasets: presence.datasets.map(({ source, date }) => ({ source, date })) },
      closable: `${n} of the ${spots.length} dark spot${spots.length === 1 ? '' : 's'} listed could close at an exchange where both are already present (with addresses of the dark family; ${data})` +
        (unknown ? `; for ${unknown} the IXP data holds nothing about one of the two ASes` : ''),
    };
  }
  const total = families.reduce((n, f) => n + result.total[f], 0);
  return { afi: families, total, totalByFamily: result.total, transitFree: result.transitFree, pairTests: result.pairTests, spots, ...ixpPart };
}

/** The JSON both faces print: the answer without the text line, then the notes. */
export function darkSpotsJson(a: DarkSpotsAnswer, notes: string[]): Record<string, unknown> {
  const { closable: _text, ...rest } = a;
  return { ...rest, notes };
}

/**
 * `asrel dark-spots`: the search over the whole data a command loaded (relationship files or
 * the IRR data), with the exchanges of the listed pairs when `ixp` names IXP data.
 */
export async function darkSpotsFromData(argv: EdgeArgs, top: number, afi?: Family, ixp?: string[]): Promise<{ answer: DarkSpotsAnswer; notes: string[] }> {
  const loaded = await loadTopologies(argv);
  const [v4, v6] = FAMILIES.map((f) => requireFamily(loaded, f));
  const families = afi ? [afi] : [...FAMILIES];
  const result = darkSpotsSearch({ ipv4: v4!, ipv6: v6! }, families, top);
  const answer = await darkSpotsAnswer(result, families, ixp?.length
    ? { sources: ixp, ctx: { dataDir: argv.data, offline: argv.offline }, notes: loaded.notes } : undefined);
  return { answer, notes: loaded.notes };
}
