import type { Csr } from './csr.js';
import { siblingGroups } from './siblings.js';

/**
 * Valley-free (Gao–Rexford) search over (AS, phase) states: phase UP while the path may
 * still climb (customer → provider), DOWN once it has crossed a peer link or started to
 * descend. From UP: providers and siblings stay UP, peers and customers go DOWN. From
 * DOWN: customers and siblings stay DOWN. Sibling links are usable anywhere. BFS over the
 * 2·V states finds a shortest valley-free path in O(V + E).
 */
const UP = 0;
const DOWN = 1;

export class ValleyFreeSearcher {
  /** Hop count per state (node*2 + phase), -1 when not reached; valid until the next run. */
  readonly dist: Int32Array;
  readonly parent: Int32Array;
  private readonly queue: Int32Array;
  private source = -1;

  constructor(readonly csr: Csr) {
    this.dist = new Int32Array(2 * csr.n);
    this.parent = new Int32Array(2 * csr.n);
    this.queue = new Int32Array(2 * csr.n);
  }

  /**
   * Runs the BFS from node index `src`; with `target` ≥ 0 it stops as soon as the target
   * is reached (in either phase). Returns the target's distance (or -1) when given one.
   */
  run(src: number, target = -1): number {
    const { provOff, prov, custOff, cust, peerOff, peer, sibOff, sib } = this.csr;
    const dist = this.dist;
    const parent = this.parent;
    const queue = this.queue;
    dist.fill(-1);
    this.source = src;
    let head = 0;
    let tail = 0;
    const s0 = src * 2 + UP;
    dist[s0] = 0;
    parent[s0] = -1;
    queue[tail++] = s0;
    if (src === target) return 0;
    // Visits one adjacency list of u, entering each new neighbour in `phase`; true when it
    // reaches the target. Small enough for V8 to inline into the loop below.
    const relax = (off: Int32Array, adj: Int32Array, u: number, phase: number, s: number, d: number): boolean => {
      for (let k = off[u], e = off[u + 1]; k < e; k++) {
        const t = adj[k] * 2 + phase;
        if (dist[t] < 0) {
          dist[t] = d;
          parent[t] = s;
          queue[tail++] = t;
          if (adj[k] === target) return true;
        }
      }
      return false;
    };
    while (head < tail) {
      const s = queue[head++];
      const u = s >> 1;
      const d = dist[s] + 1;
      if ((s & 1) === UP) {
        if (relax(provOff, prov, u, UP, s, d) || relax(sibOff, sib, u, UP, s, d)
          || relax(peerOff, peer, u, DOWN, s, d) || relax(custOff, cust, u, DOWN, s, d)) return d;
      } else if (relax(custOff, cust, u, DOWN, s, d) || relax(sibOff, sib, u, DOWN, s, d)) {
        return d;
      }
    }
    return target >= 0 ? -1 : 0;
  }

  /** Distance to node index `t` after `run` (shorter of its two phases), -1 if unreachable. */
  distanceTo(t: number): number {
    const a = this.dist[t * 2];
    const b = this.dist[t * 2 + 1];
    if (a < 0) return b;
    if (b < 0) return a;
    return a < b ? a : b;
  }

  /** Path of node indices from the last run's source to `t`, or null. */
  pathTo(t: number): number[] | null {
    const a = this.dist[t * 2];
    const b = this.dist[t * 2 + 1];
    if (a < 0 && b < 0) return null;
    let s = a >= 0 && (b < 0 || a <= b) ? t * 2 : t * 2 + 1;
    const out: number[] = [];
    while (s >= 0) {
      out.push(s >> 1);
      s = this.parent[s];
    }
    out.reverse();
    if (out[0] !== this.source) throw new Error('valley-free: path does not start at the source (searcher reused?)');
    return out;
  }

  /** Number of nodes reached (the source included) after a full `run`. */
  reachedCount(): number {
    let c = 0;
    for (let i = 0; i < this.csr.n; i++) if (this.dist[2 * i] >= 0 || this.dist[2 * i + 1] >= 0) c++;
    return c;
  }
}

function idx(csr: Csr, asn: number): number | undefined {
  return csr.index.get(asn);
}

/** Shortest valley-free path from AS `a` to AS `b` as ASNs, or null (also when either is absent). */
export function shortestPath(csr: Csr, a: number, b: number, searcher?: ValleyFreeSearcher): number[] | null {
  const i = idx(csr, a);
  const j = idx(csr, b);
  if (i === undefined || j === undefined) return null;
  const s = searcher ?? new ValleyFreeSearcher(csr);
  if (s.run(i, j) < 0) return null;
  return s.pathTo(j)!.map((k) => csr.asns[k]);
}

export interface Reachability {
  source: number;
  /** ASes reachable from the source (the source included). */
  reached: number;
  distance(asn: number): number;
  path(asn: number): number[] | null;
}

/** Valley-free reachability from `a` to every AS (a fresh searcher: results stay valid). */
export function reachableFrom(csr: Csr, a: number): Reachability {
  const i = idx(csr, a);
  if (i === undefined) {
    return { source: a, reached: 0, distance: () => -1, path: () => null };
  }
  const s = new ValleyFreeSearcher(csr);
  s.run(i);
  const reached = s.reachedCount();
  return {
    source: a,
    reached,
    distance: (asn) => {
      const j = idx(csr, asn);
      return j === undefined ? -1 : s.distanceTo(j);
    },
    path: (asn) => {
      const j = idx(csr, asn);
      const p = j === undefined ? null : s.pathTo(j);
      return p ? p.map((k) => csr.asns[k]) : null;
    },
  };
}

const scratch = new WeakMap<Csr, { mark: Int32Array; gen: number; queue: Int32Array }>();

/**
 * Plain BFS from node `start` along the given adjacency lists, with one marking array and
 * queue per graph (reused: callers run thousands of these). Returns how many nodes were
 * reached, `start` included; they are `queue[0 .. count)` until the next call.
 */
function closure(csr: Csr, start: number, lists: readonly (readonly [Int32Array, Int32Array])[]): { queue: Int32Array; count: number } {
  let s = scratch.get(csr);
  if (!s) scratch.set(csr, (s = { mark: new Int32Array(csr.n), gen: 0, queue: new Int32Array(csr.n) }));
  const gen = ++s.gen;
  const { mark, queue } = s;
  let tail = 0;
  queue[tail++] = start;
  mark[start] = gen;
  for (let h = 0; h < tail; h++) {
    const u = queue[h]!;
    for (const [off, arr] of lists) {
      for (let k = off[u]!, e = off[u + 1]!; k < e; k++) {
        const v = arr[k]!;
        if (mark[v] !== gen) {
          mark[v] = gen;
          queue[tail++] = v;
        }
      }
    }
  }
  return { queue, count: tail };
}

const up = (csr: Csr) => [[csr.provOff, csr.prov], [csr.sibOff, csr.sib]] as const;
const down = (csr: Csr) => [[csr.custOff, csr.cust], [csr.sibOff, csr.sib]] as const;

/** Node indices of the uphill set of node `i`: reached by climbing c2p and sibling links (i included). */
export function uphillNodes(csr: Csr, i: number): Int32Array {
  const { queue, count } = closure(csr, i, up(csr));
  return queue.slice(0, count);
}

/** Uphill cone: every AS reachable from `a` by climbing c2p and sibling links (a included), ASNs sorted. */
export function uphillCone(csr: Csr, a: number): number[] {
  const i = idx(csr, a);
  if (i === undefined) return [a];
  return Array.from(uphillNodes(csr, i), (k) => csr.asns[k]).sort((x, y) => x - y);
}

/** Customer cone: every AS reachable from `a` going down p2c and sibling links (a included). */
export function customerCone(csr: Csr, a: number): number[] {
  const i = idx(csr, a);
  if (i === undefined) return [a];
  const { queue, count } = closure(csr, i, down(csr));
  return Array.from(queue.subarray(0, count), (k) => csr.asns[k]).sort((x, y) => x - y);
}

/**
 * Size of an AS's customer cone (itself included), without building the list: an AS with no
 * customer and no sibling is 1 at once, others one BFS over their cone (once per sibling group).
 * Ranking thousands of ASes by cone costs one BFS each over their cones, not one array of the
 * graph each.
 */
export function customerConeSize(csr: Csr, a: number): number {
  const i = idx(csr, a);
  if (i === undefined) return 1;
  if (csr.custOff[i + 1] === csr.custOff[i] && csr.sibOff[i + 1] === csr.sibOff[i]) return 1;
  // Every AS of a sibling group has the group's cone: one BFS per group, not per member.
  const g = siblingGroups(csr).of[i]!;
  let sizes = coneSizes.get(csr);
  if (!sizes) coneSizes.set(csr, (sizes = new Map()));
  let c = sizes.get(g);
  if (c === undefined) sizes.set(g, (c = closure(csr, i, down(csr)).count));
  return c;
}

const coneSizes = new WeakMap<Csr, Map<number, number>>();

/** True when the AS has no provider in this graph (transit-free); absent ASes count as such. */
export function isTransitFree(csr: Csr, asn: number): boolean {
  const i = idx(csr, asn);
  return i === undefined || csr.provOff[i + 1] === csr.provOff[i];
}

/** The tops of a cone: its transit-free members. */
export function coneTops(csr: Csr, cone: number[]): number[] {
  return cone.filter((asn) => isTransitFree(csr, asn));
}

/** Neighbours of an AS by relation, as ASNs. */
export function neighbours(csr: Csr, asn: number): { providers: number[]; customers: number[]; peers: number[]; siblings: number[] } {
  const i = idx(csr, asn);
  const pick = (off: Int32Array, arr: Int32Array) => (i === undefined ? [] : Array.from(arr.subarray(off[i], off[i + 1]), (k) => csr.asns[k]));
  return {
    providers: pick(csr.provOff, csr.prov),
    customers: pick(csr.custOff, csr.cust),
    peers: pick(csr.peerOff, csr.peer),
    siblings: pick(csr.sibOff, csr.sib),
  };
}
