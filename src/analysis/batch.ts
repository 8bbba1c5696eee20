/**
 * Every ordered pair among a list of ASes, per family: reachable, length, path and why not
 * (`batch --json`'s pairs), from the uphill cones of the listed ASes. One valley-free search
 * per source AS and family, then a path read per target.
 */
import { ValleyFreeSearcher } from '../graph/valley-free.js';
import type { Topology } from '../graph/topology.js';
import { FAMILIES } from '../infer/families.js';
import type { Family } from '../infer/types.js';
import { readAsnList } from './asn-list.js';
import { loadTopologies, requireFamily, type EdgeArgs } from './relationships.js';
import { familyGraph, type AnalysisSession } from './session.js';

/**
 * `path`; `no-path` (both have links in the family, no valley-free path); `no-data` (one has no
 * link in it); `below-min-confidence` (no path among the links at `--min-confidence`, one with
 * every link: what joins them is below the threshold, unknown there, never a dark spot).
 */
export type PairReason = 'path' | 'no-path' | 'no-data' | 'below-min-confidence';

/** One family's answer for a pair. */
export interface FamilyPair {
  reachable: boolean;
  length: number | null;
  path: number[] | null;
  reason: PairReason;
}

export interface PairRow {
  a: number;
  b: number;
  [family: string]: unknown;
}

/** A dark spot: a path in one family and none in the other although both ASes have links there. */
export function darkFamilyOf(families: readonly Family[], reasons: PairReason[]): Family | undefined {
  if (families.length !== 2) return undefined;
  if (reasons[0] === 'path' && reasons[1] === 'no-path') return families[1];
  if (reasons[1] === 'path' && reasons[0] === 'no-path') return families[0];
  return undefined;
}

/**
 * The pairs, one source AS at a time. A dark spot says whether it could rest on an ambiguous
 * link (`dependsOnAmbiguous`; src/graph/ambiguous-links.ts: one link read otherwise joins the two or gives one a provider).
 */
export function* batchPairs(topos: Topology[], asns: readonly number[], everyLink?: Topology[]): Generator<PairRow> {
  const families = topos.map((t) => t.family);
  const searchers = topos.map((t) => new ValleyFreeSearcher(t.csr));
  const idx = topos.map((t) => asns.map((a) => t.csr.index.get(a) ?? -1));
  // With --min-confidence: the same graphs with every link, searched from the same source, say
  // whether a pair apart at the threshold is joined by links below it (then unknown there).
  const all = everyLink?.map((t) => ({ searcher: new ValleyFreeSearcher(t.csr), idx: asns.map((a) => t.csr.index.get(a) ?? -1) }));
  /** Family k's reason for listed ASes i and j, apart at the threshold (the every-link searcher has run from i). */
  const apart = (k: number, i: number, j: number): PairReason => {
    const g = all?.[k];
    return g && g.idx[i]! >= 0 && g.idx[j]! >= 0 && g.searcher.pathTo(g.idx[j]!) !== null ? 'below-min-confidence' : 'no-path';
  };
  for (let i = 0; i < asns.length; i++) {
    const src = idx.map((ix) => ix[i]!);
    topos.forEach((_t, k) => { if (src[k]! >= 0) searchers[k]!.run(src[k]!); });
    all?.forEach((g) => { if (g.idx[i]! >= 0) g.searcher.run(g.idx[i]!); });
    for (let j = 0; j < asns.length; j++) {
      if (i === j) continue;
      const reasons: PairReason[] = [];
      const perFamily: Record<string, FamilyPair> = {};
      topos.forEach((t, k) => {
        const tj = idx[k]![j]!;
        const p = src[k]! >= 0 && tj >= 0 ? searchers[k]!.pathTo(tj) : null;
        const reason: PairReason = p !== null ? 'path' : src[k]! >= 0 && tj >= 0 ? apart(k, i, j) : 'no-data';
        reasons.push(reason);
        perFamily[t.family] = { reachable: p !== null, length: p ? p.length - 1 : null, path: p ? p.map((x) => t.csr.asns[x]!) : null, reason };
      });
      const dark = darkFamilyOf(families, reasons);
      // A dark spot that another reading of an ambiguous link could join (the graph's cones hold those links).
      const ambiguous = dark ? topos[families.indexOf(dark)]!.ambiguousLinks.between(asns[i]!, asns[j]!) : [];
      yield {
        a: asns[i]!, b: asns[j]!, ...perFamily,
        ...(families.length === 2 ? { darkSpot: dark !== undefined, darkFamily: dark ?? null, dependsOnAmbiguous: ambiguous.length > 0 } : {}),
        // `joins` is judged within the graph of the listed ASes' cones (dark-spots: the whole data's), so
        // false there may be a join through ASes outside them; `givesProvider` says the other reason.
        ...(ambiguous.length ? { ambiguousLinks: ambiguous } : {}),
      };
    }
  }
}

/** `batch --json` for a list of ASes (no repeats). */
export function batchQuestion(s: AnalysisSession, asns: readonly number[], families: readonly Family[] = FAMILIES): Record<string, unknown> {
  const g = s.cones([...asns], families);
  const topos = families.map((f) => familyGraph(g, f));
  const notes = [...g.notes, ...absentNotes(topos, asns)];
  return { families, notes, pairs: [...batchPairs(topos, asns)] };
}

/** The listed ASes with no link in a family: every pair with them is no-data there. */
function absentNotes(topos: readonly Topology[], asns: readonly number[]): string[] {
  const notes: string[] = [];
  for (const t of topos) {
    const absent = asns.filter((a) => !t.has(a));
    if (absent.length) notes.push(`${t.family}: ${absent.length} of the ${asns.length} ASes have no link (every pair with them is ${t.family}_reason=no-data, never a dark spot): ${absent.slice(0, 10).map((a) => `AS${a}`).join(', ')}${absent.length > 10 ? ', …' : ''}`);
  }
  return notes;
}

export interface BatchAnswer {
  families: Family[];
  asns: number[];
  notes: string[];
  /** Every ordered pair, computed as it is taken (a long list is written while it is searched). */
  pairs: Generator<PairRow>;
}

/**
 * `asrel batch`: the ASes of the list file `asnsFile`, the topologies of `asked` (default: the
 * families loaded), from relationship files or the IRR data around the listed ASes.
 */
export async function batchAnswer(argv: EdgeArgs, asnsFile: string, asked?: Family[]): Promise<BatchAnswer> {
  const { asns, duplicates } = await readAsnList(asnsFile);
  const loaded = await loadTopologies(argv, { asns, lean: true }, asked ?? FAMILIES);
  const families = asked ?? FAMILIES.filter((f) => loaded.topologies[f]);
  if (families.length === 0) requireFamily(loaded, 'ipv4');
  const topos = families.map((f) => requireFamily(loaded, f));
  const notes = [...loaded.notes];
  // --min-confidence: the listed ASes' cones read again with every link (see batchPairs).
  const everyLink = argv['min-confidence'] !== undefined && loaded.engine
    ? (await import('./topologies.js')).irrTopologies(loaded.engine, { asns, families, ambiguous: argv.ambiguous, full: [] })
    : undefined;
  if (duplicates) notes.push(`${asnsFile}: ${duplicates} repeated AS number(s) ignored`);
  notes.push(...absentNotes(topos, asns));
  return { families, asns, notes, pairs: batchPairs(topos, asns, everyLink && families.map((f) => everyLink.topologies[f]!)) };
}
