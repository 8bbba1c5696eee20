/**
 * What changed between two ASPA sets (two snapshots, two validator outputs): customers that
 * appeared or disappeared, providers added and removed per customer, AS0 published or
 * withdrawn. Both sets are maps by customer; the walk is over the sorted union of customers.
 *
 * AS0 is read as verification reads it (verification.ts): a hop is Provider+ only when the next
 * AS is in the set, and no path holds AS0, so AS0 alone means "no providers" (every hop Not
 * Provider+) while AS0 beside providers changes nothing — the set means those providers (the
 * profile forbids the mix; readers flag it as0-mixed). "No providers" coming or going is counted
 * as AS0 published or withdrawn, whether AS0 stays listed or not; providers added and removed
 * are counted for every change, AS0 itself never.
 */
import type { AspaRecord } from './types.js';

export interface AspaChange {
  customer: number;
  old: number[];
  new: number[];
  added: number[];
  removed: number[];
  /** "No providers" (AS0 alone) came or went; AS0 listed beside providers is not that (see above). */
  as0?: 'published' | 'withdrawn';
}

export interface AspaDiff {
  appeared: { customer: number; providers: number[] }[];
  disappeared: { customer: number; providers: number[] }[];
  changed: AspaChange[];
  counts: {
    old: number; new: number; appeared: number; disappeared: number; changed: number; unchanged: number;
    providersAdded: number; providersRemoved: number; as0Published: number; as0Withdrawn: number;
  };
}

/** No provider verification would accept: AS0 alone (or nothing, in a snapshot stored before empty sets were refused). */
export const noProviders = (ps: readonly number[]) => ps.every((p) => p === 0);

export function diffAspa(oldSet: Map<number, AspaRecord>, newSet: Map<number, AspaRecord>): AspaDiff {
  const customers = [...new Set([...oldSet.keys(), ...newSet.keys()])].sort((a, b) => a - b);
  const d: AspaDiff = {
    appeared: [], disappeared: [], changed: [],
    counts: { old: oldSet.size, new: newSet.size, appeared: 0, disappeared: 0, changed: 0, unchanged: 0, providersAdded: 0, providersRemoved: 0, as0Published: 0, as0Withdrawn: 0 },
  };
  for (const c of customers) {
    const o = oldSet.get(c)?.providers;
    const nw = newSet.get(c)?.providers;
    if (!o) { d.appeared.push({ customer: c, providers: nw! }); continue; }
    if (!nw) { d.disappeared.push({ customer: c, providers: o }); continue; }
    const os = new Set(o), ns = new Set(nw);
    const added = nw.filter((p) => !os.has(p));
    const removed = o.filter((p) => !ns.has(p));
    if (!added.length && !removed.length) { d.counts.unchanged++; continue; }
    const ch: AspaChange = { customer: c, old: o, new: nw, added, removed };
    if (noProviders(nw) && !noProviders(o)) { ch.as0 = 'published'; d.counts.as0Published++; }
    else if (noProviders(o) && !noProviders(nw)) { ch.as0 = 'withdrawn'; d.counts.as0Withdrawn++; }
    d.counts.providersAdded += added.filter((p) => p !== 0).length;
    d.counts.providersRemoved += removed.filter((p) => p !== 0).length;
    d.changed.push(ch);
  }
  d.counts.appeared = d.appeared.length;
  d.counts.disappeared = d.disappeared.length;
  d.counts.changed = d.changed.length;
  return d;
}
