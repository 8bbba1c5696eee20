import type { Topology } from '../graph/topology.js';
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

