// Issue 10: no input makes the parser, the printer or a recursive walk of the AST overflow
// the stack, and no value yields an unbounded number of diagnostics.
import { describe, expect, it } from 'vitest';
import type { Filter, PolicyAst, PolicyExpression } from '../../grammar/ast.js';
import { MAX_NESTING, MAX_PROBLEMS, parsePolicyValue, printFilter, printPolicy } from '../../grammar/index.js';
import { printAs } from '../../grammar/print.js';
import { onlyFactor } from './helpers.js';

/** Depth of any JSON-like tree, without recursion. */
function depth(v: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length) {
    const [n, d] = stack.pop()!;
    if (!n || typeof n !== 'object') continue;
    max = Math.max(max, d);
    for (const x of Object.values(n)) stack.push([x, d + 1]);
  }
  return max;
}

const asns = (n: number, sep: string) => Array.from({ length: n }, (_, i) => `AS${i + 1}`).join(sep);

function filterOf(text: string): Filter {
  const r = parsePolicyValue('import', text);
  expect(r.problems).toEqual([]);
  return onlyFactor(r.ast!).filter;
}

describe('long flat chains become shallow trees and print flat', () => {
  for (const [name, sep] of [['juxtaposition', ' '], ['OR', ' OR '], ['AND', ' AND ']] as const) {
    it(`accept AS1${sep}AS2 … AS100000 (${name})`, () => {
      const f = filterOf(`from AS1 accept ${asns(100_000, sep)}`);
      expect(depth(f)).toBeLessThanOrEqual(2 * 18);
      const printed = printFilter(f);
      expect(printed).toBe(asns(100_000, sep === ' AND ' ? ' AND ' : ' OR '));
      expect(() => JSON.stringify(f)).not.toThrow();
    });
  }

  it('short chains keep the left-folded shape as written', () => {
    const f = filterOf('from AS1 accept AS1 AS2 AS3 AS4');
    expect(f).toMatchObject({ type: 'or', left: { type: 'or', left: { type: 'or' } }, right: { type: 'asn', asn: 4 } });
  });

  it('grouping written by the user is printed flat only where it does not change the meaning', () => {
    expect(printFilter(filterOf('from AS1 accept AS1 OR (AS2 OR AS3)'))).toBe('AS1 OR AS2 OR AS3');
    expect(printFilter(filterOf('from AS1 accept AS1 AND (AS2 OR AS3)'))).toBe('AS1 AND (AS2 OR AS3)');
    expect(printFilter(filterOf('from AS1 accept NOT (AS1 AND AS2) AND AS3'))).toBe('NOT (AS1 AND AS2) AND AS3');
  });

  it('peerings: 20,000-operand OR and EXCEPT chains', () => {
    for (const sep of [' OR ', ' EXCEPT ', ' AND ']) {
      const r = parsePolicyValue('import', `from ${asns(20_000, sep)} accept ANY`);
      expect(r.problems).toEqual([]);
      const as = (onlyFactor(r.ast!).peerings[0].peering as { as: unknown }).as;
      expect(depth(as)).toBeLessThanOrEqual(40);
      const text = printPolicy(r.ast!);
      const again = parsePolicyValue('import', text);
      expect(again.problems).toEqual([]);
      expect(printPolicy(again.ast!)).toBe(text);
    }
    const except = parsePolicyValue('import', `from ${asns(20, ' EXCEPT ')} accept ANY`);
    expect(printAs((onlyFactor(except.ast!).peerings[0].peering as unknown as { as: never }).as)).toBe(`AS1 EXCEPT (${asns(20, ' OR ').slice(7)})`);
  });

  it('a printed 27 KB line parses back to the same text', () => {
    const line = `from AS6774 accept ${asns(4000, ' OR ')}`;
    const ast = parsePolicyValue('import', line).ast as PolicyAst;
    expect(printPolicy(ast)).toBe(line);
  });
});

describe('nesting is capped at MAX_NESTING with a diagnostic', () => {
  it('64 levels parse, 65 do not', () => {
    expect(MAX_NESTING).toBe(64);
    const nested = (n: number) => `from AS1 accept ${'('.repeat(n)}AS1${')'.repeat(n)}`;
    expect(parsePolicyValue('import', nested(64)).ast).toBeDefined();
    const r = parsePolicyValue('import', nested(65));
    expect(r.ast).toBeUndefined();
    expect(r.problems).toEqual([{ offset: 16 + 64, severity: 'error', message: expect.stringMatching(/nested deeper than 64/) }]);
    for (const text of [
      `from AS1 accept ${'NOT '.repeat(100_000)}AS1`,
      `from ${'('.repeat(100_000)}AS1${')'.repeat(100_000)} accept ANY`,
      `from AS1 7.7.7.1 at ${'NOT '.repeat(10_000)}7.7.7.2 accept ANY`,
    ]) {
      const p = parsePolicyValue('import', text);
      expect(p.ast).toBeUndefined();
      expect(p.problems.map((x) => x.message).join('\n')).toMatch(/nested deeper than 64/);
    }
  });

  it('an action value nested too deeply is an unreadable action: a warning, the rule stays', () => {
    const r = parsePolicyValue('import', `from AS1 action community .= ${'{'.repeat(10_000)}1${'}'.repeat(10_000)}; accept ANY`);
    expect(r.ast).toBeDefined();
    expect(r.problems).toEqual([{ offset: 16, severity: 'warning', message: expect.stringMatching(/^action '.*' not understood; ignored/) }]);
    const inside = parsePolicyValue('import', `from AS1 action community .= ${'{'.repeat(65)}1${'}'.repeat(65)}; accept ANY`);
    expect(inside.ast).toBeUndefined();
    expect(inside.problems[0].message).toMatch(/nested deeper than 64/);
  });

  it('REFINE/EXCEPT cascades and braces count too', () => {
    const cascade = (n: number) => Array.from({ length: n }, () => '{ from AS1 accept ANY; }').join(' REFINE ');
    expect(parsePolicyValue('import', cascade(60)).ast).toBeDefined();
    const deep = parsePolicyValue('import', cascade(100));
    expect(deep.ast).toBeUndefined();
    expect(deep.problems[0].message).toMatch(/nested deeper than 64/);
    const body = parsePolicyValue('import', cascade(60)).ast!.body as PolicyExpression;
    expect(depth(body)).toBeLessThan(400);
    expect(printPolicy(parsePolicyValue('import', cascade(60)).ast!)).toContain('REFINE');
  });

  it('AS-path regexes: at most 8 repetition operators per item', () => {
    expect(parsePolicyValue('import', 'from AS1 accept <AS1*?>').ast).toBeDefined();
    const r = parsePolicyValue('import', `from AS1 accept <AS1${'*'.repeat(100_000)}>`);
    expect(r.ast).toBeUndefined();
    expect(r.problems[0].message).toMatch(/more than 8 repetition operators/);
  });
});

describe('diagnostics are capped per value', () => {
  it(`keeps the first ${MAX_PROBLEMS} and counts the rest`, () => {
    const r = parsePolicyValue('import', `from AS1 accept ${Array.from({ length: 50_000 }, () => 'AS4294967296').join(' ')}`);
    expect(r.ast).toBeUndefined();
    expect(r.problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(r.problems[MAX_PROBLEMS]).toMatchObject({ severity: 'error', message: `${50_000 - MAX_PROBLEMS} errors more in this value, not listed (the first ${MAX_PROBLEMS} are)` });
    const warned = parsePolicyValue('import', `from AS1 accept ${Array.from({ length: 100 }, () => 'AS1.1').join(' ')}`);
    expect(warned.ast).toBeDefined();
    expect(warned.problems.at(-1)).toMatchObject({ severity: 'warning', message: expect.stringMatching(/^80 warnings more/) });
  });
});
