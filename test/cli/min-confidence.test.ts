// `--min-confidence X` (issue 29): links below X count as unknown and every answer says how
// many it set aside. Real lines: AS3255's RIPE object (one side only: its neighbours have no
// aut-num here, so their confidence varies with what AS3255's lines say).
import { describe, expect, it } from 'vitest';
import { asrel } from './run.js';

const AS3255 = 'test/fixtures/irr-access/AS3255.rpsl';

/** export's CSV rows: [a, b, afi, relation, confidence]. */
function rows(csv: string): string[][] {
  return csv.trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 5));
}

describe('--min-confidence', () => {
  const all = rows(asrel(['export', '--input', AS3255, '-q']).stdout);
  // A threshold between the confidences AS3255's links get, so that some fall below it.
  const values = [...new Set(all.filter((r) => r[3] !== 'conflict').map((r) => Number(r[4])))].sort();
  const min = values[Math.floor(values.length / 2)]!;
  const below = all.filter((r) => r[3] !== 'conflict' && Number(r[4]) < min);

  it('export leaves out the links below X and counts them per family', () => {
    expect(values.length).toBeGreaterThan(1);
    expect(below.length).toBeGreaterThan(0);
    const r = asrel(['export', '--input', AS3255, '--min-confidence', String(min)]);
    expect(r.code).toBe(0);
    const kept = rows(r.stdout);
    expect(kept).toHaveLength(all.length - below.length);
    expect(kept.every((x) => x[3] === 'conflict' || Number(x[4]) >= min)).toBe(true);
    const v4 = below.filter((x) => x[2] === 'ipv4').length, v6 = below.filter((x) => x[2] === 'ipv6').length;
    expect(r.stderr).toContain(`; ${v4} ipv4, ${v6} ipv6 links below confidence ${min} set aside as unknown (--min-confidence), not written`);
  });

  it('path and why-unreachable say how many links they set aside, and answer without them', () => {
    // AS3255's provider links: one below the threshold is not climbed.
    const up = all.find((r) => r[2] === 'ipv4' && Number(r[4]) < min && (r[3] === 'c2p' || r[3] === 'p2c'));
    const r = asrel(['path', '3255', '174', '--input', AS3255, '--min-confidence', String(min)]);
    expect(r.stderr).toMatch(new RegExp(`note: .*; \\d+ ipv4 links below confidence ${min} set aside as unknown \\(--min-confidence\\)`));
    const w = asrel(['why-unreachable', '3255', '174', '--input', AS3255, '--min-confidence', String(min), '--json']);
    expect(w.code).toBe(0);
    expect(JSON.parse(w.stdout).notes.join('\n')).toMatch(/links below confidence .* set aside as unknown/);
    if (up) {
      const [a, b] = up[3] === 'c2p' ? [up[0]!, up[1]!] : [up[1]!, up[0]!];
      const p = asrel(['path', a, b, '--input', AS3255, '--min-confidence', String(min), '--afi', 'ipv4']);
      expect(p.stdout).not.toContain(`AS${a} → AS${b}: up to its provider`);
    }
  });

  it('a value that is not a probability is a usage error', () => {
    for (const bad of ['2', '-0.1', 'abc', '']) {
      const r = asrel(['export', '--input', AS3255, '--min-confidence', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(bad === '' ? /--min-confidence needs a value/ : /--min-confidence .*: give a probability between 0 and 1/);
    }
  });
});
