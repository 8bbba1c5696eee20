/**
 * Whether a pair found unreachable (a dark spot) could be joined by reading an ambiguous IRR
 * link otherwise than `--ambiguous` did.
 *
 * A valley-free path from a to b climbs a's uphill set U(a), crosses at most one peer link and
 * descends into b (read backwards, climbs U(b)). Take any reading of the ambiguous links under
 * which a path appears, and its first re-read link L (from a's side): the path before L is in
 * today's graph and climbs, so L touches U(a) — or, when L lies in the descent, the last re-read
 * link touches U(b). And that link is read either as joining U(a) and U(b) directly, or as going
 * up from its end in U(a) or U(b) (the other end a provider or sibling). So a dark spot can
 * depend on ambiguous links only when such a link exists at U(a) ∪ U(b): when none does, no
 * reading of them changes the verdict. The test costs the two uphill sets and the ambiguous
 * links of their members, never a search of the graph.
 *
 * A link is named when re-reading it alone changes the verdict: it `joins` the pair (its ends
 * already lie in U(a) and U(b), a link left out by `drop`; or, read as going up, its far end
 * reaches the other AS valley-free today: uphill sets meet or a peer link joins them, as in
 * PairReach), or, read as going up from a or b itself, it gives that AS a provider
 * (`givesProvider`): a transit-free AS would then not be one. Links that could matter only
 * read otherwise together are not named: at a tier-1's uphill set nearly every pair has some,
 * and a flag on 95% of the dark spots of a synthetic registry said nothing.
 */
import type { Relation } from '../infer/types.js';
import type { Csr } from './csr.js';
import type { AmbiguousGraphLink } from './types.js';
import { uphillNodes } from './valley-free.js';

/** An ambiguous link at a pair's uphill sets, with the reading that could join the pair. */
export interface AmbiguousFinding extends AmbiguousGraphLink {
  /** The reading (from `a`'s side of the link) that could join the pair; undefined: any but leaving it out. */
  reading?: Relation;
  /** Re-reading this link alone joins the pair (checked on today's graph). */
  joins: boolean;
  /** The pair's AS (a or b) that this reading gives a provider, if it does. */
  givesProvider?: number;
}

const flip = (r: Relation): Relation => (r === 'p2c' ? 'c2p' : r === 'c2p' ? 'p2c' : r);

/** A link near an AS's uphill set, read as going up from its end `u` there. */
interface Upward {
  l: AmbiguousGraphLink;
  u: number;
  other: number;
  reading: Relation;
  /** `other` is in the uphill set already (through a sibling): only a provider for the AS itself is gained. */
  climbed: boolean;
  /** The reading gives the AS itself (u) a provider. */
  provider: boolean;
}

/** Past this many entries a cache starts again: a batch meets each listed AS many times, a whole listing few. */
const CACHE_MAX = 4096;

export class AmbiguousLinks {
  /** ASN → the ambiguous links at it. */
  private readonly at = new Map<number, AmbiguousGraphLink[]>();
  /** Uphill sets by node index (as ASNs), kept: a listed AS is met again and again. */
  private readonly ups = new Map<number, Set<number>>();
  /**
   * By ASN: the ambiguous links at its uphill set with their end there, and those of them that
   * read as going up. A batch asks about each listed AS against every other: walking its uphill
   * set and re-reading each link for every pair cost more than the batch's searches.
   */
  private readonly near = new Map<number, { links: { u: number; l: AmbiguousGraphLink }[]; upward: Upward[] }>();
  /** target ASN → (ASN → whether it reaches the target today). */
  private readonly reached = new Map<number, Map<number, boolean>>();

  constructor(private readonly csr: Csr, links: readonly AmbiguousGraphLink[]) {
    for (const l of links) {
      for (const x of [l.a, l.b]) {
        let list = this.at.get(x);
        if (!list) this.at.set(x, (list = []));
        list.push(l);
      }
    }
  }

  get size(): number {
    return this.at.size;
  }

  private up(asn: number): Set<number> {
    const i = this.csr.index.get(asn);
    if (i === undefined) return new Set([asn]);
    let s = this.ups.get(i);
    if (!s) {
      s = new Set(Array.from(uphillNodes(this.csr, i), (k) => this.csr.asns[k]!));
      if (this.ups.size >= CACHE_MAX) this.ups.clear();
      this.ups.set(i, s);
    }
    return s;
  }

  private nearOf(asn: number): { links: { u: number; l: AmbiguousGraphLink }[]; upward: Upward[] } {
    let n = this.near.get(asn);
    if (n) return n;
    const mine = this.up(asn);
    n = { links: [], upward: [] };
    for (const u of mine) {
      for (const l of this.at.get(u) ?? []) {
        n.links.push({ u, l });
        // Read from u's side: the other end as u's provider (or sibling), if it can be and is not already.
        const fromU = (r: Relation) => (l.a === u ? r : flip(r));
        const held = l.held && fromU(l.held);
        const upward = (['c2p', 's2s'] as const).find((r) => held !== r && l.candidates.some((c) => fromU(c) === r));
        if (!upward) continue;
        const other = l.a === u ? l.b : l.a;
        const provider = upward === 'c2p' && u === asn;
        const climbed = mine.has(other);
        // Already climbed to (through a sibling): reading it up adds nothing but, at the AS itself, a provider.
        if (climbed && !provider) continue;
        n.upward.push({ l, u, other, reading: fromU(upward), climbed, provider });
      }
    }
    if (this.near.size >= CACHE_MAX) this.near.clear();
    this.near.set(asn, n);
    return n;
  }

  /** Whether x reaches y valley-free in today's graph: their uphill sets meet, or a peer link joins them. */
  private reaches(x: number, y: number): boolean {
    let byX = this.reached.get(y);
    if (!byX) {
      if (this.reached.size >= CACHE_MAX) this.reached.clear();
      this.reached.set(y, (byX = new Map()));
    }
    let r = byX.get(x);
    if (r === undefined) byX.set(x, (r = this.reachesNow(x, y)));
    return r;
  }

  private reachesNow(x: number, y: number): boolean {
    const ux = this.up(x), uy = this.up(y);
    for (const u of uy) if (ux.has(u)) return true;
    const { peerOff, peer, index, asns } = this.csr;
    for (const u of ux) {
      const i = index.get(u);
      if (i === undefined) continue;
      for (let k = peerOff[i]!; k < peerOff[i + 1]!; k++) if (uy.has(asns[peer[k]!]!)) return true;
    }
    return false;
  }

  /**
   * The ambiguous links one other reading of which joins `a` and `b` (unreachable today) or gives
   * one of them a provider, those that join them first; at most `max`; empty when no one link
   * does.
   */
  between(a: number, b: number, max = 3): AmbiguousFinding[] {
    if (this.at.size === 0) return [];
    const ua = this.up(a), ub = this.up(b);
    const found: AmbiguousFinding[] = [];
    const seen = new Set<AmbiguousGraphLink>();
    // A link with an end in each uphill set: held as it is, the pair stays apart; read as a peer
    // (or anything, when left out), they meet.
    for (const [self, theirs] of [[a, ub], [b, ua]] as const) {
      for (const { u, l } of this.nearOf(self).links) {
        if (seen.has(l) || !theirs.has(l.a === u ? l.b : l.a)) continue;
        seen.add(l);
        found.push({ ...l, joins: true });
      }
    }
    for (const [self, target] of [[a, b], [b, a]] as const) {
      for (const c of this.nearOf(self).upward) {
        if (seen.has(c.l)) continue;
        const joins = !c.climbed && this.reaches(c.other, target);
        if (!joins && !c.provider) continue;
        seen.add(c.l);
        found.push({ ...c.l, reading: c.reading, joins, ...(c.provider ? { givesProvider: c.u } : {}) });
      }
    }
    const weight = (f: AmbiguousFinding) => (f.joins ? 2 : f.givesProvider !== undefined ? 1 : 0);
    return found.sort((x, y) => weight(y) - weight(x) || x.a - y.a || x.b - y.b).slice(0, max);
  }
}
