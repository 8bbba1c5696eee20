/**
 * Accuracy of asrel against a synthetic world's truth files (bench/synth/generate.ts).
 *
 * Input: an asrel CSV export (`as1,as2,afi,relation,...`; relation read from as1's side:
 * p2c = as1 is as2's provider, c2p, p2p, s2s, ambiguous, conflict) and the world folder
 * (`truth-ipv4.txt`, `truth-ipv6.txt`, `ambiguous-ipv4.txt`, `ambiguous-ipv6.txt`).
 * Per family: truth relations found exactly / wrong / missing; ambiguous links reported
 * ambiguous (with the same candidates when the rows carry them) or not; links asrel reports
 * that the world does not encode at all (invented).
 *
 * Usage: npx tsx bench/synth/accuracy.ts --world DIR --csv export.csv [--examples 10]
 * Exit code 1 when anything is wrong, missing or invented.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

type Fam = 'ipv4' | 'ipv6';
type Rel = 'p2c' | 'c2p' | 'p2p' | 's2s';
const FAMS: readonly Fam[] = ['ipv4', 'ipv6'];

export interface Row {
  as1: number;
  as2: number;
  afi: string;
  relation: string;
  /** Candidates of an ambiguous row, when known (the CSV does not carry them). */
  candidates?: string[];
}

export interface FamilyTruth {
  /** key `lo|hi` → relation read from lo's side. */
  relations: Map<string, Rel>;
  /** key `lo|hi` → candidates read from lo's side (sorted). */
  ambiguous: Map<string, string[]>;
}

const mirror = (r: string): string => (r === 'p2c' ? 'c2p' : r === 'c2p' ? 'p2c' : r);
const keyOf = (a: number, b: number) => (a < b ? `${a}|${b}` : `${b}|${a}`);
/** A relation read from a's side, turned to the lower ASN's side. */
const fromLow = (a: number, b: number, r: string) => (a < b ? r : mirror(r));

export function readTruth(dir: string): Record<Fam, FamilyTruth> {
  const out = {} as Record<Fam, FamilyTruth>;
  for (const f of FAMS) {
    const relations = new Map<string, Rel>();
    for (const line of readFileSync(join(dir, `truth-${f}.txt`), 'utf8').split('\n')) {
      if (!line || line[0] === '#') continue;
      const [x, y, t] = line.split('|');
      const a = Number(x), b = Number(y);
      const r: Rel = t === '-1' ? 'p2c' : t === '0' ? 'p2p' : 's2s';
      relations.set(keyOf(a, b), fromLow(a, b, r) as Rel);
    }
    const ambiguous = new Map<string, string[]>();
    for (const line of readFileSync(join(dir, `ambiguous-${f}.txt`), 'utf8').split('\n')) {
      if (!line || line[0] === '#') continue;
      const [x, y, c] = line.split('|');
      const a = Number(x), b = Number(y);
      ambiguous.set(keyOf(a, b), c!.split(',').map((r) => fromLow(a, b, r)).sort());
    }
    out[f] = { relations, ambiguous };
  }
  return out;
}

export interface FamilyReport {
  exact: number;
  /** Truth relation present, asrel says something else: `lo|hi truth=… asrel=…`. */
  wrong: string[];
  /** Truth relation absent from asrel's rows. */
  missing: string[];
  /** asrel reports a link the world does not encode in this family. */
  invented: string[];
  ambiguousExact: number;
  /** An ambiguous truth link that asrel reports otherwise (or with other candidates). */
  ambiguousWrong: string[];
  ambiguousMissing: string[];
}

export function compareWithTruth(rows: Iterable<Row>, truth: Record<Fam, FamilyTruth>): Record<Fam, FamilyReport> {
  const rep = {} as Record<Fam, FamilyReport>;
  const seen = {} as Record<Fam, Set<string>>;
  for (const f of FAMS) {
    rep[f] = { exact: 0, wrong: [], missing: [], invented: [], ambiguousExact: 0, ambiguousWrong: [], ambiguousMissing: [] };
    seen[f] = new Set();
  }
  for (const row of rows) {
    const f = row.afi as Fam;
    if (!FAMS.includes(f) || row.relation === 'none') continue;
    const k = keyOf(row.as1, row.as2);
    if (seen[f].has(k)) continue;
    seen[f].add(k);
    const got = fromLow(row.as1, row.as2, row.relation);
    const t = truth[f].relations.get(k);
    const amb = truth[f].ambiguous.get(k);
    if (t !== undefined) {
      if (got === t) rep[f].exact++;
      else rep[f].wrong.push(`${k} truth=${t} asrel=${got} (from AS${k.split('|')[0]}'s side)`);
    } else if (amb !== undefined) {
      const cands = row.candidates?.map((c) => fromLow(row.as1, row.as2, c)).sort();
      if (got === 'ambiguous' && (cands === undefined || cands.join(',') === amb.join(','))) rep[f].ambiguousExact++;
      else rep[f].ambiguousWrong.push(`${k} truth=ambiguous(${amb.join('/')}) asrel=${got}${cands ? `(${cands.join('/')})` : ''}`);
    } else {
      rep[f].invented.push(`${k} asrel=${got} (from AS${k.split('|')[0]}'s side)`);
    }
  }
  for (const f of FAMS) {
    for (const [k, t] of truth[f].relations) if (!seen[f].has(k)) rep[f].missing.push(`${k} truth=${t}`);
    for (const [k, c] of truth[f].ambiguous) if (!seen[f].has(k)) rep[f].ambiguousMissing.push(`${k} truth=ambiguous(${c.join('/')})`);
  }
  return rep;
}

/** Streams an asrel CSV export into rows. */
export async function readCsvRows(file: string): Promise<Row[]> {
  const rows: Row[] = [];
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let cols: Record<string, number> | undefined;
  for await (const line of rl) {
    if (!line || line[0] === '#') continue;
    const f = line.split(',');
    if (!cols) {
      // `a,b` since export's CSV and JSON share one vocabulary; `as1,as2` in older files.
      cols = Object.fromEntries(f.map((c, i) => [({ a: 'as1', b: 'as2' } as Record<string, string>)[c.trim()] ?? c.trim(), i]));
      for (const c of ['as1', 'as2', 'afi', 'relation']) if (!(c in cols)) throw new Error(`${file}: no column ${c} in the header`);
      continue;
    }
    const asn = (s: string) => Number(s.replace(/^AS/i, ''));
    rows.push({ as1: asn(f[cols.as1!]!), as2: asn(f[cols.as2!]!), afi: f[cols.afi!]!, relation: f[cols.relation!]! });
  }
  return rows;
}

export function printReport(rep: Record<Fam, FamilyReport>, truth: Record<Fam, FamilyTruth>, examples = 10): boolean {
  let ok = true;
  for (const f of FAMS) {
    const r = rep[f], t = truth[f];
    console.log(`${f}: truth ${t.relations.size.toLocaleString()} — exact ${r.exact.toLocaleString()}, wrong ${r.wrong.length.toLocaleString()}, ` +
      `missing ${r.missing.length.toLocaleString()}; invented ${r.invented.length.toLocaleString()}; ambiguous ${t.ambiguous.size.toLocaleString()} — ` +
      `reported ambiguous ${r.ambiguousExact.toLocaleString()}, otherwise ${r.ambiguousWrong.length.toLocaleString()}, missing ${r.ambiguousMissing.length.toLocaleString()}`);
    for (const [name, list] of [['wrong', r.wrong], ['missing', r.missing], ['invented', r.invented], ['ambiguous reported otherwise', r.ambiguousWrong], ['ambiguous missing', r.ambiguousMissing]] as const) {
      if (list.length === 0) continue;
      console.log(`  ${name} (${list.length}), e.g.:`);
      for (const x of list.slice(0, examples)) console.log(`    ${x}`);
    }
    if (r.wrong.length || r.missing.length || r.invented.length) ok = false;
  }
  return ok;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const get = (n: string) => { const k = args.indexOf(n); return k >= 0 ? args[k + 1] : undefined; };
  const world = get('--world'), csv = get('--csv');
  if (!world || !csv) {
    console.error('usage: npx tsx bench/synth/accuracy.ts --world DIR --csv export.csv [--examples 10]');
    process.exit(2);
  }
  const truth = readTruth(world);
  const rep = compareWithTruth(await readCsvRows(csv), truth);
  process.exitCode = printReport(rep, truth, Number(get('--examples') ?? 10)) ? 0 : 1;
}
