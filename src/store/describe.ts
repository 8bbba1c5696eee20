import type { ObjectIndex, ObjectProvenance } from './types.js';

function label(p: ObjectProvenance): string {
  switch (p.kind) {
    case 'bundled':
      return `bundled snapshot ${p.from} (${p.date})${p.reconstructed ? ' — a RECONSTRUCTION, not registry data' : ''}`;
    case 'dump':
      return `dump ${p.from} (file dated ${p.date})`;
    case 'live':
      return `${p.from} (fetched ${p.date})`;
  }
}

/**
 * One line saying where the aut-nums behind an answer come from, e.g.
 * "data: bundled snapshot he-cogent-telia-2013 (2013) — a RECONSTRUCTION … for AS174, AS1299".
 * Live fetches are summarised by server and the oldest fetch time.
 */
export function describeData(index: ObjectIndex, asns: Iterable<number>): string[] {
  const groups = new Map<string, number[]>();
  const live = new Map<string, string>(); // server -> oldest fetch
  for (const asn of new Set(asns)) {
    const s = index.autNum(asn);
    if (!s) continue;
    const p = s.provenance;
    if (p.kind === 'live') {
      const prev = live.get(p.from);
      if (!prev || p.date < prev) live.set(p.from, p.date);
      continue;
    }
    const k = label(p);
    groups.set(k, [...(groups.get(k) ?? []), asn]);
  }
  const lines: string[] = [];
  for (const [server, oldest] of live) lines.push(`data: live from ${server} (oldest object fetched ${oldest})`);
  for (const [k, list] of groups) {
    const shown = list.sort((a, b) => a - b).slice(0, 8).map((a) => `AS${a}`).join(', ');
    lines.push(`data: ${k} for ${shown}${list.length > 8 ? ` and ${list.length - 8} more` : ''}`);
  }
  return lines;
}
