/** Text and CSV of `asrel aspa compare`, `draft` and `check`. */
import { FAMILIES, FAMILY_LABEL as FAM } from '../infer/families.js';
import type { Family, InferredRelation } from '../infer/types.js';
import { evidenceLines } from './evidence-text.js';
import type { CheckedPath, CheckResult } from '../aspa/check.js';
import { recordText } from '../aspa/check.js';
import type { CompareResult, Finding } from '../aspa/compare.js';
import type { AspaDraft } from '../aspa/draft.js';
import type { ImpactResult } from '../aspa/impact.js';
import type { AspaRecord } from '../aspa/types.js';
import { explainAspa } from '../aspa/verification.js';
import { thousands } from './thousands.js';

const n = thousands;
const pct = (x: number, of: number) => (of === 0 ? 'n/a' : `${((100 * x) / of).toFixed(1)}%`);
const REL: Record<InferredRelation, string> = { c2p: 'provider', p2c: 'customer', p2p: 'peer', s2s: 'sibling', ambiguous: 'ambiguous', conflict: 'conflict', none: 'no link' };

function irrText(f: Finding): string {
  return FAMILIES.map((fam) => `${FAM[fam]} ${REL[f.irr[fam] ?? 'none']}`).join(', ');
}

function findingLine(f: Finding): string {
  const c = `AS${f.customer}`, p = `AS${f.provider}`;
  switch (f.kind) {
    case 'missing': return `missing ${c} ${p}: the IRR shows ${p} giving ${c} transit (${f.transitIn.map((x) => FAM[x]).join(' and ')}) but the ASPA does not list it: routes via ${p} will be Invalid`;
    case 'aspa-only': return `aspa-only ${c} ${p}: in the ASPA, but the IRR shows ${irrText(f)}` +
      (f.customerWithoutObject ? ` (${c} has no aut-num in the data: only its neighbours' objects speak of it)` : '');
    case 'one-family': return `one-family ${c} ${p}: transit in ${f.transitIn.map((x) => FAM[x]).join('')} only (${irrText(f)}): the ASPA authorises ${p} in ${FAMILIES.filter((x) => !f.transitIn.includes(x)).map((x) => FAM[x]).join('')} too (§7.1)`;
    case 'as0-contradicted': return `as0-contradicted ${c} ${p}: the ASPA says AS0 (no providers) while the IRR shows ${p} giving transit (${f.transitIn.map((x) => FAM[x]).join(' and ')})`;
    case 'as0-mixed': return `as0-mixed ${c} AS0: AS0 listed beside providers, which the profile forbids`;
    case 'agree': return `agree ${c} ${p}`;
  }
}

export function compareText(r: CompareResult, linesPerFinding = 2): string {
  const out: string[] = [];
  for (const f of r.findings) {
    if (f.kind === 'agree') continue;
    out.push(findingLine(f));
    if (f.evidence?.length) out.push(...evidenceLines(f.evidence, '    ', linesPerFinding));
  }
  if (out.length) out.push('');
  const c = r.counts;
  out.push(`ASPA publishers: ${n(r.publishers)}, compared with the relations: ${n(r.compared)}; providers confirmed in both families: ${n(r.agreement.agree)} of ${n(r.agreement.of)} (${pct(r.agreement.agree, r.agreement.of)})`);
  out.push(`findings: missing ${n(c.missing)}, aspa-only ${n(c['aspa-only'])}, one-family ${n(c['one-family'])}, as0-contradicted ${n(c['as0-contradicted'])}, as0-mixed ${n(c['as0-mixed'])}; agree ${n(c.agree)}${r.as0Confirmed.length ? `; AS0 confirmed (no provider in the relations) for ${r.as0Confirmed.slice(0, 8).map((a) => `AS${a}`).join(', ')}${r.as0Confirmed.length > 8 ? ', …' : ''}` : ''}`);
  if (r.unknownToIrr.length) {
    out.push(`no data: the relations know nothing of ${n(r.unknownToIrr.length)} publisher(s): ${r.unknownToIrr.slice(0, 12).map((a) => `AS${a}`).join(', ')}${r.unknownToIrr.length > 12 ? ', …' : ''} (not compared, not guessed)`);
  }
  return out.join('\n') + '\n';
}

export const COMPARE_CSV_COLUMNS = ['kind', 'customer', 'provider', 'transit_families', 'irr_ipv4', 'irr_ipv6'];
export function compareCsvRows(r: CompareResult): Array<Array<string | number>> {
  return [
    ...r.findings.map((f) => [f.kind, f.customer, f.provider, f.transitIn.join(' '), f.irr.ipv4 ?? '', f.irr.ipv6 ?? '']),
    ...r.unknownToIrr.map((c) => ['no-data', c, '', '', '', '']),
  ];
}

export function draftText(d: AspaDraft): string {
  const out: string[] = [];
  out.push(`ASPA draft for AS${d.customer}: providers [${d.providers.join(', ')}]${d.providers[0] === 0 ? ' (AS0: no provider in either family)' : ''}`);
  for (const p of d.detail) {
    out.push(`  AS${p.asn}: ${p.families.map((f) => FAM[f]).join(' and ')}; evidence: ${p.strength}${p.sibling ? '; sibling (each goes in the other\'s ASPA)' : ''}`);
    if (p.evidence.length) out.push(...evidenceLines(p.evidence, '      ', 2));
  }
  if (d.oneFamily.length) {
    out.push('', `The price of one set for both families (profile -15, verification §7.1): ${d.oneFamily.map((p) => `AS${p.asn} (${p.families.map((f) => FAM[f]).join('')} only)`).join(', ')} will be authorised in the other family too.`);
  }
  return out.join('\n') + '\n';
}

export function checkText(r: CheckResult, families: readonly Family[], records: Map<number, AspaRecord>, top: number): string {
  const out = [`ASPA verification, ${r.procedure} procedure (draft-ietf-sidrops-aspa-verification; distinct paths, prepending collapsed, the collector's peer first)`];
  for (const f of families) {
    const c = r.counts[f], ro = r.routes[f];
    const total = c.valid + c.invalid + c.unknown;
    if (total === 0) { out.push(`${FAM[f]}: no paths`); continue; }
    out.push(`${FAM[f]}: ${n(total)} paths — valid ${n(c.valid)} (${pct(c.valid, total)}), invalid ${n(c.invalid)} (${pct(c.invalid, total)}), unknown ${n(c.unknown)}; routes: valid ${n(ro.valid)}, invalid ${n(ro.invalid)}, unknown ${n(ro.unknown)}`);
  }
  const invalid = r.topInvalid.slice().sort((a, b) => b.routes - a.routes).slice(0, top * families.length);
  if (invalid.length) {
    out.push('', 'Invalid paths (most routes first):');
    for (const p of invalid) out.push(`  ${FAM[p.afi]} ${p.path.join(' ')} (${n(p.routes)} routes): ${explainAspa(p.check)}${p.check.decidingHop ? `; record ${recordText(records, p.check)}` : ''}`);
  }
  return out.join('\n') + '\n';
}

export const CHECK_CSV_COLUMNS = ['afi', 'path', 'procedure', 'verdict', 'routes', 'deciding_hop', 'hop_result', 'record'];
export function checkCsvRow(r: CheckedPath, procedure: string, records: Map<number, AspaRecord>): Array<string | number> {
  return [r.afi, r.path.join(' '), procedure, r.check.verdict, r.routes,
    r.check.decidingHop ? `${r.check.decidingHop.from} ${r.check.decidingHop.to}` : '', r.check.decidingHop?.result ?? '', recordText(records, r.check)];
}

export function impactText(r: ImpactResult, top: number): string {
  const out = [`ASPA of AS${r.asn} → [${r.providers.join(', ')}], ${r.procedure} procedure: what it changes on the observed paths through AS${r.asn}`];
  for (const f of FAMILIES) {
    if (!r.through[f]) continue;
    const c = r.counts[f];
    out.push(`${FAM[f]}: ${n(r.through[f])} distinct paths through AS${r.asn}; turned Invalid: ${n(c.breaks)} valley-free under the relations (would break), ${n(c.caught)} valleys (leaks newly caught), ${n(c.otherInvalid)} undecided; newly Valid: ${n(c.newlyValid)}`);
  }
  if (r.changes.length) {
    out.push('', 'Changed paths (most routes first):');
    for (const c of r.changes.slice(0, top)) out.push(`  ${FAM[c.afi]} ${c.path.join(' ')} (${n(c.routes)} routes): ${c.before} → ${c.after}; ${c.relations} under the relations`);
  } else out.push('No verdict changes.');
  return out.join('\n') + '\n';
}
