import type { Relation } from '../infer/types.js';
import type { Topology } from '../graph/topology.js';
import { ValleyFreeSearcher } from '../graph/valley-free.js';
import type { Cone, Fix } from './types.js';
import { FAMILY_LABEL } from '../infer/families.js';


/** Node indices that reach (equivalently: are reached from) `asn` valley-free; empty when absent. */
function reachSet(topo: Topology, asn: number): Uint8Array {
  const { csr } = topo;
  const out = new Uint8Array(csr.n);
  const i = csr.index.get(asn);
  if (i === undefined) return out;
  const s = new ValleyFreeSearcher(csr);
  s.run(i);
  for (let k = 0; k < csr.n; k++) if (s.dist[2 * k] >= 0 || s.dist[2 * k + 1] >= 0) out[k] = 1;
  return out;
}

function customerCount(topo: Topology, asn: number): number {
  return topo.countsOf(asn).customers;
}

/**
 * Links whose existence would make `a` reach `b`, ranked: first existing links whose
 * relation in the other family already gives the transit needed, then other existing
 * links turned into transit, a peer link between the two cones' tops, and transit bought
 * from the best-connected transit-free AS that the other side reaches. A valley-free path
 * reversed is valley-free, so "P reaches b" and "b reaches P" are the same set.
 */
export function suggestFixes(topo: Topology, cones: { a: Cone; b: Cone }, other: Topology | undefined, limit = 5): Fix[] {
  const F = FAMILY_LABEL[topo.family];
  const { csr } = topo;
  const reach = { a: reachSet(topo, cones.a.asn), b: reachSet(topo, cones.b.asn) };
  const backed: Fix[] = [];
  const changes: Fix[] = [];
  const fresh: Fix[] = [];

  // A question's graph asks the data for counts: the tops and every AS that could sell, at once.
  topo.preloadCounts([...cones.a.tops, ...cones.b.tops, ...csr.asns.filter((_, k) => (reach.a[k] || reach.b[k]) && csr.provOff[k + 1] === csr.provOff[k])]);
  for (const [side, far] of [['a', 'b'], ['b', 'a']] as const) {
    const target = cones[far].asn;
    // Sellers for a new transit link: transit-free ASes the other side reaches, best connected
    // first (lowest node first among equals), outside both cones. Ranked once per side, not per
    // top: a cone whose tops are a sibling group of thousands would otherwise scan the graph
    // once per top.
    const farCone = new Set(cones[far].members);
    const ownCone = new Set(cones[side].members);
    const sellers: number[] = [];
    const customers = (k: number) => customerCount(topo, csr.asns[k]);
    for (let k = 0; k < csr.n; k++) {
      // Transit-free in the data, not only in the graph (a question's graph holds part of it).
      if (!reach[far][k] || csr.provOff[k + 1] !== csr.provOff[k] || topo.countsOf(csr.asns[k]).providers > 0) continue;
      // Buying from the other cone itself is a direct link between the sides: the peering fix covers it.
      if (farCone.has(csr.asns[k]) || ownCone.has(csr.asns[k])) continue;
      // An AS with no customer sells no transit the data shows (AS6695, DE-CIX's route server,
      // reaches AS3255 over a peer link in the bundled data and was offered as a seller).
      if (customers(k) > 0) sellers.push(k);
    }
    sellers.sort((x, y) => customers(y) - customers(x) || x - y);
    for (const t of cones[side].tops) {
      for (const l of topo.links(t)) {
        const p = csr.index.get(l.to);
        // Only a peer link can become transit usefully: a sibling is already usable both ways.
        if (p === undefined || !reach[far][p] || l.relation !== 'p2p') continue;
        const otherRel = other?.relationOf(t, l.to);
        const fix: Fix = {
          kind: 'relation-change',
          customer: t,
          provider: l.to,
          current: l.relation,
          ...(otherRel ? { otherFamily: otherRel } : {}),
          reason:
            `today they are ${F} peers` +
            (otherRel && other ? `; in ${FAMILY_LABEL[other.family]} ${relPhrase(t, l.to, otherRel)}` : '') +
            `; AS${l.to} reaches AS${target} valley-free, so ${F} transit from it joins the cones`,
        };
        (otherRel === 'c2p' ? backed : changes).push(fix);
      }
      // The best-connected seller that is not a neighbour of t yet (at most t's links are
      // skipped). New-transit fixes come last and never repeat another fix's pair (their
      // seller is no neighbour of t), so past `limit` of them none would be shown.
      if (fresh.length >= limit) continue;
      const k = sellers.find((s) => !topo.link(t, csr.asns[s]));
      if (k !== undefined) {
        const best = csr.asns[k];
        fresh.push({
          kind: 'new-transit',
          customer: t,
          provider: best,
          reason: `AS${best} reaches AS${target} valley-free in ${F} (transit-free, ${customers(k)} direct customers), so transit from it joins the cones`,
        });
      }
    }
  }

  const peerings: Fix[] = [];
  const ranked = (tops: number[]) => [...tops].sort((x, y) => customerCount(topo, y) - customerCount(topo, x) || x - y);
  for (const ta of ranked(cones.a.tops).slice(0, 2)) {
    for (const tb of ranked(cones.b.tops).slice(0, 2)) {
      if (ta === tb || topo.link(ta, tb)) continue;
      peerings.push({
        kind: 'new-peering',
        peers: [ta, tb],
        reason: `a peer link between the cones' tops: up to AS${ta}, across, down to AS${tb}`,
      });
    }
  }
  const all = [...backed, ...changes, ...peerings.slice(0, 2), ...fresh];
  const seen = new Set<string>();
  const out: Fix[] = [];
  for (const f of all) {
    const key = f.kind === 'new-peering' ? `peer:${Math.min(...f.peers!)}-${Math.max(...f.peers!)}` : `transit:${f.customer}-${f.provider}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
    if (out.length >= limit) break;
  }
  return out;
}

/** "AS1299 is AS6939's provider" for relation read from `x`'s side. */
export function relPhrase(x: number, y: number, rel: Relation | 'none'): string {
  switch (rel) {
    case 'c2p':
      return `AS${y} is AS${x}'s provider`;
    case 'p2c':
      return `AS${x} is AS${y}'s provider`;
    case 'p2p':
      return `AS${x} and AS${y} are peers`;
    case 's2s':
      return `AS${x} and AS${y} are siblings`;
    default:
      return `AS${x} and AS${y} have no link`;
  }
}
