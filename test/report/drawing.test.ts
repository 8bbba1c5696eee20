// The drawings of why-unreachable / path (`--svg`) draw the explanation, not the cones: a
// bounded number of boxes whatever the data, no label on another, no edge on another, a
// legend listing exactly the styles drawn, and the existing links around each fix.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../../bench/synth/generate.js';
import { asrel, asrelMany, type Run } from '../cli/run.js';
import { drawnStyles, legendStyles, overlappingLabels, readDrawing, stackedEdges } from './svg-drawing.js';

const DN42 = 'test/fixtures/irr-access/dn42-registry-2023-10-22.db';
const CAIDA = process.env.ASREL_CAIDA ?? resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/data/caida/20150201.as-rel.txt');
const MAX_BOXES = 40;

function svgOf(args: string[]): ReturnType<typeof readDrawing> & { svg: string } {
  return drawing(asrel([...args, '--svg', '-q']));
}

/** The drawing a run with --svg printed. */
function drawing(r: Run): ReturnType<typeof readDrawing> & { svg: string } {
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/^<\?xml|^<svg/);
  return { ...readDrawing(r.stdout), svg: r.stdout };
}

/** The answer a run with --json printed. */
function answer(r: Run) {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

/** What every drawing must satisfy. */
function expectReadable(d: ReturnType<typeof readDrawing>) {
  expect(d.nodes.length).toBeLessThanOrEqual(MAX_BOXES);
  expect(overlappingLabels(d.texts)).toEqual([]);
  expect(stackedEdges(d.edges)).toEqual([]);
  expect([...legendStyles(d.legend)].sort()).toEqual([...drawnStyles(d)].sort());
}

describe('the headline drawing (AS6939 → AS174, IPv6)', () => {
  const d = svgOf(['why-unreachable', '6939', '174', '--afi', 'ipv6', '--offline']);

  it('is readable: no overlapping labels, no edge on another, the legend of exactly the styles drawn', () => {
    expectReadable(d);
    // The AS174–AS1299 IPv6 peer link and fix 2 are one edge, saying both.
    const e = d.edges.filter((x) => x.pair === 'AS1299|AS174');
    expect(e).toHaveLength(1);
    expect(e[0]!.labels).toEqual(expect.arrayContaining(['fix 2', 'today IPv6 peers']));
    expect(d.legend).toContain('green = a link that would fix it');
  });

  it('draws A, B, the AS of the fixes and the reason no link joins the cones', () => {
    expect(d.nodes.map((n) => n.title).sort()).toEqual(['AS1299', 'AS174', 'AS6939']);
    expect(d.texts.map((t) => t.text)).toContain('the cones share no IPv6 provider, and no IPv6 peer link joins them');
    for (const f of ['fix 1', 'fix 2', 'fix 3']) expect(d.edges.some((e) => e.labels.includes(f))).toBe(true);
  });
});

describe('a reachable answer', () => {
  it('draws the path in blue and lists blue, and no double box when none is drawn', () => {
    const d = svgOf(['path', '6939', '174', '--afi', 'ipv4', '--offline']);
    expectReadable(d);
    expect(d.legend).toContain('blue = the IPv4 path');
    expect(d.legend.some((l) => l.startsWith('double box'))).toBe(false);
  });
});

describe('an IPv6 path drawing shows the existing IPv6 links around each fix', () => {
  it('path 6939 174 --afi ipv6: every IPv6 link among the drawn ASes is on the drawing', async () => {
    // The drawing and the neighbours of the three ASes it should hold, asked side by side.
    const ases = [6939, 174, 1299];
    const [svg, ...neighbours] = await asrelMany([
      ['path', '6939', '174', '--afi', 'ipv6', '--offline', '--svg', '-q'],
      ...ases.map((asn) => ['neighbors', String(asn), '--afi', 'ipv6', '--offline', '--json', '-q']),
    ]);
    const d = drawing(svg!);
    expectReadable(d);
    const drawn = new Set(d.nodes.map((n) => n.title));
    expect(drawn).toEqual(new Set(['AS6939', 'AS174', 'AS1299']));
    let links = 0;
    for (const [i, asn] of ases.entries()) {
      const n = answer(neighbours[i]!);
      for (const nb of n.neighbors as { asn: number; afi: { ipv6: { relation: string } } }[]) {
        if (!drawn.has(`AS${nb.asn}`) || nb.afi.ipv6.relation !== 'p2p') continue;
        links++;
        const e = d.edges.find((x) => x.pair === [`AS${asn}`, `AS${nb.asn}`].sort().join('|'));
        expect(e, `AS${asn}–AS${nb.asn}`).toBeDefined();
        // Drawn as a peer link, or as the fix on it saying what it is today.
        expect(e!.dash === '5,2' || e!.labels.includes('today IPv6 peers'), `AS${asn}–AS${nb.asn}: ${e!.labels.join(' / ')}`).toBe(true);
      }
    }
    expect(links).toBeGreaterThanOrEqual(4); // AS6939–AS1299 and AS174–AS1299, seen from both sides
  });
});

describe('the DN42 pair (a 169-AS uphill cone)', () => {
  it('stays within the box bound, counts the rest of the cone in one box, and is readable', async () => {
    const args = ['why-unreachable', '64712', '62396', '--afi', 'ipv6', '--input', DN42];
    const [svg, json] = await asrelMany([[...args, '--svg', '-q'], [...args, '--json', '-q']]);
    const d = drawing(svg!);
    expectReadable(d);
    const ex = answer(json!);
    const members: number[] = ex.cones.b.members;
    expect(members.length).toBeGreaterThan(100);
    const drawnInCone = members.filter((m) => d.nodes.some((n) => n.title === `AS${m}`)).length;
    const group = d.texts.find((t) => /uphill cone$/.test(t.text) && t.text.startsWith('+'));
    expect(group?.text).toBe(`+${members.length - drawnInCone} ASes in AS62396's uphill cone`);
    for (const x of ['AS64712', 'AS62396']) expect(d.nodes.some((n) => n.title === x)).toBe(true);
  });
});

describe.skipIf(!existsSync(CAIDA))('a synthetic world\'s tier-1 pairs (10% of CAIDA 2015 publishing; SYNTHETIC data)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'asrel-drawing-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('stays within the box bound and is readable', { timeout: 240_000 }, async () => {
    const w = generateWorld({ caidaFile: CAIDA, publishShare: 0.1, out: join(tmp, 'world'), seed: 20150201 });
    const store = join(tmp, 'store');
    const imp = asrel(['import', w.files.rpsl, '--data', store, '--date', '2015-02-01', '-q']);
    expect(imp.code, imp.stderr).toBe(0);
    // The three pairs asked side by side.
    const pairs = [['174', '3356'], ['1299', '3356'], ['174', '2828']] as const;
    const answers = await asrelMany(pairs.map(([a, b]) => ['why-unreachable', a, b, '--afi', 'ipv6', '--data', store, '--offline', '--svg', '-q']));
    for (const [i, [a, b]] of pairs.entries()) {
      const d = drawing(answers[i]!);
      expectReadable(d);
      expect(d.nodes.some((n) => n.title === `AS${a}`) && d.nodes.some((n) => n.title === `AS${b}`)).toBe(true);
    }
  });
});
