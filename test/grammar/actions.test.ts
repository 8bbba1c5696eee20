// Issue 12: an action asrel cannot read costs a warning, not the rule.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePolicyValue } from '../../grammar/index.js';
import { parsePolicies } from '../../src/policy/parse.js';
import { readObjects } from '../../src/rpsl/read.js';
import { strip } from './helpers.js';

const fixture = new URL('../fixtures/policy/AS6774.issue-12-quote.rpsl', import.meta.url);

describe('unreadable actions', () => {
  it('AS6774 (RIPE, quoted in issue 12): community(…) without a method is dropped with a warning; the rule stays', () => {
    const [obj] = readObjects(readFileSync(fixture, 'utf8'), 'AS6774').objects;
    const [p] = parsePolicies(obj);
    expect(p.diagnostics).toEqual([{
      object: 'AS6774', attribute: 'mp-import', line: 3, column: 38, severity: 'warning',
      message: "action 'community(6774:65231)' not understood; ignored (the rule is kept)",
    }]);
    expect(p.ast).toBeDefined();
    const body = strip(p.ast!.body) as any;
    expect(body.type).toBe('refine');
    expect(body.left.factors[0]).toEqual({
      peerings: [{ peering: { type: 'peering', as: { type: 'as-any' } }, actions: [] }],
      filter: { type: 'and', left: { type: 'any' }, right: { type: 'not', operand: { type: 'filter-set', name: 'AS6774:FLTR-BOGONS' } } },
    });
    expect(body.right.factors[0].peerings[0]).toEqual({
      peering: { type: 'peering-set', name: 'AS6774:PRNG-BE-BNIX' },
      actions: [{ type: 'call', attribute: 'community', method: 'append', args: [{ type: 'word', value: '6774:65100' }] }],
    });
    expect(body.right.factors[0].filter).toEqual({ type: 'or', left: { type: 'peeras' }, right: { type: 'as-set', name: 'AS6774:AS-PEERS:PEERAS' } });
    // The factor's text still quotes the source, dropped action included.
    expect((p.ast!.body as any).left.factors[0].text).toBe('from AS-ANY action community(6774:65231); accept ANY AND NOT AS6774:FLTR-BOGONS');
    expect(p.terms.length).toBeGreaterThan(0);
  });

  it('the readable actions of the same list are kept; a missing final ; is still only a warning', () => {
    // Shapes of AS1299's `action pref=50;` (seed) with an unreadable second action.
    const r = parsePolicyValue('import', 'from AS6939 action pref=50; med = igp cost; accept AS-HURRICANE');
    expect(r.ast).toBeDefined();
    expect(r.problems).toEqual([{ offset: 28, severity: 'warning', message: "action 'med = igp cost' not understood; ignored (the rule is kept)" }]);
    expect(strip((r.ast!.body as any).factors[0].peerings[0].actions)).toEqual([{ type: 'assign', attribute: 'pref', operator: '=', value: { type: 'number', value: 50 } }]);
  });

  it('a broken filter is still an error', () => {
    const r = parsePolicyValue('import', 'from AS6939 action community(1:2); accept AS-HURRICANE AND');
    expect(r.ast).toBeUndefined();
    expect(r.problems.map((p) => p.severity)).toContain('error');
  });
});
