/**
 * `asrel compare`: the inferred relationships against ground-truth files (CAIDA serial-1/2
 * or asrel CSV). Read in two steps so that the command can print the files' notes before the
 * IRR data is opened, as it always has.
 */
import { loadRelationshipFile, RelationshipFileError, type RelationshipFileResult } from '../graph/relationship-file.js';
import type { RelationshipEdge } from '../graph/types.js';
import { compareFamily, type FamilyComparison } from '../infer/compare.js';
import { FAMILIES } from '../infer/families.js';
import type { Family } from '../infer/types.js';
import { storeDataLines } from './data-lines.js';
import { UserError } from './errors.js';
import { localCopy } from './local-copy.js';
import type { DataArgs } from './open-data.js';
import { badLineNotes, relationshipArgs, relationshipSpec, repeatedPairs } from './relationships.js';
import { withData } from './with-data.js';

export { comparisonText } from '../infer/compare.js';
export type { FamilyComparison };

export interface TruthFile {
  file: string;
  format: RelationshipFileResult['format'];
  /** CAIDA files: the family their lines were read as, and why. */
  readAs?: Family;
  readAsFrom?: RelationshipFileResult['caidaFamilyFrom'];
  /** `ipv6:FILE`: only that family's rows. */
  only?: Family;
  links: number;
}

export interface Truth {
  edges: RelationshipEdge[];
  files: TruthFile[];
  /** Where URLs were downloaded to (notes). */
  downloads: string[];
  /** The files' bad lines skipped (notes). */
  notes: string[];
  /** The families the truth has links in. */
  families: Family[];
}

/** The ground-truth files (`--relationships`, repeatable; `ipv4:`/`ipv6:` prefixes). */
export async function readTruth(argv: Pick<DataArgs, 'data' | 'offline' | 'ttl'> & { relationships: string | string[]; 'relationships-afi'?: Family }): Promise<Truth> {
  const edges: RelationshipEdge[] = [];
  const files: TruthFile[] = [];
  const downloads: string[] = [];
  const notes: string[] = [];
  for (const arg of relationshipArgs(argv.relationships)) {
    const { file, family } = relationshipSpec(arg);
    const local = await localCopy(file, { dataDir: argv.data, offline: argv.offline, ttlHours: argv.ttl }, '--relationships', downloads);
    let r;
    try {
      r = await loadRelationshipFile(local, family ? { only: family } : argv['relationships-afi'] ? { family: argv['relationships-afi'] } : {});
    } catch (e) {
      if (e instanceof RelationshipFileError) {
        throw new UserError(e.message, 2, 'Give a CAIDA as-rel file (provider|customer|-1, peer|peer|0) or a CSV written by `asrel export --format csv`.');
      }
      throw e;
    }
    if (r.edges.length === 0 && Object.keys(r.skipped).length === 0) throw new UserError(`${file}: no relationships in the file`, 2, 'Give a file with at least one link.');
    for (const e of r.edges) edges.push(e);
    const repeated = repeatedPairs(r);
    if (repeated.length) notes.push(`${file}: ${repeated.join('; ')}`);
    notes.push(...badLineNotes(file, r));
    files.push({ file, format: r.format, links: r.edges.length, ...(r.format === 'asrel-csv' ? {} : { readAs: r.caidaFamily, readAsFrom: r.caidaFamilyFrom }), ...(family ? { only: family } : {}) });
  }
  return { edges, files, downloads, notes, families: FAMILIES.filter((f) => edges.some((e) => e.family === f)) };
}

/**
 * Why a family asked for is not compared: the truth has no link in it (comparing would be
 * across families, or against nothing); CAIDA files read as the other family are named.
 */
export function truthWarnings(truth: Truth, fams: readonly Family[]): string[] {
  const warnings: string[] = [];
  for (const f of fams) {
    if (truth.families.includes(f)) continue;
    const caida = truth.files.filter((t) => t.readAs && t.readAs !== f && t.readAsFrom !== 'option');
    warnings.push(`the ground truth has no ${f} links, so ${f} is not compared (n/a)` +
      (caida.length ? `: CAIDA files do not say their family and ${caida.map((t) => t.file).join(', ')} ${caida.length > 1 ? 'were' : 'was'} read as ${caida[0]!.readAs}` +
        `; if it is ${f} data, give --relationships ${f}:${caida[0]!.file}` : ''));
  }
  return warnings;
}

/** Every inferred link of `fams` in the IRR data, compared with the truth, per family. */
export async function compareWithTruth(argv: DataArgs, truth: Truth, fams: readonly Family[]): Promise<{ results: FamilyComparison[]; notes: string[] }> {
  return withData(argv, undefined, (d) => {
    const links = [...d.engine.all(fams, { evidence: false })];
    const hasObject = (asn: number) => d.engine.hasObject(asn);
    return { results: fams.map((f) => compareFamily(f, links, truth.edges, hasObject)), notes: [...d.notes, ...(d.kind === 'input' ? [] : storeDataLines(d.store))] };
  });
}
