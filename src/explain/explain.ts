import type { Family, LinkInference } from '../infer/types.js';
import type { Topology } from '../graph/topology.js';
import { coneTops, shortestPath, uphillCone } from '../graph/valley-free.js';
import { suggestFixes } from './fixes.js';
import { setAsideAtCones } from './set-aside.js';
import { viewsOf } from '../report/inference-text.js';
import type { AmbiguousLink, Cone, DataGap, Explanation, FamilyAnswer, FamilyDifference, Hop } from './types.js';
import { OTHER_FAMILY as OTHER } from '../infer/families.js';

export interface ExplainInput {
  a: number;
  b: number;
  family: Family;
  /** The loaded families; `family` must be among them. */
  topologies: Partial<Record<Family, Topology>>;
  /** Maximum number of fixes (default 5). */
  maxFixes?: number;
  /**
   * Whether an AS has an aut-num in the data (IRR answers). Lets the asked ASes and cone
   * members without one count as data gaps even when no link of theirs is known at all.
   */
  hasObject?: (asn: number) => boolean;
  /**
   * The links `--min-confidence` set aside at the cones were tried and do not join the two
   * either (no path with every link): the answer is the threshold's own, with its fixes.
   */
  setAsideJoinNothing?: boolean;
}


export function hopsOf(topo: Topology, path: number[]): Hop[] {
  const hops: Hop[] = [];
  for (let i = 0; i + 1 < path.length; i++) {
    const l = topo.link(path[i], path[i + 1]);
    if (!l) throw new Error(`explain: AS${path[i]}–AS${path[i + 1]} is on a path but not in the graph`);
    const inf = topo.inferenceOf(path[i], path[i + 1]);
    hops.push({
      from: l.from,
      to: l.to,
      relation: l.relation,
      ...(inf ? { confidence: inf.confidence } : {}),
      evidence: inf?.evidence ?? [],
      ...(inf?.note?.includes('views differ:') ? { views: viewsOf(inf.note) } : {}),
    });
  }
  return hops;
}

function answer(topo: Topology, a: number, b: number): FamilyAnswer {
  const path = shortestPath(topo.csr, a, b);
  return { family: topo.family, reachable: path !== null, path, hops: path ? hopsOf(topo, path) : null, ...(!path && topo.setAside ? { minConfidence: topo.setAside.min } : {}) };
}

function cone(topo: Topology, asn: number): Cone {
  const members = uphillCone(topo.csr, asn);
  return { asn, members, tops: coneTops(topo.csr, members) };
}

/**
 * Why `a` can or cannot reach `b` in `family` under the Gao–Rexford model, as data:
 * the path with each hop's relation and evidence, or the two uphill cones, the proof that
 * nothing joins them, the links that would, the data gaps and ambiguous links around
 * them, and the other family's answer with the links whose relation differs.
 */
export function explainReachability(input: ExplainInput): Explanation {
  const { a, b, family } = input;
  const topo = input.topologies[family];
  if (!topo) throw new Error(`explainReachability: no ${family} graph loaded`);
  const otherTopo = input.topologies[OTHER[family]];
  const here = answer(topo, a, b);
  const evidence = topo.hasInferences();

  const ex: Explanation = {
    a,
    b,
    family,
    model: 'Gao-Rexford',
    reachable: here.reachable,
    path: here.path,
    hops: here.hops,
    absent: [a, b].filter((x, i, all) => !topo.has(x) && all.indexOf(x) === i),
    dataGaps: evidence ? [] : null,
    ambiguous: [],
    differences: [],
  };

  // Links whose inference matters to this answer: along the path, or around the cones.
  const around = new Map<string, LinkInference>();
  const note = (inf: LinkInference | undefined) => {
    if (inf) around.set(`${Math.min(inf.a, inf.b)}-${Math.max(inf.a, inf.b)}`, inf);
  };
  if (here.path) {
    for (let i = 0; i + 1 < here.path.length; i++) note(topo.link(here.path[i], here.path[i + 1])?.inference);
  } else if (ex.absent.length > 0) {
    // Not a dark spot: the data holds nothing in this family about A or B, so there are no
    // cones to compare and no transit to suggest; what is missing is that AS's policy.
    ex.reason = 'no-link-in-family';
    ex.absentDetail = ex.absent.map((asn) => ({
      asn,
      hasAutNum: input.hasObject ? input.hasObject(asn) : null,
      otherFamilyLinks: otherTopo ? otherTopo.countsOf(asn).links : null,
    }));
  } else {
    const cones = { a: cone(topo, a), b: cone(topo, b) };
    ex.cones = cones;
    const inB = new Set(cones.b.members);
    ex.sharedProviders = cones.a.members.filter((x) => inB.has(x));
    ex.joiningPeerLinks = [];
    for (const x of cones.a.members) {
      for (const l of topo.links(x)) {
        if (l.relation === 'p2p' && inB.has(l.to)) ex.joiningPeerLinks.push([x, l.to]);
        if (evidence) note(l.inference);
      }
    }
    if (evidence) for (const x of cones.b.members) for (const l of topo.links(x)) note(l.inference);
    // Links at the cones set aside by --min-confidence: unknown, not absent, so no path among
    // the rest proves nothing, and a fix made up around them would be a guess.
    const setAside = input.setAsideJoinNothing ? undefined : setAsideAtCones(topo, cones);
    if (setAside) {
      ex.reason = 'below-min-confidence';
      ex.setAside = setAside;
    } else {
      ex.fixes = suggestFixes(topo, cones, otherTopo, input.maxFixes ?? 5);
    }
  }

  if (evidence) {
    const gaps = new Map<number, Set<number>>();
    for (const inf of around.values()) {
      for (const m of inf.missing) {
        const with_ = m === inf.a ? inf.b : inf.a;
        let s = gaps.get(m);
        if (!s) gaps.set(m, (s = new Set()));
        s.add(with_);
      }
      if (inf.relation === 'ambiguous') {
        const used = topo.link(inf.a, inf.b)?.relation;
        if (used) ex.ambiguous.push({ a: inf.a, b: inf.b, candidates: inf.candidates, used } satisfies AmbiguousLink);
      }
    }
    if (input.hasObject) {
      const asked = [a, b, ...(ex.cones ? [...ex.cones.a.members, ...ex.cones.b.members] : [])];
      for (const x of asked) if (!input.hasObject(x) && !gaps.has(x)) gaps.set(x, new Set());
    }
    ex.dataGaps = [...gaps]
      .map(([asn, s]): DataGap => ({ asn, linksWith: [...s].sort((x, y) => x - y) }))
      .sort((x, y) => x.asn - y.asn);
    ex.ambiguous.sort((x, y) => x.a - y.a || x.b - y.b);
  }

  if (otherTopo) {
    ex.other = answer(otherTopo, a, b);
    ex.differences = differences(topo, otherTopo, [here.path, ex.other.path]);
  }
  return ex;
}

/**
 * A `below-min-confidence` explanation with the answer in `kept`, the same family's graph
 * built with every link (no threshold): whether the set-aside links join the cones.
 */
export function withSetAsideKept(ex: Explanation, kept: Topology): Explanation {
  if (!ex.setAside || kept.family !== ex.family) return ex;
  return { ...ex, setAside: { ...ex.setAside, withThem: answer(kept, ex.a, ex.b) } };
}

/** Links on the given paths whose relation is not the same in the two families. */
function differences(here: Topology, there: Topology, paths: (number[] | null)[]): FamilyDifference[] {
  const out: FamilyDifference[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    if (!p) continue;
    for (let i = 0; i + 1 < p.length; i++) {
      const [x, y] = [p[i], p[i + 1]];
      const key = `${Math.min(x, y)}-${Math.max(x, y)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const rh = here.relationOf(x, y) ?? 'none';
      const rt = there.relationOf(x, y) ?? 'none';
      if (rh === rt) continue;
      out.push({
        a: x,
        b: y,
        relation: { [here.family]: rh, [there.family]: rt } as FamilyDifference['relation'],
        evidence: { [here.family]: here.inferenceOf(x, y)?.evidence ?? [], [there.family]: there.inferenceOf(x, y)?.evidence ?? [] } as FamilyDifference['evidence'],
      });
    }
  }
  return out;
}
