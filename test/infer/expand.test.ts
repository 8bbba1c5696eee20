// Set expansion and filter-sets through the index, on made-up RPSL (written for these tests,
// not registry data), parsed with the real reader and policy parser.
import { describe, expect, it } from 'vitest';
import { SetExpander } from '../../src/infer/expand.js';
import { InferenceEngine } from '../../src/infer/engine.js';
import { storeOf } from '../../src/infer/infer.js';
import { parsePolicies } from '../../src/policy/parse.js';
import { readObjects } from '../../src/rpsl/read.js';
import { MemoryIndex } from '../../src/store/memory-index.js';

function index(text: string): MemoryIndex {
  const idx = new MemoryIndex();
  for (const object of readObjects(text, 'made-up').objects) idx.add({ object, provenance: { kind: 'dump', from: 'made-up', date: '2024-01-01' } });
  return idx;
}

const MADE_UP = `
as-set: AS-A
members: AS1, AS2, AS-B
source: TEST

as-set: AS-B
members: AS3 AS-A AS-MISSING not-a-member
source: TEST

as-set: AS-REF
members: AS10
mbrs-by-ref: MNT-X
source: TEST

aut-num: AS11
member-of: AS-REF
mnt-by: MNT-X
source: TEST

aut-num: AS12
member-of: AS-REF
mnt-by: MNT-OTHER
source: TEST

as-set: AS-BIG
members: AS100, AS101, AS102, AS103, AS104
source: TEST

peering-set: PRNG-UPSTREAMS
peering: AS20
mp-peering: AS21 OR AS22
source: TEST

filter-set: FLTR-TABLE
filter: ANY AND NOT {0.0.0.0/0}
mp-filter: ANY AND NOT {::/0}
source: TEST

filter-set: FLTR-V4ONLY
filter: {192.0.2.0/24}
source: TEST

aut-num: AS30
mp-import: afi any.unicast from PRNG-UPSTREAMS accept FLTR-TABLE
mp-export: afi any.unicast to PRNG-UPSTREAMS announce AS30
import: from AS31 accept fltr-table
export: to AS31 announce FLTR-V4ONLY
mp-export: afi ipv6.unicast to AS32 announce FLTR-V4ONLY
source: TEST
`;

describe('set expansion', () => {
  const idx = storeOf(index(MADE_UP));

  it('nested as-sets with a loop, a missing set and a bad member: members kept, problems noted', () => {
    const x = new SetExpander(idx, parsePolicies).asSet('as-a');
    expect([...x.asns].sort((a, b) => a - b)).toEqual([1, 2, 3]);
    expect(x.complete).toBe(false);
    const kinds = x.notes.map((n) => n.kind).sort();
    expect(kinds).toEqual(['bad-member', 'loop', 'missing']);
    expect(x.notes.find((n) => n.kind === 'loop')!.message).toBe('as-set loop: AS-A → AS-B → AS-A');
  });

  it('mbrs-by-ref: aut-nums join with member-of when their maintainer is listed', () => {
    expect([...new SetExpander(idx, parsePolicies).asSet('AS-REF').asns].sort((a, b) => a - b)).toEqual([10, 11]);
  });

  it('member cap and depth limit', () => {
    const capped = new SetExpander(idx, parsePolicies, { maxMembers: 3 }).asSet('AS-BIG');
    expect(capped.asns.size).toBe(3);
    expect(capped.notes[0]!.kind).toBe('cap');
    const shallow = new SetExpander(idx, parsePolicies, { maxDepth: 1 }).asSet('AS-A');
    expect([...shallow.asns].sort()).toEqual([1, 2]);
    expect(shallow.notes.some((n) => n.kind === 'depth')).toBe(true);
  });

  it('peering-sets and filter-sets drive inference', () => {
    const e = new InferenceEngine(idx);
    // PRNG-UPSTREAMS = AS20, AS21, AS22; FLTR-TABLE is the table without the default: FULL.
    for (const n of [20, 21, 22]) {
      const l = e.infer(30, n, 'ipv6');
      expect(l.relation).toBe('c2p');
      expect(l.evidence.find((x) => x.direction === 'import')?.filterClass).toBe('FULL');
    }
    expect(e.infer(30, 31, 'ipv4').relation).toBe('c2p');
    // FLTR-V4ONLY has no IPv6 filter: announcing it in IPv6 announces nothing (NONE, no constraint).
    const v6 = e.infer(30, 32, 'ipv6');
    expect(v6.evidence[0]?.filterClass).toBe('NONE');
    expect(v6.relation).toBe('ambiguous');
  });
});
