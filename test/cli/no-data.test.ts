// Issue 19, points 1 and 2: an answer never claims more than its data holds. An AS that no
// object names is "no data" (exit 1), an AS with no link in the asked family is said to be
// missing data rather than a dark spot, and wrong data paths are errors.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asrel, HE } from './run.js';

const NO_DATA = 'AS99999: no data (no aut-num, and no object in the bundled snapshot names it)';

describe('no data is not an answer', () => {
  for (const args of [
    ['why-unreachable', '6939', '99999', '--afi', 'ipv6'],
    ['path', '6939', '99999'],
    ['report', '99999', '174'],
    ['rel', '6939', '99999'],
    ['neighbors', '99999'],
    ['reach', '99999'],
  ]) {
    it(`${args[0]}: exit 1, one line, no "cannot reach" and no fixes`, () => {
      const r = asrel([...args, '--offline']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`asrel: ${NO_DATA}`);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toMatch(/cannot reach|buys|internal error/i);
    });
  }

  // An ASPA drafted for an AS the data knows nothing of would be AS0: every route of it through a provider Invalid.
  for (const format of ['text', 'json', 'rpki-client', 'krill', 'bird', 'openbgpd']) {
    it(`aspa draft --format ${format}: exit 1 "no data", no AS0 published`, () => {
      const r = asrel(['aspa', 'draft', '99999', '--offline', '--format', format]);
      expect(r.code).toBe(1);
      expect(r.stderr + r.stdout).toContain(NO_DATA);
      expect(r.stdout).not.toMatch(/providers|transit|<none>|customer_asid/);
    });
  }

  it('aspa impact --draft: exit 1 "no data", nothing weighed', () => {
    const r = asrel(['aspa', 'impact', '99999', 'test/fixtures/mrt/synthetic-he-cogent.bgpdump-m.txt', '--draft', '--offline']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`asrel: ${NO_DATA}`);
    expect(r.stderr).not.toContain('ASPA weighed');
    const rel = asrel(['aspa', 'impact', '99999', 'test/fixtures/mrt/synthetic-he-cogent.bgpdump-m.txt', '--draft', '--relationships', HE]);
    expect(rel.code).toBe(1);
    expect(rel.stderr).toMatch(/AS99999: no data \(no link in the relationship file/);
  });

  it('--json carries "reason": "no-data" on stdout', () => {
    const r = asrel(['why-unreachable', '6939', '99999', '--offline', '--json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ reason: 'no-data', error: NO_DATA });
  });

  it('from relationship files: an AS no link names is no data too', () => {
    const r = asrel(['why-unreachable', '6939', '99999', '--relationships', HE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/AS99999: no data \(no link in the relationship file .*he-cogent-2015\.reconstruction\.csv\)/);
  });

  it('from relationship files the data gaps are not known, and the answer says why', () => {
    const r = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--relationships', HE, '-q']);
    expect(r.stdout).toContain('Data gaps: not known (the relationships come from a relationship file, not from registry objects).');
  });

  it('an AS known in IPv4 only is "no IPv6 link in this data", not a dark spot with invented transit', () => {
    // AS2864 is named by AS3255's IPv4 lines only (bundled RIPE sample).
    const r = asrel(['why-unreachable', '6939', '2864', '--afi', 'ipv6', '--offline', '-q']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('AS2864 has no IPv6 link in this data, so whether AS6939 reaches AS2864 in IPv6 cannot be judged:');
    expect(r.stdout).toContain('this is missing data, not a dark spot.');
    expect(r.stdout).toContain("AS2864's IPv6 policy in the IRR: mp-import/mp-export lines with afi ipv6");
    expect(r.stdout).not.toMatch(/buys IPv6 transit|Uphill cone/);
    expect(r.stdout).toContain('In IPv4, AS6939 reaches AS2864: AS6939 → AS3255 → AS2864');
    // Relationships inferred from IRR objects, none in IPv6 here: the data gaps are the asked AS's, not "a relationship file".
    expect(r.stdout).not.toContain('relationship file');
    expect(r.stdout).toContain('Data gaps among the asked ASes: 1 AS with no aut-num in the data');
    expect(r.stdout).toContain('  AS2864 (no aut-num found; no IPv6 link names it)');
    const j = JSON.parse(asrel(['why-unreachable', '6939', '2864', '--afi', 'ipv6', '--offline', '--json']).stdout);
    expect(j).toMatchObject({ reachable: false, reason: 'no-link-in-family', absent: [2864] });
    expect(j.fixes).toBeUndefined();
  });
});

describe('wrong data paths are errors', () => {
  it('--input holding no aut-num: exit 1 naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-noaut-'));
    const f = join(dir, 'sets.rpsl');
    // Constructed: an as-set alone (no aut-num), to check the error.
    writeFileSync(f, 'as-set: AS-EXAMPLE\nmembers: AS64500\nsource: TEST\n');
    const r = asrel(['why-unreachable', '6939', '174', '--input', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`--input ${f}: no aut-num object in the file`);
    expect(r.stderr).not.toContain('relationship file');
  });

  it('--data naming a folder that does not exist: exit 2 "no store at DIR" for read commands', () => {
    for (const cmd of [['why-unreachable', '6939', '174'], ['rel', '6939', '174'], ['export'], ['dark-spots']]) {
      const r = asrel([...cmd, '--offline', '--data', '/nonexistent-asrel-named-store']);
      expect(r.code, cmd.join(' ')).toBe(2);
      expect(r.stderr).toContain('asrel: no store at /nonexistent-asrel-named-store');
    }
  });

  it('--data /proc (a folder that is no store) is exit 2', () => {
    const r = asrel(['rel', '6939', '174', '--offline', '--data', '/proc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no store at /proc (the folder holds no asrel.sqlite)');
  });
});
