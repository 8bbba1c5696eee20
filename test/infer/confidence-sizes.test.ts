// Confidence compares a link's two ASes' numbers of links (issue 29: providers have more links
// than their customers). Made-up objects (invented, not registry data): a registry-sized set of
// 1,000 stub aut-nums, so the sizes apply (SIZES_MIN_AUTNUMS), and the same with fewer.
import { describe, expect, it } from 'vitest';
import { engineFor } from '../../src/infer/infer.js';
import { probabilityOf, sizeMark } from '../../src/infer/confidence.js';
import { SIZES_MIN_AUTNUMS } from '../../src/infer/engine.js';
import { readObjects } from '../../src/rpsl/read.js';
import { MemoryIndex } from '../../src/store/memory-index.js';

const P = 64500, M = 64510, X = 64999, Y = 64998;
const stub = (i: number) => 4200000000 + i;
const aut = (asn: number, lines: string[]) => `aut-num: AS${asn}\nas-name: MADE-UP-${asn}\n${lines.join('\n')}\nsource: TEST\n`;
const customerOf = (me: number, p: number) => [`import: from AS${p} accept ANY`, `export: to AS${p} announce AS${me}`];

/**
 * P (aut-num) is every stub's provider; stubs 1–20 also buy from Y (no aut-num); stubs 1–200
 * say nothing of P (a sloppy registry: the data's disagreement level is high); M (aut-num)
 * sells to stubs 201–210 and writes X (no aut-num, named by no one else) as its provider.
 */
function world(stubs: number): MemoryIndex {
  const texts = [aut(P, Array.from({ length: stubs }, (_, i) => `export: to AS${stub(i + 1)} announce ANY`).concat(`export: to AS${M} announce ANY`)),
    aut(M, [...customerOf(M, X), ...customerOf(M, P), ...Array.from({ length: 10 }, (_, i) => `export: to AS${stub(201 + i)} announce ANY`)])];
  for (let i = 1; i <= stubs; i++) {
    const lines = [...(i <= 20 ? customerOf(stub(i), Y) : []), ...(i > 200 ? customerOf(stub(i), P) : []), ...(i > 200 && i <= 210 ? customerOf(stub(i), M) : [])];
    texts.push(aut(stub(i), lines.length ? lines : ['remarks: nothing about its providers']));
  }
  const index = new MemoryIndex();
  for (const object of readObjects(texts.join('\n'), 'made-up').objects) index.add({ object, provenance: { kind: 'dump', from: 'made-up', date: '2026-12-07' } });
  return index;
}

describe('confidence with the two ASes\' sizes', () => {
  it('marks a provider–customer kind by whether the provider has other customers and how its links compare with the customer\'s, and no other kind', () => {
    const size = (links: number, customers = 5, providers = 1) => ({ links, providers, customers });
    expect(sizeMark('pc.4:SS', 'p2c', size(1), size(12))).toBe('#0');
    expect(sizeMark('pc.4:SS', 'c2p', size(12), size(1))).toBe('#0');
    expect(sizeMark('pc.4:SS', 'p2c', size(12), size(12))).toBe('#1');
    expect(sizeMark('pc.4:SS', 'p2c', size(40), size(10))).toBe('#2');
    expect(sizeMark('pc.4:SS', 'c2p', size(1), size(1000))).toBe('#3');
    // A provider whose only customer is this one, however many links it has.
    expect(sizeMark('pc.4:SS', 'p2c', size(40, 1), size(10))).toBe('#s');
    expect(sizeMark('pc.4:SS', 'c2p', size(10), size(1000, 0))).toBe('#s');
    expect(sizeMark('pc.4:SS', 'p2p', size(3), size(100))).toBe('');
    expect(sizeMark('pc.4:SS', 's2s', size(3), size(100))).toBe('');
    expect(sizeMark('pc.4:SS', 'ambiguous', size(3), size(100))).toBe('');
    expect(sizeMark('pc.4:SS', 'p2c', undefined, size(4))).toBe('');
  });

  it('marks a one-sided provider–customer kind whose customer sells transit or has two other providers, whose customer peers widely, whose provider sells to few of its links, and no two-sided one', () => {
    const size = (links: number, customers: number, providers: number) => ({ links, providers, customers });
    // Sells transit only (3 links neither up nor down, 55 of 60 links to customers), or
    // peers widely (348 links neither up nor down, 50 of 400 to customers: under a fifth).
    const seller = size(60, 55, 2), peerer = size(400, 50, 2);
    // The provider has no aut-num (N), says nothing of the customer (O), or only AS-ANY lines (A).
    expect(sizeMark('pc.4:NSw', 'p2c', seller, size(6, 3, 1))).toBe('#3t');
    expect(sizeMark('pc.4:SOm', 'p2c', seller, size(6, 0, 3))).toBe('#3t');
    expect(sizeMark('pc.4:ASw', 'c2p', size(6, 1, 1), seller)).toBe('#3t');
    expect(sizeMark('pc.4:NSw', 'p2c', peerer, size(6, 3, 1))).toBe('#3tu');
    // A customer that peers widely too (6 links neither up nor down), and with 56.
    expect(sizeMark('pc.4:NSw', 'p2c', peerer, size(10, 3, 1))).toBe('#3tcu');
    expect(sizeMark('pc.4:NSw', 'p2c', seller, size(60, 3, 1))).toBe('#1tcx');
    // A provider with 30 of its 100 links to customers: under half.
    expect(sizeMark('pc.4:NSw', 'p2c', size(100, 30, 2), size(4, 0, 1))).toBe('#3h');
    expect(sizeMark('pc.4:NSw', 'p2c', seller, size(7, 0, 1))).toBe('#3c');
    // A stub with one other provider.
    expect(sizeMark('pc.4:NSw', 'p2c', seller, size(6, 0, 2))).toBe('#3');
    expect(sizeMark('pc.4:NSw', 'p2c', peerer, size(6, 0, 2))).toBe('#3u');
    // Both sides' lines speak of the link: no mark.
    expect(sizeMark('pc.4:SSm', 'p2c', peerer, size(10, 3, 4))).toBe('#3');
    // With the provider's other customers: a provider named by this customer alone.
    expect(sizeMark('pc.4:NSw', 'p2c', size(400, 1, 2), size(6, 3, 1))).toBe('#stu');
  });

  it('in a registry\'s worth of data, a provider with fewer links than its customer is trusted less than one with more', () => {
    const e = engineFor(world(1000));
    expect(e.sized).toBe(true);
    // M writes X as its provider, but X has one link and M has twelve.
    const odd = e.infer(X, M, 'ipv4', { evidence: false });
    // Y, written as a provider by twenty stubs, has ten times the links of stub 1.
    const usual = e.infer(Y, stub(1), 'ipv4', { evidence: false });
    expect(odd.relation).toBe('p2c');
    expect(usual.relation).toBe('p2c');
    // X has no other customer, and M sells transit itself.
    expect(odd.basis?.kind).toMatch(/^pc\.4:NS.*#stc?x?[uh]?$/);
    expect(usual.basis?.kind).toMatch(/^pc\.4:NS.*#3$/);
    const level = e.disagreementLevel();
    expect(odd.confidence).toBe(probabilityOf(odd.basis!.kind, level));
    expect(usual.confidence).toBe(probabilityOf(usual.basis!.kind, level));
    // Below the 0.9 a researcher filters on, the usual one above it.
    expect(odd.confidence).toBeLessThan(0.9);
    expect(usual.confidence).toBeGreaterThan(0.95);
    expect(usual.confidence - odd.confidence).toBeGreaterThan(0.15);
    // The same link read from the link table, from the other side, and among every link.
    expect(e.linksOf(M, 'ipv4').find(([n]) => n === X)?.[1].confidence).toBe(odd.confidence);
    expect([...e.all(['ipv4'], { evidence: false })].find((l) => l.a === M && l.b === X)?.confidence).toBe(odd.confidence);
  });

  it(`in fewer than ${SIZES_MIN_AUTNUMS.toLocaleString('en-US')} aut-nums the sizes say what was fetched, not how big an AS is: not used`, () => {
    const e = engineFor(world(900));
    expect(e.sized).toBe(false);
    const odd = e.infer(X, M, 'ipv4', { evidence: false });
    expect(odd.basis?.kind).toMatch(/^pc\.4:NS[a-z]*$/);
    expect(odd.confidence).toBe(probabilityOf(odd.basis!.kind, e.disagreementLevel()));
  });
});
