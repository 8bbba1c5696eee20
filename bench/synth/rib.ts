/**
 * A SYNTHETIC RIB from the synthetic Internet (bench/synth/generate.ts): TABLE_DUMP_V2
 * records whose AS paths are valley-free paths per family from a set of vantage ASes (the
 * collector's peers) to every origin they reach over the links the world encodes, plus
 * injected defects the check must find exactly:
 *   - valleys: an AS between two of its providers (customer→provider after a descent), or
 *     between two peers (two peer links);
 *   - undocumented links: two ASes that no object of the world names to each other in that
 *     family, joined in a path;
 *   - AS_SET paths, which must be counted apart, never checked.
 * Nothing here is real routing data.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { SEGMENT } from '../../src/bgp/bgp-attributes.js';
import { Topology } from '../../src/graph/topology.js';
import type { RelationshipEdge } from '../../src/graph/types.js';
import { ValleyFreeSearcher } from '../../src/graph/valley-free.js';
import type { Family } from '../../src/infer/types.js';
import { mulberry32 } from './generate.js';
import { peerIndexTable, ribRecord, type SynthPeer } from './rib-mrt.js';

const FAMS: Family[] = ['ipv4', 'ipv6'];

/** A world's truth file (`a|b|-1` provider|customer, `|0` peers, `|1` siblings) as graph edges. */
export function readTruthEdges(file: string, family: Family): RelationshipEdge[] {
  const out: RelationshipEdge[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [a, b, r] = line.split('|');
    out.push({ a: Number(a), b: Number(b), family, relation: r === '-1' ? 'p2c' : r === '0' ? 'p2p' : 's2s' });
  }
  return out;
}

/** Pairs the world encodes in a family, decided or ambiguous (a|b|… lines of both files). */
export function readEncodedPairs(files: string[]): Set<string> {
  const s = new Set<string>();
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [a, b] = line.split('|').map(Number) as [number, number];
      s.add(a < b ? `${a} ${b}` : `${b} ${a}`);
    }
  }
  return s;
}

export interface InjectedValley { afi: Family; path: number[]; breakAt: number }
export interface InjectedLink { afi: Family; a: number; b: number; path: number[] }

export interface SynthRibOptions {
  /** Decided relations per family (the truth files). */
  truth: Record<Family, RelationshipEdge[]>;
  /** Every pair the world encodes per family (truth + ambiguous): never used as an undocumented link. */
  encoded: Record<Family, Set<string>>;
  out: string;
  vantages: number;
  /** Prefixes per origin and family (the RIB's size: routes ≈ origins × prefixes × vantages). */
  prefixesPerOrigin: number;
  /** Use at most this many origins per family (all when absent). */
  maxOrigins?: number;
  valleys: number;
  undocumented: number;
  asSets: number;
  seed?: number;
}

export interface SynthRib {
  file: string;
  routes: Record<Family, number>;
  distinctPaths: Record<Family, number>;
  vantages: number[];
  valleys: InjectedValley[];
  undocumented: InjectedLink[];
  asSets: Array<{ afi: Family; path: number[] }>;
  bytes: number;
}

const v4Prefix = (k: number) => `${10 + ((k >>> 16) & 0x3f)}.${(k >>> 8) & 255}.${k & 255}.0/24`;
const v6Prefix = (k: number) => `2a0${(k >>> 28) & 7}:${((k >>> 16) & 0xfff).toString(16)}:${(k & 0xffff).toString(16)}::/48`;

class Writer {
  private fd: number;
  private parts: Buffer[] = [];
  private size = 0;
  bytes = 0;
  constructor(path: string) { this.fd = openSync(path, 'w'); }
  w(b: Buffer): void {
    this.parts.push(b);
    this.size += b.length;
    if (this.size > 1 << 22) this.flush();
  }
  flush(): void {
    if (!this.parts.length) return;
    const b = Buffer.concat(this.parts);
    writeSync(this.fd, b);
    this.bytes += b.length;
    this.parts = [];
    this.size = 0;
  }
  close(): void { this.flush(); closeSync(this.fd); }
}

export function generateRib(opts: SynthRibOptions): SynthRib {
  const rnd = mulberry32(opts.seed ?? 20100227);
  const topo: Record<Family, Topology> = { ipv4: Topology.fromEdges(opts.truth.ipv4, 'ipv4'), ipv6: Topology.fromEdges(opts.truth.ipv6, 'ipv6') };
  // Vantages: ASes of the IPv4 graph with a provider or a peer, chosen at random.
  const csr4 = topo.ipv4.csr;
  const candidates: number[] = [];
  for (let i = 0; i < csr4.n; i++) if (csr4.provOff[i + 1]! > csr4.provOff[i]! || csr4.peerOff[i + 1]! > csr4.peerOff[i]!) candidates.push(csr4.asns[i]!);
  const vantages: number[] = [];
  while (vantages.length < Math.min(opts.vantages, candidates.length)) {
    const a = candidates[Math.floor(rnd() * candidates.length)]!;
    if (!vantages.includes(a)) vantages.push(a);
  }
  vantages.sort((x, y) => x - y);

  const valleys: InjectedValley[] = [];
  const undocumented: InjectedLink[] = [];
  const asSets: SynthRib['asSets'] = [];
  const pick = <T>(xs: ArrayLike<T>): T => xs[Math.floor(rnd() * xs.length)]!;
  for (const f of FAMS) {
    const c = topo[f].csr;
    const want = Math.ceil(opts.valleys / 2);
    // Valleys: x between two providers (a descent, then a climb), or between two peers.
    for (let tries = 0; valleys.filter((v) => v.afi === f).length < want && tries < 100_000; tries++) {
      const i = Math.floor(rnd() * c.n);
      const kind = tries % 2;
      const [off, adj] = kind === 0 ? [c.provOff, c.prov] : [c.peerOff, c.peer];
      if (off[i + 1]! - off[i]! < 2) continue;
      const p1 = c.asns[adj[off[i]! + Math.floor(rnd() * (off[i + 1]! - off[i]!))]!]!;
      const p2 = c.asns[adj[off[i]! + Math.floor(rnd() * (off[i + 1]! - off[i]!))]!]!;
      if (p1 === p2) continue;
      const path = [p1, c.asns[i]!, p2];
      if (valleys.some((v) => v.afi === f && v.path.join(' ') === path.join(' '))) continue;
      valleys.push({ afi: f, path, breakAt: 1 });
    }
    // Undocumented links: two ASes of the family's graph that the world does not encode as neighbours.
    for (let tries = 0; undocumented.filter((u) => u.afi === f).length < Math.ceil(opts.undocumented / 2) && tries < 100_000; tries++) {
      const a = c.asns[Math.floor(rnd() * c.n)]!;
      const b = c.asns[Math.floor(rnd() * c.n)]!;
      const k = a < b ? `${a} ${b}` : `${b} ${a}`;
      if (a === b || opts.encoded[f].has(k) || undocumented.some((u) => u.afi === f && (u.a === a && u.b === b || u.a === b && u.b === a))) continue;
      undocumented.push({ afi: f, a, b, path: [a, b] });
    }
    for (let k = 0; k < Math.ceil(opts.asSets / 2); k++) asSets.push({ afi: f, path: [pick(c.asns), pick(c.asns)] });
  }

  // The collector's peers: the vantages, then the first AS of each injected path.
  const peerAsns = [...new Set([...vantages, ...valleys.map((v) => v.path[0]!), ...undocumented.map((u) => u.a), ...asSets.map((s) => s.path[0]!)])];
  const peerIndex = new Map(peerAsns.map((a, i) => [a, i]));
  const peers: SynthPeer[] = peerAsns.map((asn, i) => ({ asn, ip: `172.${16 + ((i >> 16) & 15)}.${(i >> 8) & 255}.${i & 255}` }));
  const w = new Writer(opts.out);
  w.w(peerIndexTable(peers));
  let seq = 0;
  const routes: Record<Family, number> = { ipv4: 0, ipv6: 0 };
  const distinctPaths: Record<Family, number> = { ipv4: 0, ipv6: 0 };
  let k4 = 0, k6 = 0;
  const next = (f: Family) => (f === 'ipv4' ? v4Prefix(k4++) : v6Prefix(k6++));
  for (const f of FAMS) {
    const c = topo[f].csr;
    const searchers = vantages.filter((v) => c.index.has(v)).map((v) => {
      const s = new ValleyFreeSearcher(c);
      s.run(c.index.get(v)!);
      return { v, s };
    });
    const origins = Array.from({ length: c.n }, (_, i) => i);
    const n = Math.min(origins.length, opts.maxOrigins ?? origins.length);
    for (let o = 0; o < n; o++) {
      const entries: Array<{ peer: number; segments: number[] }> = [];
      for (const { v, s } of searchers) {
        const p = s.pathTo(o);
        if (!p || p.length < 2) continue;
        const path = p.map((x) => c.asns[x]!);
        // Some vantages prepend the origin, as real networks do: the check collapses it.
        if (o % 7 === 0) path.push(path[path.length - 1]!);
        entries.push({ peer: peerIndex.get(v)!, segments: path });
        distinctPaths[f]++;
      }
      if (!entries.length) continue;
      for (let j = 0; j < opts.prefixesPerOrigin; j++) {
        w.w(ribRecord(seq++, next(f), entries));
        routes[f] += entries.length;
      }
    }
    for (const v of valleys.filter((x) => x.afi === f)) {
      w.w(ribRecord(seq++, next(f), [{ peer: peerIndex.get(v.path[0]!)!, segments: v.path }]));
      routes[f]++;
    }
    for (const u of undocumented.filter((x) => x.afi === f)) {
      w.w(ribRecord(seq++, next(f), [{ peer: peerIndex.get(u.a)!, segments: u.path }]));
      routes[f]++;
    }
    for (const s of asSets.filter((x) => x.afi === f)) {
      w.w(ribRecord(seq++, next(f), [{ peer: peerIndex.get(s.path[0]!)!, segments: [{ type: SEGMENT.AS_SEQUENCE, asns: s.path }, { type: SEGMENT.AS_SET, asns: [64512, 64513] }] }]));
      routes[f]++;
    }
  }
  w.close();
  return { file: opts.out, routes, distinctPaths, vantages, valleys, undocumented, asSets, bytes: w.bytes };
}
