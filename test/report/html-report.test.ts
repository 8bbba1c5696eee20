import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readObjects } from '../../src/rpsl/read.js';
import { MemoryIndex } from '../../src/store/memory-index.js';
import { inferAll } from '../../src/infer/infer.js';
import { edgesFromInferences } from '../../src/graph/build.js';
import { loadRelationshipFile } from '../../src/graph/relationship-file.js';
import { Topology } from '../../src/graph/topology.js';
import type { RelationshipEdge } from '../../src/graph/types.js';
import { explainReachability } from '../../src/explain/explain.js';
import type { Explanation } from '../../src/explain/types.js';
import type { Family } from '../../src/infer/types.js';
import { renderDot } from '../../src/report/reachability-dot.js';
import { inlineSvg, renderSvg, scaleSvg, svgSizePt } from '../../src/report/reachability-svg.js';
import { esc, renderHtmlReport } from '../../src/report/html-report.js';

const RPSL = 'data/reconstructed/he-cogent-telia-2013.rpsl';

function topologiesOf(edges: RelationshipEdge[]) {
  return { ipv4: Topology.fromEdges(edges, 'ipv4'), ipv6: Topology.fromEdges(edges, 'ipv6') };
}

/** The bundled HE–Cogent reconstruction, inferred from its RPSL as the CLI does. */
function irrTopologies(text = readFileSync(RPSL, 'utf8'), from = RPSL) {
  const index = new MemoryIndex();
  for (const object of readObjects(text, from).objects) index.add({ object, provenance: { kind: 'dump', from, date: '2013-06-01' } });
  return topologiesOf(edgesFromInferences(inferAll(index)));
}

async function page(ex: Explanation, topos: ReturnType<typeof topologiesOf>, notes: string[] = []) {
  const svg = await renderSvg(renderDot(ex, topos[ex.family], topos[ex.family === 'ipv4' ? 'ipv6' : 'ipv4']));
  return renderHtmlReport({ ex, notes, svg, generator: 'asrel test', generatedAt: '2024-01-01T00:00:00Z' });
}

/** Every evidence line an explanation carries, as the page must show it. */
function evidenceOf(ex: Explanation) {
  return [
    ...(ex.hops ?? []).flatMap((h) => h.evidence),
    ...(ex.other?.hops ?? []).flatMap((h) => h.evidence),
    ...ex.differences.flatMap((d) => [...d.evidence.ipv4, ...d.evidence.ipv6]),
  ];
}

/** Checks that the page loads nothing: no scripts, no links, no remote URLs outside SVG namespace names. */
function expectSelfContained(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<link\b/i);
  expect(html).not.toMatch(/<(img|iframe|object|embed)\b/i);
  expect(html).not.toMatch(/@import|url\(/i);
  // Every real tag (text never holds a raw "<"): no attribute that loads something, no event handler.
  for (const tag of html.match(/<[a-z][^>]*>/gi) ?? []) {
    expect(tag).not.toMatch(/\s(src|srcset|href|xlink:href|action|formaction|background|poster|on\w+)\s*=/i);
  }
  expect(html).not.toMatch(/<!DOCTYPE svg/i);
  // The only absolute URLs are XML namespace names, which are never fetched.
  expect(html.replace(/\sxmlns(:\w+)?="[^"]*"/g, '')).not.toMatch(/https?:\/\//i);
  expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'");
}

describe('renderSvg / inlineSvg', () => {
  it('draws DOT in-process with the WebAssembly Graphviz', async () => {
    const svg = await renderSvg('digraph { "AS1" -> "AS2" }');
    expect(svg).toContain('<svg');
    expect(svg).toContain('AS1');
    const inline = inlineSvg(svg, 'a "drawing" <x>');
    expect(inline.startsWith('<svg role="img" aria-label="a &quot;drawing&quot; &lt;x&gt;"')).toBe(true);
    expect(inline).not.toContain('<!DOCTYPE');
    expect(inline).not.toContain('<!--');
  });

  it('reads and scales the natural size, keeping the viewBox', () => {
    const svg = '<svg width="3000pt" height="400pt"\n viewBox="0.00 0.00 3000.00 400.00" xmlns="http://www.w3.org/2000/svg"><text>AS1</text></svg>';
    expect(svgSizePt(svg)).toEqual({ width: 3000, height: 400 });
    expect(scaleSvg(svg, 0.5)).toBe('<svg width="1500pt" height="200pt"\n viewBox="0.00 0.00 3000.00 400.00" xmlns="http://www.w3.org/2000/svg"><text>AS1</text></svg>');
  });

  it('says what Graphviz did not like', async () => {
    await expect(renderSvg('digraph { -> }')).rejects.toThrow(/Graphviz could not draw the graph/);
  });
});

describe('esc', () => {
  it('escapes markup and drops control characters and bidirectional overrides', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(esc('AS1\u0000\u0007\u001b[31m\u007f\u0085\u202eAS2\u2066\tline\n')).toBe('AS1[31mAS2\tline\n');
  });
});

describe('renderHtmlReport (HE–Cogent reconstruction, inferred from RPSL)', () => {
  const topos = irrTopologies();
  const explain = (family: Family) => explainReachability({ a: 6939, b: 174, family, topologies: topos });

  it('unreachable (IPv6): headline, drawing, cones, fixes, the other family, the difference, every registry line with its source', async () => {
    const ex = explain('ipv6');
    const html = await page(ex, topos, ['data: he-cogent-telia-2013.rpsl (a RECONSTRUCTION)']);
    expectSelfContained(html);
    expect(html).toContain('<title>AS6939 cannot reach AS174 in IPv6 — asrel report</title>');
    expect(html).toMatch(/<h1><span class="verdict">UNREACHABLE<\/span> AS6939 cannot reach AS174 in IPv6<\/h1>/);
    expect(html.match(/<svg\b/g)).toHaveLength(1);
    expect(html).toContain('<svg role="img" aria-label="Drawing: AS6939 cannot reach AS174 in IPv6"');
    expect(html).toContain('AS6939 buys IPv6 transit from AS1299 (existing link)');
    expect(html).toContain('In IPv4 it can: <span class="path">AS6939 → AS1299 → AS174</span>');
    expect(html).toContain('in IPv6 AS6939 and AS1299 are peers, in IPv4 AS1299 is AS6939&#39;s provider');
    expect(html).toContain('<li class="warn">data: he-cogent-telia-2013.rpsl (a RECONSTRUCTION)</li>');
    const ev = evidenceOf(ex);
    expect(ev.length).toBeGreaterThanOrEqual(8);
    for (const e of ev) {
      expect(html).toContain(`<td class="ln">line ${e.line}</td><td class="rpsl">${esc(`${e.attribute}: ${e.text}`)}</td>`);
    }
    expect(html).toContain(`— ${esc(ev[0].source)}</span>`);
    expect(ev[0].source).toMatch(/from dump .*\(2013-06-01\)/);
    expect(html).toContain(`Registry lines used <span class="muted">(${new Set(ev.map((e) => `${e.object}:${e.line}`)).size})</span>`);
  });

  it('reachable (IPv4): the path hop by hop and the family that cannot', async () => {
    const ex = explain('ipv4');
    const html = await page(ex, topos);
    expectSelfContained(html);
    expect(html).toMatch(/<h1><span class="verdict">REACHABLE<\/span> AS6939 reaches AS174 in IPv4<\/h1>/);
    expect(html).toContain('Valley-free path, 2 hops: <span class="path">AS6939 → AS1299 → AS174</span>');
    expect(html).toContain('In IPv6 it cannot.');
    expect(html).toContain('<td>up to its provider</td>');
    expect(html).toContain('<td>across a peer link</td>');
    expect(html).not.toContain('id="fixes"');
    for (const e of evidenceOf(ex)) expect(html).toContain(esc(`${e.attribute}: ${e.text}`));
  });

  it('escapes a hostile object, source and file name, and strips control characters', async () => {
    const evil = readFileSync(RPSL, 'utf8')
      .replace('source:         ASREL-RECONSTRUCTED', 'source:         EVIL"><script>alert(1)</script>\u0007\u202e')
      .replace('as-name:        TELIANET', 'as-name:        <img src=x onerror=alert(3)>');
    const t = irrTopologies(evil, '<img src=x onerror=alert(2)>.rpsl');
    const ex = explainReachability({ a: 6939, b: 174, family: 'ipv6', topologies: t });
    // Evidence fields are registry text too: make one of each hostile.
    const e0 = ex.differences[0].evidence.ipv6[0];
    e0.object = 'AS1299<script>alert(4)</script>';
    e0.text = 'afi ipv6 from AS6939 accept <b onmouseover=alert(5)>AS-X</b>\u001b[2J';
    const html = await page(ex, t, ['data: <img src=x onerror=alert(6)>.rpsl: 3 objects']);
    expectSelfContained(html);
    expect(html).not.toMatch(/<(script|img|b)\b/i);
    expect(html).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    // The store keeps a source only when it is a source name (letters, digits, - and _): this one is UNKNOWN.
    expect(html).toContain('UNKNOWN from dump &lt;img src=x onerror=alert(2)&gt;.rpsl');
    expect(html).toContain('AS1299&lt;script&gt;alert(4)&lt;/script&gt;');
    expect(html).toContain('accept &lt;b onmouseover=alert(5)&gt;AS-X&lt;/b&gt;[2J');
    expect(html).toContain('data: &lt;img src=x onerror=alert(6)&gt;.rpsl: 3 objects');
  });

  it('a drawing too wide for the page scrolls at no less than half size on screen', () => {
    const ex = explain('ipv6');
    const wide = '<svg width="3000pt" height="400pt"\n viewBox="0.00 0.00 3000.00 400.00" xmlns="http://www.w3.org/2000/svg"><text>AS1</text></svg>';
    const html = renderHtmlReport({ ex, notes: [], svg: wide });
    expect(html).toMatch(/<figure class="wide">\s*<svg role="img" aria-label="[^"]*" width="1500pt" height="200pt"/);
    const narrow = renderHtmlReport({ ex, notes: [], svg: wide.replace('3000pt', '600pt') });
    expect(narrow).toMatch(/<figure>\s*<svg role="img" aria-label="[^"]*" width="600pt" height="400pt"/);
  });

  it('relationship-file answers (no registry objects) say so', async () => {
    const { edges } = await loadRelationshipFile('test/fixtures/he-cogent-2015.reconstruction.csv');
    const t = topologiesOf(edges);
    const ex = explainReachability({ a: 6939, b: 174, family: 'ipv6', topologies: t });
    const html = await page(ex, t);
    expectSelfContained(html);
    expect(html).toContain('No registry lines: this relation comes from a relationship file.');
    expect(html).toContain('Data gaps: not known');
  });
});
