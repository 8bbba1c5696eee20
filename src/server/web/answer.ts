/**
 * The answer on the page, from `/api/why-unreachable`'s JSON (the CLI's `--json`). Every
 * string from the data — registry lines, object names, sources, notes — is written as text
 * (`textContent`), never parsed as HTML; sentences come from src/report, as in the CLI.
 */
import type { Explanation } from '../../analysis/types.js';
import type { Evidence } from '../../analysis/families.js';
import { gloss } from '../../report/evidence-text.js';
import { pathString, renderFix } from '../../report/reachability-text.js';
import { el, byId } from './dom.js';

const FAM = { ipv4: 'IPv4', ipv6: 'IPv6' } as const;
const STEP = { c2p: 'up to its provider', p2p: 'across a peer link', p2c: 'down to its customer', s2s: 'to its sibling' } as const;

export type AnswerJson = Explanation & { afi: 'ipv4' | 'ipv6'; notes: string[] };

/** Registry lines of the answer: the path's hops, then the links that differ between the families. */
function linesOf(ex: AnswerJson): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  const add = (e: Evidence) => {
    const k = `${e.object}|${e.line}|${e.attribute}`;
    if (!seen.has(k)) { seen.add(k); out.push(e); }
  };
  for (const h of ex.hops ?? []) h.evidence.forEach(add);
  for (const h of ex.other?.hops ?? []) h.evidence.forEach(add);
  for (const d of ex.differences) for (const f of ['ipv4', 'ipv6'] as const) d.evidence[f].forEach(add);
  // Grouped by object, each object's lines in file order.
  return out.sort((x, y) => x.object.localeCompare(y.object) || x.line - y.line);
}

export function showAnswer(ex: AnswerJson, drawingUrl: string): void {
  const F = FAM[ex.afi];
  const verdict = byId('verdict');
  verdict.className = ex.reachable ? 'reachable' : 'unreachable';
  verdict.textContent = ex.reachable ? `AS${ex.a} reaches AS${ex.b} in ${F}` : `AS${ex.a} cannot reach AS${ex.b} in ${F}`;
  const o = ex.other;
  const summary: string[] = [];
  for (const x of ex.absent) summary.push(`AS${x} has no ${F} link in the loaded data.`);
  if (ex.reachable && ex.path) summary.push(`${pathString(ex.path)} (${ex.path.length - 1} hop(s)).`);
  if (!ex.reachable && ex.cones) summary.push(`The uphill cones (${ex.cones.a.members.length} and ${ex.cones.b.members.length} ASes) share no ${F} provider, and no ${F} peer link joins them.`);
  if (o) summary.push(o.reachable && o.path ? `In ${FAM[o.family]} it ${ex.reachable ? 'also reaches' : 'can'}: ${pathString(o.path)}.` : `In ${FAM[o.family]} it cannot reach it either.`);
  byId('summary').textContent = summary.join(' ');

  byId('hops').replaceChildren(...(ex.hops ?? []).map((h) => el('li', {}, `AS${h.from} → AS${h.to}: ${STEP[h.relation]}`)));
  (byId('drawing') as HTMLImageElement).src = drawingUrl;
  const fixes = ex.fixes ?? [];
  byId('fixes').replaceChildren(...(fixes.length ? fixes.map((f) => el('li', { class: 'fix' }, renderFix(f, ex.afi))) : [el('li', {}, ex.reachable ? 'Nothing to fix: a path exists.' : 'None found.')]));

  const rows = linesOf(ex).map((e) => el('tr', {},
    el('td', {}, `${e.object} (${e.source})`),
    el('td', {}, String(e.line)),
    el('td', { class: 'rpsl' }, `${e.attribute}: ${e.text}`),
    el('td', {}, gloss(e))));
  byId('lines').querySelector('tbody')!.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: '4' }, 'No registry line on this answer (no path, and no link differs between the families).'))]));
  byId('notes').replaceChildren(...ex.notes.map((n) => el('li', {}, n)));
  byId('answer').hidden = false;
}
