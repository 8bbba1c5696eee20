// Issue 28, point 3: an attribute whose REFINE afi scopes intersect to no address family
// parses (RFC 4012 reading kept: it yields nothing) with a warning on it, and `asrel parse`
// counts such attributes in its summary so a user sees what was dropped. The object is
// constructed: its mp-import has the shape issue 28 quotes from a real IRR policy
// (`afi any {…} REFINE afi ipv4 {…} REFINE afi ipv6 {…} REFINE afi any {…}`), which is not
// in the repository's data; the other attributes are the real AS215778 lines.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processPiece } from '../../src/analysis/parse-work.js';
import { parsePolicies } from '../../src/policy/parse.js';
import { readObjects } from '../../src/rpsl/read.js';
import { asrel } from '../cli/run.js';

const text = [
  'aut-num:        AS65000',
  'mp-import:      afi any { from AS64500 accept ANY; } REFINE afi ipv4 { from AS64500 accept ANY; }',
  '                REFINE afi ipv6 { from AS64500 accept ANY; } REFINE afi any { from AS64500 accept ANY; }',
  'mp-import:      afi ipv6.unicast from AS209533 accept ANY',
  'mp-export:      afi ipv6.unicast to AS209533 announce AS215778',
  '',
].join('\n');

describe('REFINE scopes that leave no address family', () => {
  it('warn on the attribute with its line and column, parse, and yield no term', () => {
    const [p, ok] = parsePolicies(readObjects(text, 'constructed').objects[0]);
    expect(p.ast).toBeDefined();
    expect(p.terms).toEqual([]);
    expect(p.emptyScope).toBe(true);
    // The second REFINE, on the continuation line: `afi ipv4` ∩ `afi ipv6` is empty.
    expect(p.diagnostics).toEqual([{
      object: 'AS65000', attribute: 'mp-import', line: 3, column: 17, severity: 'warning',
      message: 'its REFINE scopes intersect to no address family: it imports nothing as written (RFC 4012 §2.5.1)',
    }]);
    expect(ok.emptyScope).toBeUndefined();
    expect(ok.terms).toHaveLength(1);
  });

  it('are counted by the parse work of `asrel parse`, per object and in --stats mode', () => {
    const job = { input: 'constructed', text, firstLine: 1 };
    expect(processPiece(job, { perObject: true, json: false }).results.map((r) => [r.parsed, r.emptyScope, r.warnings])).toEqual([[3, 1, 1]]);
    expect(processPiece(job, { perObject: false, json: true }).results.map((r) => r.emptyScope)).toEqual([1]);
  });

  it('`asrel parse` says how many attributes import or export nothing as written (built CLI)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-scope-'));
    const file = join(dir, 'AS65000.rpsl');
    writeFileSync(file, text);
    const json = asrel(['parse', '--stats', '--json', file]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ parsed: 3, emptyScope: 1, errors: 0, warnings: 1 });
    const stats = asrel(['parse', '--stats', file]);
    expect(stats.stdout).toContain('1 parsed attribute imports or exports nothing as written: REFINE afi scopes intersect to no address family (see the warnings)');
    expect(stats.stdout).toContain(`${file}:3:17: warning: AS65000 mp-import: its REFINE scopes intersect to no address family`);
  });

  it('are counted in the data: notes of --input and in the import summary', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-scope-'));
    const file = join(dir, 'AS65000.rpsl');
    writeFileSync(file, text);
    const q = asrel(['rel', '65000', '209533', '--input', file]);
    expect(q.code, q.stderr).toBe(0);
    expect(q.stderr).toMatch(/note: data: AS65000\.rpsl: .*; 1 policy attribute\(s\) import or export nothing as written \(REFINE afi scopes intersect to no address family/);
    const imp = asrel(['import', file, '--data', join(dir, 'store'), '--source', 'TEST']);
    expect(imp.code, imp.stderr).toBe(0);
    expect(imp.stdout).toContain('1 policy attribute(s) import or export nothing as written');
  });
});
