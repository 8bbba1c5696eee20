/**
 * Where the analysis questions get their relationships: `--relationships [ipv4:|ipv6:]FILE`
 * (CAIDA serial-1/2 or asrel CSV; no IRR data needed; repeatable, one file per family) or,
 * by default, inference from the IRR data opened (src/analysis/open-data.ts).
 */
import { loadRelationshipFile, RelationshipFileError, type RelationshipFileResult } from '../graph/relationship-file.js';
import { Topology } from '../graph/topology.js';
import type { AmbiguousPolicy, RelationshipEdge } from '../graph/types.js';
import { FAMILIES } from '../infer/families.js';
import type { InferenceEngine } from '../infer/engine.js';
import type { IrrTopologies } from './topologies.js';
import type { Family } from '../infer/types.js';
import { UserError } from './errors.js';
import { localCopy } from './local-copy.js';
import type { DataArgs } from './open-data.js';
import { thousands } from '../report/thousands.js';

export interface EdgeArgs extends DataArgs {
  /** One file, or several when the option is repeated. */
  relationships?: string | string[];
  'relationships-afi'?: Family;
  ambiguous?: AmbiguousPolicy;
  'min-confidence'?: number;
}

export interface LoadedEdges {
  edges: RelationshipEdge[];
  /** One line each, printed above an answer (and as "notes" in JSON). */
  notes: string[];
  /** Where the edges came from. */
  origin: 'relationships' | 'irr';
  /** IRR answers: whether an AS has an aut-num in the data (data gaps). */
  hasObject?: (asn: number) => boolean;
}

export interface LoadedTopologies {
  topologies: Partial<Record<Family, Topology>>;
  notes: string[];
  origin: LoadedEdges['origin'];
  hasObject?: LoadedEdges['hasObject'];
  /** Releases the data the topologies read evidence from (IRR answers). */
  close?: () => void;
  /** Throws "no data" (exit 1) for the first of `asns` the data knows nothing about. */
  requireKnown(asns: readonly number[]): void;
  /** IRR answers: the inference engine the topologies came from (per-link lookups, registry lines). */
  engine?: InferenceEngine;
  /** A lean question's graphs again, with one family's cones read in full (for an unreachable answer's fixes). */
  fuller?: (family: Family) => LoadedTopologies;
}

const n = thousands;

/** `ipv6:FILE` → { family: 'ipv6', file: 'FILE' }; a plain FILE has no family. */
export function relationshipSpec(arg: string): { file: string; family?: Family } {
  const m = /^(ipv4|ipv6):(.+)$/i.exec(arg);
  return m ? { family: m[1]!.toLowerCase() as Family, file: m[2]! } : { file: arg };
}

/** The `--relationships` values as given (one or several). */
export function relationshipArgs(v: string | string[] | undefined): string[] {
  return v === undefined ? [] : ([] as string[]).concat(v);
}

export async function fromFiles(args: string[], caidaFamily: Family | undefined, argv: Pick<DataArgs, 'data' | 'offline' | 'ttl'>): Promise<LoadedEdges> {
  const edges: RelationshipEdge[] = [];
  const notes: string[] = [];
  for (const arg of args) {
    const { file, family } = relationshipSpec(arg);
    const local = await localCopy(file, { dataDir: argv.data, offline: argv.offline, ttlHours: argv.ttl }, '--relationships', notes);
    let r;
    try {
      r = await loadRelationshipFile(local, family ? { only: family } : caidaFamily ? { family: caidaFamily } : {});
    } catch (e) {
      if (e instanceof RelationshipFileError) {
        throw new UserError(e.message, 2, 'Give a CAIDA as-rel file (provider|customer|-1, peer|peer|0) or a CSV written by `asrel export --format csv`.');
      }
      throw e;
    }
    if (r.edges.length === 0 && Object.keys(r.skipped).length === 0) {
      throw new UserError(`${file}: no relationships in the file`, 2, 'Give a CAIDA as-rel file or an asrel CSV with at least one link.');
    }
    const perFamily = FAMILIES.map((f) => [f, r.edges.filter((e) => e.family === f).length] as const).filter(([, c]) => c > 0);
    const skipped = Object.entries(r.skipped).map(([k, c]) => `${n(c)} ${FAMILIES.includes(k as Family) ? `${k} (not asked for)` : k}`).join(', ');
    const how = r.caidaFamilyFrom === 'header' ? ', as its asrel header says' : r.caidaFamilyFrom === 'default' ? ' (the default; CAIDA files do not say their family)' : '';
    const what = r.format === 'asrel-csv' ? `asrel CSV${family ? `, ${family} rows only` : ''}` : `CAIDA ${r.format.slice(6)}, read as ${r.caidaFamily}${how}`;
    notes.push(`relationships from ${file} (${what}): ${perFamily.map(([f, c]) => `${n(c)} ${f} links`).join(', ') || 'no usable links'}` +
      (skipped ? `; rows left out: ${skipped}` : '') + repeatedPairs(r).map((x) => `; ${x}`).join(''));
    notes.push(...badLineNotes(file, r));
    for (const e of r.edges) edges.push(e);
  }
  return { edges, notes, origin: 'relationships' };
}

/** The pairs a file gives twice, each kept once (its links count them once): `2 repeated pairs merged`, …. */
export function repeatedPairs(r: Pick<RelationshipFileResult, 'duplicates' | 'contradictions'>): string[] {
  const c = r.contradictions;
  return [
    ...(r.duplicates ? [`${n(r.duplicates)} repeated pair${r.duplicates === 1 ? '' : 's'} merged`] : []),
    ...(c.first ? [`${n(c.count)} pair${c.count === 1 ? '' : 's'} given again with another relation, the first kept (e.g. line ${c.first.line}, AS${c.first.a}–AS${c.first.b}: ${c.first.kept}, not ${c.first.dropped})`] : []),
  ];
}

/** The note for a file's bad lines, skipped: how many, and the first few with why. */
export function badLineNotes(file: string, r: Pick<RelationshipFileResult, 'bad'>): string[] {
  const { count, first } = r.bad;
  if (count === 0) return [];
  const named = first.slice(0, 3);
  return [`${file}: ${n(count)} bad line${count === 1 ? '' : 's'} skipped: ${named.map((b) => `line ${b.line}: ${b.detail}`).join('; ')}` +
    (count > named.length ? `; and ${n(count - named.length)} more` : '')];
}

/**
 * One Topology per family: from relationship files when given, else from the IRR data —
 * for `need.asns`, the cones around those ASes (`lean`: the cones and the links among their
 * members, with `fuller` to read one family's in full); otherwise the whole store.
 */
export async function loadTopologies(argv: EdgeArgs, need?: { asns?: number[]; lean?: boolean }, families: readonly Family[] = FAMILIES): Promise<LoadedTopologies> {
  const files = relationshipArgs(argv.relationships);
  if (files.length > 0) {
    const { edges, notes, origin } = await fromFiles(files, argv['relationships-afi'], argv);
    if (argv['min-confidence'] !== undefined) notes.push('--min-confidence applies to links inferred from IRR data, not to --relationships files: nothing set aside');
    const topologies: Partial<Record<Family, Topology>> = {};
    for (const f of families) {
      if (!edges.some((e) => e.family === f)) continue;
      topologies[f] = Topology.fromEdges(edges, f);
      contradictions(topologies[f]!, notes);
    }
    // Known: named by some link of the files, in either family (a path question builds one family only).
    const known = new Set<number>();
    for (const e of edges) { known.add(e.a); known.add(e.b); }
    const where = `the relationship file${files.length > 1 ? 's' : ''} ${files.map((f) => relationshipSpec(f).file).join(', ')}`;
    const requireKnown = (asns: readonly number[]) => {
      for (const asn of asns) {
        if (!known.has(asn)) throw new UserError(`AS${asn}: no data (no link in ${where})`, 1, 'Check the AS number, or answer from the IRR data (drop --relationships).', 'no-data');
      }
    };
    return { topologies, notes, origin, requireKnown };
  }
  // Loaded on demand: answering from a relationship file needs neither the store nor the parser.
  const [{ openData }, { irrTopologies }, { dataLines, storeDataLines }] = await Promise.all([
    import('./open-data.js'), import('./topologies.js'), import('./data-lines.js'),
  ]);
  const d = await openData(argv, need);
  const build = (full: readonly Family[] | undefined, base?: IrrTopologies): LoadedTopologies => {
    const t = irrTopologies(d.engine, { asns: need?.asns, families, ambiguous: argv.ambiguous, minConfidence: argv['min-confidence'], ...(full ? { full } : {}), ...(base ? { base } : {}) });
    const data = d.kind === 'input' ? [] : need?.asns ? dataLines(d.store, t.ases) : storeDataLines(d.store);
    const notes = [...d.notes, ...data, t.summary];
    for (const f of families) contradictions(t.topologies[f]!, notes);
    // The store stays open: the topologies read evidence from it for the links an answer prints.
    return {
      topologies: t.topologies, notes, origin: 'irr', hasObject: (asn) => d.engine.hasObject(asn), close: () => d.close(), requireKnown: d.requireKnown, engine: d.engine,
      // The other families' graphs are kept as they are.
      ...(need?.lean ? { fuller: (f: Family) => build([f], t) } : {}),
    };
  };
  // A question may start lean (the cones and the links among their members) and ask for more.
  return build(need?.lean ? [] : undefined);
}

function contradictions(t: Topology, notes: string[]): void {
  const c = t.stats.contradictions;
  if (c.length) {
    notes.push(`${t.family}: ${n(c.length)} pair(s) given twice with different relations, the first kept (e.g. AS${c[0].a}–AS${c[0].b}: ${c[0].kept}, not ${c[0].dropped})`);
  }
}

/** The family's topology, or a clear error saying that no link of that family was loaded. */
export function requireFamily(loaded: LoadedTopologies, family: Family): Topology {
  const t = loaded.topologies[family];
  if (t) return t;
  const hint = loaded.origin === 'relationships'
    ? `CAIDA files are read as ipv4 unless told: give an ${family} file as --relationships ${family}:FILE (one --relationships per family; --relationships-afi ${family} reads every plain file so), or an asrel CSV with ${family} rows.`
    : `The IRR data loaded has no ${family} policy; fetch or import more objects, or use --relationships.`;
  // The notes are not printed when the command fails: the files' skipped lines may be why nothing loaded.
  const skipped = loaded.origin === 'relationships' ? loaded.notes.filter((x) => / bad lines? skipped: /.test(x)) : [];
  throw new UserError(`no ${family} relationships loaded${skipped.length ? ` (${skipped.join('; ')})` : ''}`, 2, hint);
}
