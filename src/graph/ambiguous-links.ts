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
 * A link found `joins` the pair when re-reading it alone does: its ends already lie in U(a) and
 * U(b) (a link left out by `drop`), or, read as going up, its far end reaches the other AS
 * valley-free today (uphill sets meet or a peer link joins them, as in PairReach). Read as going
 * up from a or b itself, it gives that AS a provider (`givesProvider`): a transit-free AS would
 * then not be one. A link that does neither may still matter together with others.
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

export class AmbiguousLinks {
  /** ASN → the ambiguous links at it. */
  private readonly at = new Map<number, AmbiguousGraphLink[]>();
  /** Uphill sets by node index (as ASNs), kept: a listed AS is met again and again. */
  private readonly ups = new Map<number, Set<number>>();

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
      if (this.ups.size >= 4096) this.ups.clear();
      this.ups.set(i, s);
    }
    return s;
  }

  /** Whether x reaches y valley-free in today's graph: their uphill sets meet, or a peer link joins them. */
  private reaches(x: number, y: number): boolean {
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
   * The ambiguous links another reading of which could join `a` and `b` (unreachable today),
   * those that join them alone first, then those that give a or b a provider; at most `max`;
   * empty when no reading of ambiguous links can join them.
   */
  between(a: number, b: number, max = 3): AmbiguousFinding[] {
    if (this.at.size === 0) return [];
    const ua = this.up(a), ub = this.up(b);
    const found = new Map<AmbiguousGraphLink, AmbiguousFinding>();
    // A tier-1 may have hundreds of such links: past this many checks, the rest are named unchecked (`joins` false: "may").
    let checks = 64;
    for (const [mine, theirs, target] of [[ua, ub, b], [ub, ua, a]] as const) {
      for (const u of mine) {
        for (const l of this.at.get(u) ?? []) {
          if (found.has(l)) continue;
          const other = l.a === u ? l.b : l.a;
          if (theirs.has(other)) {
            found.set(l, { ...l, joins: true });
            continue;
          }
          // Read from u's side: the other end as u's provider (or sibling), if it can be and is not already.
          const fromU = (r: Relation) => (l.a === u ? r : flip(r));
          const held = l.held && fromU(l.held);
          const upward = (['c2p', 's2s'] as const).find((r) => held !== r && l.candidates.some((c) => fromU(c) === r));
          if (!upward) continue;
          const provider = upward === 'c2p' && (u === a || u === b);
          // Already climbed to (through a sibling): reading it up adds nothing but, at a or b, a provider.
          if (mine.has(other) && !provider) continue;
          const joins = !mine.has(other) && checks-- > 0 && this.reaches(other, target);
          found.set(l, { ...l, reading: fromU(upward), joins, ...(provider ? { givesProvider: u } : {}) });
        }
      }
    }
    const weight = (f: AmbiguousFinding) => (f.joins ? 2 : f.givesProvider !== undefined ? 1 : 0);
    return [...found.values()].sort((x, y) => weight(y) - weight(x) || x.a - y.a || x.b - y.b).slice(0, max);
  }
}
