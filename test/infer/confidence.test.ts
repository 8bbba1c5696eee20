// Calibrated confidence and conflicts said aloud (issue 29), on small made-up objects (AST
// literals; no registry data). The probabilities come from the fitted table; the tests pin the
// kinds, the wording and the rules (never 1, an overruled view well below the agreeing case).
import { describe, expect, it } from 'vitest';
import { alternativeOf, clamp, confidenceLevel, confidenceText, probabilityOf } from '../../src/infer/confidence.js';
import { inferenceText } from '../../src/report/inference-text.js';
import { irrTopologies } from '../../src/analysis/topologies.js';
import { ANY, asn, engineOf, fAsn, fAsSet, rule } from './ast-helpers.js';

const engine = engineOf;

/** Lines of a side that writes the neighbour as its customer, provider or peer. */
const provider = (n: number) => [rule('export', asn(n), ANY, `to AS${n} announce ANY`), rule('import', asn(n), fAsn(n), `from AS${n} accept AS${n}`)];
const customer = (me: number, n: number) => [rule('export', asn(n), fAsn(me), `to AS${n} announce AS${me}`), rule('import', asn(n), ANY, `from AS${n} accept ANY`)];
const peer = (me: number, n: number) => [rule('export', asn(n), fAsn(me), `to AS${n} announce AS${me}`), rule('import', asn(n), fAsSet('AS-THEM'), `from AS${n} accept AS-THEM`)];

describe('calibrated confidence', () => {
  it('both sides agreeing: the kind pc.4:SS, high but never 1', () => {
    const l = engine({ 64500: provider(64501), 64501: customer(64501, 64500) }).infer(64500, 64501, 'ipv4');
    expect(l.relation).toBe('p2c');
    expect(l.basis).toEqual({ kind: 'pc.4:SS' });
    expect(l.confidence).toBe(probabilityOf('pc.4:SS', NaN));
    expect(l.confidence).toBeGreaterThanOrEqual(0.95);
    expect(l.confidence).toBeLessThan(1);
  });

  it('one side only, the other without an aut-num: a lower kind, the provider\'s side first', () => {
    const l = engine({ 64501: customer(64501, 64500) }).infer(64500, 64501, 'ipv4');
    expect(l.relation).toBe('p2c');
    // The customer's import of the full table (weak) picks the relation: flag w.
    expect(l.basis?.kind).toBe('pc.4:NSw');
    expect(l.confidence).toBeLessThan(probabilityOf('pc.4:SS', NaN));
  });

  it('a provider writing its customer as a peer while the customer imports the full table: p2p, the overruled view said, never confidence 1', () => {
    const l = engine({ 64500: peer(64500, 64501), 64501: customer(64501, 64500) }).infer(64500, 64501, 'ipv4');
    expect(l.relation).toBe('p2p');
    expect(l.basis?.kind).toBe('pp.4:SSo');
    expect(l.confidence).toBe(probabilityOf('pp.4:SSo', NaN));
    expect(l.confidence).toBeLessThan(1);
    expect(l.note).toContain("views differ: AS64500's lines say AS64500 and AS64501 are peers — AS64500 exports RESTRICTED to AS64501 (export line 2: to AS64501 announce AS64500), " +
      'and AS64500 imports RESTRICTED from AS64501 (import line 3: from AS64501 accept AS-THEM)');
    expect(l.note).toContain("AS64501's lines say AS64500 is AS64501's provider — AS64501 exports RESTRICTED to AS64500 (export line 2: to AS64500 announce AS64501), " +
      'and AS64501 imports FULL from AS64500 (import line 3: from AS64500 accept ANY)');
    const text = inferenceText(l).join('\n');
    expect(text).toMatch(/ipv4: p2p — AS64500 and AS64501 are peers \(confidence 0\.\d\d \((high|good|fair|low): right about \d+ times in 100\)\)/);
    expect(text).toMatch(/\n {6}note: views differ: AS64500's lines say AS64500 and AS64501 are peers — .*\n {12}AS64501's lines say AS64500 is AS64501's provider — .*\n {12}the weaker lines are overruled/);
  });

  it('…and when the provider\'s own customer set lists the customer, both views are said and the label is the better-supported one', () => {
    const sets = [{ class: 'as-set', key: 'AS64500:AS-CUSTOMERS', attrs: [['members', 'AS64501'] as [string, string]] }];
    const l = engine({ 64500: peer(64500, 64501), 64501: customer(64501, 64500) }, sets).infer(64500, 64501, 'ipv4');
    expect(l.basis).toEqual({ kind: 'pp.4:SSom', first: 64500 });
    const lines = probabilityOf('pp.4:SSom', NaN), set = alternativeOf('pp.4:SSom', NaN);
    expect(l.note).toContain("views differ: the lines say AS64500 and AS64501 are peers, but AS64500's own as-set (AS64500:…) lists AS64501, as customer sets list customers; taken: ");
    if (set !== undefined && set >= 0.6 && set > lines) {
      expect(l.relation).toBe('p2c');
      expect(l.confidence).toBe(clamp(set));
      expect(l.note).toMatch(/taken: the set's view \(AS64500 is AS64501's provider\), which was the real relation in \d+% of such links/);
    } else {
      expect(l.relation).toBe('p2p');
      expect(l.confidence).toBe(lines);
      expect(l.note).toContain("taken: the lines' view");
    }
  });

  it('a customer writing its provider as a peer: the strong lines conflict, both views are named, the better-supported one is the label', () => {
    const l = engine({ 64500: provider(64501), 64501: peer(64501, 64500) }).infer(64500, 64501, 'ipv4');
    expect(l.basis).toEqual({ kind: 'cf.4:p2c/S|p2p/S', first: 64500 });
    expect(l.relation).toBe('p2c');
    expect(l.confidence).toBeLessThan(1);
    expect(l.note).toMatch(/^views differ: AS64500's lines say AS64500 is AS64501's provider — AS64500 exports FULL to AS64501 \(export line 2: to AS64501 announce ANY\), and AS64500 imports RESTRICTED from AS64501 \(import line 3: from AS64501 accept AS64501\); AS64501's lines say AS64500 and AS64501 are peers — .*; taken: AS64500's view, which was the real relation in \d+% of such conflicts on synthetic registries with defects$/);
  });

  it('two sides that both claim to be the provider: `conflict`, confidence 0, both views with their lines', () => {
    const l = engine({ 64500: provider(64501), 64501: provider(64500) }).infer(64500, 64501, 'ipv4');
    expect(l.relation).toBe('conflict');
    expect(l.confidence).toBe(0);
    expect(l.note).toBe("views differ: AS64500's lines say AS64500 is AS64501's provider — AS64500 exports FULL to AS64501 (export line 2: to AS64501 announce ANY), and AS64500 imports RESTRICTED from AS64501 (import line 3: from AS64501 accept AS64501); " +
      "AS64501's lines say AS64500 is AS64501's customer — AS64501 exports FULL to AS64500 (export line 2: to AS64500 announce ANY), and AS64501 imports RESTRICTED from AS64500 (import line 3: from AS64500 accept AS64500); " +
      'neither view is taken (no relation claimed)');
    expect(inferenceText(l)[0]).toBe('  ipv4: conflict — conflict: the two sides contradict each other (confidence 0: no relation claimed)');
  });

  it('named levels say what a value means', () => {
    expect(confidenceText(0.97)).toBe('0.97 (high: right about 97 times in 100)');
    // One time, not "1 times"; below one half the words say the label is more often wrong.
    expect(confidenceText(0.01)).toBe('0.01 (low: right about 1 time in 100, so more often wrong than right)');
    expect(confidenceText(0.3)).toBe('0.30 (low: right about 30 times in 100, so more often wrong than right)');
    expect(confidenceText(0.5)).toBe('0.50 (fair: right about 50 times in 100)');
    expect(confidenceLevel(0.85).name).toBe('good');
    expect(confidenceLevel(0.6).name).toBe('fair');
    expect(confidenceLevel(0.3).name).toBe('low');
    expect(confidenceLevel(0).name).toBe('none');
  });
});

describe('--min-confidence accounting (irrTopologies)', () => {
  // 64500–64501 both sides agree (high); 64500–64502 one side only, the other has an object but
  // says nothing about it (a kind well below 0.9); 64500–64503 one side only, no aut-num.
  const e = () => engine({
    64500: [...provider(64501), ...provider(64502), ...provider(64503)],
    64501: customer(64501, 64500),
    64502: [rule('export', asn(64999), fAsn(64502), 'to AS64999 announce AS64502')],
  });

  it('links below X are set aside as unknown and counted per family', () => {
    const eng = e();
    const conf = (b: number) => eng.infer(64500, b, 'ipv4').confidence;
    const min = 0.9;
    const expected = [64501, 64502, 64503].filter((b) => conf(b) < min).length;
    expect(conf(64501)).toBeGreaterThanOrEqual(min);
    expect(conf(64502)).toBeLessThan(min);
    const all = irrTopologies(e(), { families: ['ipv4'] });
    const kept = irrTopologies(e(), { families: ['ipv4'], minConfidence: min });
    expect(all.setAside.ipv4).toBe(0);
    expect(kept.setAside.ipv4).toBe(expected);
    expect(kept.topologies.ipv4!.size.links).toBe(all.topologies.ipv4!.size.links - expected);
    expect(kept.topologies.ipv4!.link(64500, 64502)).toBeUndefined();
    expect(kept.summary).toContain(`; ${expected} ipv4 links below confidence 0.9 set aside as unknown (--min-confidence)`);
    expect(all.summary).not.toContain('--min-confidence');
  });

  it('the cones around asked ASes do not climb a set-aside link', () => {
    const kept = irrTopologies(e(), { asns: [64502], families: ['ipv4'], minConfidence: 0.9 });
    expect(kept.setAside.ipv4).toBeGreaterThanOrEqual(1);
    expect(kept.topologies.ipv4!.link(64502, 64500)).toBeUndefined();
  });
});
