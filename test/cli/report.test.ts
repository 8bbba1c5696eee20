import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asrel, HE } from './run.js';
import { BUILT_DIST } from '../built.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'asrel-report-'));

describe('asrel why-unreachable / path --svg (in-process Graphviz)', () => {
  it('why-unreachable --svg prints the drawing as an SVG document, from the bundled snapshot', () => {
    const r = asrel(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--offline', '--svg']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<?xml')).toBe(true);
    expect(r.stdout).toMatch(/<svg width="\d+pt" height="\d+pt"/);
    expect(r.stdout).toContain('AS6939 cannot reach AS174 in IPv6');
    for (const x of ['AS6939', 'AS1299', 'AS174', 'fix 1', 'on the IPv4 path']) expect(r.stdout).toContain(`>${x}</text>`);
    expect(r.stdout.trimEnd().endsWith('</svg>')).toBe(true);
  });

  it('path --svg draws the path', () => {
    const r = asrel(['path', '6939', '174', '--afi', 'ipv4', '--relationships', HE, '--svg']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('AS6939 reaches AS174 in IPv4');
    expect(r.stdout).toContain('stroke="#0d6efd"');
  });

  it('--svg with --dot or --json is refused', () => {
    for (const other of ['--dot', '--json']) {
      const r = asrel(['why-unreachable', '6939', '174', '--relationships', HE, '--svg', other]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('--svg, --dot and --json are three output formats');
    }
  });

  it('the renderer stays out of the bundle and is imported only when asked for', () => {
    // The CLI is split into an entry and chunks (scripts/build.mjs): look at all of it.
    const bundle = [join(BUILT_DIST, 'asrel.js'), ...readdirSync(join(BUILT_DIST, 'chunks')).map((f) => join(BUILT_DIST, 'chunks', f))].filter((f) => f.endsWith('.js')).map((f) => readFileSync(f, 'utf8')).join('\n');
    expect(bundle).toContain('import("@viz-js/viz")');
    expect(bundle).not.toContain('graphvizVersion');
  });
});

describe('asrel report', () => {
  it('writes one self-contained page for the headline question (unreachable in IPv6)', () => {
    const out = join(tmp(), 'page.html');
    const r = asrel(['report', '6939', '174', '--afi', 'ipv6', '--offline', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^note: the store .* is empty: using the bundled snapshot/);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe(`wrote ${out}: AS6939 cannot reach AS174 in IPv6`);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link\b|url\(|@import/i);
    expect(html.replace(/\sxmlns(:\w+)?="[^"]*"/g, '')).not.toMatch(/https?:\/\//i);
    expect(html).toContain('AS6939 cannot reach AS174 in IPv6</h1>');
    expect(html).toContain('<svg role="img"');
    expect(html).toContain('a RECONSTRUCTION, not registry data');
    expect(html).toContain('In IPv4 it can: <span class="path">AS6939 → AS1299 → AS174</span>');
    expect(html).toContain('AS6939 buys IPv6 transit from AS1299 (existing link)');
    // Every registry line of the text answer, with its source and date.
    expect(html).toContain('— ASREL-RECONSTRUCTED from bundled he-cogent-telia-2013 (2013), RECONSTRUCTED</span>');
    for (const [n, line] of [[19, 'mp-import: afi ipv6 from AS6939 accept AS-HURRICANE'], [36, 'mp-import: afi ipv6 from AS1299 accept AS-TELIANET-V6'],
      [17, 'import: from AS6939 action pref=50; accept AS-HURRICANE'], [34, 'import: from AS1299 accept ANY'], [47, 'import: from AS1299 accept AS1299']] as const) {
      expect(html).toContain(`<td class="ln">line ${n}</td><td class="rpsl">${line}</td>`);
    }
  });

  it('prints the page to standard output without --out; reachable pairs render too', () => {
    const r = asrel(['report', 'AS6939', 'AS174', '--afi', 'ipv4', '--relationships', HE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<span class="verdict">REACHABLE</span> AS6939 reaches AS174 in IPv4</h1>');
    expect(r.stdout).toContain('In IPv6 it cannot.');
    expect(r.stdout).toContain('No registry lines: this relation comes from a relationship file.');
  });

  it('escapes hostile registry text and file names', () => {
    const dir = tmp();
    const file = join(dir, '<img src=x onerror=alert(2)>.rpsl');
    writeFileSync(file, readFileSync('data/reconstructed/he-cogent-telia-2013.rpsl', 'utf8')
      .replace('source:         ASREL-RECONSTRUCTED', 'source:         EVIL"><script>alert(1)</script>\u0007\u202e'));
    const r = asrel(['report', '6939', '174', '--afi', 'ipv6', '--input', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/<script|<img/i);
    expect(r.stdout).not.toMatch(/[\u0007\u202e]/);
    // Not a source name (letters, digits, - and _): the store keeps it as UNKNOWN.
    expect(r.stdout).toContain('UNKNOWN from dump ');
    expect(r.stdout).toContain('&lt;img src=x onerror=alert(2)&gt;.rpsl');
  });

  it('errors: an unwritable --out, a bad AS', () => {
    const w = asrel(['report', '6939', '174', '--relationships', HE, '--out', '/nonexistent-dir/page.html']);
    expect(w.code).toBe(2);
    expect(w.stderr).toContain('cannot write /nonexistent-dir/page.html');
    const bad = asrel(['report', '6939', 'AS-FOO', '--relationships', HE]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('"AS-FOO" is not an AS number (the second AS, B)');
  });
});
