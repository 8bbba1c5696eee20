/**
 * A deterministic synthetic Internet: turns a CAIDA serial-1 AS-relationship file
 * (`provider|customer|-1`, `peer|peer|0`) into an IRR world (RPSL aut-num and as-set
 * objects) plus the truth files of what that world encodes, per address family.
 *
 * SYNTHETIC DATA: every object written here is made up from the CAIDA relations; none of
 * it is real registry text (each aut-num says so in a `remarks:` line).
 *
 * What the truth files mean. A link is *encoded* in family f when at least one side names
 * the other in a rule valid in f (DESIGN.md rule 1). Its relation is then what DESIGN.md
 * rules 3–4 give for the lines written, computed here by `combineSides` (a small copy of
 * the rules: one side's view per direction, strong constraints intersected first, then the
 * weak tiers — import-FULL lines naming the neighbour, then AS-ANY lines — each applied only
 * while the intersection stays non-empty). When that leaves one relation the link goes to
 * `truth-<f>.txt`; several: `ambiguous-<f>.txt` with the candidates. The generator never
 * writes lines whose combination would pin a relation other than the intended one: such a
 * link is rewritten with complete lines on both sides (counted as `repaired`).
 *
 * Defects (`defectRate`, default 0): what real registries hold, planted per (AS, neighbour)
 * block of a publishing AS at that rate, one kind per block chosen among those that fit the
 * block's real relation (uniformly, by a seeded hash):
 *   omit               the block is left out (the link becomes one-sided, or vanishes)
 *   peer-as-provider   a peer written as a provider (import ANY, export own routes, sometimes `default:`)
 *   accept-any-peer    a peer's block imports `accept ANY` (a lazy line)
 *   provider-as-peer   a customer writes its provider with peer-style lines
 *   customer-as-peer   a provider writes its customer with peer-style lines
 *   partial-transit    a provider announces only its customers' set to a customer
 *   stale              an extra block about a former neighbour (a neighbour's neighbour that
 *                      has no link to this AS any more): a link that does not exist; written
 *                      as a customer, the former customer stays in the AS's customer as-set
 *   set-missing        (per customer of a provider's `AS<n>:AS-CUSTOMERS` set, at the same
 *                      rate) the customer is missing from the set
 * With defects the truth files keep the REAL relation (what CAIDA says) of every encoded link,
 * whatever the lines say; `ambiguous-<f>.txt` holds the links whose written lines leave several
 * candidates, with the real relation last; `planted.txt` lists every defect planted.
 *
 * Usage: npx tsx bench/synth/generate.ts --share 0.47 --out DIR [--seed N] [--ipv6-share X]
 *        [--defects 0.05] [--caida FILE]
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Rel = 'p2c' | 'c2p' | 'p2p' | 's2s';
type Fam = 'ipv4' | 'ipv6';

export interface WorldOptions {
  caidaFile: string;
  /** Share of ASes that publish an aut-num, 0..1. */
  publishShare: number;
  out: string;
  seed?: number;
  /** Share of links that exist in IPv6 too (default 0.55). */
  ipv6Share?: number;
  /** Share of IPv6 links whose p2c relation is only a peering in IPv6 (default 0.04). */
  ipv6DiffShare?: number;
  /** Share of publishing ASes whose object has only AS-ANY rules (default 0.05). */
  asAnyShare?: number;
  /** Share of (side, link) pairs where the side writes only one of import/export (default 0.06). */
  partialShare?: number;
  /** Bias of publishing towards well-connected ASes: weight (1+degree)^alpha (default 0.9). */
  degreeBias?: number;
  /** ASes given per-prefix repeated import lines (largest degree first; default 4). */
  bigObjects?: number;
  /** Share of (AS, neighbour) blocks of named-policy publishers that carry a defect (default 0). */
  defectRate?: number;
}

/** The defects planted per (AS, neighbour) block (see the header). */
export const DEFECT_KINDS = ['omit', 'peer-as-provider', 'accept-any-peer', 'provider-as-peer', 'customer-as-peer', 'partial-transit', 'stale', 'set-missing'] as const;
export type DefectKind = typeof DEFECT_KINDS[number];
/** Kinds that fit a block whose real relation (from the writing side) is the key. */
const DEFECTS_FOR: Record<Rel, readonly Exclude<DefectKind, 'set-missing'>[]> = {
  p2p: ['omit', 'peer-as-provider', 'accept-any-peer', 'stale'],
  c2p: ['omit', 'provider-as-peer', 'stale'],
  p2c: ['omit', 'customer-as-peer', 'partial-transit', 'stale'],
  s2s: ['omit', 'stale'],
};

export interface WorldResult {
  dir: string;
  files: Record<string, string>;
  manifest: Manifest;
}

export interface Manifest {
  generator: string;
  synthetic: true;
  parameters: Required<Omit<WorldOptions, 'out' | 'caidaFile'>>;
  caida: { file: string; bytes: number; sha256: string; links: number; citation: string };
  counts: {
    ases: number; publishing: number; asAnyOnly: number; autNums: number; asSets: number; asSetLoops: number;
    policyAttributes: number; maxRulesInObject: { asn: number; rules: number }; objectsOver1000Rules: number; objectsOver10000Rules: number;
    bytes: number;
    truth: Record<Fam, number>; ambiguous: Record<Fam, number>; weakDecided: Record<Fam, number>; repaired: number;
    linksPerFamilyIntended: Record<Fam, number>;
    /** Defects planted, per kind (blocks; `stale` counts extra blocks written). */
    planted: Record<DefectKind, number>;
  };
  millis: number;
}

// ---------------------------------------------------------------- randomness

/** mulberry32: a small seeded PRNG. */
export function mulberry32(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform number in [0,1) fixed by (seed, a, b, salt): decisions do not depend on order. */
export function hash01(seed: number, a: number, b: number, salt: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(a + 0x7f4a7c15, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) ^ Math.imul(b + 0x165667b1, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) ^ Math.imul(salt + 0x3c6ef372, 0x9e3779b1);
  h ^= h >>> 16; h = Math.imul(h, 0x7feb352d); h ^= h >>> 15; h = Math.imul(h, 0x846ca68b); h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

// ---------------------------------------------------------------- the rules (DESIGN.md 3–4)

const ALL: readonly Rel[] = ['p2c', 'c2p', 'p2p', 's2s'];
type Tier = 0 | 1 | 2; // strong, weak-named, weak-any
interface Constraint { tier: Tier; allows: readonly Rel[] }

export function mirror(r: Rel): Rel {
  return r === 'p2c' ? 'c2p' : r === 'c2p' ? 'p2c' : r;
}

/** What one side's lines towards a neighbour say (rule 3), for the kinds of lines written here. */
export interface SideLines { importFull?: boolean; importRestricted?: boolean; exportFull?: boolean; exportRestricted?: boolean; defaultTo?: boolean }

function sideConstraints(s: SideLines, named: boolean): Constraint[] {
  const out: Constraint[] = [];
  const tier = (weakNamed: boolean): Tier => (!named ? 2 : weakNamed ? 1 : 0);
  // Several rules in one direction combine as OR: the widest class decides.
  if (s.exportFull) out.push({ tier: tier(false), allows: ['p2c', 's2s'] });
  else if (s.exportRestricted) out.push({ tier: tier(false), allows: ['p2p', 'c2p'] });
  if (s.importFull) out.push({ tier: tier(true), allows: ['c2p', 's2s'] });
  else if (s.importRestricted) out.push({ tier: tier(false), allows: ['p2c', 'p2p'] });
  if (s.defaultTo) out.push({ tier: tier(false), allows: ['c2p'] });
  return out;
}

/**
 * Rule 4 over a's and b's constraints (b's mirrored to a's side). Returns the candidates
 * read from a's side ([] = conflict) and whether a weak tier narrowed them.
 */
export function combineSides(fromA: Constraint[], fromB: Constraint[]): { candidates: Rel[]; weakDecided: boolean } {
  const all = [...fromA.map((c) => ({ tier: c.tier, allows: c.allows })), ...fromB.map((c) => ({ tier: c.tier, allows: c.allows.map(mirror) }))];
  let cur = new Set<Rel>(ALL);
  const inter = (s: Set<Rel>, xs: readonly Rel[]) => new Set(xs.filter((r) => s.has(r)));
  for (const c of all) if (c.tier === 0) cur = inter(cur, c.allows);
  if (cur.size === 0) return { candidates: [], weakDecided: false };
  let weakDecided = false;
  for (const t of [1, 2] as const) {
    const group = all.filter((c) => c.tier === t);
    if (group.length === 0) continue;
    const before = cur.size;
    let together = cur;
    for (const c of group) together = inter(together, c.allows);
    if (together.size > 0) cur = together;
    else for (const c of group) { const n = inter(cur, c.allows); if (n.size > 0) cur = n; }
    if (before > 1 && cur.size < before) weakDecided = true;
  }
  return { candidates: ALL.filter((r) => cur.has(r)), weakDecided };
}

// ---------------------------------------------------------------- CAIDA input

interface Topology {
  asns: Int32Array; // sorted
  /** Links: la[i] provider-or-peer, lb[i], lrel[i] = -1 (la provider of lb) or 0 (peers). */
  la: Int32Array; lb: Int32Array; lrel: Int8Array;
  /** CSR adjacency over AS indexes: link ids. */
  start: Int32Array; adj: Int32Array;
  index: Map<number, number>;
}

export function readCaida(file: string): Topology {
  const text = readFileSync(file, 'latin1');
  const la: number[] = [], lb: number[] = [], lr: number[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    if (line === '' || line[0] === '#') continue;
    const p = line.split('|');
    if (p.length < 3) continue;
    const a = Number(p[0]), b = Number(p[1]), r = Number(p[2]);
    if (!Number.isInteger(a) || !Number.isInteger(b) || a === b || (r !== -1 && r !== 0)) continue;
    const k = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (seen.has(k)) continue;
    seen.add(k);
    la.push(a); lb.push(b); lr.push(r);
  }
  const set = new Set<number>([...la, ...lb]);
  const asns = Int32Array.from([...set].sort((x, y) => x - y));
  const index = new Map<number, number>();
  asns.forEach((a, i) => index.set(a, i));
  const deg = new Int32Array(asns.length + 1);
  for (let i = 0; i < la.length; i++) { deg[index.get(la[i]!)! + 1]++; deg[index.get(lb[i]!)! + 1]++; }
  for (let i = 0; i < asns.length; i++) deg[i + 1]! += deg[i]!;
  const start = deg;
  const fill = start.slice(0, asns.length);
  const adj = new Int32Array(la.length * 2);
  for (let i = 0; i < la.length; i++) {
    adj[fill[index.get(la[i]!)!]!++] = i;
    adj[fill[index.get(lb[i]!)!]!++] = i;
  }
  return { asns, la: Int32Array.from(la), lb: Int32Array.from(lb), lrel: Int8Array.from(lr), start, adj, index };
}

// ---------------------------------------------------------------- output

class Out {
  private fd: number;
  private buf: string[] = [];
  private size = 0;
  bytes = 0;
  constructor(path: string) { this.fd = openSync(path, 'w'); }
  w(s: string): void {
    this.buf.push(s);
    this.size += s.length;
    if (this.size > 1 << 20) this.flush();
  }
  flush(): void {
    if (this.buf.length === 0) return;
    const b = Buffer.from(this.buf.join(''), 'utf8');
    writeSync(this.fd, b);
    this.bytes += b.length;
    this.buf = []; this.size = 0;
  }
  close(): void { this.flush(); closeSync(this.fd); }
}

const pad = (name: string) => (name + ':').padEnd(16, ' ');

// ---------------------------------------------------------------- the world

export const SALT = { publish: 1, asAny: 2, v6: 3, v6diff: 4, partialA: 5, partialB: 6, style: 7, filt: 8, action: 9, comment: 10, cont: 11, setLoop: 12, anyVariant: 13, def: 14, regex: 15, defect: 16, defectKind: 17, staleTo: 18, staleRel: 19, setDrop: 20 } as const;

/** What one side writes about one neighbour in one family, after any defect. */
interface Written {
  /** The relation the lines describe (from the writing side); undefined: nothing written. */
  rel?: Rel;
  /** `accept ANY` from a peer (import FULL with peer-style export). */
  acceptAny?: boolean;
  /** A `default: to` line beside c2p lines. */
  defaultTo?: boolean;
  /** Export only the own customers' set (partial transit). */
  customersOnly?: boolean;
}

export function generateWorld(opts: WorldOptions): WorldResult {
  const t0 = performance.now();
  const p = {
    seed: opts.seed ?? 20150201,
    publishShare: opts.publishShare,
    ipv6Share: opts.ipv6Share ?? 0.55,
    ipv6DiffShare: opts.ipv6DiffShare ?? 0.04,
    asAnyShare: opts.asAnyShare ?? 0.05,
    partialShare: opts.partialShare ?? 0.06,
    degreeBias: opts.degreeBias ?? 0.25,
    bigObjects: opts.bigObjects ?? 4,
    defectRate: opts.defectRate ?? 0,
  };
  const seed = p.seed;
  const topo = readCaida(opts.caidaFile);
  const { asns, la, lb, lrel, start, adj, index } = topo;
  const n = asns.length, L = la.length;
  const deg = (i: number) => start[i + 1]! - start[i]!;

  // Who publishes: weighted sampling without replacement (Efraimidis–Spirakis keys), so a
  // smaller share's publishers are a subset of a larger share's for the same seed.
  const key = new Float64Array(n);
  for (let i = 0; i < n; i++) key[i] = -Math.log(1 - hash01(seed, asns[i]!, 0, SALT.publish)) / Math.pow(1 + deg(i), p.degreeBias);
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => key[x]! - key[y]! || asns[x]! - asns[y]!);
  const publishing = new Uint8Array(n); // 0 no, 1 named policy, 2 AS-ANY only
  const nPub = Math.round(p.publishShare * n);
  for (let k = 0; k < nPub; k++) {
    const i = order[k]!;
    publishing[i] = hash01(seed, asns[i]!, 0, SALT.asAny) < p.asAnyShare && deg(i) < 200 ? 2 : 1;
  }
  // Per-prefix repeated lines for the largest named publishers.
  const big = new Set<number>(order.slice(0, nPub).filter((i) => publishing[i] === 1).sort((x, y) => deg(y) - deg(x) || x - y).slice(0, p.bigObjects));

  // Customers per AS (for as-sets) and which publishing ASes have an as-set.
  const hasSet = new Uint8Array(n);
  for (let l = 0; l < L; l++) if (lrel[l] === -1) { const pi = index.get(la[l]!)!; if (publishing[pi]) hasSet[pi] = 1; }

  // Per link and family, the intended relation read from la's side (undefined: no link).
  const v4 = (l: number): Rel => (lrel[l] === -1 ? 'p2c' : 'p2p');
  const v6 = (l: number): Rel | undefined => {
    if (hash01(seed, la[l]!, lb[l]!, SALT.v6) >= p.ipv6Share) return undefined;
    if (lrel[l] === -1 && hash01(seed, la[l]!, lb[l]!, SALT.v6diff) < p.ipv6DiffShare) return 'p2p';
    return v4(l);
  };

  // Partial sides (only one of import/export), decided per link and side, repaired when the
  // combination would not contain the intended relation.
  const PARTIAL_NONE = 0, PARTIAL_IMPORT_ONLY = 1, PARTIAL_EXPORT_ONLY = 2;
  const partial = new Uint8Array(L * 2); // [2l] = la's side, [2l+1] = lb's side
  for (let l = 0; l < L; l++) {
    for (const side of [0, 1]) {
      const u = hash01(seed, la[l]!, lb[l]!, side ? SALT.partialB : SALT.partialA);
      partial[2 * l + side] = u < p.partialShare / 2 ? PARTIAL_IMPORT_ONLY : u < p.partialShare ? PARTIAL_EXPORT_ONLY : PARTIAL_NONE;
    }
  }
  /** One side's lines towards the neighbour for relation r (read from that side). */
  const sideLines = (w: Written, part: number): SideLines => {
    const s: SideLines = {};
    const r = w.rel;
    const imp = part !== PARTIAL_EXPORT_ONLY, exp = part !== PARTIAL_IMPORT_ONLY;
    if (r === 'p2c') { if (imp) s.importRestricted = true; if (exp) s.exportFull = true; }
    else if (r === 'c2p') { if (imp) s.importFull = true; if (exp) s.exportRestricted = true; }
    else if (r) { if (imp) { if (w.acceptAny) s.importFull = true; else s.importRestricted = true; } if (exp) s.exportRestricted = true; }
    if (w.defaultTo) s.defaultTo = true;
    return s;
  };
  const usesDefault = (me: number, nb: number) => hash01(seed, me, nb, SALT.def) < 0.03;

  // Defects: per (AS, neighbour) block of a named-policy publisher, one kind or none.
  const defectOf = (me: number, nb: number, real4: Rel): DefectKind | undefined => {
    if (p.defectRate <= 0 || hash01(seed, me, nb, SALT.defect) >= p.defectRate) return undefined;
    const kinds = DEFECTS_FOR[real4];
    return kinds[Math.floor(hash01(seed, me, nb, SALT.defectKind) * kinds.length)]!;
  };
  /** What `me` writes about `nb` in family f whose real relation (from me's side) is r; `clean` ignores defects. */
  const written = (me: number, nb: number, r: Rel, f: Fam, real4: Rel, clean = false): Written => {
    const withDefault = f === 'ipv4' && r === 'c2p' && usesDefault(me, nb);
    const d = clean ? undefined : defectOf(me, nb, real4);
    if (d === 'omit') return {};
    if (d === 'peer-as-provider' && r === 'p2p') return { rel: 'c2p', defaultTo: f === 'ipv4' && hash01(seed, me, nb, SALT.def + 2) < 0.5 };
    if (d === 'accept-any-peer' && r === 'p2p') return { rel: 'p2p', acceptAny: true };
    if (d === 'provider-as-peer' && r === 'c2p') return { rel: 'p2p' };
    if (d === 'customer-as-peer' && r === 'p2c') return { rel: 'p2p' };
    if (d === 'partial-transit' && r === 'p2c') return { rel: 'p2p', customersOnly: true };
    return { rel: r, defaultTo: withDefault };
  };
  /** AS-ANY-only objects: which families their AS-ANY rules cover. */
  const anyVariant = (asn: number) => { const u = hash01(seed, asn, 0, SALT.anyVariant); return u < 0.5 ? 'v4' : u < 0.8 ? 'v4v6' : 'any'; };
  const anyCovers = (asn: number, f: Fam) => f === 'ipv4' || anyVariant(asn) !== 'v4';
  const ANY_SIDE: SideLines = { importFull: true, exportRestricted: true };

  const evaluate = (l: number, f: Fam, rA: Rel, clean: boolean) => {
    const ia = index.get(la[l]!)!, ib = index.get(lb[l]!)!;
    const fromA: Constraint[] = [], fromB: Constraint[] = [];
    let named = false;
    const r4 = v4(l);
    if (publishing[ia] === 1) {
      const w = written(la[l]!, lb[l]!, rA, f, r4, clean);
      if (w.rel) { named = true; fromA.push(...sideConstraints(sideLines(w, partial[2 * l]!), true)); }
    } else if (publishing[ia] === 2 && anyCovers(la[l]!, f)) fromA.push(...sideConstraints(ANY_SIDE, false));
    const rB = mirror(rA);
    if (publishing[ib] === 1) {
      const w = written(lb[l]!, la[l]!, rB, f, mirror(r4), clean);
      if (w.rel) { named = true; fromB.push(...sideConstraints(sideLines(w, partial[2 * l + 1]!), true)); }
    } else if (publishing[ib] === 2 && anyCovers(lb[l]!, f)) fromB.push(...sideConstraints(ANY_SIDE, false));
    if (!named) return undefined;
    return combineSides(fromA, fromB);
  };

  mkdirSync(opts.out, { recursive: true });
  const files = {
    rpsl: join(opts.out, 'world.rpsl'),
    truthIpv4: join(opts.out, 'truth-ipv4.txt'), truthIpv6: join(opts.out, 'truth-ipv6.txt'),
    ambiguousIpv4: join(opts.out, 'ambiguous-ipv4.txt'), ambiguousIpv6: join(opts.out, 'ambiguous-ipv6.txt'),
    manifest: join(opts.out, 'manifest.json'), planted: join(opts.out, 'planted.txt'),
  };
  const header = (f: Fam, what: string) =>
    `# SYNTHETIC ${what} (${f}) of the asrel synthetic world: seed ${seed}, publish share ${p.publishShare}\n` +
    `# generated from CAIDA AS Relationships 2015-02-01 (${basename(opts.caidaFile)}) by bench/synth/generate.ts\n`;
  const truth = { ipv4: new Out(files.truthIpv4), ipv6: new Out(files.truthIpv6) };
  const amb = { ipv4: new Out(files.ambiguousIpv4), ipv6: new Out(files.ambiguousIpv6) };
  for (const f of ['ipv4', 'ipv6'] as const) {
    truth[f].w(header(f, 'truth') + '# <provider>|<customer>|-1, <peer>|<peer>|0, <sibling>|<sibling>|1: every relation the world encodes exactly\n');
    amb[f].w(header(f, 'ambiguous links') + '# <as1>|<as2>|<candidate relations read from as1\'s side, comma-separated>|<intended relation from as1\'s side>\n');
  }
  const counts = {
    truth: { ipv4: 0, ipv6: 0 }, ambiguous: { ipv4: 0, ipv6: 0 }, weakDecided: { ipv4: 0, ipv6: 0 }, repaired: 0, linksPerFamilyIntended: { ipv4: 0, ipv6: 0 },
    planted: Object.fromEntries(DEFECT_KINDS.map((k) => [k, 0])) as Record<DefectKind, number>,
  };
  const planted = new Out(files.planted);
  planted.w(`# SYNTHETIC defects planted in the asrel synthetic world: seed ${seed}, publish share ${p.publishShare}, defect rate ${p.defectRate}\n` +
    `# <as>|<neighbour>|<kind>|<real ipv4 relation read from as's side, or "none" for a stale block>|<relation the block is written as>\n`);
  const v6rel: (Rel | undefined)[] = new Array(L);
  for (let l = 0; l < L; l++) {
    v6rel[l] = v6(l);
    const fams: [Fam, Rel | undefined][] = [['ipv4', v4(l)], ['ipv6', v6rel[l]]];
    // Repairs judge the clean lines; defects come on top, and the truth stays the real relation.
    const judge = (clean: boolean) => fams.map(([f, r]) => (r ? evaluate(l, f, r, clean) : undefined));
    let results = judge(true);
    const bad = () => results.some((res, k) => res && !res.candidates.includes(fams[k]![1]!));
    if (bad()) {
      partial[2 * l] = PARTIAL_NONE; partial[2 * l + 1] = PARTIAL_NONE;
      counts.repaired++;
      results = judge(true);
      if (bad()) throw new Error(`internal: link ${la[l]}-${lb[l]} cannot be encoded`);
    }
    if (p.defectRate > 0) {
      results = judge(false);
      for (const [me, nb, r] of [[la[l]!, lb[l]!, v4(l)], [lb[l]!, la[l]!, mirror(v4(l))]] as const) {
        if (publishing[index.get(me)!] !== 1) continue;
        const d = defectOf(me, nb, r);
        if (!d || d === 'stale') continue;
        counts.planted[d]++;
        planted.w(`${me}|${nb}|${d}|${r}|${written(me, nb, r, 'ipv4', r).rel ?? 'nothing'}\n`);
      }
    }
    fams.forEach(([f, r], k) => {
      if (!r) return;
      counts.linksPerFamilyIntended[f]++;
      const res = results[k];
      if (!res) return;
      if (res.candidates.length === 1 || (p.defectRate > 0 && res.candidates.length === 0)) {
        // The real relation: the same as the lines give in a clean world, whatever they say with defects.
        const x = p.defectRate > 0 ? r : res.candidates[0]!;
        truth[f].w(x === 'p2c' ? `${la[l]}|${lb[l]}|-1\n` : x === 'c2p' ? `${lb[l]}|${la[l]}|-1\n` : `${la[l]}|${lb[l]}|${x === 'p2p' ? 0 : 1}\n`);
        counts.truth[f]++;
        if (res.weakDecided) counts.weakDecided[f]++;
      } else {
        amb[f].w(`${la[l]}|${lb[l]}|${res.candidates.join(',')}|${r}\n`);
        counts.ambiguous[f]++;
      }
    });
  }
  for (const f of ['ipv4', 'ipv6'] as const) { truth[f].close(); amb[f].close(); }

  // Stale blocks: per (AS, neighbour) block drawn as `stale`, a block about a former neighbour
  // (a neighbour's neighbour with no link to the AS), written as a random relation.
  const stale = new Map<number, { nb: number; rel: Rel; v6: boolean }[]>();
  if (p.defectRate > 0) {
    for (let i = 0; i < n; i++) {
      if (publishing[i] !== 1) continue;
      const me = asns[i]!;
      const mine = new Set<number>();
      for (let k = start[i]!; k < start[i + 1]!; k++) { const l = adj[k]!; mine.add(la[l] === me ? lb[l]! : la[l]!); }
      for (let k = start[i]!; k < start[i + 1]!; k++) {
        const l = adj[k]!;
        const nb = la[l] === me ? lb[l]! : la[l]!;
        if (defectOf(me, nb, la[l] === me ? v4(l) : mirror(v4(l))) !== 'stale') continue;
        const j = index.get(nb)!;
        const span = start[j + 1]! - start[j]!;
        const l2 = adj[start[j]! + Math.floor(hash01(seed, me, nb, SALT.staleTo) * span)]!;
        const z = la[l2] === nb ? lb[l2]! : la[l2]!;
        if (z === me || mine.has(z)) continue;
        const u = hash01(seed, me, z, SALT.staleRel);
        const rel: Rel = u < 0.4 ? 'c2p' : u < 0.8 ? 'p2p' : 'p2c';
        let list = stale.get(i);
        if (!list) stale.set(i, (list = []));
        if (list.some((x) => x.nb === z)) continue;
        list.push({ nb: z, rel, v6: hash01(seed, me, z, SALT.v6) < p.ipv6Share });
        mine.add(z);
        counts.planted.stale++;
        planted.w(`${me}|${z}|stale|none|${rel}\n`);
      }
    }
  }

  // ------------------------------------------------------------ RPSL text
  const out = new Out(files.rpsl);
  let policyAttributes = 0, autNums = 0, asSets = 0, asSetLoops = 0, over1000 = 0, over10000 = 0;
  let maxRules = { asn: 0, rules: 0 };
  out.w(`# SYNTHETIC IRR world generated by asrel's bench (bench/synth/generate.ts) from CAIDA AS Relationships\n` +
    `# 2015-02-01 (${basename(opts.caidaFile)}); seed ${seed}, publish share ${p.publishShare}. Not real registry data.\n\n`);

  const setName = (asn: number) => `AS${asn}:AS-CUSTOMERS`;
  for (let i = 0; i < n; i++) {
    const pub = publishing[i]!;
    if (!pub) continue;
    const me = asns[i]!;
    const lines: string[] = [];
    let rules = 0;
    const attr = (name: string, value: string) => { lines.push(pad(name) + value); if (name !== 'remarks') rules++; };
    lines.push(pad('aut-num') + `AS${me}`);
    lines.push(pad('as-name') + `SYNTH-AS${me}`);
    lines.push(pad('descr') + `Synthetic network AS${me}`);
    lines.push(pad('remarks') + 'SYNTHETIC: generated from CAIDA AS Relationships 2015-02-01 by asrel\'s bench (bench/synth/generate.ts); not real registry data');
    const mySet = hasSet[i] ? setName(me) : `AS${me}`;
    if (pub === 2) {
      const v = anyVariant(me);
      const act = hash01(seed, me, 1, SALT.action) < 0.5 ? 'action pref=100; ' : '';
      if (v === 'any') {
        attr('mp-import', `afi any from AS-ANY ${act}accept ANY`);
        attr('mp-export', `afi any to AS-ANY announce ${mySet}`);
      } else {
        attr('import', `from AS-ANY ${act}accept ANY`);
        attr('export', `to AS-ANY announce ${mySet}`);
        if (v === 'v4v6') {
          attr('mp-import', `afi ipv6.unicast from AS-ANY accept ANY`);
          attr('mp-export', `afi ipv6.unicast to AS-ANY announce ${mySet}`);
        }
      }
    } else {
      let section = '';
      const nbs: { nb: number; r4: Rel; w4: Written; w6?: Written; part: number }[] = [];
      for (let k = start[i]!; k < start[i + 1]!; k++) {
        const l = adj[k]!;
        const mine = la[l] === me;
        const nb = mine ? lb[l]! : la[l]!;
        const real4 = mine ? v4(l) : mirror(v4(l));
        const r6a = v6rel[l];
        const r6 = r6a && (mine ? r6a : mirror(r6a));
        const w4 = written(me, nb, real4, 'ipv4', real4);
        const w6 = r6 && written(me, nb, r6, 'ipv6', real4);
        if (!w4.rel && !w6?.rel) continue;
        nbs.push({ nb, r4: w4.rel ?? w6!.rel!, w4, w6, part: partial[2 * l + (mine ? 0 : 1)]! });
      }
      for (const x of stale.get(i) ?? []) nbs.push({ nb: x.nb, r4: x.rel, w4: { rel: x.rel }, w6: x.v6 ? { rel: x.rel } : undefined, part: PARTIAL_NONE });
      const rank: Record<Rel, number> = { c2p: 0, p2p: 1, p2c: 2, s2s: 3 };
      nbs.sort((x, y) => rank[x.r4] - rank[y.r4] || x.nb - y.nb);
      for (const { nb, r4, w4, w6, part } of nbs) {
        const title = r4 === 'c2p' ? '---> Uplinks' : r4 === 'p2p' ? '---> Peers' : '---> Customers';
        if (title !== section) { lines.push(pad('remarks') + title); section = title; }
        const h = (salt: number) => hash01(seed, me, nb, salt);
        const nbSet = publishing[index.get(nb)!] && hasSet[index.get(nb)!] ? setName(nb) : `AS${nb}`;
        const act = () => {
          const u = h(SALT.action);
          if (u < 0.55) return '';
          if (u < 0.75) return `action pref=${r4 === 'c2p' ? 200 : r4 === 'p2p' ? 150 : 100}; `;
          if (u < 0.9) return `action pref=${100 + (nb % 50)}; community.append(${me & 0xffff}:${r4 === 'p2c' ? 3000 : 2000}); `;
          return `action community .= { ${me & 0xffff}:${nb % 1000} }; med = 0; `;
        };
        const full = (f: Fam | 'both') => {
          const u = h(SALT.filt);
          if (u < 0.6) return 'ANY';
          if (u < 0.75) return f === 'ipv4' ? 'ANY AND NOT fltr-martian' : f === 'ipv6' ? 'ANY AND NOT fltr-martian-v6' : 'ANY AND NOT fltr-martian';
          if (u < 0.9) return f === 'ipv4' ? '{ 0.0.0.0/0^+ }' : f === 'ipv6' ? '{ ::/0^+ }' : 'AS-ANY';
          return 'AS-ANY';
        };
        const restrictedIn = () => (h(SALT.regex) < 0.05 ? `<^AS${nb}+$>` : h(SALT.regex) < 0.4 ? nbSet : `AS${nb}`);
        const restrictedOut = () => (h(SALT.regex + 100) < 0.5 ? mySet : `AS${me}`);
        const imp = part !== PARTIAL_EXPORT_ONLY, exp = part !== PARTIAL_IMPORT_ONLY;
        /** Writes the import/export pair for one family spec. */
        const pair = (spec: 'v4' | 'v6' | 'any' | 'list' | 'noafi', w: Written) => {
          const r = w.rel;
          if (!r) return;
          const f: Fam | 'both' = spec === 'v4' ? 'ipv4' : spec === 'v6' ? 'ipv6' : 'both';
          const [iname, ename, afi] = spec === 'v4' ? ['import', 'export', ''] : spec === 'v6' ? ['mp-import', 'mp-export', 'afi ipv6.unicast '] :
            spec === 'any' ? ['mp-import', 'mp-export', 'afi any '] : spec === 'list' ? ['mp-import', 'mp-export', 'afi ipv4.unicast, ipv6.unicast '] : ['mp-import', 'mp-export', ''];
          const ifilt = r === 'c2p' ? full(f) : w.acceptAny ? 'ANY' : restrictedIn();
          const efilt = r === 'p2c' ? full(f) : w.customersOnly ? mySet : restrictedOut();
          const style = h(SALT.cont + (spec === 'v6' ? 1 : 0));
          const comment = h(SALT.comment) < 0.08 ? `  # ${r === 'c2p' ? 'transit' : r === 'p2p' ? 'peering' : 'customer'} AS${nb}` : '';
          if (imp) {
            const a = act();
            if (style < 0.06) lines.push(pad(iname) + `${afi}from AS${nb}${a ? ' ' + a.trimEnd() : ''}`, ' '.repeat(16) + `accept ${ifilt}${comment}`);
            else if (style < 0.1) lines.push(pad(iname) + `${afi}from AS${nb}`, '+'.padEnd(16, ' ') + `${a}accept ${ifilt}${comment}`);
            else lines.push(pad(iname) + `${afi}from AS${nb} ${a}accept ${ifilt}${comment}`);
            rules++;
          }
          if (exp) {
            if (style > 0.95) lines.push(pad(ename) + `${afi}to AS${nb}`, '\t\t' + `announce ${efilt}`);
            else lines.push(pad(ename) + `${afi}to AS${nb} announce ${efilt}`);
            rules++;
          }
          if (big.has(i) && r === 'p2c' && imp) {
            // Per-prefix-style lines, as some large transit networks register them.
            const k = 2 + (nb % 3);
            for (let j = 0; j < k; j++) {
              if (spec === 'v6') attr(iname, `${afi}from AS${nb} accept { 2001:db8:${((nb * 7 + j) & 0xffff).toString(16)}::/48 }`);
              else if (spec === 'v4') attr(iname, `from AS${nb} accept { ${11 + (nb % 200)}.${(nb >> 8) & 255}.${(nb * 4 + j * 16) & 255}.0/22^22-24 }`);
            }
          }
        };
        const styleU = h(SALT.style);
        const same = w6 !== undefined && w6.rel === w4.rel && !!w6.acceptAny === !!w4.acceptAny && !!w6.customersOnly === !!w4.customersOnly;
        if (same && w4.rel !== undefined && styleU < 0.3) pair(styleU < 0.12 ? 'any' : styleU < 0.22 ? 'list' : 'noafi', w4);
        else {
          pair('v4', w4);
          if (w6 !== undefined) pair('v6', w6);
        }
        if (w4.defaultTo) attr('default', `to AS${nb} ${h(SALT.def + 1) < 0.5 ? 'action pref=100; ' : ''}networks ANY`);
      }
    }
    lines.push(pad('admin-c') + 'SYNTH1-SYNTH', pad('tech-c') + 'SYNTH1-SYNTH', pad('mnt-by') + 'MNT-SYNTH', pad('source') + 'SYNTH');
    out.w(lines.join('\n') + '\n\n');
    autNums++;
    policyAttributes += rules;
    if (rules > maxRules.rules) maxRules = { asn: me, rules };
    if (rules > 1000) over1000++;
    if (rules > 10000) over10000++;

    if (hasSet[i]) {
      const members: string[] = [`AS${me}`];
      for (let k = start[i]!; k < start[i + 1]!; k++) {
        const l = adj[k]!;
        if (lrel[l] !== -1 || la[l] !== me) continue;
        const c = lb[l]!, ci = index.get(c)!;
        // A defect of the set itself, at the same rate: a customer missing from it.
        if (p.defectRate > 0 && hash01(seed, me, c, SALT.setDrop) < p.defectRate) { counts.planted['set-missing']++; planted.w(`${me}|${c}|set-missing|p2c|-\n`); continue; }
        members.push(publishing[ci] && hasSet[ci] ? setName(c) : `AS${c}`);
      }
      // A stale block written as a customer keeps its former customer in the set too.
      for (const x of stale.get(i) ?? []) if (x.rel === 'p2c') members.push(`AS${x.nb}`);
      // Some loops, as real registries have: a set naming one of its providers' sets.
      if (hash01(seed, me, 0, SALT.setLoop) < 0.03) {
        for (let k = start[i]!; k < start[i + 1]!; k++) {
          const l = adj[k]!;
          if (lrel[l] === -1 && lb[l] === me && hasSet[index.get(la[l]!)!]) { members.push(setName(la[l]!)); asSetLoops++; break; }
        }
      }
      const sl = [pad('as-set') + setName(me), pad('descr') + `Customers of AS${me} (SYNTHETIC)`];
      for (let k = 0; k < members.length; k += 8) sl.push(pad('members') + members.slice(k, k + 8).join(', '));
      sl.push(pad('mnt-by') + 'MNT-SYNTH', pad('source') + 'SYNTH');
      out.w(sl.join('\n') + '\n\n');
      asSets++;
    }
  }
  out.close();
  planted.close();

  const caidaBytes = readFileSync(opts.caidaFile);
  const manifest: Manifest = {
    generator: 'asrel bench/synth/generate.ts',
    synthetic: true,
    parameters: p,
    caida: {
      file: basename(opts.caidaFile), bytes: caidaBytes.length, sha256: createHash('sha256').update(caidaBytes).digest('hex'), links: L,
      citation: 'The CAIDA AS Relationships Dataset, 2015-02-01 (serial-1); found in repo thwindbell/as-relation',
    },
    counts: {
      ases: n, publishing: nPub, asAnyOnly: [...publishing].filter((x) => x === 2).length, autNums, asSets, asSetLoops,
      policyAttributes, maxRulesInObject: maxRules, objectsOver1000Rules: over1000, objectsOver10000Rules: over10000,
      bytes: statSync(files.rpsl).size, ...counts,
    },
    millis: Math.round(performance.now() - t0),
  };
  writeFileSync(files.manifest, JSON.stringify(manifest, null, 2) + '\n');
  return { dir: opts.out, files, manifest };
}

// ---------------------------------------------------------------- CLI

/** The CAIDA file beside the repository (`../shared/data/caida`), or where ASREL_CAIDA points (a worktree elsewhere). */
export const DEFAULT_CAIDA = process.env.ASREL_CAIDA ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data/caida/20150201.as-rel.txt');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const get = (name: string) => { const k = args.indexOf(name); return k >= 0 ? args[k + 1] : undefined; };
  const share = Number(get('--share') ?? '0.47');
  const outDir = get('--out');
  if (!outDir || !(share >= 0 && share <= 1)) {
    console.error('usage: npx tsx bench/synth/generate.ts --share 0.47 --out DIR [--seed N] [--ipv6-share X] [--defects 0.05] [--caida FILE]');
    process.exit(2);
  }
  const res = generateWorld({
    caidaFile: get('--caida') ?? DEFAULT_CAIDA, publishShare: share, out: outDir,
    seed: get('--seed') !== undefined ? Number(get('--seed')) : undefined,
    ipv6Share: get('--ipv6-share') !== undefined ? Number(get('--ipv6-share')) : undefined,
    defectRate: get('--defects') !== undefined ? Number(get('--defects')) : undefined,
  });
  console.log(JSON.stringify({ files: res.files, counts: res.manifest.counts, millis: res.manifest.millis }, null, 2));
}
