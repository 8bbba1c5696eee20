// Issue 19, point 7: every command's --help ends with real examples, and they run as written.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalog, commandName } from '../../src/cli/commands/index.js';
import { EXAMPLES } from '../../src/cli/examples.js';
import { asrel, asrelMany } from './run.js';

describe('help with examples', () => {
  it('every command has two to four examples, the headline among them', () => {
    for (const e of catalog) {
      const n = (EXAMPLES[commandName(e)] ?? []).length;
      expect(n, commandName(e)).toBeGreaterThanOrEqual(2);
      expect(n, commandName(e)).toBeLessThanOrEqual(4);
    }
    expect(EXAMPLES['why-unreachable']![0]!.line).toBe('why-unreachable 6939 174 --afi ipv6 --offline');
  });

  it('--help ends with the examples and shows the --data default as the folder it resolves to', () => {
    for (const name of ['why-unreachable', 'rel', 'export', 'diff']) {
      const r = asrel([name, '--help']);
      expect(r.code).toBe(0);
      const tail = r.stdout.slice(r.stdout.lastIndexOf('Examples:'));
      expect(tail.trim().split('\n').length).toBeGreaterThanOrEqual(3);
      expect(tail).toContain(`asrel ${EXAMPLES[name]![0]!.line.split(' ').slice(0, 2).join(' ')}`);
      // run.ts sets XDG_CACHE_HOME to /nonexistent-asrel-test-cache.
      expect(r.stdout.replace(/\s+/g, ' ')).toContain('/nonexistent-asrel-test-cache/asrel');
    }
  });

  it('every example that needs no network runs as written (exit 0, an answer on stdout or in its file)', async () => {
    const runnable = Object.values(EXAMPLES).flat().filter((x) => x.offline);
    const dir = mkdtempSync(join(tmpdir(), 'asrel-examples-'));
    // Files an example writes go to a temporary folder; everything else is run as printed.
    const args = (line: string) => line.split(' ').map((w, i, all) => (all[i - 1] === '--out' || all[i - 1] === '--data' ? join(dir, `${i}-${w.replace(/\W/g, '_')}`) : w));
    const failures: string[] = [];
    // Four at a time, the next starting as soon as one ends.
    const results = await asrelMany(runnable.map((x) => [...args(x.line), '-q']));
    results.forEach((r, k) => {
      const line = runnable[k]!.line;
      if (r.code !== 0 || (!line.includes('--out') && !line.startsWith('import') && r.stdout.length === 0)) failures.push(`${line}: exit ${r.code} ${r.stderr.slice(0, 300)}`);
    });
    expect(runnable.length).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  }, 120_000);
});
