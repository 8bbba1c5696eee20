// `asrel neighbors` on AS3255's real object.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asrel } from './run.js';

const AS3255 = 'test/fixtures/irr-access/AS3255.rpsl';

describe('asrel neighbors', () => {
  it('--json: every neighbour with its relation per family and evidence count', () => {
    const r = asrel(['neighbors', '3255', '--input', AS3255, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.asn).toBe(3255);
    const n174 = j.neighbors.find((n: { asn: number }) => n.asn === 174);
    expect(n174.afi.ipv4).toMatchObject({ relation: 'c2p', evidence_count: 2, missing: [174] });
    expect(n174.afi.ipv6).toMatchObject({ relation: 'c2p', evidence_count: 2 });
    const n3356 = j.neighbors.find((n: { asn: number }) => n.asn === 3356);
    expect(n3356.afi.ipv6).toMatchObject({ relation: 'none', evidence_count: 0 });
    const v6providers = j.neighbors.filter((n: { afi: { ipv6: { relation: string } } }) => n.afi.ipv6.relation === 'c2p').map((n: { asn: number }) => n.asn);
    expect(v6providers).toEqual([174, 9002]);
  });

  it('text table, one family', () => {
    const r = asrel(['neighbors', 'AS3255', '--input', AS3255, '--afi', 'ipv6']);
    expect(r.code).toBe(0);
    // Confidence with its named level (README "Confidence").
    expect(r.stdout).toMatch(/then confidence: the chance the relation is right \(high ≥ 0\.95, good ≥ 0\.8, fair ≥ 0\.5, low below/);
    expect(r.stdout).toMatch(/^AS174\s+c2p 0\.\d\d (high|good|fair|low)\s+2/m);
    expect(r.stdout).toMatch(/^AS9098\s+p2c\|p2p\?/m);
    expect(r.stdout).not.toMatch(/^AS3356/m);
  });

  // Crafted (the audit's): AS numbers the command line refuses must not get into the graph either.
  it('draws no link to AS0, AS23456 or past AS4294967295, and agrees with export', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-neighbors-range-'));
    const input = join(dir, 'range.rpsl');
    writeFileSync(input, 'aut-num: AS4294967296\nimport: from AS4294967295 accept ANY\nsource: T\n\n' +
      'aut-num: AS4294967295\nimport: from AS4294967296 accept ANY\nimport: from AS0 accept ANY\nimport: from AS23456 accept ANY\n' +
      'export: to AS0 announce ANY\nimport: from AS0 OR AS23456 OR AS-X accept ANY\nimport: from AS65001 accept ANY\nsource: T\n\n' +
      'as-set: AS-X\nmembers: AS0, AS23456\nsource: T\n\naut-num: AS0\nimport: from AS65002 accept ANY\nsource: T\n');
    const n = asrel(['neighbors', '4294967295', '--input', input, '--json']);
    expect(n.code).toBe(0);
    expect(JSON.parse(n.stdout).neighbors.map((x: { asn: number }) => x.asn)).toEqual([65001]);
    expect(n.stderr).toContain(`note: warning: ${input}:1: aut-num AS4294967296 is out of range: AS numbers are 0–4294967295; the object is skipped`);
    const e = asrel(['export', '--format', 'csv', '--input', input]);
    expect(e.code).toBe(0);
    expect(e.stdout.trim().split('\n').slice(1).map((l) => l.split(',').slice(0, 2).join(' '))).toEqual(['65001 4294967295']);
    // AS0's own policy draws no link either: AS65002, named by it alone, is not in the data.
    const own = asrel(['neighbors', '65002', '--input', input, '--json']);
    expect(own.code).toBe(1);
    expect(JSON.parse(own.stdout).reason).toBe('no-data');
  });
});
