/**
 * The part of one family's graph around an AS that an explorer shows: its neighbours, its
 * uphill cone (providers, theirs, siblings: where its routes climb) or its customer cone,
 * breadth first from the AS up to `max` ASes, with every link among them. Each AS says how it
 * was reached (the relation of the link it was reached by, read from the AS it was reached
 * from) and at what depth, which the page uses for colour and layout.
 */
import type { Csr } from '../graph/csr.js';
import type { Family } from '../infer/types.js';
import { requireKnownIn } from './known.js';
import { familyGraph, type AnalysisSession } from './session.js';

export type ExploreMode = 'neighbours' | 'uphill' | 'customers';
export const EXPLORE_MODES: readonly ExploreMode[] = ['neighbours', 'uphill', 'customers'];

/** How an AS was reached: from the AS it was reached from, this AS is its … */
export type Reached = 'center' | 'provider' | 'customer' | 'peer' | 'sibling';

export interface ExploreNode { asn: number; reached: Reached; depth: number; hasAutNum: boolean }
/** `relation` read from `a`'s side: p2c (a is b's provider), p2p, s2s. */
export interface ExploreEdge { a: number; b: number; relation: 'p2c' | 'p2p' | 's2s' }

export interface Neighbourhood {
  asn: number;
  afi: Family;
  mode: ExploreMode;
  nodes: ExploreNode[];
  edges: ExploreEdge[];
  /** ASes in the whole set (neighbours or cone); `nodes` holds at most `max` of them. */
  total: number;
  truncated: boolean;
  notes: string[];
}

type Adj = readonly [Int32Array, Int32Array, Reached];

function adjacency(csr: Csr, mode: ExploreMode): Adj[] {
  const prov: Adj = [csr.provOff, csr.prov, 'provider'];
  const cust: Adj = [csr.custOff, csr.cust, 'customer'];
  const peer: Adj = [csr.peerOff, csr.peer, 'peer'];
  const sib: Adj = [csr.sibOff, csr.sib, 'sibling'];
  return mode === 'uphill' ? [prov, sib] : mode === 'customers' ? [cust, sib] : [prov, cust, peer, sib];
}

export function neighbourhood(s: AnalysisSession, asn: number, afi: Family, mode: ExploreMode, max = 5000): Neighbourhood {
  requireKnownIn(s, asn);
  const g = s.wholeGraphs();
  const csr = familyGraph(g, afi).csr;
  const start = csr.index.get(asn);
  const nodes: ExploreNode[] = [{ asn, reached: 'center', depth: 0, hasAutNum: s.engine.hasObject(asn) }];
  const taken = new Map<number, number>(); // node index → position in nodes
  let total = 1;
  if (start !== undefined) {
    taken.set(start, 0);
    const adj = adjacency(csr, mode);
    const seen = new Set<number>([start]);
    let frontier = [start];
    // Neighbours: one step; cones: to the end (counted), ASes kept up to `max`.
    for (let depth = 1; frontier.length > 0 && (mode !== 'neighbours' || depth === 1); depth++) {
      const next: number[] = [];
      for (const i of frontier) {
        for (const [off, arr, reached] of adj) {
          for (let p = off[i]!; p < off[i + 1]!; p++) {
            const j = arr[p]!;
            if (seen.has(j)) continue;
            seen.add(j);
            next.push(j);
            total++;
            if (nodes.length < max) {
              taken.set(j, nodes.length);
              nodes.push({ asn: csr.asns[j]!, reached, depth, hasAutNum: s.engine.hasObject(csr.asns[j]!) });
            }
          }
        }
      }
      frontier = next;
    }
  }
  const edges: ExploreEdge[] = [];
  for (const i of taken.keys()) {
    const a = csr.asns[i]!;
    for (let p = csr.custOff[i]!; p < csr.custOff[i + 1]!; p++) if (taken.has(csr.cust[p]!)) edges.push({ a, b: csr.asns[csr.cust[p]!]!, relation: 'p2c' });
    for (let p = csr.peerOff[i]!; p < csr.peerOff[i + 1]!; p++) if (csr.peer[p]! > i && taken.has(csr.peer[p]!)) edges.push({ a, b: csr.asns[csr.peer[p]!]!, relation: 'p2p' });
    for (let p = csr.sibOff[i]!; p < csr.sibOff[i + 1]!; p++) if (csr.sib[p]! > i && taken.has(csr.sib[p]!)) edges.push({ a, b: csr.asns[csr.sib[p]!]!, relation: 's2s' });
  }
  return { asn, afi, mode, nodes, edges, total, truncated: total > nodes.length, notes: g.notes };
}
