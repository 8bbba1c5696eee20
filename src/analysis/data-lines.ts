/**
 * The `data:` lines above an answer: where its aut-nums come from and their dates, grouped
 * by source, e.g. "data: bundled snapshot he-cogent-telia-2013 (2013) — a RECONSTRUCTION …
 * for AS174, AS1299". Linear in the ASes asked about; a whole store is summarised by SQL.
 */
import { Store } from '../store/store.js';
import { syncState, type SyncState } from '../store/sync-state.js';
import type { ObjectProvenance } from '../store/types.js';

/** The sync state of a mirrored source (`asrel sync`), when the store has one: its serial goes in the line. */
type MirrorState = (source: string) => SyncState | undefined;

function mirrorState(store: object): MirrorState | undefined {
  return store instanceof Store ? (source) => syncState(store, source) : undefined;
}

function label(p: ObjectProvenance, mirror?: MirrorState): string {
  switch (p.kind) {
    case 'bundled':
      return `bundled snapshot ${p.from} (${p.date})${p.reconstructed ? ' — a RECONSTRUCTION, not registry data' : ''}`;
    case 'dump': {
      // `RIPE mirror (NRTMv4)`: objects written by asrel sync; the line names the source's serial.
      const m = /^(\S+) mirror \(/.exec(p.from);
      const s = m ? mirror?.(m[1]!) : undefined;
      if (s) return `${p.from} at ${s.protocol === 'nrtm4' ? 'version' : 'serial'} ${s.serial ?? '(a load not finished)'}, synced ${s.updated.slice(0, 16)}Z (objects changed ${p.date.slice(0, 10)})`;
      return `dump ${p.from} (dated ${p.date.slice(0, 10)})`;
    }
    case 'live':
      return `${p.from} (fetched ${p.date})`;
  }
}

function line(k: string, asns: number[], total = asns.length): string {
  const shown = asns.slice(0, 8).map((a) => `AS${a}`).join(', ');
  return `data: ${k} for ${shown}${total > 8 ? ` and ${total - 8} more` : ''}`;
}

/** Lines for the aut-nums of these ASes (those without one are data gaps, reported elsewhere). */
export function dataLines(store: Pick<Store, 'provenanceOf'>, asns: Iterable<number>): string[] {
  const groups = new Map<string, number[]>();
  const live = new Map<string, string>(); // server -> oldest fetch
  const mirror = mirrorState(store);
  for (const [asn, p] of store.provenanceOf(new Set(asns))) {
    if (p.kind === 'live') {
      const prev = live.get(p.from);
      if (!prev || p.date < prev) live.set(p.from, p.date);
      continue;
    }
    const k = label(p, mirror);
    let list = groups.get(k);
    if (!list) groups.set(k, (list = []));
    list.push(asn);
  }
  const out: string[] = [];
  for (const [server, oldest] of live) out.push(`data: live from ${server} (oldest object fetched ${oldest})`);
  for (const [k, list] of groups) out.push(line(k, list.sort((a, b) => a - b)));
  return out;
}

/** Lines for every active aut-num of the store. */
export function storeDataLines(store: Store): string[] {
  const out: string[] = [];
  const live = new Map<string, { oldest: string; count: number }>();
  const mirror = mirrorState(store);
  for (const g of store.provenanceGroups()) {
    if (g.provenance.kind === 'live') {
      const prev = live.get(g.provenance.from);
      live.set(g.provenance.from, { oldest: !prev || g.provenance.date < prev.oldest ? g.provenance.date : prev.oldest, count: (prev?.count ?? 0) + g.count });
      continue;
    }
    out.push(line(label(g.provenance, mirror), g.sample, g.count));
  }
  for (const [server, v] of live) out.unshift(`data: live from ${server}: ${v.count} aut-num(s) (oldest fetched ${v.oldest})`);
  return out;
}
