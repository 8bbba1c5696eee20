/**
 * IXP data applied to an answer, after the explain stage (which stays pure): the exchanges
 * where the two ASes of each new peer link could meet, the fixes re-ranked, and the notes
 * that date the IXP data.
 */
import type { Explanation, Fix } from '../explain/types.js';
import type { Family } from '../infer/types.js';
import { commonIxps, datasetLabel } from './common.js';
import type { IxpPresence } from './types.js';

/** The ASes whose exchanges an answer needs: the two of every new peer link it suggests. */
export function ixpAsnsOf(ex: Explanation): number[] {
  const s = new Set<number>();
  for (const f of ex.fixes ?? []) if (f.kind === 'new-peering' && f.peers) for (const x of f.peers) s.add(x);
  return [...s].sort((x, y) => x - y);
}

/**
 * Each new peer link gets `commonIxps` (exchanges where both have addresses of the answer's
 * family, biggest first) and `ixpData`; fixes with a shared exchange then rank first, the
 * original order kept otherwise. Returns a new explanation.
 */
export function annotateFixes(ex: Explanation, p: IxpPresence): Explanation {
  if (!ex.fixes?.length) return ex;
  const fixes: Fix[] = ex.fixes.map((f) => (f.kind !== 'new-peering' || !f.peers ? f : { ...f, ...peeringPlaces(p, f.peers[0], f.peers[1], ex.family) }));
  const shared = (f: Fix) => (f.commonIxps?.length ? 0 : 1);
  const ranked = fixes.map((f, i) => [f, i] as const).sort(([x, i], [y, j]) => shared(x) - shared(y) || i - j).map(([f]) => f);
  return { ...ex, fixes: ranked };
}

/**
 * Where `a` and `b` could make a peer link in `family`: why the exchanges of one of them are
 * unknown, else the exchanges where both have addresses (biggest first); with the datasets read.
 */
export function peeringPlaces(p: IxpPresence, a: number, b: number, family: Family): Pick<Fix, 'ixpUnknown' | 'commonIxps' | 'ixpData'> {
  const checked = p.datasets.map(datasetLabel);
  const unknown = p.unknown?.get(a) ?? p.unknown?.get(b);
  if (unknown) return { ixpUnknown: unknown, ixpData: checked };
  return { commonIxps: commonIxps(p, a, b, family), ixpData: checked };
}

/** Years named in the IRR data notes (`data: … (2013)`, `relationships from …-2015…`). */
export function irrYears(notes: readonly string[]): number[] {
  const years = new Set<number>();
  for (const n of notes) {
    const t = n.replace(/^note: /, '');
    if (!/^(data:|relationships from)/.test(t)) continue;
    for (const m of t.matchAll(/(?<![A-Za-z0-9])((?:19|20)\d\d)(?:(?:0[1-9]|1[0-2])[0-3]\d)?(?!\d)/g)) years.add(Number(m[1]));
  }
  return [...years].sort();
}

/**
 * The notes that go with an answer using IXP data: each dataset's source and date, and a
 * warning when the IXP data and the IRR data are two or more years apart.
 */
export function ixpNotes(p: IxpPresence, irrNotes: readonly string[]): string[] {
  const out = p.datasets.map((d) => `ixp: exchanges from ${d.source} (${d.date}), ${d.from}`);
  const irr = irrYears(irrNotes);
  if (!irr.length) return out;
  for (const d of p.datasets) {
    // A dataset without a date (nothing fetched or cached) makes no claim about its age.
    if (!/^\d{4}/.test(d.date)) continue;
    const y = Number(d.date.slice(0, 4));
    const far = irr.reduce((m, x) => (Math.abs(x - y) > Math.abs(m - y) ? x : m), irr[0]!);
    const gap = Math.abs(far - y);
    if (gap >= 2) {
      out.push(`ixp: the IXP data (${d.source}, ${d.date}) and the IRR data (${irr.join(', ')}) are ${gap} years apart: ` +
        'networks join and leave exchanges, so check where both are present today');
    }
  }
  return out;
}

/** ": both have IPv6 addresses at CIXP (Geneva) and NaMeX (Rome) — CAIDA IXPs dataset, 2019-10" (at most `max` per dataset). */
export function ixpFixText(f: Fix, familyLabel: string, max = 5): string {
  if (f.ixpUnknown) return `exchanges unknown: ${f.ixpUnknown}`;
  if (!f.commonIxps) return '';
  if (!f.commonIxps.length) {
    return `no exchange where both have ${familyLabel} addresses in ${(f.ixpData ?? []).join('; ') || 'the IXP data'}`;
  }
  const groups = new Map<string, typeof f.commonIxps>();
  for (const x of f.commonIxps) {
    const k = `${x.source}, ${x.date}`;
    groups.set(k, [...(groups.get(k) ?? []), x]);
  }
  const parts: string[] = [];
  for (const [label, xs] of groups) {
    const names = xs.slice(0, max).map((x) => (x.city ? `${x.name} (${x.city})` : x.name));
    const rest = xs.length - names.length;
    const listed = rest > 0 ? `${names.join(', ')} and ${rest} more`
      : names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0]!;
    parts.push(`at ${listed} — ${label}`);
  }
  return `both have ${familyLabel} addresses ${parts.join('; ')}`;
}
