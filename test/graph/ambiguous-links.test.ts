// Whether an unreachable pair could rest on an ambiguous link: made-up graphs (not registry data)
// in the shape of the bundled AS3255–AS9098 case: a provider's one-sided line that fits
// "customer or peer", held as a peer link.
import { describe, expect, it } from 'vitest';
import { Topology } from '../../src/graph/topology.js';
import type { AmbiguousGraphLink } from '../../src/graph/types.js';
import { shortestPath } from '../../src/graph/valley-free.js';
import { edges } from './helpers.js';

const graph = (spec: string, ambiguous: AmbiguousGraphLink[]) => Topology.fromEdges(edges(spec), 'ipv4', undefined, undefined, undefined, { ambiguous });
// AS2 is AS9's provider or its peer (from AS2's side: p2c or p2p); held as peer.
const link29: AmbiguousGraphLink = { a: 2, b: 9, candidates: ['p2c', 'p2p'], held: 'p2p' };

describe('AmbiguousLinks.between', () => {
  it('names the link whose other reading joins the pair, and the AS it gives a provider', () => {
    // AS1 is AS2's provider; AS2–AS9 held as peers: AS1 ⟶ AS2 ⟶ AS9 descends then crosses a peer link.
    const t = graph('1>2 2-9', [link29]);
    expect(shortestPath(t.csr, 1, 9)).toBeNull();
    expect(t.ambiguousLinks.between(1, 9)).toEqual([{ ...link29, reading: 'p2c', joins: true, givesProvider: 9 }]);
  });
  it('is empty when no ambiguous link touches the two uphill cones: no reading can change the verdict', () => {
    // The same shape with a definite peer link, and an ambiguous link far away (AS5–AS6).
    const t = graph('1>2 2-9 5-6', [{ a: 5, b: 6, candidates: ['p2c', 'p2p'], held: 'p2p' }]);
    expect(shortestPath(t.csr, 1, 9)).toBeNull();
    expect(t.ambiguousLinks.between(1, 9)).toEqual([]);
  });
  it('a link left out (--ambiguous drop) between the two cones joins them read as anything', () => {
    const dropped: AmbiguousGraphLink = { a: 1, b: 9, candidates: ['p2p', 'c2p'], held: null };
    const t = graph('1>2 9-8', [dropped]);
    expect(t.ambiguousLinks.between(1, 9)).toEqual([{ ...dropped, joins: true }]);
  });
  it('a reading that joins nothing alone but gives one of the pair a provider is named, not as joining', () => {
    // AS7 could be AS9's provider, but AS7 reaches nothing of AS1's.
    const t = graph('1>2 7>8 9-8', [{ a: 7, b: 9, candidates: ['p2c', 'p2p'], held: 'p2p' }]);
    expect(t.ambiguousLinks.between(1, 9)).toEqual([{ a: 7, b: 9, candidates: ['p2c', 'p2p'], held: 'p2p', reading: 'p2c', joins: false, givesProvider: 9 }]);
  });
  it('a link that could matter only read otherwise together with others is not named', () => {
    // AS3 is AS1's provider; AS3–AS5 could be AS5 as AS3's provider, but AS5 reaches nothing of AS9's
    // and AS3 is not one of the pair: re-read alone it changes nothing.
    const t = graph('3>1 9-8', [{ a: 3, b: 5, candidates: ['p2p', 'c2p'], held: 'p2p' }]);
    expect(shortestPath(t.csr, 1, 9)).toBeNull();
    expect(t.ambiguousLinks.between(1, 9)).toEqual([]);
  });
  it('a reading the graph holds already is no other reading', () => {
    // Held as AS2 being AS9's provider: AS9 climbs to AS2 today, nothing more to gain from that link.
    const t = graph('3-1 2>9', [{ ...link29, held: 'p2c' }]);
    expect(shortestPath(t.csr, 3, 9)).toBeNull();
    expect(t.ambiguousLinks.between(3, 9)).toEqual([]);
  });
});
