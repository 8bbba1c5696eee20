import type { Explanation } from '../explain/types.js';
import type { Topology } from '../graph/topology.js';
import { FAMILY_LABEL as FAM } from '../infer/families.js';
import type { Relation } from '../infer/types.js';
import { thousands } from './thousands.js';
import { verdictText } from './reachability-text.js';

/**
 * Graphviz DOT of an answer that draws the explanation, not the cones: A and B, each one's
 * climb to a few tops of its uphill cone, those tops, the path (or the other family's path),
 * each fix with the links of this family around it, and the links whose relation differs
 * between the families. The rest of a cone is one counted box ("+117 ASes in AS64712's
 * uphill cone"), so the drawing stays readable whatever the data: at most `MAX_BOXES` boxes.
 *
 * Each pair of ASes is drawn by one edge at most: an existing link that is also a fix, or on
 * the other family's path, is one edge whose colour says its role and whose label says the
 * rest ("fix 2 · today IPv6 peers"), so no two edges run on top of each other. The legend
 * names exactly the styles drawn.
 */

/** Boxes drawn at most (ASes and counted groups). */
export const MAX_BOXES = 40;
/** Tops drawn per cone beyond those a fix or a path already names. */
const TOPS_PER_CONE = 3;

const COLOUR = { path: '#0d6efd', other: '#fd7e14', fix: '#198754', group: '#6c757d' } as const;

/** One style of the drawing, and how the legend names it. */
export type DrawnStyle = 'transit' | 'peer' | 'sibling' | 'path' | 'other' | 'fix' | 'asked' | 'top' | 'group';

export function legendText(style: DrawnStyle, ex: Explanation): string {
  const F = FAM[ex.family];
  switch (style) {
    case 'transit': return 'arrow = customer → provider';
    case 'peer': return 'dashed = peers';
    case 'sibling': return 'dotted = siblings';
    case 'path': return `blue = the ${F} path`;
    case 'other': return `orange = the ${ex.other ? FAM[ex.other.family] : ''} path`;
    case 'fix': return 'green = a link that would fix it';
    case 'asked': return 'filled = the two ASes asked';
    case 'top': return 'double box = transit-free (a top of its cone)';
    case 'group': return 'grey dashed box = ASes not drawn, counted';
  }
}

const id = (asn: number) => `"AS${asn}"`;
const key = (x: number, y: number) => (x < y ? `${x}-${y}` : `${y}-${x}`);
const q = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/** One drawn edge between two ASes, with every role it plays. */
interface DrawnEdge {
  /** The edge runs from → to (customer → provider for transit). */
  from: number;
  to: number;
  /** The line: transit (arrow), peer (dashed), sibling (dotted). */
  line: 'transit' | 'peer' | 'sibling';
  role?: 'path' | 'other' | 'fix';
  labels: string[];
}

function lineOf(r: Relation): DrawnEdge['line'] {
  return r === 'p2p' ? 'peer' : r === 's2s' ? 'sibling' : 'transit';
}

/** The relation said in words, read from `x`'s side. */
function relWords(x: number, y: number, r: Relation | 'none'): string {
  switch (r) {
    case 'c2p': return `AS${y} is AS${x}'s provider`;
    case 'p2c': return `AS${x} is AS${y}'s provider`;
    case 'p2p': return 'peers';
    case 's2s': return 'siblings';
    default: return 'no link';
  }
}

/**
 * Climbs from `asn` inside its cone (provider and sibling links, breadth first): each member
 * reached with the member it was reached from, nearest first.
 */
function climb(topo: Topology, asn: number, members: Set<number>): Map<number, number | null> {
  const parent = new Map<number, number | null>([[asn, null]]);
  let frontier = [asn];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const x of frontier) {
      for (const l of topo.links(x)) {
        if ((l.relation !== 'c2p' && l.relation !== 's2s') || !members.has(l.to) || parent.has(l.to)) continue;
        parent.set(l.to, x);
        next.push(l.to);
      }
    }
    frontier = next;
  }
  return parent;
}

export function renderDot(ex: Explanation, topo: Topology, other?: Topology): string {
  const F = FAM[ex.family];
  const OF = ex.other ? FAM[ex.other.family] : '';
  const budget = MAX_BOXES - (ex.cones ? 2 : 0);
  const keep = new Set<number>();
  const add = (x: number) => { if (keep.size < budget) keep.add(x); };
  for (const x of [ex.a, ex.b, ...(ex.path ?? [])]) add(x);
  const otherPath = !ex.reachable && ex.other?.reachable ? ex.other.path ?? [] : [];
  for (const x of otherPath) add(x);
  for (const f of ex.fixes ?? []) for (const x of f.peers ?? [f.customer!, f.provider!]) add(x);
  for (const d of ex.differences) { add(d.a); add(d.b); }

  // Each cone: the climb to the tops already named, then to the nearest few others.
  const groups: { asn: number; count: number; cluster: number[] }[] = [];
  for (const c of ex.cones ? [ex.cones.a, ex.cones.b] : []) {
    const members = new Set(c.members);
    const parent = climb(topo, c.asn, members);
    const tops = c.tops.filter((t) => parent.has(t));
    const wanted = [...tops.filter((t) => keep.has(t)), ...[...parent.keys()].filter((t) => tops.includes(t) && !keep.has(t)).slice(0, TOPS_PER_CONE)];
    for (const t of wanted) {
      const route: number[] = [];
      for (let x: number | null | undefined = t; x !== null && x !== undefined; x = parent.get(x)) route.push(x);
      if (keep.size + route.filter((x) => !keep.has(x)).length > budget) continue;
      for (const x of route) add(x);
    }
    const cluster = c.members.filter((x) => keep.has(x));
    groups.push({ asn: c.asn, count: c.members.length - cluster.length, cluster });
  }
  const tops = new Set([...(ex.cones?.a.tops ?? []), ...(ex.cones?.b.tops ?? [])].filter((x) => keep.has(x)));

  // Edges: one per pair, the existing links of this family among the drawn ASes first.
  const edges = new Map<string, DrawnEdge>();
  for (const x of keep) {
    for (const l of topo.links(x)) {
      if (!keep.has(l.to) || edges.has(key(x, l.to))) continue;
      const up = l.relation === 'p2c' ? { from: l.to, to: x } : { from: x, to: l.to };
      edges.set(key(x, l.to), { ...up, line: lineOf(l.relation), labels: [] });
    }
  }
  const p = ex.path ?? [];
  for (let i = 0; i + 1 < p.length; i++) {
    const e = edges.get(key(p[i]!, p[i + 1]!));
    if (e) e.role = 'path';
  }
  for (let i = 0; i + 1 < otherPath.length; i++) {
    const [x, y] = [otherPath[i]!, otherPath[i + 1]!];
    const k = key(x, y);
    const e = edges.get(k);
    if (e) {
      e.role = 'other';
      e.labels.push(`${OF} path`);
      continue;
    }
    const r = other?.relationOf(x, y);
    const up = r === 'p2c' ? { from: y, to: x } : { from: x, to: y };
    edges.set(k, { ...up, line: r ? lineOf(r) : 'transit', role: 'other', labels: [`${OF} path`, `no ${F} link`] });
  }
  (ex.fixes ?? []).forEach((f, i) => {
    const [x, y] = f.peers ?? [f.customer!, f.provider!];
    const k = key(x, y);
    const was = edges.get(k);
    const today = topo.relationOf(x, y);
    const fix: DrawnEdge = { from: x, to: y, line: f.peers ? 'peer' : 'transit', role: 'fix', labels: [`fix ${i + 1}`] };
    if (today) fix.labels.push(`today ${F} ${relWords(x, y, today)}`);
    if (was?.role === 'other') fix.labels.push(`on the ${OF} path`);
    edges.set(k, fix);
  });
  for (const d of ex.differences) {
    const e = edges.get(key(d.a, d.b));
    if (!e) continue;
    const o = ex.other?.family;
    if (o && !e.labels.some((l) => l.startsWith(`${OF}:`))) e.labels.push(`${OF}: ${relWords(d.a, d.b, d.relation[o])}`);
  }

  // Styles drawn, for the legend.
  const used = new Set<DrawnStyle>();
  const edgeLines: string[] = [];
  for (const e of [...edges.values()].sort((s, t) => s.from - t.from || s.to - t.to)) {
    used.add(e.line);
    if (e.role) used.add(e.role);
    const attrs: string[] = [];
    if (e.line !== 'transit') attrs.push('dir=none', `style=${e.line === 'peer' ? 'dashed' : 'dotted'}`);
    if (e.role) attrs.push(`color="${COLOUR[e.role]}"`, `fontcolor="${COLOUR[e.role]}"`, `penwidth=${e.role === 'path' ? 2.5 : 2}`);
    if (e.labels.length) attrs.push(`label="${e.labels.map(q).join('\\n')}"`);
    attrs.push(`tooltip="${q(e.line === 'transit' ? `AS${e.to} is AS${e.from}'s provider` : e.line === 'peer' ? 'peers' : 'siblings')}"`);
    edgeLines.push(`  ${id(e.from)} -> ${id(e.to)} [${attrs.join(', ')}];`);
  }
  const nodeLine = (x: number) => {
    const attrs: string[] = [];
    if (x === ex.a || x === ex.b) { attrs.push('style=filled', 'fillcolor="#cfe2ff"'); used.add('asked'); }
    if (tops.has(x)) { attrs.push('peripheries=2'); used.add('top'); }
    return `    ${id(x)}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`;
  };
  const body: string[] = [];
  const inCluster = new Set<number>();
  groups.forEach((g, i) => {
    body.push(`  subgraph cluster_${i} {`, `    label="AS${g.asn}'s uphill cone (${F})"; style="rounded"; color="#adb5bd"; fontsize=11;`);
    for (const x of g.cluster.sort((s, t) => s - t)) { body.push(nodeLine(x)); inCluster.add(x); }
    if (g.count > 0) {
      used.add('group');
      body.push(`    "more${i}" [label="+${thousands(g.count)} AS${g.count === 1 ? '' : 'es'} in AS${g.asn}'s uphill cone", style="dashed,rounded", color="${COLOUR.group}", fontcolor="${COLOUR.group}"];`);
    }
    body.push('  }');
  });
  for (const x of [...keep].sort((s, t) => s - t)) if (!inCluster.has(x)) body.push(nodeLine(x).slice(2));

  const title = verdictText(ex).replace(/^w/, 'W');
  const why = ex.cones && !ex.reachable && !ex.setAside
    ? `\\nthe cones share no ${F} provider, and no ${F} peer link joins them`
    : '';
  const order: DrawnStyle[] = ['transit', 'peer', 'sibling', 'path', 'other', 'fix', 'asked', 'top', 'group'];
  const legend = order.filter((s) => used.has(s)).map((s) => legendText(s, ex));
  const legendLines: string[] = [];
  for (let i = 0; i < legend.length; i += 3) legendLines.push(legend.slice(i, i + 3).join('; '));
  return [
    'digraph asrel {',
    '  rankdir=BT; fontname="Helvetica"; nodesep=0.5; ranksep=0.5; node [shape=box, fontname="Helvetica"]; edge [fontname="Helvetica", fontsize=10];',
    `  label="${q(`${title} — valley-free, Gao–Rexford model`)}${why}\\n${q(`${F} links. ${legendLines.join(';\n')}`).replace(/\n/g, '\\n')}"; labelloc=t;`,
    ...body,
    ...edgeLines,
    '}',
    '',
  ].join('\n');
}
