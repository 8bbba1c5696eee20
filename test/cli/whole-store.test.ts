// Whole-data commands (export, dark-spots, compare) use the user's store, and the bundled
// examples only when the store is empty — research output must not mix them in silently.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asrel } from './run.js';

describe('export over the store', () => {
  it('uses the bundled snapshot when the store is empty, and says so', () => {
    const data = mkdtempSync(join(tmpdir(), 'asrel-whole-'));
    const r = asrel(['export', '--offline', '--data', data, '--afi', 'ipv6']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('is empty: using the bundled snapshot');
    expect(r.stdout).toMatch(/^12,3257,ipv6,c2p,/m); // AS3257's bundled 2023 object
  });

  it('leaves the bundled snapshot out once the store holds data', () => {
    const data = mkdtempSync(join(tmpdir(), 'asrel-whole-'));
    expect(asrel(['import', 'data/real/AS215778.ripe.2024-11-01.rpsl', '--data', data]).code).toBe(0);
    const r = asrel(['export', '--offline', '--data', data, '--afi', 'ipv6']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('bundled');
    const rows = r.stdout.trim().split('\n').slice(1);
    // AS215778's five IPv6 upstreams, and nothing from the bundled objects.
    expect(rows).toHaveLength(5);
    expect(rows.every((l) => l.split(',').slice(0, 2).includes('215778'))).toBe(true);
  });
});
