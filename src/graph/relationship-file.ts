import { createInterface } from 'node:readline';
import type { Family } from '../infer/types.js';
import { Readable } from 'node:stream';
import { isStdin } from '../rpsl/open-input.js';
import { openBytes } from '../bgp/open-bytes.js';
import type { RelationshipEdge } from './types.js';
import { describeEdge, sameEdge } from './build.js';
import { PairIndex } from './pair-index.js';
import { MAX_ASN, reservedAsnReason } from '../rpsl/keys.js';

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
 *
 * A bad line (not an AS number, AS0 or AS_TRANS, an unknown relation, a confidence outside
 * [0, 1]) is skipped and counted, the first few named: one stray line must not cost a
 * 190,000-line CAIDA file. Only a file with no good line at all is an error (its first bad
 * line's). A pair given twice in a family is kept once, as first given, and counted.
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
  /** Lines skipped as malformed: how many, and the first few with why. */
  bad: { count: number; first: BadLine[] };
  /** Pairs given again with the same relation (kept once). */
  duplicates: number;
  /** Pairs given again with another relation (the first kept): how many, and the first. */
  contradictions: { count: number; first?: { line: number; a: number; b: number; kept: string; dropped: string } };
}

/** A line skipped, with why (the detail of the error it would have been). */
export interface BadLine {
  line: number;
  detail: string;
}

/** Bad lines named in the result (and so in the note); the rest are counted. */
const BAD_NAMED = 5;

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

/** A line's problem (turned into a skipped line, or the file's error when no line is good). */
class LineError extends Error {}

/** Text of the input quoted in a message: at most 80 characters, control characters escaped. */
function shown(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

function parseAsn(field: string, what: string): number {
  const s = field.trim().replace(/^AS/i, '');
  if (!/^\d{1,10}$/.test(s)) throw new LineError(`${what} ${shown(field)} is not an AS number`);
  const n = Number(s);
  if (n > MAX_ASN) throw new LineError(`${what} ${n} is out of range (0..${MAX_ASN})`);
  // Neither is ever at the other end of a BGP session: a link to one is a mistake in the file.
  const reserved = reservedAsnReason(n);
  if (reserved) throw new LineError(`${what}: ${reserved}`);
  return n;
}

/** An asrel CSV confidence: a number in [0, 1]. */
function checkConfidence(field: string): void {
  const t = field.trim();
  const c = Number(t);
  if (t === '' || !Number.isFinite(c) || c < 0 || c > 1) throw new LineError(`confidence ${shown(field)} is not a number from 0 to 1`);
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

/** What reading one data line needs: the format recognised and where its link goes. */
interface LineContext {
  format: RelationshipFileFormat;
  csvCols: Record<(typeof ASREL_CSV_HEADER)[number], number> | undefined;
  caidaFamily: Family;
  only: Family | undefined;
  skipped: Record<string, number>;
  keep: (e: RelationshipEdge) => void;
}

/** One data line; a LineError says why it is not usable. */
function readDataLine(line: string, c: LineContext): void {
  if (c.format === 'asrel-csv') {
    const f = splitCsvLine(line);
    if (!f || f.length < ASREL_CSV_HEADER.length) {
      throw new LineError(`malformed CSV row (expected ${ASREL_CSV_HEADER.length} fields): ${shown(line)}`);
    }
    const cols = c.csvCols!;
    const relation = f[cols.relation].trim().toLowerCase();
    const afi = f[cols.afi].trim().toLowerCase();
    if (afi !== 'ipv4' && afi !== 'ipv6') throw new LineError(`afi ${shown(f[cols.afi])} is neither ipv4 nor ipv6`);
    const a = parseAsn(f[cols.a], 'a');
    const b = parseAsn(f[cols.b], 'b');
    if (a === b) throw new LineError(`AS${a} is related to itself`);
    checkConfidence(f[cols.confidence]);
    if (c.only && afi !== c.only) {
      c.skipped[afi] = (c.skipped[afi] ?? 0) + 1;
      return;
    }
    if (UNUSABLE.has(relation)) {
      c.skipped[relation] = (c.skipped[relation] ?? 0) + 1;
      return;
    }
    if (relation === 'p2c') c.keep({ a, b, family: afi, relation: 'p2c' });
    else if (relation === 'c2p') c.keep({ a: b, b: a, family: afi, relation: 'p2c' });
    else if (relation === 'p2p' || relation === 's2s') c.keep({ a, b, family: afi, relation });
    else throw new LineError(`relation ${shown(f[cols.relation])} is not one of p2c, c2p, p2p, s2s, ambiguous, conflict, none`);
    return;
  }
  const f = line.split('|');
  if (f.length < 3 || f.length > 4 || (c.format === 'caida-serial-1' && f.length !== 3)) {
    throw new LineError(`malformed line (expected ${c.format === 'caida-serial-1' ? 'a|b|rel' : 'a|b|rel|source'}): ${shown(line)}`);
  }
  const a = parseAsn(f[0], 'first AS');
  const b = parseAsn(f[1], 'second AS');
  const rel = f[2].trim();
  if (a === b) throw new LineError(`AS${a} is related to itself`);
  if (rel === '-1') c.keep({ a, b, family: c.caidaFamily, relation: 'p2c' });
  else if (rel === '0') c.keep({ a, b, family: c.caidaFamily, relation: 'p2p' });
  else throw new LineError(`relationship ${shown(rel)} is neither -1 (provider|customer) nor 0 (peer|peer)`);
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
  const bad: RelationshipFileResult['bad'] = { count: 0, first: [] };
  let duplicates = 0;
  const contradictions: RelationshipFileResult['contradictions'] = { count: 0 };
  /** Each family's pairs → the index of the edge kept for it. */
  const pairs: Record<Family, PairIndex> = { ipv4: new PairIndex(), ipv6: new PairIndex() };
  const keep = (e: RelationshipEdge) => {
    const k = pairs[e.family].get(e.a, e.b);
    const prev = k < 0 ? undefined : edges[k]!;
    if (!prev) {
      pairs[e.family].set(e.a, e.b, edges.length);
      edges.push(e);
    } else if (sameEdge(prev, e)) duplicates++;
    else if (contradictions.count++ === 0) contradictions.first = { line: lineNo, a: e.a, b: e.b, kept: describeEdge(prev), dropped: describeEdge(e) };
  };

  // CAIDA publishes its files bzip2-compressed: read plain, gzip or bzip2 (by content).
  let input: Readable;
  try {
    input = Readable.from((await openBytes(isStdin(path) ? '-' : path)).chunks);
  } catch (e) {
    throw new RelationshipFileError(label, 0, `cannot read: ${(e as Error).message.replace(/^cannot read \S+: /, '')}`);
  }
  const rl = createInterface({ input, crlfDelay: Infinity });
  /** Made at the first data line, once the format and the CAIDA family are known. */
  let ctx: LineContext | undefined;
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
      try {
        ctx ??= { format, csvCols, caidaFamily, only: opts.only, skipped, keep };
        readDataLine(line, ctx);
      } catch (e) {
        if (!(e instanceof LineError)) throw e;
        if (bad.count++ < BAD_NAMED) bad.first.push({ line: lineNo, detail: e.message });
      }
    }
  } catch (e) {
    if (e instanceof RelationshipFileError) throw e;
    throw new RelationshipFileError(label, 0, `cannot read: ${e instanceof Error ? e.message.replace(/^cannot read \S+: /, '') : String(e)}`);
  } finally {
    rl.close();
  }
  // No good line at all: the file is not what was meant, and its first bad line says why.
  if (bad.count > 0 && edges.length === 0 && Object.keys(skipped).length === 0) {
    const first = bad.first[0]!;
    throw new RelationshipFileError(label, first.line, `${first.detail}${bad.count > 1 ? ` (and ${bad.count - 1} more bad line${bad.count > 2 ? 's' : ''}; no good one)` : ''}`);
  }
  return { edges, format, lines, skipped, caidaFamily, caidaFamilyFrom, bad, duplicates, contradictions };
}

/** Reads a relationship file into edges (see `loadRelationshipFile` for counts and format). */
export async function readRelationshipFile(path: string, opts: RelationshipFileOptions = {}): Promise<RelationshipEdge[]> {
  return (await loadRelationshipFile(path, opts)).edges;
}
