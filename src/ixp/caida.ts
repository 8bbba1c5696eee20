/**
 * CAIDA's IXP dataset (https://www.caida.org/catalog/datasets/ixps/): JSON lines, one
 * exchange per line in `ixs_YYYYMM.json` and one AS-at-exchange per line (with its IPv4 and
 * IPv6 addresses there) in `ix-asns_YYYYMM.json`. Streamed line by line; a malformed line
 * is counted and reported, never fatal.
 */
import { basename } from 'node:path';
import { dateFromName, fileLines, type Malformed } from './lines.js';
import { addMember, emptyPresence, IxpError, shortName, type IxpPresence } from './types.js';

export const CAIDA_SOURCE = 'CAIDA IXPs dataset';

export interface CaidaRead {
  presence: IxpPresence;
  malformed: Malformed[];
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);

async function eachRow(path: string, malformed: Malformed[], row: (o: Obj) => boolean): Promise<number> {
  let n = 0;
  let rows = 0;
  const bad: Malformed = { file: path, count: 0, firstLine: 0 };
  for await (const line of fileLines(path)) {
    n++;
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    let ok = false;
    try {
      const o: unknown = JSON.parse(t);
      ok = isObj(o) && row(o);
    } catch {
      ok = false;
    }
    if (ok) rows++;
    else if (bad.count++ === 0) bad.firstLine = n;
  }
  if (bad.count) malformed.push(bad);
  return rows;
}

/** Reads one `ix-asns_*` file with its `ixs_*` file. */
export async function readCaida(ixAsnsFile: string, ixsFile: string): Promise<CaidaRead> {
  const p = emptyPresence();
  const malformed: Malformed[] = [];
  const date = dateFromName(basename(ixAsnsFile)) ?? dateFromName(basename(ixsFile)) ?? 'undated';
  p.datasets.push({ source: CAIDA_SOURCE, date, from: `${ixAsnsFile}, ${ixsFile}` });
  const members = new Map<number, Set<number>>();
  const rows = await eachRow(ixAsnsFile, malformed, (o) => {
    const asn = o.asn;
    const ix = o.ix_id;
    if (!Number.isInteger(asn) || !Number.isInteger(ix) || (asn as number) < 0 || (asn as number) > 0xffffffff) return false;
    const v4 = o.ipv4 ?? [];
    const v6 = o.ipv6 ?? [];
    if (!Array.isArray(v4) || !Array.isArray(v6)) return false;
    addMember(p, asn as number, `0:${ix}`, { ipv4: v4.length > 0, ipv6: v6.length > 0 });
    let s = members.get(ix as number);
    if (!s) members.set(ix as number, (s = new Set()));
    s.add(asn as number);
    return true;
  });
  if (rows === 0) throw new IxpError(`${ixAsnsFile}: no AS-at-exchange rows (CAIDA ix-asns JSON lines expected)`, 'Give the ix-asns_*.json file of the CAIDA IXP dataset.');
  await eachRow(ixsFile, malformed, (o) => {
    const ix = o.ix_id;
    const name = str(o.name);
    if (!Number.isInteger(ix) || !name) return false;
    const key = `0:${ix}`;
    const had = p.exchanges.get(key);
    const alternates = Array.isArray(o.alternatenames) ? o.alternatenames.filter((a): a is string => typeof a === 'string') : [];
    const short = shortName(name, alternates);
    // The file lists some exchanges twice: the first line wins, later ones fill gaps.
    p.exchanges.set(key, {
      key,
      dataset: 0,
      name: had?.name ?? short,
      ...(had ? (had.fullName ? { fullName: had.fullName } : {}) : short !== name ? { fullName: name } : {}),
      ...((had?.city ?? str(o.city)) ? { city: had?.city ?? str(o.city) } : {}),
      ...((had?.country ?? str(o.country)) ? { country: had?.country ?? str(o.country) } : {}),
      size: members.get(ix as number)?.size ?? 0,
    });
    return true;
  });
  // Exchanges with members but no line in ixs_*: named by their id.
  for (const [ix, s] of members) {
    const key = `0:${ix}`;
    if (!p.exchanges.has(key)) p.exchanges.set(key, { key, dataset: 0, name: `exchange ${ix} (CAIDA ix_id)`, size: s.size });
  }
  return { presence: p, malformed };
}
