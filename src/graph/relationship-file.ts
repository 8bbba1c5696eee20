import { createInterface } from 'node:readline';
import type { Family } from '../infer/types.js';
import { Readable } from 'node:stream';
import { isStdin } from '../rpsl/open-input.js';
import { openBytes } from '../bgp/open-bytes.js';
import type { RelationshipEdge } from './types.js';

/**
 * Readers for relationship files, so BGP-inferred relationships (CAIDA) and asrel's own
 * exports can stand in for IRR inference:
 *  - CAIDA serial-1: `<provider>|<customer>|-1`, `<peer>|<peer>|0`, `#` comments;
 *  - CAIDA serial-2: the same with a fourth field naming the inference source;
 *  - asrel CSV: header `a,b,afi,relation,confidence,evidence_count,sources` (files written
 *    before the keys were unified say `as1,as2` for `a,b`; both are read).
 * The format is recognised from the first non-comment line. CAIDA files carry no family,
 * so they are read as `family` (default: the family an asrel export names in its header,
 * `# asrel ipv6 AS relationships …`, else ipv4: CAIDA's files are inferred from IPv4 BGP).
 * With `only`, rows of the other family are left out (and counted).
 */

export type RelationshipFileFormat = 'caida-serial-1' | 'caida-serial-2' | 'asrel-csv';

export interface RelationshipFileOptions {
  /** Family of CAIDA lines (asrel CSV rows name their own). Default: `only`, else the asrel header's, else ipv4. */
  family?: Family;
  /** Keep only this family's rows (asrel CSV); rows of the other are counted in `skipped`. */
  only?: Family;
}

export interface RelationshipFileResult {
  edges: RelationshipEdge[];
  format: RelationshipFileFormat | 'empty';
  /** Data lines read (comments and the CSV header excluded). */
  lines: number;
  /** asrel CSV rows that are not usable links (ambiguous / conflict / none, or of the family left out), by reason. */
  skipped: Record<string, number>;
  /** Family CAIDA lines were read as, and how it was chosen. */
  caidaFamily: Family;
  caidaFamilyFrom: 'option' | 'header' | 'default';
}

/** A malformed line or an unreadable file; the message names file and line. */
export class RelationshipFileError extends Error {
  constructor(readonly file: string, readonly line: number, detail: string) {
    super(line > 0 ? `${file}:${line}: ${detail}` : `${file}: ${detail}`);
    this.name = 'RelationshipFileError';
  }
}

export const ASREL_CSV_HEADER = ['a', 'b', 'afi', 'relation', 'confidence', 'evidence_count', 'sources'] as const;
/** Column names of files written before the keys were unified. */
const OLD_NAMES: Record<string, string> = { as1: 'a', as2: 'b' };
/** The header line of an asrel CAIDA export names its family. */
const ASREL_CAIDA_HEADER = /^#\s*asrel (ipv4|ipv6) AS relationships/;
const UNUSABLE = new Set(['ambiguous', 'conflict', 'none']);
const MAX_ASN = 4294967295;

function parseAsn(field: string, file: string, line: number, what: string): number {
  const s = field.trim().replace(/^AS/i, '');
  if (!/^\d{1,10}$/.test(s)) throw new RelationshipFileError(file, line, `${what} "${field}" is not an AS number`);
  const n = Number(s);
  if (n > MAX_ASN) throw new RelationshipFileError(file, line, `${what} ${n} is out of range (0..${MAX_ASN})`);
  return n;
}

/** Splits one CSV record (RFC 4180 quoting; records never span lines in asrel's output). */
export function splitCsvLine(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    if (line[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return null; // unterminated quote
        v += line.slice(i, q);
        if (line[q + 1] === '"') {
          v += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      out.push(v);
      if (i === line.length) return out;
      if (line[i] !== ',') return null;
      i++;
    } else {
      const c = line.indexOf(',', i);
      if (c < 0) {
        out.push(line.slice(i));
        return out;
      }
      out.push(line.slice(i, c));
      i = c + 1;
    }
  }
}

/** Reads a relationship file (plain or gzip; `-` = stdin) with its format and counts. */
export async function loadRelationshipFile(path: string, opts: RelationshipFileOptions = {}): Promise<RelationshipFileResult> {
  // `only` (from `ipv6:FILE`) names the family of a CAIDA file too.
  const given = opts.only ?? opts.family;
  let caidaFamily: Family = given ?? 'ipv4';
  let caidaFamilyFrom: RelationshipFileResult['caidaFamilyFrom'] = given ? 'option' : 'default';
  const edges: RelationshipEdge[] = [];
  const skipped: Record<string, number> = {};
  let format: RelationshipFileResult['format'] = 'empty';
  let lines = 0;
  let lineNo = 0;
  let csvCols: Record<(typeof ASREL_CSV_HEADER)[number], number> | undefined;
  const label = isStdin(path) ? '<stdin>' : path;

  // CAIDA publishes its files bzip2-compressed: read plain, gzip or bzip2 (by content).
  let input: Readable;
  try {
    input = Readable.from((await openBytes(isStdin(path) ? '-' : path)).chunks);
  } catch (e) {
    throw new RelationshipFileError(label, 0, `cannot read: ${(e as Error).message.replace(/^cannot read \S+: /, '')}`);
  }
  const rl = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const raw of rl) {
      lineNo++;
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line.trim() === '' || line.startsWith('#')) {
        const declared = format === 'empty' && !given ? ASREL_CAIDA_HEADER.exec(line) : null;
        if (declared) {
          caidaFamily = declared[1] as Family;
          caidaFamilyFrom = 'header';
        }
        continue;
      }
      if (format === 'empty') {
        if (line.includes('|')) {
          format = line.split('|').length >= 4 ? 'caida-serial-2' : 'caida-serial-1';
        } else {
          const head = splitCsvLine(line)?.map((h) => h.trim().toLowerCase()).map((h) => OLD_NAMES[h] ?? h);
          const missing = head ? ASREL_CSV_HEADER.filter((h) => !head.includes(h)) : [...ASREL_CSV_HEADER];
          if (!head || missing.length > 0) {
            throw new RelationshipFileError(label, lineNo,
              `not a relationship file: expected CAIDA lines "provider|customer|-1" or an asrel CSV header "${ASREL_CSV_HEADER.join(',')}"` +
              (head && head.length > 1 ? ` (header lacks ${missing.join(', ')})` : ''));
          }
          format = 'asrel-csv';
          csvCols = Object.fromEntries(ASREL_CSV_HEADER.map((h) => [h, head.indexOf(h)])) as typeof csvCols;
          continue;
        }
      }
      lines++;
      if (format === 'asrel-csv') {
        const f = splitCsvLine(line);
        if (!f || f.length < ASREL_CSV_HEADER.length) {
          throw new RelationshipFileError(label, lineNo, `malformed CSV row (expected ${ASREL_CSV_HEADER.length} fields): ${line}`);
        }
        const cols = csvCols!;
        const relation = f[cols.relation].trim().toLowerCase();
        const afi = f[cols.afi].trim().toLowerCase();
        if (afi !== 'ipv4' && afi !== 'ipv6') throw new RelationshipFileError(label, lineNo, `afi "${f[cols.afi]}" is neither ipv4 nor ipv6`);
        const a = parseAsn(f[cols.a], label, lineNo, 'a');
        const b = parseAsn(f[cols.b], label, lineNo, 'b');
        if (a === b) throw new RelationshipFileError(label, lineNo, `AS${a} is related to itself`);
        if (opts.only && afi !== opts.only) {
          skipped[afi] = (skipped[afi] ?? 0) + 1;
          continue;
        }
        if (UNUSABLE.has(relation)) {
          skipped[relation] = (skipped[relation] ?? 0) + 1;
          continue;
        }
        if (relation === 'p2c') edges.push({ a, b, family: afi, relation: 'p2c' });
        else if (relation === 'c2p') edges.push({ a: b, b: a, family: afi, relation: 'p2c' });
        else if (relation === 'p2p' || relation === 's2s') edges.push({ a, b, family: afi, relation });
        else throw new RelationshipFileError(label, lineNo, `relation "${f[cols.relation]}" is not one of p2c, c2p, p2p, s2s, ambiguous, conflict, none`);
      } else {
        const f = line.split('|');
        if (f.length < 3 || f.length > 4 || (format === 'caida-serial-1' && f.length !== 3)) {
          throw new RelationshipFileError(label, lineNo, `malformed line (expected ${format === 'caida-serial-1' ? 'a|b|rel' : 'a|b|rel|source'}): ${line}`);
        }
        const a = parseAsn(f[0], label, lineNo, 'first AS');
        const b = parseAsn(f[1], label, lineNo, 'second AS');
        const rel = f[2].trim();
        if (a === b) throw new RelationshipFileError(label, lineNo, `AS${a} is related to itself`);
        if (rel === '-1') edges.push({ a, b, family: caidaFamily, relation: 'p2c' });
        else if (rel === '0') edges.push({ a, b, family: caidaFamily, relation: 'p2p' });
        else throw new RelationshipFileError(label, lineNo, `relationship "${rel}" is neither -1 (provider|customer) nor 0 (peer|peer)`);
      }
    }
  } catch (e) {
    if (e instanceof RelationshipFileError) throw e;
    throw new RelationshipFileError(label, 0, `cannot read: ${e instanceof Error ? e.message.replace(/^cannot read \S+: /, '') : String(e)}`);
  } finally {
    rl.close();
  }
  return { edges, format, lines, skipped, caidaFamily, caidaFamilyFrom };
}

/** Reads a relationship file into edges (see `loadRelationshipFile` for counts and format). */
export async function readRelationshipFile(path: string, opts: RelationshipFileOptions = {}): Promise<RelationshipEdge[]> {
  return (await loadRelationshipFile(path, opts)).edges;
}
