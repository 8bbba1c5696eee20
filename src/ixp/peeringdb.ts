/**
 * PeeringDB API answers (`{"data": [...]}`): `netixlan` (an AS at an exchange LAN, with its
 * IPv4 and IPv6 addresses there) and `ix` (the exchange: name, city, country, member
 * count). Used for saved API pages and for the answers of the PeeringDB client alike.
 */
import { readFile } from 'node:fs/promises';
import { addMember, emptyPresence, IxpError, type IxpDataset, type IxpPresence } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const str = (x: unknown) => (typeof x === 'string' && x.trim() ? x.trim() : undefined);

/** The rows of one API answer; a clear error for anything else. */
export function parsePeeringDbPage(text: string, where: string): Obj[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new IxpError(`${where}: not JSON (a PeeringDB API answer {"data": [...]} expected)`, 'Check the file or the PeeringDB URL.');
  }
  if (!isObj(doc) || !Array.isArray(doc.data)) {
    throw new IxpError(`${where}: no "data" list (a PeeringDB API answer {"data": [...]} expected)`, 'Check the file or the PeeringDB URL.');
  }
  return doc.data.filter(isObj);
}

export async function readPeeringDbFile(path: string): Promise<Obj[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new IxpError(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'Check the --ixp path.');
  }
  return parsePeeringDbPage(text, path);
}

/** A netixlan row as kept (and cached): only what the answers use. */
export interface NetIxLan {
  asn: number;
  ix_id: number;
  name?: string;
  ipaddr4?: string | null;
  ipaddr6?: string | null;
}

export interface Ix {
  id: number;
  name: string;
  name_long?: string;
  city?: string;
  country?: string;
  net_count?: number;
}

/** Rows that are not usable (no AS or no exchange id, deleted, not operational) are skipped and counted. */
export function netIxLanRows(rows: Obj[]): { rows: NetIxLan[]; skipped: number } {
  const out: NetIxLan[] = [];
  let skipped = 0;
  for (const r of rows) {
    if (!Number.isInteger(r.asn) || !Number.isInteger(r.ix_id) || (r.status !== undefined && r.status !== 'ok') || r.operational === false) {
      skipped++;
      continue;
    }
    out.push({ asn: r.asn as number, ix_id: r.ix_id as number, name: str(r.name), ipaddr4: str(r.ipaddr4) ?? null, ipaddr6: str(r.ipaddr6) ?? null });
  }
  return { rows: out, skipped };
}

export function ixRows(rows: Obj[]): Ix[] {
  const out: Ix[] = [];
  for (const r of rows) {
    const name = str(r.name);
    if (!Number.isInteger(r.id) || !name) continue;
    out.push({
      id: r.id as number,
      name,
      ...(str(r.name_long) ? { name_long: str(r.name_long) } : {}),
      ...(str(r.city) ? { city: str(r.city) } : {}),
      ...(str(r.country) ? { country: str(r.country) } : {}),
      ...(Number.isInteger(r.net_count) ? { net_count: r.net_count as number } : {}),
    });
  }
  return out;
}

/** One presence from netixlan rows and the exchanges they name (`ix` rows; missing ones fall back to the LAN's name). */
export function presenceFromPeeringDb(netixlan: NetIxLan[], ixs: Ix[], dataset: IxpDataset): IxpPresence {
  const p = emptyPresence();
  p.datasets.push(dataset);
  const byId = new Map(ixs.map((x) => [x.id, x]));
  const seen = new Map<number, Set<number>>();
  for (const r of netixlan) {
    const key = `0:${r.ix_id}`;
    addMember(p, r.asn, key, { ipv4: !!r.ipaddr4, ipv6: !!r.ipaddr6 });
    let s = seen.get(r.ix_id);
    if (!s) seen.set(r.ix_id, (s = new Set()));
    s.add(r.asn);
    if (p.exchanges.has(key)) continue;
    const ix = byId.get(r.ix_id);
    const name = ix?.name ?? r.name ?? `exchange ${r.ix_id} (PeeringDB ix id)`;
    p.exchanges.set(key, {
      key,
      dataset: 0,
      name,
      ...(ix?.name_long && ix.name_long !== name ? { fullName: ix.name_long } : {}),
      ...(ix?.city ? { city: ix.city } : {}),
      ...(ix?.country ? { country: ix.country } : {}),
      size: ix?.net_count ?? 0,
    });
  }
  // Without the ix record, the members seen are the best size there is.
  for (const x of p.exchanges.values()) if (!x.size) x.size = seen.get(Number(x.key.slice(2)))?.size ?? 0;
  return p;
}
