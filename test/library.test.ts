// The package's main export, as a researcher would use it: the built dist/index.js (the suite's own build).
import { BUILT_LIBRARY } from './built.js';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const lib = (await import(BUILT_LIBRARY)) as typeof import('../src/index.js');

describe('library API (dist/index.js)', () => {
  it('runs the stages on the bundled HE/Cogent reconstruction: read, infer, search', () => {
    const text = readFileSync(new URL('../data/reconstructed/he-cogent-telia-2013.rpsl', import.meta.url), 'utf8');
    const index = new lib.MemoryIndex();
    for (const object of lib.readObjects(text, 'he-cogent').objects) {
      index.add({ object, provenance: { kind: 'dump', from: 'he-cogent', date: '2013', reconstructed: true } });
    }
    const links = lib.inferAll(index);
    const telia = links.find((l) => l.family === 'ipv6' && [l.a, l.b].sort().join() === '1299,6939');
    expect(telia?.relation).toBe('p2p');
    const edges = lib.edgesFromInferences(links);
    const v4 = lib.Topology.fromEdges(edges, 'ipv4');
    const v6 = lib.Topology.fromEdges(edges, 'ipv6');
    expect(lib.shortestPath(v4.csr, 6939, 174)).toEqual([6939, 1299, 174]);
    expect(lib.shortestPath(v6.csr, 6939, 174)).toBeNull();
    const ex = lib.explainReachability({ a: 6939, b: 174, family: 'ipv6', topologies: { ipv4: v4, ipv6: v6 } });
    expect(ex.reachable).toBe(false);
  });

  it('parses one policy line into per-family terms', () => {
    const [obj] = lib.readObjects('aut-num: AS1299\nmp-export: afi ipv6 to AS6939 announce AS-TELIANET-V6\n').objects;
    const [p] = lib.parsePolicies(obj);
    expect(p.diagnostics).toEqual([]);
    expect(p.terms.map((t) => t.afi)).toEqual(['ipv6.unicast', 'ipv6.multicast']);
  });
});
