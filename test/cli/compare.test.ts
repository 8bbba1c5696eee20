// `asrel compare` of AS3255's inferences against a small serial-1 file cut from CAIDA 2015.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asrel } from './run.js';

const AS3255 = 'test/fixtures/irr-access/AS3255.rpsl';
const CAIDA = 'test/fixtures/infer/caida-20150201-AS3255.as-rel.txt';

describe('asrel compare', () => {
  it('--json: confusion matrix over common links and one-sided counts', () => {
    const r = asrel(['compare', '--relationships', CAIDA, '--input', AS3255, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    const c = j.families[0];
    expect(c.family).toBe('ipv4');
    expect(c.common).toBeGreaterThan(0);
    expect(c.common + c.onlyTruth).toBe(c.truthLinks);
    expect(c.common + c.onlyAsrel).toBe(c.asrelLinks);
    // Every CAIDA line of the cut touches AS3255, whose aut-num is in the data.
    expect(c.onlyTruthCovered).toBe(c.onlyTruth);
    // AS3356 is AS3255's provider in both (CAIDA: 3356|3255|-1, lower ASN first → c2p).
    const sum = Object.values(c.matrix as Record<string, Record<string, number>>).reduce((s, row) => s + Object.values(row).reduce((x, y) => x + y, 0), 0);
    expect(sum).toBe(c.common);
    expect(c.agree).toBe(['p2c', 'c2p', 'p2p', 's2s'].reduce((s, k) => s + c.matrix[k][k], 0));
  });

  it('text output names the file and the agreement', () => {
    const r = asrel(['compare', '--relationships', CAIDA, '--input', AS3255]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ground truth: .*caida-20150201-AS3255\.as-rel\.txt \(CAIDA serial-1, read as ipv4/);
    expect(r.stdout).toMatch(/agreement \d+\/\d+ = \d+\.\d%/);
  });

  it('a family the ground truth lacks is warned about and n/a, not 0%; ipv6:FILE names the family', () => {
    const r = asrel(['compare', '--relationships', CAIDA, '--input', AS3255, '--afi', 'both']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: the ground truth has no ipv6 links, so ipv6 is not compared (n/a)');
    expect(r.stderr).toContain(`give --relationships ipv6:${CAIDA}`);
    expect(r.stdout).toContain('agreement n/a: no link is known to both (the ground truth has no ipv6 links)');
    expect(r.stdout).not.toContain('0/0');
    const j = JSON.parse(asrel(['compare', '--relationships', CAIDA, '--input', AS3255, '--afi', 'ipv6', '--json']).stdout);
    expect(j.families[0]).toMatchObject({ family: 'ipv6', truthLinks: 0, agreement: null });
    expect(j.warnings).toHaveLength(1);
    // Said to be IPv6 (only to show the option; CAIDA 2015 is IPv4 data): no warning, and compared.
    const six = JSON.parse(asrel(['compare', '--relationships', `ipv6:${CAIDA}`, '--input', AS3255, '--json']).stdout);
    expect(six.families.map((f: { family: string }) => f.family)).toEqual(['ipv6']);
    expect(six.files[0]).toMatchObject({ readAs: 'ipv6', readAsFrom: 'option' });
    expect(six.warnings).toEqual([]);
  });

  it('a file that is not a relationship file is refused', () => {
    const r = asrel(['compare', '--relationships', AS3255, '--input', AS3255]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not a relationship file/);
  });

  // The real AS3255 lines with crafted ones after them: a line repeated, one turned around, one bad.
  it('notes the truth file\'s repeated pairs and bad lines, and counts its links once', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-compare-rel-'));
    const real = readFileSync(CAIDA, 'utf8');
    const links = real.split('\n').filter((l) => l && !l.startsWith('#')).length;
    const file = join(dir, 'truth.txt');
    writeFileSync(file, `${real}174|3255|0\n3255|174|-1\n3255|0|-1\n`);
    const r = asrel(['compare', '--relationships', file, '--input', AS3255]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`ground truth: ${file} (CAIDA serial-1, read as ipv4 (the default: CAIDA files do not say), ${links} links)`);
    expect(r.stderr).toContain(`note: ${file}: 1 repeated pair merged; 1 pair given again with another relation, the first kept (e.g. line`);
    expect(r.stderr).toMatch(/note: .*truth\.txt: 1 bad line skipped: line \d+: second AS: AS0 is reserved and never names a network \(RFC 7607\)\n/);
  });
});
