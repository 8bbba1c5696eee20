// Reads a Graphviz SVG drawing back: its boxes (nodes), edges (end pair, stroke, dashes,
// arrowhead, points), labels with approximate bounding boxes, and the legend in the title.
export interface SvgText { text: string; x: number; y: number; size: number; group: string }
export interface SvgEdge { title: string; pair: string; stroke: string; dash: string | null; arrow: boolean; points: [number, number][]; labels: string[] }
export interface SvgNode { title: string; fill: string | null; rings: number; dashed: boolean }

const unescape = (s: string) => s.replace(/&#45;/g, '-').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

function groups(svg: string, cls: string): string[] {
  // Each top-level group runs to the next one (Graphviz nests <g> for links inside edges and nodes).
  const starts = [...svg.matchAll(/<g id="[^"]+" class="(node|edge|cluster)">/g)];
  const out: string[] = [];
  starts.forEach((m, i) => {
    if (m[1] !== cls) return;
    out.push(svg.slice(m.index! + m[0].length, i + 1 < starts.length ? starts[i + 1]!.index! : svg.lastIndexOf('</svg>')));
  });
  return out;
}

function texts(body: string, group: string): SvgText[] {
  return [...body.matchAll(/<text[^>]*? x="([-\d.]+)" y="([-\d.]+)"[^>]*?font-size="([\d.]+)"[^>]*>([^<]*)<\/text>/g)]
    .map((m) => ({ x: Number(m[1]), y: Number(m[2]), size: Number(m[3]), text: unescape(m[4]!), group }));
}

export function readDrawing(svg: string) {
  const nodes: SvgNode[] = groups(svg, 'node').map((b) => ({
    title: unescape(/<title>([^<]*)<\/title>/.exec(b)![1]!),
    fill: /<(?:polygon|path) fill="([^"]+)"/.exec(b)?.[1] === 'none' ? null : /<(?:polygon|path) fill="([^"]+)"/.exec(b)?.[1] ?? null,
    rings: (b.match(/<polygon /g) ?? []).length,
    dashed: /stroke-dasharray/.test(b),
  }));
  const edges: SvgEdge[] = groups(svg, 'edge').map((b) => {
    const title = unescape(/<title>([^<]*)<\/title>/.exec(b)![1]!);
    const [s, t] = title.split('->');
    const path = /<path ([^>]*)\/>/.exec(b)?.[1] ?? '';
    const d = /d="([^"]+)"/.exec(path)?.[1] ?? '';
    const points = [...d.matchAll(/([-\d.]+),([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]);
    return {
      title, pair: [s, t].sort().join('|'),
      stroke: /stroke="([^"]+)"/.exec(path)?.[1] ?? 'black',
      dash: /stroke-dasharray="([^"]+)"/.exec(path)?.[1] ?? null,
      arrow: /<polygon /.test(b),
      points,
      labels: texts(b, title).map((x) => x.text),
    };
  });
  const all: SvgText[] = [];
  const graphHead = svg.slice(0, svg.search(/<g id="(?:clust|node|edge)\d+"/));
  all.push(...texts(graphHead, 'title'));
  groups(svg, 'cluster').forEach((b, i) => all.push(...texts(b, `cluster${i}`)));
  for (const b of groups(svg, 'node')) all.push(...texts(b, `node:${/<title>([^<]*)/.exec(b)![1]}`));
  for (const b of groups(svg, 'edge')) all.push(...texts(b, `edge:${/<title>([^<]*)/.exec(b)![1]}`));
  const legend = texts(graphHead, 'title').map((x) => x.text).join(' ')
    .split(/[;.] /).map((x) => x.trim().replace(/;$/, '')).filter((x) => / = /.test(x));
  return { nodes, edges, texts: all, legend };
}

/** Helvetica's advance widths in em (its AFM), by class of character; unknown characters as wide as "M". */
function emWidth(c: string): number {
  if (/[ il.,;:'|!]/.test(c)) return 0.25;
  if (/[fjrt()\[\]\-–]/.test(c)) return 0.33;
  if (/[0-9a-hkno-qsuv-z+=?$_#*]/.test(c)) return 0.56;
  if (/[A-Z&]/.test(c)) return c === 'M' || c === 'W' ? 0.83 : 0.7;
  if (c === 'm' || c === 'w') return 0.83;
  return 1;
}

/** A label's box: its width from Helvetica's widths (what Graphviz lays out with), its height from the baseline. */
export function box(t: SvgText): { x0: number; x1: number; y0: number; y1: number } {
  const w = [...t.text].reduce((n, c) => n + emWidth(c), 0) * t.size;
  return { x0: t.x - w / 2, x1: t.x + w / 2, y0: t.y - t.size * 0.8, y1: t.y + t.size * 0.2 };
}

/** Pairs of labels whose boxes overlap (lines of one label, stacked by Graphviz, are one label). */
export function overlappingLabels(ts: SvgText[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ts.length; i++) {
    for (let j = i + 1; j < ts.length; j++) {
      if (ts[i]!.group === ts[j]!.group) continue;
      const p = box(ts[i]!), q = box(ts[j]!);
      if (p.x0 < q.x1 - 1 && q.x0 < p.x1 - 1 && p.y0 < q.y1 - 1 && q.y0 < p.y1 - 1) out.push(`"${ts[i]!.text}" (${ts[i]!.group}) × "${ts[j]!.text}" (${ts[j]!.group})`);
    }
  }
  return out;
}

/** Edges drawn on top of another: the same two ASes, or most of one's points on the other's line. */
export function stackedEdges(edges: SvgEdge[]): string[] {
  const out: string[] = [];
  const near = (p: [number, number], e: SvgEdge) => e.points.some((q) => Math.hypot(p[0] - q[0], p[1] - q[1]) < 3);
  for (let i = 0; i < edges.length; i++) {
    for (let j = i + 1; j < edges.length; j++) {
      const [a, b] = [edges[i]!, edges[j]!];
      if (a.pair === b.pair) { out.push(`${a.title} and ${b.title}: the same two ASes`); continue; }
      const shared = a.points.filter((p) => near(p, b)).length;
      if (a.points.length > 0 && shared / a.points.length > 0.5) out.push(`${a.title} runs on ${b.title}`);
    }
  }
  return out;
}

/** The styles an SVG shows, named as the legend names them. */
export function drawnStyles(d: ReturnType<typeof readDrawing>): Set<string> {
  const s = new Set<string>();
  for (const e of d.edges) {
    if (e.points.length === 0) continue;
    if (e.arrow) s.add('arrow');
    if (e.dash === '5,2') s.add('dashed');
    if (e.dash === '1,5') s.add('dotted');
    if (e.stroke === '#0d6efd') s.add('blue');
    if (e.stroke === '#fd7e14') s.add('orange');
    if (e.stroke === '#198754') s.add('green');
  }
  for (const n of d.nodes) {
    if (n.fill && n.fill !== 'none' && n.fill !== 'white') s.add('filled');
    if (n.rings >= 2) s.add('double box');
    if (n.dashed) s.add('grey dashed box');
  }
  return s;
}

/** The styles the legend lists: the words before " = ". */
export function legendStyles(legend: string[]): Set<string> {
  return new Set(legend.map((x) => x.split(' = ')[0]!.replace(/^IPv[46] links\. /, '').trim()));
}
