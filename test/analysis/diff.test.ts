// `diff` as a stage: the merge of two sorted inference streams (made-up inferences), and two
// real registries compared with edited copies of themselves: the HE/Cogent reconstruction
// (a RECONSTRUCTION, data/README.md) with AS1299 selling IPv6 transit to AS6939 (a made-up
// edit), and the DN42 registry of 2023-10-22 with a seeded half of its aut-nums that have policy lines edited
// (made-up edits, bench/diff.bench.ts's `perturb`).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffData, diffInferences, openDiffSide } from '../../src/analysis/diff.js';
import type { LinkInference } from '../../src/infer/types.js';
import { perturb } from '../../bench/diff.bench.js';

const dir = mkdtempSync(join(tmpdir(), 'asrel-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HE = 'data/reconstructed/he-cogent-telia-2013.rpsl';
const DN42 = 'data/real/dn42-registry-2023-10-22.db';

/** Made-up inferences: only the fields the diff reads. */
const link = (family: 'ipv4' | 'ipv6', a: number, b: number, relation: LinkInference['relation']): LinkInference =>
  ({ a, b, family, relation, candidates: [], confidence: 1, evidence: [], missing: [] });

/** AS1299 announces the full IPv6 table to AS6939, which accepts it: IPv6 transit (made-up edit). */
function heWithIpv6Transit(): string {
  const lines = readFileSync(HE, 'utf8').split('\n');
  let owner = '';
  const out = lines.map((l) => {
    const m = /^aut-num:\s+(AS\d+)/.exec(l);
    if (m) owner = m[1]!;
    if (owner === 'AS1299' && /^mp-export:\s+afi ipv6 to AS6939 announce/.test(l)) return 'mp-export:      afi ipv6 to AS6939 announce ANY';
    if (owner === 'AS6939' && /^mp-import:\s+afi ipv6 from AS1299 accept/.test(l)) return 'mp-import:      afi ipv6 from AS1299 accept ANY';
    return l;
  });
  const file = join(dir, 'he-ipv6-transit.rpsl');
  writeFileSync(file, out.join('\n'));
  return file;
}

describe('diffInferences', () => {
  it('merges two sorted streams into added, removed and changed; "none" is no link; a < b', () => {
    const old = [link('ipv4', 1, 2, 'p2c'), link('ipv4', 1, 3, 'p2p'), link('ipv4', 2, 5, 'none'), link('ipv6', 1, 2, 'p2p')];
    const now = [link('ipv4', 1, 2, 'c2p'), link('ipv4', 2, 4, 'p2p'), link('ipv6', 1, 2, 'p2p'), link('ipv6', 7, 9, 's2s')];
    const r = diffInferences(old, now);
    expect(r.changed).toEqual([{ a: 1, b: 2, afi: 'ipv4', old: 'p2c', new: 'c2p' }]);
    expect(r.removed).toEqual([{ a: 1, b: 3, afi: 'ipv4', relation: 'p2p' }]);
    expect(r.added).toEqual([{ a: 2, b: 4, afi: 'ipv4', relation: 'p2p' }, { a: 7, b: 9, afi: 'ipv6', relation: 's2s' }]);
    expect(r.counts.ipv4).toEqual({ old: 2, new: 2, added: 1, removed: 1, changed: 1 });
    // Read from the lower ASN: a stream giving (2, 1) is turned around.
    expect(diffInferences([link('ipv4', 2, 1, 'p2c')], [link('ipv4', 1, 2, 'c2p')]).changed).toEqual([]);
  });

  it('refuses streams out of order rather than report nonsense', () => {
    expect(() => diffInferences([link('ipv4', 3, 4, 'p2p'), link('ipv4', 1, 2, 'p2p')], [])).toThrow(/not in \(family, a, b\) order/);
  });
});

describe('diffData on real registries', () => {
  it('the HE/Cogent reconstruction: IPv6 AS1299–AS6939 turns p2p → p2c and the AS174–AS6939 IPv6 dark spot disappears', async () => {
    const before = await openDiffSide(HE, { what: '--old' });
    const after = await openDiffSide(heWithIpv6Transit(), { what: '--new' });
    try {
      const r = diffData(before, after, { top: 10 });
      expect(r.changed).toEqual([{ a: 1299, b: 6939, afi: 'ipv6', old: 'p2p', new: 'p2c' }]);
      expect(r.added).toEqual([]);
      expect(r.removed).toEqual([]);
      expect(r.changedObjects).toEqual({ objects: 2, sets: 0, ases: 2 });
      expect(r.darkSpots!.disappeared).toEqual([{ a: 174, b: 6939, afi: 'ipv6', coneA: 1, coneB: 1 }]);
      expect(r.darkSpots!.appeared).toEqual([]);
      expect(r.darkSpots!.totals.ipv6).toEqual({ old: 1, new: 0, appeared: 0, disappeared: 1 });
      // And back: it appears.
      const back = diffData(after, before, { top: 10 });
      expect(back.darkSpots!.appeared).toEqual([{ a: 174, b: 6939, afi: 'ipv6', coneA: 1, coneB: 1 }]);
      expect(back.changed).toEqual([{ a: 1299, b: 6939, afi: 'ipv6', old: 'p2c', new: 'p2p' }]);
    } finally {
      before.close();
      after.close();
    }
  });

  it('DN42 with half of its aut-nums that have policy lines edited: inferring only the changed ASes again gives what inferring everything gives', async () => {
    const edited = perturb(readFileSync(DN42, 'latin1'), 0.5, 11);
    expect(edited.edited).toBeGreaterThan(5); // of the 37 aut-nums with policy lines
    const file = join(dir, 'dn42-edited.db');
    writeFileSync(file, edited.text, 'latin1');
    const before = await openDiffSide(DN42, { what: '--old' });
    const after = await openDiffSide(file, { what: '--new' });
    try {
      const quick = diffData(before, after, { top: 1_000_000 });
      const full = diffData(before, after, { top: 1_000_000, full: true });
      const { changedObjects, ...rest } = quick;
      expect(changedObjects!.objects).toBe(edited.edited);
      expect(rest).toEqual(full);
      // Links only: the changed ASes' links on both sides, no full pass.
      const local = diffData(before, after, { darkSpots: false });
      expect([local.added, local.removed, local.changed]).toEqual([full.added, full.removed, full.changed]);
      expect(local.counts.ipv4.old).toBeNull();
      const moved = quick.added.length + quick.removed.length + quick.changed.length;
      expect(moved).toBeGreaterThan(0);
      // Nothing changed: nothing to say.
      const same = diffData(before, before, { top: 5 });
      expect([same.added, same.removed, same.changed, same.darkSpots!.appeared, same.darkSpots!.disappeared]).toEqual([[], [], [], [], []]);
    } finally {
      before.close();
      after.close();
    }
  }, 120_000);

  it('keeps only the totals when a side has more dark spots than it may keep', async () => {
    const before = await openDiffSide(HE, { what: '--old' });
    const after = await openDiffSide(heWithIpv6Transit(), { what: '--new' });
    try {
      const r = diffData(before, after, { maxPairs: 0 });
      expect(r.darkSpots!.compared).toBe(false);
      expect(r.darkSpots!.totals.ipv6).toEqual({ old: 1, new: 0, appeared: null, disappeared: null });
    } finally {
      before.close();
      after.close();
    }
  });
});
