// `--min-confidence X` (issue 29): links below X count as unknown and every answer says how
// many it set aside. Real lines: AS3255's RIPE object (one side only: its neighbours have no
// aut-num here, so their confidence varies with what AS3255's lines say).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

  // The bundled HE/Cogent/Telia reconstruction: AS6939–AS1299 (AS1299 its IPv4 provider) and
  // AS1299–AS174 (peers) both have confidence 0.99, so 0.995 sets aside the links that join them.
  it('links set aside at the cones make the answer unknown at the threshold, not "cannot reach"', () => {
    const r = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv4', '--offline', '-q', '--min-confidence', '0.995']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('Whether AS6939 reaches AS174 in IPv4 cannot be judged at --min-confidence 0.995:');
    expect(lines[1]).toMatch(/^no valley-free path among links at confidence >= 0\.995, but 3 links at the two cones were set aside below it/);
    expect(r.stdout).toContain("  AS6939–AS1299: AS1299 is AS6939's provider, confidence 0.99\n");
    expect(r.stdout).toContain('With every link kept, AS6939 reaches AS174 in IPv4, 2 hop(s)');
    expect(r.stdout).toContain('  AS6939 → AS1299 → AS174\n');
    expect(r.stdout).toContain("AS6939's IPv4 providers are below confidence 0.995 (set aside)");
    expect(r.stdout).not.toMatch(/AS6939 cannot reach AS174 in IPv4|AS6939 has no IPv4 provider|Links that would fix it|peer in IPv4 \(new link\)|relationship file/);
    const j = JSON.parse(asrel(['why-unreachable', '6939', '174', '--afi', 'ipv4', '--offline', '--json', '--min-confidence', '0.995']).stdout);
    expect(j).toMatchObject({ reachable: false, reason: 'below-min-confidence', setAside: { minConfidence: 0.995 } });
    expect(j.setAside.links).toContainEqual({ a: 6939, b: 1299, relation: 'c2p', confidence: 0.99 });
    expect(j.setAside.withThem.path).toEqual([6939, 1299, 174]);
    expect(j.fixes).toBeUndefined();
    expect(j.dataGaps).toEqual([]);
  });

  it('path: the same answer, and its JSON carries the reason', () => {
    // AS3255's RIPE sample names AS6939 as a peer (confidence 0.7, one side's lines only).
    const r = asrel(['path', '6939', '3255', '--afi', 'ipv4', '--offline', '-q', '--min-confidence', '0.8']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Whether AS6939 reaches AS3255 in IPv4 cannot be judged at --min-confidence 0.8: no valley-free path among links at confidence >= 0.8');
    expect(r.stdout).toContain('  AS6939–AS3255: AS6939 and AS3255 are peers, confidence 0.7\n');
    expect(r.stdout).toContain('With every link kept: AS6939 → AS3255');
    expect(r.stdout).not.toContain('No valley-free IPv4 path from AS6939 to AS3255 under the Gao–Rexford model.');
    const j = JSON.parse(asrel(['path', '6939', '3255', '--afi', 'ipv4', '--offline', '--json', '--min-confidence', '0.8']).stdout);
    expect(j).toMatchObject({ reachable: false, reason: 'below-min-confidence', setAside: { minConfidence: 0.8 } });
    expect(j.setAside.links[0]).toEqual({ a: 6939, b: 3255, relation: 'p2p', confidence: 0.7 });
    expect(j.setAside.withThem.path).toEqual([6939, 3255]);
  });

  it('batch: a pair apart only among the links kept is below-min-confidence, never no-path or a dark spot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-minconf-batch-'));
    const list = join(dir, 'ases.txt');
    writeFileSync(list, '6939\n174\n');
    const row = (args: string[]) => asrel(['batch', '--asns', list, '--offline', '-q', ...args]).stdout.trim().split('\n')[1]!.split(',');
    // Columns: a, b, ipv4 reachable, length, path, reason, ipv6 reachable, length, path, reason, dark_spot, …
    const plain = row([]);
    expect([plain[5], plain[9], plain[10]]).toEqual(['path', 'no-path', 'true']);
    // IPv4: AS6939's provider link (0.99) is set aside; IPv6: no link set aside lies between the
    // two cones (the peerings with AS1299 lead out of them), so the dark family's answer stands.
    const high = row(['--min-confidence', '0.995']);
    expect([high[2], high[5], high[9], high[10]]).toEqual(['false', 'below-min-confidence', 'no-path', 'false']);
    // Below every link at the cones: the data's own answer.
    expect(row(['--min-confidence', '0.5'])).toEqual(plain);
    // The pair's answer does not depend on which other ASes are listed (AS1299 joins the cones' read).
    const longer = join(dir, 'more.txt');
    writeFileSync(longer, '1299\n3257\n6939\n174\n');
    const rows4 = asrel(['batch', '--asns', longer, '--offline', '-q', '--min-confidence', '0.995']).stdout.split('\n');
    expect(rows4.find((l) => l.startsWith('6939,174,'))!.split(',')).toEqual(high);
  });

  it('report: UNKNOWN at the threshold, with the set-aside links and the path with every link kept', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-minconf-report-'));
    const out = join(dir, 'r.html');
    expect(asrel(['report', '6939', '174', '--afi', 'ipv4', '--offline', '-q', '--min-confidence', '0.995', '--out', out]).code).toBe(0);
    const text = readFileSync(out, 'utf8').replace(/<[^>]*>/g, '').replace(/&#39;/g, "'");
    expect(text).toContain('UNKNOWN');
    expect(text).toContain("AS6939–AS1299: AS1299 is AS6939's provider, confidence 0.99");
    expect(text).toContain('With every link kept, AS6939 reaches AS174: AS6939 → AS1299 → AS174.');
  });

  it('set-aside links that do not join the two either leave the answer "cannot reach", with its fixes', () => {
    // IPv6: AS6939's peerings with AS1299 are below 0.995, but with every link kept there is no IPv6 path either.
    const r = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--offline', '-q', '--min-confidence', '0.995']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^AS6939 cannot reach AS174 in IPv6 under the Gao–Rexford model/);
    expect(r.stdout).toContain('Links that would fix it');
    expect(r.stdout).not.toContain('cannot be judged');
  });

  it('a threshold below every link at the cones changes nothing: the answer stays the data\'s own', () => {
    const r = asrel(['path', '6939', '3255', '--afi', 'ipv4', '--offline', '--json', '--min-confidence', '0.5']);
    expect(JSON.parse(r.stdout)).toMatchObject({ reachable: true, path: [6939, 3255] });
    expect(JSON.parse(r.stdout).reason).toBeUndefined();
  });

  it('a value that is not a probability is a usage error', () => {
    for (const bad of ['2', '-0.1', 'abc', '']) {
      const r = asrel(['export', '--input', AS3255, '--min-confidence', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(bad === '' ? /--min-confidence needs a value/ : /--min-confidence .*: give a probability between 0 and 1/);
    }
  });
});
