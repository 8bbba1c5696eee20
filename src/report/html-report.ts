/**
 * One self-contained HTML page for a reachability answer, for pasting into a ticket or
 * printing: the answer in words, the drawing (inline SVG), the other family's answer, the
 * relationship that differs, the fixes, and every registry line used with its source and
 * date. It loads nothing: no scripts at all, styles inline, system fonts, and a
 * Content-Security-Policy that forbids any fetch should something slip through.
 *
 * Registry text is attacker-controlled (anyone can publish an object), so every string
 * interpolated into the page goes through `esc` unless it is built here as markup (`Html`).
 */
import type { Evidence, Family } from '../infer/types.js';
import type { Explanation, Fix } from '../explain/types.js';
import { relPhrase } from '../explain/fixes.js';
import { FAMILY_LABEL as FAM, OTHER_FAMILY } from '../infer/families.js';
import { gloss } from './evidence-text.js';
import { noProvider, pathString, renderFix, setAsideLine, verdictText } from './reachability-text.js';
import { ixpFixText } from '../ixp/annotate.js';
import { inlineSvg, scaleSvg, svgSizePt } from './reachability-svg.js';
import { REPORT_CSS } from './html-style.js';

export interface HtmlReportInput {
  ex: Explanation;
  /** The data notes printed above a text answer (`data: …`, how relationships were obtained). */
  notes: string[];
  /** The drawing: the SVG document `renderSvg(renderDot(…))` gives. */
  svg: string;
  /** Who made the page and when, for the footer, e.g. `asrel 0.1.0`, and an ISO date. */
  generator?: string;
  generatedAt?: string;
}

/** Markup built here; anything else interpolated is text and gets escaped. */
class Html {
  constructor(readonly html: string) {}
  toString(): string { return this.html; }
}

/**
 * Control characters (C0 but tab and newline, DEL, C1) and bidirectional overrides
 * (which can make a line read differently from what it is) are dropped from registry text.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

export function esc(s: string): string {
  return s.replace(UNSAFE, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function show(v: unknown): string {
  if (v instanceof Html) return v.html;
  if (Array.isArray(v)) return v.map(show).join('');
  if (v === undefined || v === null || v === false) return '';
  return esc(String(v));
}

/** Tagged template: literal parts are markup, interpolations are escaped unless `Html`. */
function h(parts: TemplateStringsArray, ...vals: unknown[]): Html {
  let out = parts[0];
  vals.forEach((v, i) => { out += show(v) + parts[i + 1]; });
  return new Html(out);
}

/**
 * Drawings wider than this (in points; the page is about 700 pt) would shrink past reading
 * when fitted to the page: on screen they are shown at no less than half their natural size,
 * in a box that scrolls; printed, they are fitted to the page.
 */
const WIDE_PT = 1100;

const asn = (n: number) => h`<span class="as">AS${n}</span>`;
const path = (p: number[]) => h`<span class="path">${pathString(p)}</span>`;
const MAX_MEMBERS = 40;

function members(list: number[]): Html {
  if (list.length === 0) return h`<span class="muted">(none)</span>`;
  const shown = list.slice(0, MAX_MEMBERS).map((x) => `AS${x}`).join(', ');
  return h`${shown}${list.length > MAX_MEMBERS ? ` and ${list.length - MAX_MEMBERS} more` : ''}`;
}

/** "head: reason" of a fix, split so the head can stand out. */
function fixItem(f: Fix, family: Family): Html {
  const text = renderFix(f, family);
  const cut = text.indexOf(': ');
  return cut < 0 ? h`<li>${text}</li>` : h`<li><span class="fix-head">${text.slice(0, cut)}</span>: ${text.slice(cut + 2)}</li>`;
}

interface LinkGroup {
  family: Family;
  a: number;
  b: number;
  what: string;
  why: string;
  /** The family has no link between the two (a relationship that differs by being absent). */
  absent: boolean;
  evidence: Evidence[];
}

/** Every link whose registry lines the answer uses, once per family: differing links first, then the paths. */
function linkGroups(ex: Explanation): LinkGroup[] {
  const groups = new Map<string, LinkGroup>();
  const add = (family: Family, a: number, b: number, what: string, why: string, evidence: Evidence[], absent = false) => {
    const key = `${family}:${Math.min(a, b)}-${Math.max(a, b)}`;
    const g = groups.get(key);
    if (!g) { groups.set(key, { family, a, b, what, why, absent, evidence: [...evidence] }); return; }
    if (!g.why.includes(why)) g.why += `; ${why}`;
    const have = new Set(g.evidence.map((e) => `${e.object}\n${e.line}\n${e.attribute}`));
    g.evidence.push(...evidence.filter((e) => !have.has(`${e.object}\n${e.line}\n${e.attribute}`)));
  };
  const other = ex.other?.family ?? OTHER_FAMILY[ex.family];
  for (const d of ex.differences) {
    for (const fam of [ex.family, other]) add(fam, d.a, d.b, relPhrase(d.a, d.b, d.relation[fam]), 'differs between the families', d.evidence[fam], d.relation[fam] === 'none');
  }
  const conf = (c: number | undefined) => (c === undefined ? '' : `, confidence ${c.toFixed(2)}`);
  for (const hop of ex.hops ?? []) add(ex.family, hop.from, hop.to, relPhrase(hop.from, hop.to, hop.relation) + conf(hop.confidence), `on the ${FAM[ex.family]} path`, hop.evidence);
  for (const hop of ex.other?.hops ?? []) add(other, hop.from, hop.to, relPhrase(hop.from, hop.to, hop.relation) + conf(hop.confidence), `on the ${FAM[other]} path`, hop.evidence);
  return [...groups.values()];
}

function evidenceBlock(g: LinkGroup, fromFile: boolean): Html {
  const byObject = new Map<string, Evidence[]>();
  for (const e of g.evidence) {
    const k = `${e.object}\n${e.source}`;
    byObject.set(k, [...(byObject.get(k) ?? []), e]);
  }
  const objects = [...byObject.values()].map((lines) => h`
    <div class="object">
      <div class="object-head"><span class="as">${lines[0].object}</span> <span class="src">— ${lines[0].source}</span></div>
      <table>${[...lines].sort((x, y) => x.line - y.line).map((e) => h`
        <tr><td class="ln">line ${e.line}</td><td class="rpsl">${e.attribute}: ${e.text}</td><td class="says">${gloss(e).replace(/^→ /, '')}</td></tr>`)}
      </table>
    </div>`);
  return h`
  <div class="link">
    <h3>${asn(g.a)}–${asn(g.b)} in ${FAM[g.family]} <span class="rel">· ${g.what} · ${g.why}</span></h3>
    ${g.evidence.length ? objects
    : g.absent ? h`<p class="muted">No ${FAM[g.family]} link between them in the loaded data, so no registry line to show.</p>`
      : fromFile ? h`<p class="muted">No registry lines: this relation comes from a relationship file.</p>`
        : h`<p class="muted">No registry lines recorded for this link.</p>`}
  </div>`;
}

/** The relationship(s) that differ, one sentence each. */
function differenceSentences(ex: Explanation, other: Family): Html[] {
  return ex.differences.map((d) => h`<p class="diff">${asn(d.a)}–${asn(d.b)}: in ${FAM[ex.family]} ${relPhrase(d.a, d.b, d.relation[ex.family])}; in ${FAM[other]} ${relPhrase(d.a, d.b, d.relation[other])}.</p>`);
}

export function renderHtmlReport(input: HtmlReportInput): string {
  const { ex, notes } = input;
  const F = FAM[ex.family];
  const other = ex.other?.family ?? OTHER_FAMILY[ex.family];
  const G = FAM[other];
  const verdict = verdictText(ex).replace(/^w/, 'W');

  const lead: Html[] = [];
  for (const x of ex.absent) lead.push(h`${asn(x)} has no ${F} link in the loaded data. `);
  if (ex.reachable && ex.path) {
    lead.push(h`Valley-free path, ${ex.path.length - 1} hop${ex.path.length === 2 ? '' : 's'}: ${path(ex.path)}. `);
  } else {
    lead.push(h`No ${F} route from ${asn(ex.a)} climbs customer→provider links, crosses at most one peer link, then descends provider→customer links to ${asn(ex.b)}${ex.setAside ? ` among the links at confidence >= ${ex.setAside.minConfidence}` : ''}. `);
    if (ex.setAside) lead.push(h`But ${ex.setAside.links.length} link(s) at the cones were set aside below it (unknown, not absent): ${ex.setAside.links.slice(0, 5).map(setAsideLine).join('; ')}${ex.setAside.links.length > 5 ? '; …' : ''}. `);
    const kept = ex.setAside?.withThem;
    if (kept?.path) lead.push(h`With every link kept, ${asn(ex.a)} reaches ${asn(ex.b)}: ${pathString(kept.path)}. `);
  }
  if (ex.other) {
    if (ex.other.reachable && ex.other.path) lead.push(h`In ${G} it can${ex.reachable ? ' too' : ''}: ${path(ex.other.path)}. `);
    else if (ex.other.minConfidence !== undefined) lead.push(h`In ${G}, no path${ex.reachable ? '' : ' either'} among the links at confidence >= ${ex.other.minConfidence}. `);
    else lead.push(h`In ${G} it cannot${ex.reachable ? '' : ' either'}. `);
  }
  const d0 = ex.differences[0];
  const leadDiff = d0 && ex.other
    ? h`<p>The relationship that differs: ${asn(d0.a)}–${asn(d0.b)} — in ${F} ${relPhrase(d0.a, d0.b, d0.relation[ex.family])}, in ${G} ${relPhrase(d0.a, d0.b, d0.relation[other])}.</p>`
    : '';
  const f0 = ex.fixes?.[0];
  const where = f0?.commonIxps?.length ? ixpFixText(f0, ex.family === 'ipv4' ? 'IPv4' : 'IPv6') : '';
  const leadFix = !ex.reachable && f0 ? h`<p>Most likely fix: <strong>${renderFix(f0, ex.family).split(': ')[0]}</strong>${where ? `: ${where}` : ''}.</p>` : '';

  const header = h`
<header class="answer ${ex.reachable ? 'reachable' : 'unreachable'}">
  <p class="kicker">asrel reachability report · ${F} · Gao–Rexford (valley-free) model · relationships inferred from routing policy</p>
  <h1><span class="verdict">${ex.reachable ? 'REACHABLE' : ex.setAside ? 'UNKNOWN' : 'UNREACHABLE'}</span> ${verdict}</h1>
  <p class="lead">${lead}</p>
  ${leadDiff}${leadFix}
  <ul class="notes">${notes.map((n) => h`<li${/RECONSTRUCT|stale|fail|could not|not reach|years apart/i.test(n) ? h` class="warn"` : ''}>${n}</li>`)}</ul>
</header>`;

  const naturalWidth = svgSizePt(input.svg).width;
  const wide = naturalWidth > WIDE_PT;
  const drawing = h`
<section id="drawing">
  <h2>Drawing</h2>
  <figure${wide ? h` class="wide"` : ''}>
    ${new Html(inlineSvg(wide ? scaleSvg(input.svg, Math.max(0.5, WIDE_PT / naturalWidth)) : input.svg, `Drawing: ${verdict}`))}
    <figcaption>${F} links: arrows point from customer to provider;${[
      h`<span class="key peer"></span>peers`,
      ex.reachable ? h`<span class="key path"></span>the path` : '',
      !ex.reachable && ex.other?.reachable ? h`<span class="key other"></span>the ${G} path` : '',
      ex.fixes?.length ? h`<span class="key fix"></span>links that would fix it` : '',
    ]}; double box: transit-free in ${F}; shaded: the two ASes asked about.</figcaption>
  </figure>
</section>`;

  let body: Html;
  if (ex.reachable && ex.path) {
    const STEP = { c2p: 'up to its provider', p2p: 'across a peer link', p2c: 'down to its customer', s2s: 'to its sibling' } as const;
    body = h`
<section id="path">
  <h2>The ${F} path, hop by hop</h2>
  <table>
    <tr><th>#</th><th>hop</th><th>step</th><th>relationship</th></tr>
    ${(ex.hops ?? []).map((hop, i) => h`<tr><td>${i + 1}</td><td>${asn(hop.from)} → ${asn(hop.to)}</td><td>${STEP[hop.relation]}</td><td>${relPhrase(hop.from, hop.to, hop.relation)}${hop.confidence !== undefined ? `, confidence ${hop.confidence.toFixed(2)}` : ''}</td></tr>`)}
  </table>
</section>`;
  } else {
    const c = ex.cones!;
    const shared = ex.sharedProviders ?? [];
    const joining = ex.joiningPeerLinks ?? [];
    body = h`
<section id="why">
  <h2>Why</h2>
  <p>Each AS's <em>uphill cone</em> is every AS it reaches by climbing to providers. A valley-free path exists only when the two cones share an AS or a peer link joins them.</p>
  <table>
    <tr><th>uphill cone of</th><th>size</th><th>members</th><th>tops (transit-free in ${F})</th></tr>
    ${(['a', 'b'] as const).map((k) => h`<tr><td>${asn(c[k].asn)}</td><td>${c[k].members.length}</td><td>${members(c[k].members)}</td><td>${members(c[k].tops)}${c[k].tops.length === 1 && c[k].tops[0] === c[k].asn ? h` <span class="muted">— ${ex.setAside ? noProvider(ex, c[k].asn) : `no ${F} provider`}</span>` : ''}</td></tr>`)}
  </table>
  <p>${shared.length === 0 ? h`The cones share no AS: ${asn(ex.a)} and ${asn(ex.b)} have no common ${F} provider,` : h`The cones share ${members(shared)},`}
     ${joining.length === 0 ? h`and no ${F} peer link joins the two cones.` : h`joined by peer links ${joining.map(([x, y]) => `AS${x}–AS${y}`).join(', ')}.`}</p>
</section>
<section id="fixes">
  <h2>Links that would fix it <span class="muted">(any one, most likely first)</span></h2>
  ${ex.fixes?.length ? h`<ol class="fixes">${ex.fixes.map((f) => fixItem(f, ex.family))}</ol>` : ex.setAside ? h`<p>None suggested: links at the cones are below --min-confidence ${ex.setAside.minConfidence}; with a lower one, or none, the answer and its fixes are the data's own.</p>` : h`<p>No single link found that would fix it.</p>`}
</section>`;
  }

  const otherSection = ex.other ? h`
<section id="other-family">
  <h2>In ${G}</h2>
  <p>${ex.other.reachable && ex.other.path ? h`${asn(ex.a)} reaches ${asn(ex.b)} in ${G}: ${path(ex.other.path)}.` : ex.other.minConfidence !== undefined ? h`No valley-free path from ${asn(ex.a)} to ${asn(ex.b)} in ${G}${ex.reachable ? '' : ' either'} among the links at confidence >= ${ex.other.minConfidence}.` : h`${asn(ex.a)} cannot reach ${asn(ex.b)} in ${G}${ex.reachable ? '' : ' either'}.`}</p>
  ${ex.differences.length ? h`<p>Relationship${ex.differences.length > 1 ? 's' : ''} that differ${ex.differences.length > 1 ? '' : 's'} between ${F} and ${G}:</p>${differenceSentences(ex, other)}` : h`<p class="muted">No link on either path has a different relationship in the two families.</p>`}
</section>` : '';

  const groups = linkGroups(ex);
  const lineCount = groups.reduce((n, g) => n + g.evidence.length, 0);
  const evidence = h`
<section id="evidence">
  <h2>Registry lines used <span class="muted">(${lineCount})</span></h2>
  <p class="muted">The routing-policy lines behind each relationship above, as registered, with the object's source and date. What a line says about the neighbour follows it.</p>
  ${groups.length ? groups.map((g) => evidenceBlock(g, ex.dataGaps === null)) : h`<p>None: ${ex.dataGaps === null ? 'the relationships come from a relationship file, not from registry objects.' : 'no link on a path or differing between the families.'}</p>`}
</section>`;

  const gaps = ex.dataGaps;
  const quality = h`
<section id="data-quality">
  <h2>Data gaps and ambiguities</h2>
  <p>${gaps === null ? 'Data gaps: not known (the relationships come from a relationship file, not from registry objects).'
    : gaps.length === 0 ? (ex.reachable ? 'Data gaps on the path: none (both sides of every hop have an aut-num).' : 'Data gaps in the cones: none (every AS in or next to the cones has an aut-num).')
      : h`${gaps.length} AS${gaps.length === 1 ? '' : 'es'} with no aut-num in the data (their links are seen from one side only): ${gaps.slice(0, 40).map((g) => `AS${g.asn}`).join(', ')}${gaps.length > 40 ? ` and ${gaps.length - 40} more` : ''}.`}</p>
  ${ex.ambiguous.length ? h`<p>Ambiguous relations (the answer may change with <code>--ambiguous</code>): ${ex.ambiguous.slice(0, 20).map((m) => `AS${m.a}–AS${m.b} used as: ${relPhrase(m.a, m.b, m.used)}`).join('; ')}.</p>` : h`<p>Ambiguous relations: none.</p>`}
</section>`;

  const footer = h`
<footer>
  <p>Model: Gao–Rexford (valley-free) routing. Real routing has exceptions (partial or backup transit, undocumented links), and the answer is only as complete as the relationship data: the IRR is incomplete and often stale, and many networks publish no policy.</p>
  <p>${input.generator ?? 'asrel'}${input.generatedAt ? ` · generated ${input.generatedAt}` : ''} · <code>asrel why-unreachable ${ex.a} ${ex.b} --afi ${ex.family}</code> prints the same answer as text.</p>
</footer>`;

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="generator" content="${esc(input.generator ?? 'asrel')}">
<title>${esc(`${verdict} — asrel report`)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${header}
${drawing}
${body}
${otherSection}
${evidence}
${quality}
${footer}
</body>
</html>
`;
}
