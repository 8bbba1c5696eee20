/**
 * Relationship graphs from the store's inferences. A question about a few ASes builds only
 * what its answer can touch: the uphill cones of those ASes (climbing provider and sibling
 * links) with the links among their members, and for an unreachable answer also the members'
 * links to peers and the cones of the tops' peers. Whole-data analyses stream every inference
 * of the store. Either way the edges keep only the relation; evidence is read from the store
 * for the links an answer prints.
 */
import { DEFAULT_AMBIGUOUS, edgesFromInferences, resolveAmbiguous } from '../graph/build.js';
import { Topology, type Outside } from '../graph/topology.js';
import type { AmbiguousGraphLink, AmbiguousPolicy, RelationshipEdge } from '../graph/types.js';
import type { InferenceEngine } from '../infer/engine.js';
import type { Family, InferredRelation, LinkInference } from '../infer/types.js';
import { mirror } from '../infer/views.js';
import { thousands } from '../report/thousands.js';

export interface IrrTopologies {
  topologies: Partial<Record<Family, Topology>>;
  /** One line: how many links per family, ambiguous and conflicting ones, and those set aside by `minConfidence`. */
  summary: string;
  /** Links whose confidence is below `minConfidence`, per family: counted as unknown (left out of the graphs). */
  setAside: Record<Family, number>;
  /** ASes in the graphs (for the answer's `data:` lines). */
  ases: Set<number>;
  /** Per family: links in the graph, ambiguous and conflicting ones (what `summary` says). */
  counted: Record<Family, { links: number; ambiguous: number; conflicts: number }>;
  /** For a question: the families read in full. */
  full: readonly Family[];
  /** For a question: what was read of the families built lean (a fuller build of one reads only what it adds). */
  cones: Partial<Record<Family, ConeRead>>;
}

/**
 * `--min-confidence X`: a link whose confidence (a calibrated probability, src/infer/confidence.ts)
 * is below X counts as unknown. Conflicts and absent links are not counted: they are no link anyway.
 */
export function belowConfidence(l: LinkInference, min: number | undefined): boolean {
  return min !== undefined && min > 0 && l.relation !== 'none' && l.relation !== 'conflict' && l.confidence < min;
}

/** An inference as a graph edge keeps it: no evidence lines (read again when printed). */
function slim(l: LinkInference): LinkInference {
  // Read from the link table: slim already.
  if (l.evidence.length === 0 && l.note === undefined && l.summary === undefined) return l;
  return { a: l.a, b: l.b, family: l.family, relation: l.relation, candidates: l.candidates, confidence: l.confidence, ...(l.basis ? { basis: l.basis } : {}), evidence: [], missing: l.missing };
}

/** The relation the graph will hold for this link, from `from`'s side (ambiguous links as `--ambiguous` resolves them). */
function heldFrom(l: LinkInference, from: number, policy: AmbiguousPolicy): InferredRelation | null {
  const seen = from === l.a ? l : { ...l, relation: mirror(l.relation), candidates: l.candidates.map((c) => mirror(c)) };
  return seen.relation === 'ambiguous' ? resolveAmbiguous(seen, policy) : seen.relation;
}

/** Whether the graph will hold this link as going up from `from` (to a provider or a sibling). */
export function isUp(l: LinkInference, from: number, policy: AmbiguousPolicy): boolean {
  const r = heldFrom(l, from, policy);
  return r === 'c2p' || r === 's2s';
}

/** Whether the graph will hold this link as going down from `from` (to a customer). */
function isDown(l: LinkInference, from: number, policy: AmbiguousPolicy): boolean {
  return heldFrom(l, from, policy) === 'p2c';
}

/** A pair's key, whichever side it is met from. */
const keyOf = (x: number, n: number) => (x < n ? `${x}-${n}` : `${n}-${x}`);

/** Whether `from` is the customer in this link as the graph will hold it (not a sibling). */
function hasProviderIn(l: LinkInference, from: number, policy: AmbiguousPolicy): boolean {
  return isUp(l, from, policy) && (l.relation === 'ambiguous' || (from === l.a ? l.relation === 'c2p' : l.relation === 'p2c'));
}

/** What a question read of one family's cones: their members, and every link read from them climbing (by pair). */
export interface ConeRead {
  family: Family;
  members: Set<number>;
  met: Map<string, LinkInference>;
}

/**
 * The links of the uphill cones of `asns` in one family. Lean (`full` false): the cones
 * (climbed through the links up from each member) and every link between two members; a
 * valley-free path between the asked ASes uses nothing else. Full: every link of a cone member
 * except those down to its customers, then the uphill cones of the tops' peers (`fullCone`),
 * which an unreachable answer's fixes and gaps need.
 */
export function coneInferences(engine: InferenceEngine, asns: readonly number[], family: Family, policy: AmbiguousPolicy = DEFAULT_AMBIGUOUS, minConfidence?: number, full = true): LinkInference[] {
  const lean = leanCone(engine, asns, family, policy, minConfidence);
  return full ? fullCone(engine, lean.read, policy, minConfidence) : lean.links;
}

/**
 * Climbs from `start` through the usable links up (to providers and siblings), reading each
 * frontier's links up into `met` (from the link table, a frontier at a time; decided from
 * claims, one AS at a time, every link, reusing those met so far). `seen` grows with the ASes met.
 */
function climb(engine: InferenceEngine, start: Iterable<number>, seen: Set<number>, family: Family, policy: AmbiguousPolicy, minConfidence: number | undefined, met: Map<string, LinkInference>): void {
  let frontier = [...start];
  while (frontier.length > 0) {
    const next: number[] = [];
    const around = engine.fromTable ? engine.linksOfMany(frontier, family, 'up') : undefined;
    for (const x of frontier) {
      for (const [n, found] of around?.get(x) ?? engine.linksOf(x, family, (m) => met.get(keyOf(x, m)))) {
        const key = keyOf(x, n);
        let l = met.get(key);
        if (!l) met.set(key, (l = slim(found)));
        // A link set aside by --min-confidence is unknown: the cone does not climb it.
        if (seen.has(n) || belowConfidence(l, minConfidence) || !isUp(l, x, policy)) continue;
        seen.add(n);
        next.push(n);
      }
    }
    frontier = next;
  }
}

/** The members of the uphill cones of `asns` in one family, as a question's graph climbs them. */
export function uphillMembers(engine: InferenceEngine, asns: readonly number[], family: Family, policy: AmbiguousPolicy = DEFAULT_AMBIGUOUS): Set<number> {
  const members = new Set<number>(asns);
  climb(engine, members, members, family, policy, undefined, new Map());
  return members;
}

/** Whether `l` goes up from one of its ASes that is in `within`. */
const upFromOne = (l: LinkInference, within: Set<number>, policy: AmbiguousPolicy) =>
  (within.has(l.a) && isUp(l, l.a, policy)) || (within.has(l.b) && isUp(l, l.b, policy));

/** The cones and the links among their members, with what was read (for `fullCone`). */
function leanCone(engine: InferenceEngine, asns: readonly number[], family: Family, policy: AmbiguousPolicy, minConfidence?: number): { links: LinkInference[]; read: ConeRead } {
  const met = new Map<string, LinkInference>();
  const members = new Set<number>(asns);
  climb(engine, members, members, family, policy, minConfidence, met);
  const links = new Map<string, LinkInference>();
  // Links up below --min-confidence go on too: the graph sets them aside (irrTopologies `take`),
  // and a pair they alone could join is then said to be unknown at the threshold, not apart.
  for (const [key, l] of met) if (upFromOne(l, members, policy)) links.set(key, l);
  // The other links between two members (peers, ambiguous, conflicts; the up ones were read
  // climbing): from the table in one statement; from claims, among those met.
  if (engine.fromTable) {
    for (const [x, list] of engine.linksOfMany([...members], family, 'among')) for (const [n, l] of list) if (!links.has(keyOf(x, n))) links.set(keyOf(x, n), slim(l));
  } else {
    for (const [key, l] of met) if (members.has(l.a) && members.has(l.b)) links.set(key, l);
  }
  return { links: [...links.values()], read: { family, members, met } };
}

/**
 * The cones read in full from a lean read: each member's links to peers and conflicts join
 * the links up read climbing (from claims, every link of a member was read already), so every
 * link of a member except those down to its customers; then the uphill cones (providers and
 * siblings only) of the peers of the cones' tops: whether such a peer reaches the other side,
 * which a fix turning the peering into transit needs, is then known as the whole graph knows it.
 * Every valley-free path between two of the asked ASes climbs one's cone and descends the
 * other's, so each of its links has its customer end in a cone and is read from there: the
 * search is exact without the customers of a tier-1 (tens of thousands of links).
 */
function fullCone(engine: InferenceEngine, read: ConeRead, policy: AmbiguousPolicy, minConfidence?: number): LinkInference[] {
  const { family, members, met } = read;
  if (engine.fromTable) {
    for (const [x, list] of engine.linksOfMany([...members], family, 'level')) {
      for (const [n, l] of list) if (!met.has(keyOf(x, n))) met.set(keyOf(x, n), slim(l));
    }
  }
  const links = new Map<string, LinkInference>();
  const peers = new Map<number, number[]>();
  const withProvider = new Set<number>();
  for (const [key, l] of met) {
    const ends = [l.a, l.b].filter((x) => members.has(x));
    if (ends.every((x) => isDown(l, x, policy))) continue;
    links.set(key, l);
    if (belowConfidence(l, minConfidence)) continue;
    for (const x of ends) {
      const n = x === l.a ? l.b : l.a;
      if (hasProviderIn(l, x, policy)) withProvider.add(x);
      if (l.relation !== 'conflict' && !isUp(l, x, policy) && !isUp(l, n, policy)) {
        let list = peers.get(x);
        if (!list) peers.set(x, (list = []));
        list.push(n);
      }
    }
  }
  // The tops (members without a provider) and their peers outside the cones.
  const above = new Set<number>();
  for (const [x, list] of peers) if (!withProvider.has(x)) for (const p of list) if (!members.has(p)) above.add(p);
  const beyond = new Set<number>([...members, ...above]);
  const metAbove = new Map<string, LinkInference>();
  climb(engine, above, beyond, family, policy, minConfidence, metAbove);
  for (const x of members) beyond.delete(x);
  for (const [key, l] of metAbove) if (!links.has(key) && upFromOne(l, beyond, policy)) links.set(key, l);
  return [...links.values()];
}

const n = thousands;

/**
 * `full`: for a question (`asns`), the families whose cones are read in full — with each
 * member's links to peers and the providers above the tops' peers, which an unreachable
 * answer's fixes and gaps need (default: every family); the others get the cones and the links
 * among their members, all a path needs.
 */
export function irrTopologies(engine: InferenceEngine, opts: { asns?: readonly number[]; families: readonly Family[]; ambiguous?: AmbiguousPolicy; minConfidence?: number; full?: readonly Family[]; base?: IrrTopologies }): IrrTopologies {
  const full = opts.full ?? opts.families;
  const policy = opts.ambiguous ?? DEFAULT_AMBIGUOUS;
  // `base`: a question's graphs built already; only the families read in full now are built again.
  const build = opts.base ? opts.families.filter((f) => full.includes(f) && !opts.base!.full.includes(f)) : opts.families;
  const edges: Record<Family, RelationshipEdge[]> = { ipv4: [], ipv6: [] };
  const counted: IrrTopologies['counted'] = { ipv4: { links: 0, ambiguous: 0, conflicts: 0 }, ipv6: { links: 0, ambiguous: 0, conflicts: 0 } };
  const setAside: Record<Family, number> = { ipv4: 0, ipv6: 0 };
  // A question's graph keeps the links it set aside, so that its answer can name those that
  // matter (a whole-data graph only counts them: they may be most of the data).
  const setAsideLinks: Record<Family, LinkInference[]> = { ipv4: [], ipv6: [] };
  const ases = new Set<number>(opts.base?.ases);
  // Every ambiguous link met (kept or left out by the policy), by pair: an answer says when it rests on one.
  const ambiguousMet: Record<Family, Map<string, AmbiguousGraphLink>> = { ipv4: new Map(), ipv6: new Map() };
  const noteAmbiguous = (l: LinkInference) => {
    if (l.relation !== 'ambiguous' || belowConfidence(l, opts.minConfidence)) return;
    const key = keyOf(l.a, l.b);
    if (!ambiguousMet[l.family].has(key)) ambiguousMet[l.family].set(key, { a: l.a, b: l.b, candidates: l.candidates, held: resolveAmbiguous(l, policy) });
  };
  const take = (l: LinkInference) => {
    if (belowConfidence(l, opts.minConfidence)) {
      setAside[l.family]++;
      if (opts.asns) setAsideLinks[l.family].push(l);
      return;
    }
    noteAmbiguous(l);
    if (l.relation === 'ambiguous') counted[l.family].ambiguous++;
    else if (l.relation === 'conflict') counted[l.family].conflicts++;
    for (const e of edgesFromInferences([l], policy)) {
      edges[l.family].push(e);
      ases.add(e.a);
      ases.add(e.b);
    }
  };
  const cones: Partial<Record<Family, ConeRead>> = { ...opts.base?.cones };
  if (opts.asns) {
    for (const f of build) {
      let links: LinkInference[];
      let read: ConeRead;
      if (full.includes(f)) {
        // Built lean before (`base`): only what the full read adds is read now.
        read = opts.base?.cones[f] ?? leanCone(engine, opts.asns, f, policy, opts.minConfidence).read;
        links = fullCone(engine, read, policy, opts.minConfidence);
        delete cones[f];
      } else {
        const lean = leanCone(engine, opts.asns, f, policy, opts.minConfidence);
        read = lean.read;
        cones[f] = read;
        links = lean.links;
      }
      for (const l of links) take(l);
      // The cones' ambiguous links the graph does not hold (peer links out of a cone): read climbing.
      for (const l of read.met.values()) noteAmbiguous(l);
    }
    for (const a of opts.asns) ases.add(a);
  } else {
    for (const l of engine.all(opts.families, { evidence: false })) take(slim(l));
  }
  const topologies: Partial<Record<Family, Topology>> = {};
  for (const f of opts.families) {
    if (!build.includes(f)) {
      topologies[f] = opts.base!.topologies[f];
      counted[f] = opts.base!.counted[f];
      setAside[f] = opts.base!.setAside[f];
      continue;
    }
    counted[f].links = edges[f].length;
    // Evidence is read in ASN order, as whole-data runs list it. A question's graph holds no
    // links down from its cones: counts of customers and providers come from the data.
    const outside: Outside | undefined = opts.asns ? {
      counts: (asn) => engine.countsOf(asn, f),
      countsMany: (asns) => engine.countsOfMany(asns, f),
      relation: (from, to) => {
        const l = engine.linkOf(from, to, f);
        if (l.relation === 'none' || l.relation === 'conflict' || belowConfidence(l, opts.minConfidence)) return undefined;
        return (l.relation === 'ambiguous' ? resolveAmbiguous(l, policy) : l.relation) ?? undefined;
      },
    } : undefined;
    // An asked AS whose links all go down to customers is in the graph all the same (not "no link in this family").
    const nodes = opts.asns ? opts.asns.filter((x) => engine.countsOf(x, f).links > 0) : undefined;
    const left = opts.asns && opts.minConfidence ? { min: opts.minConfidence, links: setAsideLinks[f] } : undefined;
    topologies[f] = Topology.fromEdges(edges[f], f, (a, b) => engine.infer(Math.min(a, b), Math.max(a, b), f), outside, nodes, { ambiguous: [...ambiguousMet[f].values()], setAside: left });
  }
  const fullNow = opts.families.filter((f) => full.includes(f) || opts.base?.full.includes(f));
  const perFamily = opts.families.map((f) => `${n(counted[f].links)} ${f}`).join(', ');
  const ambiguous = opts.families.reduce((x, f) => x + counted[f].ambiguous, 0);
  const conflicts = opts.families.reduce((x, f) => x + counted[f].conflicts, 0);
  // A question reads only the cones around its ASes: say so, so that its count is not taken
  // for the whole data's (which whole-data commands such as reach and dark-spots print).
  const around = opts.asns
    ? ` around ${opts.asns.length <= 3 ? opts.asns.map((a) => `AS${a}`).join(', ') : `the ${n(opts.asns.length)} asked ASes`} (their uphill cones and the links among their members${fuller(fullNow)})`
    : ' (all the data)';
  const summary = `relationships inferred from IRR policies${around}: ${perFamily} links` +
    (ambiguous ? `; ${n(ambiguous)} ambiguous ${policy === 'drop' ? 'left out' : `used as ${policy === 'peer' ? 'peer links' : `"${policy}" where possible, else peer`}`} (--ambiguous)` : '') +
    (conflicts ? `; ${n(conflicts)} conflicting left out` : '') +
    (opts.minConfidence ? `; ${setAsideText(setAside, opts.families, opts.minConfidence)}` : '');
  return { topologies, summary, setAside, ases, counted, full: fullNow, cones };
}

/** What a question's graph holds beyond its cones, for the families read in full. */
function fuller(families: readonly Family[]): string {
  return families.length ? `; ${families.length === 2 ? 'in both families' : `in ${families[0]}`} also each member's links to peers and the providers above the tops' peers, for the fixes` : '';
}

/** "12 ipv4, 3 ipv6 links below confidence 0.9 set aside as unknown (--min-confidence)". */
export function setAsideText(setAside: Record<Family, number>, families: readonly Family[], min: number): string {
  return `${families.map((f) => `${n(setAside[f])} ${f}`).join(', ')} links below confidence ${min} set aside as unknown (--min-confidence)`;
}
