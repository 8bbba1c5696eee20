import type { Explanation } from '../explain/types.js';
import type { Topology } from '../graph/topology.js';
import { FAMILY_LABEL as FAM } from '../infer/families.js';

/** Beyond this many ASes the drawing stops being readable; the cones are cut, the path kept. */
const MAX_NODES = 120;

const id = (asn: number) => `"AS${asn}"`;

/**
 * Graphviz DOT of an answer: the ASes involved (path, or both uphill cones), their links in
 * the family asked (customer → provider arrows point up; peers dashed; siblings dotted), the
 * path in bold, the other family's path in orange, and the suggested fixes in green.
 */
export function renderDot(ex: Explanation, topo: Topology, other?: Topology): string {
  const F = FAM[ex.family];
  const keep = new Set<number>([ex.a, ex.b, ...(ex.path ?? []), ...(ex.other?.path ?? [])]);
  for (const x of [...(ex.cones?.a.members ?? []), ...(ex.cones?.b.members ?? [])]) if (keep.size < MAX_NODES) keep.add(x);
  const tops = new Set([...(ex.cones?.a.tops ?? []), ...(ex.cones?.b.tops ?? [])]);
  const title = ex.reachable
    ? `AS${ex.a} reaches AS${ex.b} in ${F}`
    : `AS${ex.a} cannot reach AS${ex.b} in ${F}${ex.other?.reachable ? ` (${FAM[ex.other.family]} path in orange)` : ''}`;
  const out = [
    'digraph asrel {',
    '  rankdir=BT; fontname="Helvetica"; node [shape=box, fontname="Helvetica"]; edge [fontname="Helvetica", fontsize=10];',
    `  label="${title} — valley-free, Gao–Rexford model\n${F} links: arrow = customer → provider, dashed = peers, dotted = siblings; double box = transit-free"; labelloc=t;`,
  ];
  for (const x of [...keep].sort((p, q) => p - q)) {
    const attrs = [x === ex.a || x === ex.b ? 'style=filled, fillcolor="#cfe2ff"' : '', tops.has(x) ? 'peripheries=2' : ''].filter(Boolean);
    out.push(`  ${id(x)}${attrs.length ? ` [${attrs.join(', ')}]` : ''};`);
  }
  const onPath = new Set<string>();
  const p = ex.path ?? [];
  for (let i = 0; i + 1 < p.length; i++) onPath.add(`${Math.min(p[i], p[i + 1])}-${Math.max(p[i], p[i + 1])}`);
  const seen = new Set<string>();
  for (const x of keep) {
    for (const l of topo.links(x)) {
      if (!keep.has(l.to)) continue;
      const k = `${Math.min(x, l.to)}-${Math.max(x, l.to)}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const bold = onPath.has(k) ? ', penwidth=2.5, color="#0d6efd"' : '';
      if (l.relation === 'p2c') out.push(`  ${id(l.to)} -> ${id(x)} [tooltip="AS${x} is AS${l.to}'s provider"${bold}];`);
      else if (l.relation === 'c2p') out.push(`  ${id(x)} -> ${id(l.to)} [tooltip="AS${l.to} is AS${x}'s provider"${bold}];`);
      else out.push(`  ${id(x)} -> ${id(l.to)} [dir=none, style=${l.relation === 'p2p' ? 'dashed' : 'dotted'}, tooltip="${l.relation === 'p2p' ? 'peers' : 'siblings'}"${bold}];`);
    }
  }
  const op = ex.other?.path;
  if (op && other && !ex.reachable) {
    for (let i = 0; i + 1 < op.length; i++) {
      out.push(`  ${id(op[i])} -> ${id(op[i + 1])} [color="#fd7e14", penwidth=2, constraint=false, label="${FAM[ex.other!.family]}"];`);
    }
  }
  (ex.fixes ?? []).forEach((f, i) => {
    const label = `label="fix ${i + 1}", color="#198754", fontcolor="#198754", style=dashed, constraint=false`;
    if (f.customer !== undefined && f.provider !== undefined) out.push(`  ${id(f.customer)} -> ${id(f.provider)} [${label}];`);
    else if (f.peers) out.push(`  ${id(f.peers[0])} -> ${id(f.peers[1])} [dir=none, ${label}];`);
  });
  out.push('}');
  return `${out.join('\n')}\n`;
}
