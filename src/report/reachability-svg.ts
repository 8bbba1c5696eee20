/**
 * DOT → SVG in this process, with Graphviz compiled to WebAssembly (@viz-js/viz: the wasm
 * ships inside the package, nothing is downloaded). The renderer (about 1 MB of JavaScript
 * and wasm) is imported on first use only, so commands that draw nothing start as fast as
 * before; the CLI bundle keeps the package external for the same reason.
 */

type Viz = { render(dot: string, options: { format: string }): { status: string; output?: string; errors: { level?: string; message: string }[] } };

let viz: Promise<Viz> | undefined;

function loadViz(): Promise<Viz> {
  viz ??= import('@viz-js/viz').then((m) => m.instance() as Promise<Viz>);
  return viz;
}

/** The SVG document Graphviz draws for `dot` (as `dot -Tsvg` would print it). */
export async function renderSvg(dot: string): Promise<string> {
  const r = (await loadViz()).render(dot, { format: 'svg' });
  if (r.status !== 'success' || !r.output) {
    throw new Error(`Graphviz could not draw the graph: ${r.errors.map((e) => e.message.trim()).join('; ') || r.status}`);
  }
  return r.output;
}

/**
 * The same SVG for inlining in HTML: without the XML declaration, the DOCTYPE (it names
 * a remote DTD) and comments, the root element given `role="img"` and an accessible label.
 */
export function inlineSvg(svg: string, label: string): string {
  const start = svg.indexOf('<svg');
  if (start < 0) throw new Error('inlineSvg: no <svg> element');
  const esc = label.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return svg.slice(start)
    .replace(/<!--[\s\S]*?-->\n?/g, '')
    .replace(/^<svg\b/, `<svg role="img" aria-label="${esc}"`)
    .trim();
}

/** The drawing's natural size in points (Graphviz writes `width="589pt" height="178pt"`). */
export function svgSizePt(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const pt = (name: string) => Number(new RegExp(`\\s${name}="([\\d.]+)pt"`).exec(root)?.[1] ?? 0);
  return { width: pt('width'), height: pt('height') };
}

/** The same drawing shown `k` times its natural size (the viewBox keeps the geometry). */
export function scaleSvg(svg: string, k: number): string {
  const { width, height } = svgSizePt(svg);
  if (!width || !height) return svg;
  return svg.replace(/(<svg\b[^>]*?\s)width="[\d.]+pt"(\s+)height="[\d.]+pt"/,
    (_m, pre: string, sp: string) => `${pre}width="${(width * k).toFixed(0)}pt"${sp}height="${(height * k).toFixed(0)}pt"`);
}
