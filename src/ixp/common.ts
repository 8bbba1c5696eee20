import type { Family } from '../infer/types.js';
import type { CommonIxp, IxpDataset, IxpPresence } from './types.js';

/** "CAIDA IXPs dataset, 2019-10". */
export const datasetLabel = (d: IxpDataset) => `${d.source}, ${d.date}`;

/**
 * The exchanges where both `a` and `b` are present, biggest first (then by name). With a
 * family, only those where both have an address of that family there.
 */
export function commonIxps(p: IxpPresence, a: number, b: number, family?: Family): CommonIxp[] {
  const at = p.members.get(a);
  const bt = p.members.get(b);
  if (!at || !bt || a === b) return [];
  const out: CommonIxp[] = [];
  for (const [key, ma] of at) {
    const mb = bt.get(key);
    if (!mb) continue;
    const ipv4 = ma.ipv4 && mb.ipv4;
    const ipv6 = ma.ipv6 && mb.ipv6;
    if (family && !(family === 'ipv4' ? ipv4 : ipv6)) continue;
    const x = p.exchanges.get(key);
    const d = p.datasets[x?.dataset ?? Number(key.slice(0, key.indexOf(':')))]!;
    out.push({
      name: x?.name ?? key,
      ...(x?.city ? { city: x.city } : {}),
      ...(x?.country ? { country: x.country } : {}),
      ipv4,
      ipv6,
      size: x?.size ?? 0,
      source: d.source,
      date: d.date,
    });
  }
  return out.sort((x, y) => y.size - x.size || x.name.localeCompare(y.name));
}

/** How many exchanges `a` and `b` share in `family` (the dark-spots count). */
export function sharedIxpCount(p: IxpPresence, a: number, b: number, family: Family): number {
  return commonIxps(p, a, b, family).length;
}
