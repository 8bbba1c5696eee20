// `asrel export` as CSV / CAIDA / JSON from real objects, read back by the relationship-file reader.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRelationshipFile } from '../../src/graph/relationship-file.js';
import { neutralise, toCsv } from '../../src/cli/commands/export.js';
import { asrel } from './run.js';

const AS3255 = 'test/fixtures/irr-access/AS3255.rpsl';
const dir = mkdtempSync(join(tmpdir(), 'asrel-export-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('asrel export', () => {
  it('CSV: header, one row per link and family, readable back as asrel CSV', async () => {
    const out = join(dir, 'as3255.csv');
    const r = asrel(['export', '--input', AS3255, '--out', out]);
    expect(r.code).toBe(0);
    const text = readFileSync(out, 'utf8');
    const lines = text.trim().split('\n');
    expect(lines[0]).toBe('a,b,afi,relation,confidence,evidence_count,sources');
    // confidence: a calibrated probability (README "Confidence"), two decimals.
    expect(lines.find((l) => l.startsWith('174,3255,ipv6'))).toMatch(/^174,3255,ipv6,p2c,0\.\d\d,2,RIPE from dump AS3255\.rpsl \(/);
    const back = await loadRelationshipFile(out);
    expect(back.format).toBe('asrel-csv');
    expect(back.edges.find((e) => e.family === 'ipv6' && e.b === 3255 && e.a === 174)?.relation).toBe('p2c');
    expect(back.skipped.ambiguous).toBeGreaterThan(0);
  });

  it('CAIDA serial-1: one file per family, provider first', async () => {
    const prefix = join(dir, 'as3255');
    const r = asrel(['export', '--input', AS3255, '--format', 'caida', '--out', prefix]);
    expect(r.code).toBe(0);
    const v4 = readFileSync(`${prefix}.ipv4.as-rel.txt`, 'utf8');
    const v6 = readFileSync(`${prefix}.ipv6.as-rel.txt`, 'utf8');
    expect(v4).toMatch(/^3356\|3255\|-1$/m);
    expect(v4).toMatch(/^3255\|39530\|-1$/m);
    expect(v4).toMatch(/^3255\|6939\|0$/m);
    expect(v6).toMatch(/^174\|3255\|-1$/m);
    expect(v6).not.toMatch(/^3356\|3255/m);
    expect((await loadRelationshipFile(`${prefix}.ipv6.as-rel.txt`, { family: 'ipv6' })).format).toBe('caida-serial-1');
  });

  it('CAIDA for both families without --out is refused with a hint', () => {
    const r = asrel(['export', '--input', AS3255, '--format', 'caida']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/one file per address family/);
    expect(r.stderr).toMatch(/--out PREFIX/);
  });

  it('JSON to stdout carries the evidence, with the CSV\'s keys; --json is --format json', () => {
    const r = asrel(['export', '--input', AS3255, '--format', 'json', '--afi', 'ipv6']);
    const j = JSON.parse(r.stdout);
    expect(j.links.every((l: { afi: string }) => l.afi === 'ipv6')).toBe(true);
    expect(Object.keys(j.links[0]).slice(0, 4)).toEqual(['a', 'b', 'afi', 'relation']);
    expect(j.links[0]).not.toHaveProperty('family');
    expect(j.links[0].evidence[0]).toHaveProperty('line');
    const r2 = asrel(['export', '--input', AS3255, '--json', '--afi', 'ipv6']);
    expect(r2.code).toBe(0);
    expect(JSON.parse(r2.stdout).links).toEqual(j.links);
    const both = asrel(['export', '--input', AS3255, '--json', '--format', 'caida']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('ask for two formats');
  });

  it('reads back CSV files written with the old as1,as2 header', async () => {
    const old = join(dir, 'old.csv');
    writeFileSync(old, 'as1,as2,afi,relation,confidence,evidence_count,sources\n3356,3255,ipv4,p2c,1,2,made-up\n');
    expect((await loadRelationshipFile(old)).edges).toEqual([{ a: 3356, b: 3255, family: 'ipv4', relation: 'p2c' }]);
  });

  it('formula-looking CSV cells are neutralised', () => {
    expect(neutralise('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(neutralise('-1+2')).toBe("'-1+2");
    expect(neutralise('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutralise('RIPE from dump x')).toBe('RIPE from dump x');
    const csv = toCsv([{ a: 1, b: 2, family: 'ipv4', relation: 'p2p', candidates: [], confidence: 1, missing: [],
      evidence: [{ asn: 1, source: '=cmd|" /C calc"!A0', object: 'AS1', attribute: 'export', line: 1, text: 'x', direction: 'export', filterClass: 'RESTRICTED', strength: 'strong', allows: ['p2p'] }] }]);
    expect(csv.split('\n')[1]).toBe('1,2,ipv4,p2p,1,1,"\'=cmd|"" /C calc""!A0"');
  });
});
