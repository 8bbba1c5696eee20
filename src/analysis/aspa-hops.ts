/**
 * `why-unreachable … --aspa`: the ASPA status of each AS and hop of the explanation — the
 * path in the asked family when there is one, the other family's path, and the fixes. ASPA
 * holds one provider set for both families, so a hop's status is the same in both; the
 * relations beside it are the family's own. Each path is also verified as a route each way
 * (B's routes received by A, A's by B), the procedure chosen by the receiver's relation to
 * its neighbour on the path: downstream from a provider, upstream otherwise.
 */
import type { AspaSet } from '../aspa/read.js';
import type { AspaRecord } from '../aspa/types.js';
import { explainAspa, hop, lookupOf, verifyAspa, type AspaVerdict, type HopResult, type Procedure } from '../aspa/verification.js';
import type { Explanation, Hop } from '../explain/types.js';
import type { Family, Relation } from '../infer/types.js';

export interface AspaAsStatus {
  asn: number;
  /** none: no ASPA; as0: AS0 alone ("no providers"); providers: the set. */
  status: 'none' | 'as0' | 'providers';
  providers?: number[];
  flags?: string[];
}

export interface AspaLink {
  a: number;
  b: number;
  /** Read from a's side (c2p: b is a's provider), in the path's family. */
  relation: Relation;
  /** hop(a, b): is b in a's ASPA? */
  aToB: HopResult;
  /** hop(b, a): is a in b's ASPA? */
  bToA: HopResult;
}

export interface AspaRouteCheck {
  /** The AS that receives the route, and the origin. */
  receiver: number;
  origin: number;
  /** As received: the neighbour first, the origin last. */
  asPath: number[];
  procedure: Procedure;
  verdict: AspaVerdict;
  reason: string;
}

export interface AspaPathStatus {
  family: Family;
  path: number[];
  links: AspaLink[];
  routes: AspaRouteCheck[];
}

export interface AspaFixStatus {
  /** 1-based, as the explanation numbers its fixes. */
  fix: number;
  kind: 'transit' | 'peering';
  customer?: number;
  provider?: number;
  /** transit: what the customer's ASPA says of the new provider. */
  status: 'no-aspa' | 'listed' | 'must-add' | 'as0' | 'peering';
}

export interface AspaHops {
  source: string;
  ases: AspaAsStatus[];
  paths: AspaPathStatus[];
  fixes: AspaFixStatus[];
}

function statusOf(records: Map<number, AspaRecord>, asn: number): AspaAsStatus {
  const r = records.get(asn);
  if (!r) return { asn, status: 'none' };
  const as0 = r.providers.length === 1 && r.providers[0] === 0;
  const flags = r.flags.filter((f) => f !== 'merged' && f !== 'per-family');
  return { asn, status: as0 ? 'as0' : 'providers', ...(as0 ? {} : { providers: r.providers }), ...(flags.length ? { flags } : {}) };
}

const flip = (r: Relation): Relation => (r === 'c2p' ? 'p2c' : r === 'p2c' ? 'c2p' : r);

function pathStatus(family: Family, path: number[], hops: Hop[], set: AspaSet): AspaPathStatus {
  const aspa = lookupOf(set.records);
  const links = hops.map((h) => ({ a: h.from, b: h.to, relation: h.relation, aToB: hop(aspa, h.from, h.to), bToA: hop(aspa, h.to, h.from) }));
  const routes: AspaRouteCheck[] = [];
  if (path.length >= 2) {
    const a = path[0]!, b = path[path.length - 1]!;
    // B's routes at A: A's neighbour is path[1]; from a provider when A climbs to it (c2p).
    const toA = path.slice(1);
    const procA: Procedure = hops[0]!.relation === 'c2p' ? 'downstream' : 'upstream';
    const cA = verifyAspa(toA, false, procA, aspa);
    routes.push({ receiver: a, origin: b, asPath: toA, procedure: procA, verdict: cA.verdict, reason: explainAspa(cA) });
    // A's routes at B: B's neighbour is path[n-2]; from a provider when B climbs to it.
    const toB = path.slice(0, -1).reverse();
    const procB: Procedure = flip(hops[hops.length - 1]!.relation) === 'c2p' ? 'downstream' : 'upstream';
    const cB = verifyAspa(toB, false, procB, aspa);
    routes.push({ receiver: b, origin: a, asPath: toB, procedure: procB, verdict: cB.verdict, reason: explainAspa(cB) });
  }
  return { family, path, links, routes };
}

/** The ASPA status of an explanation's ASes, paths and fixes. */
export function aspaHops(ex: Explanation, set: AspaSet): AspaHops {
  const paths: AspaPathStatus[] = [];
  if (ex.path && ex.hops) paths.push(pathStatus(ex.family, ex.path, ex.hops, set));
  if (ex.other?.path && ex.other.hops) paths.push(pathStatus(ex.other.family, ex.other.path, ex.other.hops, set));
  const fixes: AspaFixStatus[] = (ex.fixes ?? []).map((f, i) => {
    if (f.kind === 'new-peering' || f.customer === undefined || f.provider === undefined) return { fix: i + 1, kind: 'peering' as const, status: 'peering' as const };
    const r = set.records.get(f.customer);
    const as0 = !!r && r.providers.length === 1 && r.providers[0] === 0;
    const status = !r ? 'no-aspa' as const : as0 ? 'as0' as const : r.providers.includes(f.provider) ? 'listed' as const : 'must-add' as const;
    return { fix: i + 1, kind: 'transit' as const, customer: f.customer, provider: f.provider, status };
  });
  const order: number[] = [ex.a, ...paths.flatMap((p) => p.path), ...fixes.flatMap((f) => (f.kind === 'transit' ? [f.customer!, f.provider!] : [])), ex.b];
  const ases = [...new Set(order)].map((a) => statusOf(set.records, a));
  return { source: set.name, ases, paths, fixes };
}
