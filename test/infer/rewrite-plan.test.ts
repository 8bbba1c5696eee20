// What writing an aut-num over its stored text changes (src/infer/rewrite-plan.ts): attributes
// compared by content, so an edit costs rows in proportion to what it changed, not to where.
// Made-up objects (invented data, not real).
import { describe, expect, it } from 'vitest';
import { planRewrite } from '../../src/infer/rewrite-plan.js';
import { readObjects } from '../../src/rpsl/read.js';
import { objectText } from '../../src/store/store.js';

const N = 200;
const base = ['aut-num:        AS64500', 'as-name:        MADE-UP',
  ...Array.from({ length: N }, (_, i) => `import:         from AS${65000 + i} accept AS${65000 + i}`), 'source:         TEST'];

/** The plan of writing `lines` over `stored` (each read from line 1). */
function plan(stored: string[], lines: string[]) {
  const old = objectText(readObjects(stored.join('\n'), 'x').objects[0]!);
  const o = readObjects(lines.join('\n'), 'x').objects[0]!;
  const now = objectText(o);
  return planRewrite(old.text, old.firstLine, now.text, now.firstLine, o)!;
}

describe('planRewrite', () => {
  it('one line changed: its rules only', () => {
    const lines = [...base];
    lines[50] = 'import:         from AS65048 accept ANY';
    expect(plan(base, lines)).toEqual({ removedLines: [51], moves: [], added: [{ at: 50, attrIndex: 48 }] });
  });

  it('a line added at the top: one stretch moves down a line and an index', () => {
    const lines = [...base];
    lines.splice(2, 0, 'export:         to AS1 announce ANY');
    expect(plan(base, lines)).toEqual({ removedLines: [], moves: [{ from: 3, to: Number.MAX_SAFE_INTEGER, line: 1, attr: 1 }], added: [{ at: 2, attrIndex: 0 }] });
  });

  it('the last policy line moved to the top: it is dropped and added, the others move once', () => {
    const lines = [...base];
    lines.splice(2, 0, ...lines.splice(N + 1, 1));
    const p = plan(base, lines);
    expect(p.removedLines).toEqual([N + 2]);
    expect(p.added).toEqual([{ at: 2, attrIndex: 0 }]);
    expect(p.moves).toEqual([{ from: 3, to: N + 1, line: 1, attr: 1 }]);
  });

  it('a value continued on a second line: another text, so parsed again, and the lines below move', () => {
    const lines = [...base];
    lines.splice(10, 1, 'import:         from AS65008', '                accept AS65008');
    expect(plan(base, lines)).toEqual({ removedLines: [11], moves: [{ from: 12, to: Number.MAX_SAFE_INTEGER, line: 1, attr: 0 }], added: [{ at: 10, attrIndex: 8 }] });
  });

  it('the same text further down its file: every rule moves, none is parsed', () => {
    const o = readObjects(`\n\n\n${base.join('\n')}`, 'x').objects[0]!;
    const old = objectText(readObjects(base.join('\n'), 'x').objects[0]!);
    const now = objectText(o);
    expect(planRewrite(old.text, old.firstLine, now.text, now.firstLine, o)).toEqual({ removedLines: [], moves: [{ from: 1, to: Number.MAX_SAFE_INTEGER, line: 3, attr: 0 }], added: [] });
  });
});
