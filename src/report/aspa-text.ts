/** Text for `asrel aspa import` (the snapshot stored, the list) and `asrel diff --aspa`. */
import type { AspaSnapshotInfo } from '../store/aspa-snapshots.js';
import type { AspaDiff } from '../aspa/diff.js';

const n = (x: number) => x.toLocaleString('en-US');
const day = (iso: string) => iso.slice(0, 10);
const set = (ps: readonly number[]) => (ps.length === 1 && ps[0] === 0 ? 'AS0' : `[${ps.join(', ')}]`);

export function importText(s: AspaSnapshotInfo, existing: boolean, where: string): string {
  const what = `snapshot #${s.id} of ${day(s.date)} (${s.origin}, dated by ${s.dateHow}): ${n(s.records)} customers, ${n(s.flagged)} breaking the profile (kept, flagged), ${n(s.skipped)} skipped`;
  return existing ? `already stored as ${what}; nothing written (${where})\n` : `stored ASPA ${what} in ${where}\n`;
}

export function snapshotListText(all: readonly AspaSnapshotInfo[], where: string): string {
  if (!all.length) return `No ASPA snapshot in ${where}: \`asrel aspa import FILE\` keeps one.\n`;
  const out = [`ASPA snapshots in ${where}, oldest first (the newest is used when --aspa is not given):`];
  for (const s of all) {
    out.push(`  #${s.id}  ${day(s.date)}  ${n(s.records)} customers, ${n(s.flagged)} flagged, ${n(s.skipped)} skipped  ${s.format ?? '-'}  ${s.origin}  (dated by ${s.dateHow}; imported ${s.imported})`);
  }
  return `${out.join('\n')}\n`;
}

export const ASPA_DIFF_CSV_COLUMNS = ['change', 'customer', 'provider', 'old', 'new'];

/** One row per change: a customer appearing or disappearing, a provider added or removed, AS0 published or withdrawn. */
export function aspaDiffCsvRows(d: AspaDiff): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = [];
  const txt = (ps: readonly number[] | undefined) => (ps ? ps.join(' ') : '');
  for (const c of d.appeared) rows.push(['customer-appeared', c.customer, '', '', txt(c.providers)]);
  for (const c of d.disappeared) rows.push(['customer-disappeared', c.customer, '', txt(c.providers), '']);
  for (const c of d.changed) {
    if (c.as0 === 'published') rows.push(['as0-published', c.customer, 0, txt(c.old), txt(c.new)]);
    if (c.as0 === 'withdrawn') rows.push(['as0-withdrawn', c.customer, 0, txt(c.old), txt(c.new)]);
    // AS0 beside providers (a profile break) is listed as a provider row; AS0 alone has its own rows above.
    for (const p of c.added) if (p !== 0 || !c.as0) rows.push(['provider-added', c.customer, p, txt(c.old), txt(c.new)]);
    for (const p of c.removed) if (p !== 0 || !c.as0) rows.push(['provider-removed', c.customer, p, txt(c.old), txt(c.new)]);
  }
  return rows;
}

export function aspaDiffText(d: AspaDiff, labels: { old: string; new: string }, top: number): string {
  const c = d.counts;
  const out = [
    `ASPA changes from ${labels.old} (old) to ${labels.new} (new); one provider set per customer for both families`,
    `customers: ${n(c.old)} before, ${n(c.new)} after: ${n(c.appeared)} appeared, ${n(c.disappeared)} disappeared, ${n(c.changed)} changed, ${n(c.unchanged)} unchanged`,
    `providers: ${n(c.providersAdded)} added, ${n(c.providersRemoved)} removed; AS0: ${n(c.as0Published)} published, ${n(c.as0Withdrawn)} withdrawn`,
  ];
  const more = (total: number, shown: number) => (total > shown ? [`    … and ${n(total - shown)} more (--top ${total} lists them; --format csv lists all)`] : []);
  if (d.changed.length) {
    out.push('', 'Changed:');
    for (const x of d.changed.slice(0, top)) {
      const parts: string[] = [];
      if (x.as0 === 'published') parts.push(`publishes AS0 (no providers) instead of ${set(x.old)}`);
      else if (x.as0 === 'withdrawn') parts.push(`withdraws AS0: providers ${set(x.new)}`);
      else {
        if (x.added.length) parts.push(`+ ${x.added.map((p) => `AS${p}`).join(', ')}`);
        if (x.removed.length) parts.push(`− ${x.removed.map((p) => `AS${p}`).join(', ')}`);
        parts.push(`now ${set(x.new)}`);
      }
      out.push(`  ~ AS${x.customer}: ${parts.join('; ')}`);
    }
    out.push(...more(d.changed.length, Math.min(top, d.changed.length)));
  }
  if (d.appeared.length) {
    out.push('', 'Appeared (a new ASPA):');
    for (const x of d.appeared.slice(0, top)) out.push(`  + AS${x.customer} → ${set(x.providers)}`);
    out.push(...more(d.appeared.length, Math.min(top, d.appeared.length)));
  }
  if (d.disappeared.length) {
    out.push('', 'Disappeared (no ASPA in the new set: its routes are No Attestation again):');
    for (const x of d.disappeared.slice(0, top)) out.push(`  - AS${x.customer} → ${set(x.providers)}`);
    out.push(...more(d.disappeared.length, Math.min(top, d.disappeared.length)));
  }
  return `${out.join('\n')}\n`;
}
