import type { Topology } from '../graph/topology.js';
import { uphillNodes } from '../graph/valley-free.js';
import type { LinkInference } from '../infer/types.js';
import { mirror } from '../infer/views.js';
import type { Cone, SetAsideAnswer, SetAsideLink } from './types.js';

/**
 * The links `--min-confidence` set aside that could join two cones: those up from, or level
 * with, a member of either (a valley-free path between the cones' ASes uses no other kind).
 * Undefined when the graph set none aside there: then the cones, and the answer, are the
 * data's own. Each is read from a member's side, those at the two asked ASes first, the most
 * likely first among them.
 */
export function setAsideAtCones(topo: Topology, cones: { a: Cone; b: Cone }): SetAsideAnswer | undefined {
  const left = topo.setAside;
  if (!left) return undefined;
  const members = new Set([...cones.a.members, ...cones.b.members]);
  const asked = [cones.a.asn, cones.b.asn];
  const links: SetAsideLink[] = [];
  for (const l of left.links) {
    const ends = [l.a, l.b].filter((x) => members.has(x));
    const from = (x: number) => (x === l.a ? l.relation : mirror(l.relation));
    // Down from every member end (to a customer outside the cones): on no path between them.
    if (!ends.some((x) => from(x) !== 'p2c')) continue;
    const x = ends.find((e) => asked.includes(e)) ?? ends[0]!;
    links.push({ a: x, b: x === l.a ? l.b : l.a, relation: from(x), confidence: l.confidence });
  }
  if (links.length === 0) return undefined;
  const atAsked = (s: SetAsideLink) => (asked.includes(s.a) ? 0 : 1);
  links.sort((x, y) => atAsked(x) - atAsked(y) || y.confidence - x.confidence || x.a - y.a || x.b - y.b);
  return { minConfidence: left.min, links };
}

/**
 * setAsideAtCones for many pairs (batch): whether a link `--min-confidence` set aside goes up
 * from, or level with, a member of an AS's uphill cone. A pair found apart is unknown at the
 * threshold when this holds for either AS. Kept per AS: a batch meets each listed AS against
 * every other.
 */
export class SetAsideNear {
  private readonly at = new Map<number, LinkInference[]>();
  private readonly known = new Map<number, boolean>();

  constructor(private readonly topo: Topology) {
    for (const l of topo.setAside?.links ?? []) {
      for (const x of [l.a, l.b]) {
        let list = this.at.get(x);
        if (!list) this.at.set(x, (list = []));
        list.push(l);
      }
    }
  }

  touches(asn: number): boolean {
    if (this.at.size === 0) return false;
    let r = this.known.get(asn);
    if (r === undefined) {
      const { csr } = this.topo;
      const i = csr.index.get(asn);
      const members = i === undefined ? [asn] : Array.from(uphillNodes(csr, i), (k) => csr.asns[k]!);
      r = members.some((u) => (this.at.get(u) ?? []).some((l) => (u === l.a ? l.relation : mirror(l.relation)) !== 'p2c'));
      this.known.set(asn, r);
    }
    return r;
  }
}
