/**
 * The explorer: an AS's neighbourhood or cone (from /api/explore) as a graphology graph drawn
 * by sigma.js (WebGL), coloured by how each AS was reached; click an AS to add its
 * neighbours; find an AS by number. Positions are computed here, by depth: providers above,
 * customers below, peers and siblings beside, so a 5,000-AS cone opens without a
 * force-directed layout.
 */
import GraphModule from 'graphology';
import type { AbstractGraph } from 'graphology-types';
import Sigma from 'sigma';
import type { Neighbourhood } from '../../analysis/neighbourhood.js';
import { api, byId } from './dom.js';

// graphology is CommonJS: its class is the default export, or the module itself.
const Graph = ((GraphModule as unknown as { default?: unknown }).default ?? GraphModule) as unknown as new (o: object) => AbstractGraph;

const NODE = { center: '#dc3545', provider: '#0d6efd', customer: '#198754', peer: '#fd7e14', sibling: '#6f42c1' } as const;
const EDGE = { p2c: '#adb5bd', p2p: '#fd7e14', s2s: '#6f42c1' } as const;

export interface Explorer {
  graph: AbstractGraph;
  sigma?: Sigma;
  family: 'ipv4' | 'ipv6';
}

const state: Explorer = { graph: new Graph({ type: 'undirected', multi: false }), family: 'ipv6' };
// Tests and curious users reach the explorer through sigma's own API.
(window as unknown as { asrelExplorer: Explorer }).asrelExplorer = state;

/**
 * Places the ASes of one answer around (cx, cy) on rings by depth: providers on the upper
 * half, customers on the lower, peers and siblings on the sides; a crowded ring spills onto
 * further rings, so thousands of ASes stay apart.
 */
function place(n: Neighbourhood, cx: number, cy: number, scale: number): Map<number, { x: number; y: number }> {
  const groups = new Map<string, number[]>();
  for (const x of n.nodes) {
    if (x.reached === 'center') continue;
    const side = x.reached === 'provider' ? 1 : x.reached === 'customer' ? -1 : 0;
    const k = `${side}:${x.depth}`;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(x.asn);
  }
  const out = new Map<number, { x: number; y: number }>([[n.asn, { x: cx, y: cy }]]);
  for (const [k, list] of groups) {
    const [side, depth] = k.split(':').map(Number) as [number, number];
    const perRing = Math.max(24, 48 * depth);
    list.forEach((asn, i) => {
      const ring = Math.floor(i / perRing);
      const inRing = Math.min(perRing, list.length - ring * perRing);
      const t = ((i % perRing) + 0.5) / inRing;
      const angle = side === 1 ? Math.PI * (0.08 + 0.84 * t)
        : side === -1 ? -Math.PI * (0.08 + 0.84 * t)
        : t < 0.5 ? Math.PI * (0.9 + 0.4 * t) : Math.PI * (-0.1 + 0.4 * (t - 0.5));
      const radius = (side === 0 ? 0.8 : depth) + ring * 0.3;
      out.set(asn, { x: cx + scale * radius * Math.cos(angle), y: cy + scale * radius * Math.sin(angle) });
    });
  }
  return out;
}

function merge(n: Neighbourhood, at?: { x: number; y: number }): number {
  const g = state.graph;
  const pos = place(n, at?.x ?? 0, at?.y ?? 0, at ? 0.4 : 1);
  let added = 0;
  for (const x of n.nodes) {
    const key = String(x.asn);
    if (g.hasNode(key)) continue;
    const p = pos.get(x.asn)!;
    g.addNode(key, { x: p.x, y: p.y, size: x.reached === 'center' ? 9 : 4, label: `AS${x.asn}${x.hasAutNum ? '' : ' (no aut-num)'}`, color: NODE[x.reached], reached: x.reached });
    added++;
  }
  for (const e of n.edges) {
    const [s, t] = [String(e.a), String(e.b)];
    if (!g.hasEdge(s, t)) g.addEdge(s, t, { color: EDGE[e.relation], size: e.relation === 'p2c' ? 0.6 : 1, relation: e.relation });
  }
  return added;
}

function status(text: string): void {
  byId('x-status').textContent = text;
}

async function fetchPart(asn: number, mode: string): Promise<Neighbourhood> {
  return api<Neighbourhood>(`/api/explore?asn=${asn}&afi=${state.family}&mode=${encodeURIComponent(mode)}`);
}

function summary(n: Neighbourhood): string {
  const what = n.mode === 'neighbours' ? 'neighbours' : n.mode === 'uphill' ? 'ASes in its uphill cone' : 'ASes in its customer cone';
  return `AS${n.asn} (${state.family === 'ipv4' ? 'IPv4' : 'IPv6'}): ${n.total - 1} ${what}${n.truncated ? `, the first ${n.nodes.length - 1} shown` : ''}. ${state.graph.order} ASes and ${state.graph.size} links drawn; click an AS to add its neighbours.`;
}

/** Opens the explorer on one AS (a new graph). */
export async function openExplorer(asn: number, mode: string, family: 'ipv4' | 'ipv6'): Promise<void> {
  status('Loading…');
  state.family = family;
  // Marks for the bench (bench/serve.bench.ts): where the time of opening goes.
  performance.mark('explore:start');
  const n = await fetchPart(asn, mode);
  performance.mark('explore:fetched');
  state.graph.clear();
  merge(n);
  performance.mark('explore:merged');
  if (!state.sigma) {
    state.sigma = new Sigma(state.graph, byId('graph'), { renderEdgeLabels: false, labelRenderedSizeThreshold: 8 });
    state.sigma.on('clickNode', ({ node }) => { void expand(Number(node)); });
  } else state.sigma.refresh();
  state.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  performance.mark('explore:drawn');
  status(summary(n));
}

async function expand(asn: number): Promise<void> {
  try {
    status(`Adding the neighbours of AS${asn}…`);
    const at = state.graph.getNodeAttributes(String(asn)) as { x: number; y: number };
    const n = await fetchPart(asn, 'neighbours');
    const added = merge(n, at);
    state.sigma?.refresh();
    status(`AS${asn}: ${added} AS(es) added. ${state.graph.order} ASes and ${state.graph.size} links drawn.`);
  } catch (e) {
    status((e as Error).message);
  }
}

/** Centres the view on an AS already drawn; false when it is not in the graph. */
export function findInExplorer(asn: number): boolean {
  const key = String(asn);
  if (!state.sigma || !state.graph.hasNode(key)) return false;
  const d = state.sigma.getNodeDisplayData(key);
  if (!d) return false;
  state.graph.setNodeAttribute(key, 'highlighted', true);
  void state.sigma.getCamera().animate({ x: d.x, y: d.y, ratio: 0.2 }, { duration: 400 });
  return true;
}

export { status as explorerStatus };
