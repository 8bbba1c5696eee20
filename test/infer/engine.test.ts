// Inference rules 1–5 on small made-up objects (AST literals; no registry data).
import { describe, expect, it } from 'vitest';
import { InferenceEngine } from '../../src/infer/engine.js';
import type { LinkInference } from '../../src/infer/types.js';
import { probabilityOf } from '../../src/infer/confidence.js';
import { ANY, ASANY, asn, asSet, engineOf, DEFAULT4, fAsn, fAsSet, rule } from './ast-helpers.js';

const V6 = [{ afi: 'ipv6' as const, safi: 'unicast' as const }];

const engine = engineOf;

const all = (e: InferenceEngine, families: Parameters<InferenceEngine['all']>[0]): LinkInference[] => [...e.all(families)];

describe('inference on made-up objects', () => {
  it('provider–customer from both sides: the highest kind of evidence (below 1)', () => {
    const e = engine({
      64500: [rule('export', asn(64501), ANY, 'to AS64501 announce ANY'), rule('import', asn(64501), fAsn(64501), 'from AS64501 accept AS64501')],
      64501: [rule('export', asn(64500), fAsn(64501), 'to AS64500 announce AS64501'), rule('import', asn(64500), ANY, 'from AS64500 accept ANY')],
    });
    const l = e.infer(64500, 64501, 'ipv4');
    expect(l.relation).toBe('p2c');
    expect(l.basis?.kind).toBe('pc.4:SS');
    expect(l.confidence).toBe(probabilityOf('pc.4:SS', NaN));
    expect(l.confidence).toBeLessThan(1);
    expect(l.evidence).toHaveLength(4);
    expect(l.evidence.every((x) => x.source.startsWith('TEST'))).toBe(true);
    expect(e.infer(64501, 64500, 'ipv4').relation).toBe('c2p');
    // IPv4-only rules: no adjacency in IPv6.
    expect(e.infer(64500, 64501, 'ipv6')).toMatchObject({ relation: 'none', evidence: [] });
  });

  it('AS-ANY rules never create a link, but describe links known from elsewhere (weak)', () => {
    const e = engine({
      64500: [rule('export', ASANY, ANY, 'to AS-ANY announce ANY'), rule('import', ASANY, ANY, 'from AS-ANY accept ANY')],
      64501: [rule('export', ASANY, ANY, 'to AS-ANY announce ANY')],
      64502: [rule('import', asn(64500), fAsSet('AS-FOO'), 'from AS64500 accept AS-FOO')],
    });
    expect(all(e, ['ipv4', 'ipv6']).map((l) => [l.a, l.b])).toEqual([[64500, 64502]]);
    expect(e.infer(64500, 64501, 'ipv4').relation).toBe('none');
    const l = e.infer(64500, 64502, 'ipv4');
    // 64502 imports RESTRICTED from 64500: 64500 is its customer or peer (strong). 64500's AS-ANY
    // lines are weak: "export ANY to anyone" (customer or sibling) contradicts and is overruled;
    // "import ANY from anyone" (provider or sibling) fits and picks customer.
    expect(l.evidence.filter((x) => x.strength === 'weak').map((x) => x.asn)).toEqual([64500, 64500]);
    expect(l.relation).toBe('c2p');
    expect(l.note).toMatch(/overruled weak view: AS64500 exports FULL to AS-ANY/);
    // Provider side strong but partial (s), customer side AS-ANY only (A), a weak view overruled (o), a weak tier decided (w).
    expect(l.basis?.kind).toBe('pc.4:sAow');
    expect(l.confidence).toBe(probabilityOf('pc.4:sAow', NaN));
  });

  it('a weak view conflicting with a strong one is overruled', () => {
    const e = engine({
      64500: [
        rule('export', asn(64501), fAsSet('AS-ME'), 'to AS64501 announce AS-ME'),
        rule('import', asn(64501), fAsSet('AS-THEM'), 'from AS64501 accept AS-THEM'),
        rule('export', ASANY, ANY, 'to AS-ANY announce ANY'),
      ],
    });
    const l = e.infer(64500, 64501, 'ipv4');
    expect(l.relation).toBe('p2p');
    expect(l.note).toMatch(/overruled weak view/);
    expect(l.missing).toEqual([64501]);
    expect(l.note).toMatch(/data gap: AS64501 has no aut-num/);
  });

  it('conflicts are reported with both sides\' lines', () => {
    const e = engine({
      64500: [rule('export', asn(64501), ANY, 'to AS64501 announce ANY'), rule('import', asn(64501), fAsn(64501), 'from AS64501 accept AS64501')],
      // Also claims to be the provider: exports everything, filters what it takes.
      64501: [rule('export', asn(64500), ANY, 'to AS64500 announce ANY'), rule('import', asn(64500), fAsn(64500), 'from AS64500 accept AS64500')],
    });
    const l = e.infer(64500, 64501, 'ipv4');
    expect(l.relation).toBe('conflict');
    expect(l.confidence).toBe(0);
    expect(l.note).toMatch(/AS64500 exports FULL to AS64501/);
    expect(l.note).toMatch(/AS64501 exports FULL to AS64500/);
  });

  it('ambiguity when one side only filters exports', () => {
    const e = engine({ 64500: [rule('export', asn(64501), fAsSet('AS-ME'), 'to AS64501 announce AS-ME')] });
    const l = e.infer(64500, 64501, 'ipv4');
    expect(l.relation).toBe('ambiguous');
    expect(l.candidates).toEqual(['c2p', 'p2p']);
    expect(l.note).toMatch(/ambiguous: AS64500 is AS64501's customer, or AS64500 and AS64501 are peers/);
  });

  it('siblings: full tables both ways on both sides', () => {
    const full = (n: number) => [rule('export', asn(n), ANY, `to AS${n} announce ANY`), rule('import', asn(n), ANY, `from AS${n} accept ANY`)];
    const e = engine({ 64500: full(64501), 64501: full(64500) });
    expect(e.infer(64500, 64501, 'ipv4').relation).toBe('s2s');
  });

  it('a default-only provider (default: to Y), and a default route exported', () => {
    const e = engine({
      64510: [rule('default', asn(64511), ANY, 'to AS64511'), rule('export', asn(64511), fAsn(64510), 'to AS64511 announce AS64510')],
      64511: [rule('export', asn(64510), DEFAULT4, 'to AS64510 announce {0.0.0.0/0}'), rule('import', asn(64510), fAsn(64510), 'from AS64510 accept AS64510')],
    });
    const l = e.infer(64510, 64511, 'ipv4');
    expect(l.relation).toBe('c2p');
    expect(l.basis?.kind).toBe('pc.4:SS');
    expect(l.evidence.find((x) => x.asn === 64511 && x.direction === 'export')?.filterClass).toBe('DEFAULT');
    expect(l.evidence.find((x) => x.direction === 'default')?.allows).toEqual(['c2p']);
  });

  it('per family: customer in IPv4, peer in IPv6', () => {
    const e = engine({
      64500: [
        rule('import', asn(64501), fAsSet('AS-THEM'), 'from AS64501 accept AS-THEM'),
        rule('export', asn(64501), ANY, 'to AS64501 announce ANY'),
        rule('mp-import', asn(64501), fAsSet('AS-THEM'), 'afi ipv6 from AS64501 accept AS-THEM', V6),
        rule('mp-export', asn(64501), fAsSet('AS-ME-V6'), 'afi ipv6 to AS64501 announce AS-ME-V6', V6),
      ],
    });
    expect(e.infer(64500, 64501, 'ipv4').relation).toBe('p2c');
    expect(e.infer(64500, 64501, 'ipv6').relation).toBe('p2p');
  });

  it('as-set peerings are expanded (nested, with loops reported) and create links', () => {
    const e = engine(
      { 64500: [rule('import', asSet('AS64500:AS-PEERS'), { type: 'peeras' }, 'from AS64500:AS-PEERS accept PeerAS'), rule('export', asSet('AS64500:AS-PEERS'), fAsn(64500), 'to AS64500:AS-PEERS announce AS64500')] },
      [
        { class: 'as-set', key: 'AS64500:AS-PEERS', attrs: [['members', 'AS64501, AS64502'], ['members', 'AS64500:AS-MORE']] },
        { class: 'as-set', key: 'AS64500:AS-MORE', attrs: [['members', 'AS64503 AS64500:AS-PEERS']] },
      ],
    );
    const links = all(e, ['ipv4']);
    expect(links.map((l) => l.b)).toEqual([64501, 64502, 64503]);
    expect(links.every((l) => l.relation === 'p2p')).toBe(true);
    expect(links[0]!.note).toMatch(/as-set loop: AS64500:AS-PEERS → AS64500:AS-MORE → AS64500:AS-PEERS/);
  });

  it('a missing as-set used as peering creates no link and is reported by the expander', () => {
    const e = engine({ 64500: [rule('import', asSet('AS-NOWHERE'), ANY, 'from AS-NOWHERE accept ANY')] });
    expect(all(e, ['ipv4', 'ipv6'])).toEqual([]);
    expect(e.expander.asSet('AS-NOWHERE').notes[0]?.message).toMatch(/not in the data/);
  });

  it('neighbours include ASes that name it without being named back', () => {
    const e = engine({
      64500: [rule('export', asn(64501), ANY, 'to AS64501 announce ANY')],
      64502: [rule('export', asn(64500), fAsn(64502), 'to AS64500 announce AS64502'), rule('import', asn(64500), ANY, 'from AS64500 accept ANY')],
    });
    const ns = e.neighbours(64500, 'ipv4');
    expect(ns.map((l) => [l.b, l.relation])).toEqual([[64501, 'ambiguous'], [64502, 'p2c']]);
  });
});
