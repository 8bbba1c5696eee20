/** Text for `asrel aspa import` (the snapshot stored, the list) and `asrel diff --aspa`. */
import type { AspaSnapshotInfo } from '../store/aspa-snapshots.js';
import { noProviders, type AspaDiff } from '../aspa/diff.js';
import type { AspaAsStatus, AspaHops } from '../analysis/aspa-hops.js';
import type { HopResult } from '../aspa/verification.js';
import type { Family, Relation } from '../infer/types.js';
import { thousands } from './thousands.js';

const n = thousands;
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

/**
 * One CSV line per change: a customer appearing or disappearing, a provider added or removed,
 * AS0 published or withdrawn. Every cell is a number, a word or numbers separated by spaces, so
 * none needs quoting; lines are made one at a time (a diff of whole sets has hundreds of thousands).
 */
export function* aspaDiffCsvLines(d: AspaDiff): Generator<string> {
  const txt = (ps: readonly number[] | undefined) => (ps ? ps.join(' ') : '');
  yield ASPA_DIFF_CSV_COLUMNS.join(',');
  for (const c of d.appeared) yield `customer-appeared,${c.customer},,,${txt(c.providers)}`;
  for (const c of d.disappeared) yield `customer-disappeared,${c.customer},,${txt(c.providers)},`;
  for (const c of d.changed) {
    const sides = `${txt(c.old)},${txt(c.new)}`;
    // "No providers" coming or going is its own line, besides the providers added or removed with it (as counted);
    // AS0 listed or unlisted beside providers (a profile break) is a provider line for AS0 alone.
    if (c.as0) yield `as0-${c.as0},${c.customer},0,${sides}`;
    for (const p of c.added) if (!c.as0 || p !== 0) yield `provider-added,${c.customer},${p},${sides}`;
    for (const p of c.removed) if (!c.as0 || p !== 0) yield `provider-removed,${c.customer},${p},${sides}`;
  }
}

export function aspaDiffCsv(d: AspaDiff): string {
  let out = '';
  for (const l of aspaDiffCsvLines(d)) out += `${l}\n`;
  return out;
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
      const added = x.added.filter((p) => p !== 0), removed = x.removed.filter((p) => p !== 0);
      if (x.as0 === 'published') parts.push(`publishes AS0 (no providers) instead of ${set(x.old)}`);
      else if (x.as0 === 'withdrawn' && !x.new.includes(0)) parts.push(`withdraws AS0: providers ${set(x.new)}`);
      else {
        // AS0 left beside the new providers: "no providers" is gone all the same (verification reads the providers alone).
        if (x.as0 === 'withdrawn') parts.push('no longer "no providers"');
        if (added.length) parts.push(`+ ${added.map((p) => `AS${p}`).join(', ')}`);
        if (removed.length) parts.push(`− ${removed.map((p) => `AS${p}`).join(', ')}`);
        if (x.added.includes(0)) parts.push('AS0 listed beside the providers');
        if (x.removed.includes(0) && !x.as0) parts.push('AS0 no longer listed beside the providers');
        parts.push(`now ${set(x.new)}${x.new.includes(0) && !noProviders(x.new) ? ' (AS0 beside providers: the profile forbids it, verification ignores it)' : ''}`);
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

const FAM: Record<Family, string> = { ipv4: 'IPv4', ipv6: 'IPv6' };

function relationWords(r: Relation, a: number, b: number): string {
  if (r === 'c2p') return `AS${b} is AS${a}'s provider`;
  if (r === 'p2c') return `AS${a} is AS${b}'s provider`;
  if (r === 'p2p') return 'peers';
  return 'siblings';
}

function statusWords(s: AspaAsStatus): string {
  const flags = s.flags?.length ? ` (breaks the profile: ${s.flags.join(', ')})` : '';
  if (s.status === 'none') return 'no ASPA';
  if (s.status === 'as0') return `publishes AS0 — "I have no providers": every route in which AS${s.asn} climbs to a provider is Invalid${flags}`;
  return `ASPA providers [${s.providers!.join(', ')}]${flags}`;
}

/** hop(x, y) in words: is y in x's ASPA? */
function hopWords(x: number, y: number, r: HopResult, as0: boolean): string {
  if (r === 'no-attestation') return `AS${x} has no ASPA (No Attestation)`;
  if (r === 'provider+') return `AS${y} is in AS${x}'s ASPA (Provider+)`;
  return as0 ? `AS${x} publishes AS0 (Not Provider+)` : `AS${y} is not in AS${x}'s ASPA (Not Provider+)`;
}

/** The `ASPA:` section of why-unreachable, after the explanation. */
export function aspaHopsText(h: AspaHops): string {
  const as0 = new Set(h.ases.filter((s) => s.status === 'as0').map((s) => s.asn));
  const out = [`ASPA (${h.source}; one provider set for both families, so each AS's status is the same in IPv4 and IPv6):`];
  for (const s of h.ases) out.push(`  AS${s.asn}: ${statusWords(s)}`);
  for (const p of h.paths) {
    out.push(`  ${FAM[p.family]} path ${p.path.map((a) => `AS${a}`).join(' → ')}, hop by hop:`);
    for (const l of p.links) {
      out.push(`    AS${l.a} – AS${l.b} (${FAM[p.family]}: ${relationWords(l.relation, l.a, l.b)}): ${hopWords(l.a, l.b, l.aToB, as0.has(l.a))}; ${hopWords(l.b, l.a, l.bToA, as0.has(l.b))}`);
    }
    for (const r of p.routes) {
      out.push(`    AS${r.origin}'s routes at AS${r.receiver} (AS_PATH ${r.asPath.join(' ')}, ${r.procedure}): ${r.verdict} — ${r.reason}`);
    }
  }
  if (h.fixes.length) {
    out.push('  The fixes above under ASPA:');
    for (const f of h.fixes) {
      const c = `AS${f.customer}`, p = `AS${f.provider}`;
      const words = {
        peering: 'a peer link: no ASPA names peers, nothing to change',
        'no-aspa': `${c} has no ASPA: nothing to change (an ASPA it publishes later must list ${p})`,
        listed: `${p} is already in ${c}'s ASPA`,
        'must-add': `${p} is not in ${c}'s ASPA: ${c}'s routes through ${p} would be ASPA Invalid until ${c} adds ${p}`,
        as0: `${c} publishes AS0: its routes through ${p} would be ASPA Invalid until ${c} replaces AS0 with an ASPA listing ${p}`,
      }[f.status];
      out.push(`    ${f.fix}. ${words}`);
    }
  }
  return `${out.join('\n')}\n`;
}
