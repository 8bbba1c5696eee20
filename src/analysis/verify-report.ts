/** Text, JSON and CSV of an `asrel verify` result. */
import { FAMILY_LABEL as FAM } from '../infer/families.js';
import type { Family, Relation } from '../infer/types.js';
import { evidenceLines } from '../report/evidence-text.js';
import type { FamilySummary, LinkFinding, VerifyResult } from './verify.js';
import { thousands } from '../report/thousands.js';

const n = thousands;
const pct = (x: number, of: number) => (of === 0 ? 'n/a' : `${((100 * x) / of).toFixed(1)}%`);
const REL: Record<Relation, string> = { c2p: 'customer→provider', p2c: 'provider→customer', p2p: 'peer–peer', s2s: 'siblings' };

/** Valley-free share of the paths whose verdict is certain. */
export function valleyFreeShare(s: FamilySummary): number | undefined {
  const decided = s.valleyFree + s.valley;
  return decided === 0 ? undefined : s.valleyFree / decided;
}

function summaryLines(f: Family, s: FamilySummary, documentation: VerifyResult['documentation']): string[] {
  if (s.routes === 0) return [`${FAM[f]}: no routes in the input`];
  const decided = s.valleyFree + s.valley;
  // Every distinct path is in exactly one of: valley-free, valley, undecided, or one of these.
  const apart = [s.asSet && `${n(s.asSet)} with an AS_SET`, s.confed && `${n(s.confed)} with confederation segments`, s.loop && `${n(s.loop)} with a loop`,
    s.as0 && `${n(s.as0)} holding AS0 (invalid in BGP, RFC 7607)`, s.short && `${n(s.short)} with an empty AS path (from inside the collector's AS)`]
    .filter(Boolean).join(', ');
  const undecided = `undecided ${n(s.unknown)} (a hop whose link has no known relation)`;
  const verdicts = decided > 0
    ? `  valley-free ${n(s.valleyFree)} (${pct(s.valleyFree, decided)} of the ${n(decided)} paths with a verdict), valleys ${n(s.valley)}, ${undecided}${apart ? `; not checked: ${apart}` : ''}`
    : `  no path could be judged: ${[s.unknown && undecided, apart && `not checked: ${apart}`].filter(Boolean).join('; ')}`;
  const out = [
    `${FAM[f]}: ${n(s.distinctPaths)} distinct paths from ${n(s.routes)} routes`,
    verdicts,
    s.links === 0 ? '  links seen in BGP: none (no path has two ASes)' : `  links seen in BGP: ${n(s.links)}, ${pct(s.withRelation, s.links)} with a relation in the graph`,
  ];
  if (documentation === 'irr' && s.links > 0) {
    out.push(`  documented in the IRR in ${FAM[f]}: ${pct(s.documentedBoth! + s.documentedOne!, s.links)} (both sides ${n(s.documentedBoth!)}, one side ${n(s.documentedOne!)}, neither ${n(s.undocumented!)})`);
  }
  if (s.asTrans) out.push(`  ${n(s.asTrans)} paths pass through AS23456 (AS_TRANS, the stand-in for a 4-byte AS, RFC 6793): their hops to it have no known relation and are not counted as links`);
  if (s.notFromPeer) out.push(`  ${n(s.notFromPeer)} paths do not start with the collector's peer AS (route servers leave themselves out): checked as received`);
  return out;
}

const hop = (l: LinkFinding) => `AS${l.a} – AS${l.b}`;

export function verifyText(r: VerifyResult): string {
  const out: string[] = ['Observed paths against the relationships (distinct paths, prepending collapsed, collector peer first; Gao–Rexford model)'];
  for (const f of r.families) out.push(...summaryLines(f, r.summary[f]!, r.documentation));
  for (const f of r.families) {
    const valleys = r.valleys.filter((v) => v.afi === f);
    if (valleys.length) {
      out.push('', `Valleys in ${FAM[f]} (most routes first):`);
      for (const v of valleys) {
        const step = (i: number) => `AS${v.path[i]} → AS${v.path[i + 1]}${v.relations[i] ? ` (${REL[v.relations[i]!]})` : ''}`;
        out.push(`  ${v.path.join(' ')}  (${n(v.routes)} routes): breaks at ${step(v.breakAt)}${v.downAt !== undefined ? `, after ${step(v.downAt)}` : ''}`);
      }
    }
    const contra = r.contradicted.filter((c) => c.afi === f);
    if (contra.length) {
      out.push('', `Relations BGP contradicts in ${FAM[f]} (the first breaking hop of each valley, most paths first; the peer or descent hop before it may be the wrong one instead, or the path is a leak):`);
      for (const c of contra) {
        out.push(`  ${hop(c)}: ${c.relation ? REL[c.relation] : 'no relation'} in the graph; first break of ${n(c.breaks)} path(s), e.g. ${c.example.join(' ')}`);
        if (c.inference) out.push(...evidenceLines(c.inference.evidence, '    ', 2));
      }
    }
    const undoc = r.undocumented.filter((u) => u.afi === f);
    if (undoc.length) {
      out.push('', `Links BGP uses that no registry object documents in ${FAM[f]} (most paths first):`);
      for (const u of undoc) out.push(`  ${hop(u)}: ${n(u.paths)} path(s), ${n(u.routes)} routes, e.g. ${u.example.join(' ')}`);
    }
    const total = r.darkSpotTotal[f];
    if (total !== undefined && r.summary[f]!.routes > 0) {
      const spots = r.darkSpots.filter((d) => d.afi === f);
      out.push('', `Dark spots contradicted by BGP in ${FAM[f]} (no valley-free path between the collector's peer and the origin under these relations, yet a path was observed): ${total === 0 ? 'none' : n(total)}${total > spots.length ? `, ${spots.length} shown` : ''}`);
      for (const d of spots) out.push(`  AS${d.a} ⟶ AS${d.b}${d.transitFree ? ' (both transit-free)' : ''}: ${n(d.paths)} path(s), e.g. ${d.example.join(' ')}`);
    }
  }
  if (r.aspa) out.push(...aspaLines(r));
  return out.join('\n') + '\n';
}

function aspaLines(r: VerifyResult): string[] {
  const a = r.aspa!;
  const out = ['', `ASPA beside the relations (${a.procedure} procedure; rows: valley-free verdict, columns: ASPA verdict; distinct paths)`];
  for (const f of r.families) {
    const m = a.matrix[f];
    if (!m || r.summary[f]!.routes === 0) continue;
    out.push(`  ${FAM[f]}:              valid    invalid    unknown`);
    for (const row of ['valley-free', 'valley', 'unknown'] as const) {
      out.push(`    ${row.padEnd(12)} ${[m[row].valid, m[row].invalid, m[row].unknown].map((x) => n(x).padStart(9)).join('  ')}`);
    }
    const spots = a.blindSpots.filter((b) => b.afi === f);
    const total = a.blindSpotTotal[f] ?? 0;
    out.push(`  ASPA blind spots in ${FAM[f]} (a valley here, Valid under ASPA, because a provider serves the other family only): ${total === 0 ? 'none' : n(total)}${total > spots.length ? `, ${spots.length} shown` : ''}`);
    for (const b of spots) {
      out.push(`    ${b.path.join(' ')} (${n(b.routes)} routes): AS${b.provider} is in AS${b.customer}'s ASPA and its provider in ${FAM[b.otherFamily]}, ${b.relationHere ? REL[b.relationHere] : 'no link'} in ${FAM[f]}`);
    }
  }
  return out;
}

export function verifyJson(r: VerifyResult, notes: string[]): Record<string, unknown> {
  const share = Object.fromEntries(r.families.map((f) => [f, valleyFreeShare(r.summary[f]!) ?? null]));
  return {
    families: r.families, summary: r.summary, valleyFreeShare: share, sources: r.sources, documentation: r.documentation,
    valleys: r.valleys, contradicted: r.contradicted.map(({ inference, ...l }) => ({ ...l, ...(inference ? { evidence: inference.evidence } : {}) })),
    undocumented: r.undocumented, darkSpots: r.darkSpots, darkSpotTotal: r.darkSpotTotal, ...(r.aspa ? { aspa: r.aspa } : {}), notes,
  };
}

export const VERIFY_CSV_COLUMNS = ['afi', 'a', 'b', 'relation', 'documented', 'documented_by', 'paths', 'routes', 'first_break_paths', 'example_path'];

export function verifyCsvRows(r: VerifyResult): Array<Array<string | number>> {
  return r.links.map((l) => [l.afi, l.a, l.b, l.relation ?? '', l.documented ?? 'n/a', (l.documentedBy ?? []).join(' '), l.paths, l.routes, l.breaks, l.example.join(' ')]);
}
