/**
 * What the IRR says about an AS's providers, per family: its neighbours and the relation
 * asrel infers for each (read from the AS's side). Transit in a family = the neighbour is a
 * provider (c2p) or a sibling (s2s: siblings go in each other's ASPA).
 */
import type { Topology } from '../graph/topology.js';
import type { InferenceEngine } from '../infer/engine.js';
import { FAMILIES } from '../infer/families.js';
import type { Family, InferredRelation, LinkInference } from '../infer/types.js';

export type IrrView = Map<number, Partial<Record<Family, InferredRelation>>>;

export const isTransit = (r: InferredRelation | undefined) => r === 'c2p' || r === 's2s';

/** Neighbours of each AS with their relation per family: one whole-registry pass when many ASes are asked, else per AS. */
export function irrViews(engine: InferenceEngine, asns: readonly number[]): Map<number, IrrView> {
  const out = new Map<number, IrrView>(asns.map((a) => [a, new Map()]));
  const put = (owner: number, other: number, f: Family, r: InferredRelation) => {
    const v = out.get(owner);
    if (!v) return;
    const e = v.get(other) ?? {};
    e[f] = r;
    v.set(other, e);
  };
  const mirror = (r: InferredRelation): InferredRelation => (r === 'c2p' ? 'p2c' : r === 'p2c' ? 'c2p' : r);
  if (asns.length > 200) {
    for (const l of engine.all(FAMILIES, { evidence: false })) {
      put(l.a, l.b, l.family, l.relation);
      put(l.b, l.a, l.family, mirror(l.relation));
    }
  } else {
    for (const a of asns) for (const f of FAMILIES) for (const l of engine.neighbours(a, f, { evidence: false })) put(a, l.b, f, l.relation);
  }
  return out;
}

/** The registry lines behind one link in one family, read from `a`'s side. */
export function linesOf(engine: InferenceEngine, a: number, b: number, f: Family): LinkInference {
  return engine.infer(a, b, f);
}

/** Where the relations come from: the IRR (with registry lines) or a relationship file (relations only). */
export interface RelationSource {
  views(asns: readonly number[]): Map<number, IrrView>;
  /** Registry lines of a link in a family, from `a`'s side (IRR data only). */
  evidence?(a: number, b: number, f: Family): LinkInference['evidence'];
  /** Whether the data knows the AS at all (an aut-num, or any link). */
  knows(asn: number): boolean;
}

export function engineSource(engine: InferenceEngine): RelationSource {
  return {
    views: (asns) => irrViews(engine, asns),
    evidence: (a, b, f) => engine.infer(a, b, f).evidence,
    knows: (asn) => engine.hasObject(asn),
  };
}

/** Views from relationship-file topologies, read straight from each family's CSR (no per-link objects). */
export function topologySource(topologies: Partial<Record<Family, Topology>>): RelationSource {
  return {
    views: (asns) => {
      const out = new Map<number, IrrView>();
      for (const a of asns) {
        const v: IrrView = new Map();
        for (const f of FAMILIES) {
          const c = topologies[f]?.csr;
          const i = c?.index.get(a);
          if (!c || i === undefined) continue;
          const lists: Array<[Int32Array, Int32Array, InferredRelation]> = [[c.provOff, c.prov, 'c2p'], [c.custOff, c.cust, 'p2c'], [c.peerOff, c.peer, 'p2p'], [c.sibOff, c.sib, 's2s']];
          for (const [off, adj, r] of lists) {
            for (let k = off[i]!; k < off[i + 1]!; k++) {
              const b = c.asns[adj[k]!]!;
              const e = v.get(b);
              if (e) e[f] = r;
              else v.set(b, { [f]: r });
            }
          }
        }
        out.set(a, v);
      }
      return out;
    },
    knows: (asn) => FAMILIES.some((f) => topologies[f]?.has(asn)),
  };
}
