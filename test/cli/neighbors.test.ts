// `asrel neighbors` on AS3255's real object.
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
});
