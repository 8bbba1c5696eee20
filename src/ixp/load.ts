/**
 * `--ixp SOURCE` values as one IxpPresence. A SOURCE is a folder or a file of the CAIDA IXP
 * dataset (`ix-asns_*.json` with `ixs_*.json`, JSON lines, plain or .gz) or of PeeringDB API
 * answers (`netixlan` pages, with `ix` pages for names, cities and sizes), told apart by
 * file name and, failing that, by content; or `peeringdb` to ask PeeringDB's API for just
 * the ASes the answer needs (cached next to the store).
 */
import { closeSync, openSync, readSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { readCaida } from './caida.js';
import { dateFromName, malformedNote } from './lines.js';
import { ixRows, netIxLanRows, presenceFromPeeringDb, readPeeringDbFile } from './peeringdb.js';
import { PEERINGDB_CACHE_FILE, peeringDbPresence } from './peeringdb-client.js';
import { IxpError, mergePresence, type IxpPresence } from './types.js';

export type IxpFileKind = 'caida-ix-asns' | 'caida-ixs' | 'peeringdb-netixlan' | 'peeringdb-ix' | 'other';

/** What a file holds, by its name. */
export function kindByName(path: string): IxpFileKind | undefined {
  const b = basename(path).toLowerCase();
  if (!/\.(json|jsonl)(\.gz)?$/.test(b)) return 'other';
  if (/ix-asns/.test(b)) return 'caida-ix-asns';
  if (/^ixs[_.-]/.test(b)) return 'caida-ixs';
  if (/netixlan/.test(b)) return 'peeringdb-netixlan';
  if (/ixlan|ixpfx|netfac|^fac|^org|^net[-_.]|^campus|^carrier/.test(b)) return 'other';
  if (/^ix[-_.]/.test(b)) return 'peeringdb-ix';
  return undefined;
}

/** What a file holds, by its first bytes (plain files only). */
export function kindByContent(path: string): IxpFileKind {
  if (path.endsWith('.gz')) return 'other';
  let head = '';
  try {
    const fd = openSync(path, 'r');
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    closeSync(fd);
    head = buf.subarray(0, n).toString('utf8');
  } catch {
    return 'other';
  }
  const t = head.trimStart();
  if (/^\{\s*"data"\s*:/.test(t)) {
    if (/"net_id"/.test(t) && /"ixlan_id"/.test(t)) return 'peeringdb-netixlan';
    if (/"net_count"|"proto_ipv6"/.test(t)) return 'peeringdb-ix';
    return 'other';
  }
  const first = t.split('\n').find((l) => l.trim() && !l.startsWith('#')) ?? '';
  if (/"asn"/.test(first) && /"ix_id"/.test(first) && /"ipv6"/.test(first)) return 'caida-ix-asns';
  if (/"ix_id"/.test(first) && /"name"/.test(first) && /"alternatenames"|"prefixes"|"pch_id"/.test(first)) return 'caida-ixs';
  return 'other';
}

const kindOf = (p: string) => {
  const k = kindByName(p);
  return k === undefined || k === 'other' ? (k === 'other' && !/\.(json|jsonl)$/i.test(p) ? 'other' : kindByContent(p)) : k;
};

export interface IxpLoadContext {
  /** The ASes the answer needs (for `peeringdb`; files are read whole). */
  asns: readonly number[];
  /** The store folder: the PeeringDB cache lives next to the store. */
  dataDir?: string;
  offline?: boolean;
}

export interface IxpLoaded {
  presence: IxpPresence;
  notes: string[];
}

async function fromFiles(files: string[], label: string): Promise<IxpLoaded[]> {
  const by = new Map<IxpFileKind, string[]>();
  for (const f of files) {
    const k = kindOf(f);
    by.set(k, [...(by.get(k) ?? []), f]);
  }
  const out: IxpLoaded[] = [];
  const asnsFiles = (by.get('caida-ix-asns') ?? []).sort();
  const ixsFiles = (by.get('caida-ixs') ?? []).sort();
  for (const a of asnsFiles) {
    const date = dateFromName(basename(a));
    const ixs = ixsFiles.find((x) => dateFromName(basename(x)) === date) ?? (ixsFiles.length === 1 ? ixsFiles[0] : undefined);
    if (!ixs) throw new IxpError(`--ixp ${label}: ${a} needs its ixs_*.json file (the exchanges' names)`, 'Give the folder holding both files of the CAIDA IXP dataset.');
    const r = await readCaida(a, ixs);
    out.push({ presence: r.presence, notes: r.malformed.map(malformedNote) });
  }
  const netixlan = by.get('peeringdb-netixlan') ?? [];
  if (netixlan.length) {
    const raw = (await Promise.all(netixlan.sort().map(readPeeringDbFile))).flat();
    const ixRaw = (await Promise.all((by.get('peeringdb-ix') ?? []).sort().map(readPeeringDbFile))).flat();
    const { rows, skipped } = netIxLanRows(raw);
    const updated = raw.map((r) => (typeof r.updated === 'string' ? r.updated.slice(0, 10) : '')).filter(Boolean).sort();
    const date = dateFromName(label) ?? dateFromName(netixlan[0]!) ?? updated[updated.length - 1] ?? 'undated';
    const notes = skipped ? [`ixp: ${label}: ${skipped} PeeringDB netixlan row(s) skipped (no AS or exchange, deleted, or not operational)`] : [];
    if (!by.get('peeringdb-ix')?.length) notes.push(`ixp: ${label}: no PeeringDB ix pages: exchanges named by their LAN, sized by the members seen`);
    out.push({ presence: presenceFromPeeringDb(rows, ixRows(ixRaw), { source: 'PeeringDB API pages', date, from: label }), notes });
  } else if (by.get('peeringdb-ix')?.length && !asnsFiles.length) {
    throw new IxpError(`--ixp ${label}: PeeringDB ix pages but no netixlan pages (who is at which exchange)`, 'Add the netixlan pages.');
  }
  if (!out.length) {
    throw new IxpError(`--ixp ${label}: no IXP data found (CAIDA ix-asns_*.json with ixs_*.json, or PeeringDB netixlan pages with ix pages)`,
      'Give a folder or files of the CAIDA IXP dataset or PeeringDB API answers, or `peeringdb`.');
  }
  return out;
}

/**
 * A file (a sample of PeeringDB's pages, a CAIDA month) says nothing of an AS it does not
 * list: each asked AS absent from it is unknown there, not at no exchange. (PeeringDB asked
 * live answers for each AS: one with no row there is at no exchange.)
 */
function unlisted(parts: IxpLoaded[], asns: readonly number[]): IxpLoaded[] {
  for (const { presence: p } of parts) {
    for (const asn of asns) if (!p.members.has(asn) && !p.unknown?.has(asn)) (p.unknown ??= new Map()).set(asn, `AS${asn} is not in the IXP data`);
  }
  return parts;
}

/** Every `--ixp` value, read and merged. */
export async function loadIxp(values: readonly string[], ctx: IxpLoadContext): Promise<IxpLoaded> {
  const parts: IxpLoaded[] = [];
  const loose: string[] = [];
  for (const v of values) {
    if (v === 'peeringdb') {
      const r = await peeringDbPresence(ctx.asns, { cacheFile: ctx.dataDir ? join(ctx.dataDir, PEERINGDB_CACHE_FILE) : undefined, offline: ctx.offline });
      parts.push(r);
      continue;
    }
    let st;
    try {
      st = statSync(v);
    } catch {
      throw new IxpError(`--ixp ${v}: no such file or folder`, 'Give a folder or files of IXP data, or `peeringdb`.');
    }
    if (st.isDirectory()) parts.push(...unlisted(await fromFiles(readdirSync(v).sort().map((f) => join(v, f)), v), ctx.asns));
    else loose.push(v);
  }
  if (loose.length) parts.push(...unlisted(await fromFiles(loose, loose.join(', ')), ctx.asns));
  return { presence: mergePresence(parts.map((p) => p.presence)), notes: parts.flatMap((p) => p.notes) };
}
