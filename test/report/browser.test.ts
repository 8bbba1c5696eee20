// Renders the headline report in a real headless browser (Debian's Chromium, driven by
// playwright-core), from disk, with every non-file request blocked and recorded; takes a
// full-page screenshot and checks that the drawing and the registry lines are on the page.
// Without Chromium the test skips itself, except in CI (CI set), where it fails: .ci/run
// installs Chromium. ASREL_UPDATE_DOCS=1 also writes the screenshot to docs/ for the README.
import { describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { asrel } from '../cli/run.js';

const CHROMIUM = process.env.ASREL_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const SHOT = '.asrel-tmp/headline-report.png';

/** The registry lines the headline answer rests on (see README's text output). */
const LINES = [
  'mp-import: afi ipv6 from AS6939 accept AS-HURRICANE',
  'mp-export: afi ipv6 to AS6939 announce AS-TELIANET-V6',
  'mp-import: afi ipv6 from AS1299 accept AS-TELIANET-V6',
  'mp-export: afi ipv6 to AS1299 announce AS-HURRICANE',
  'import: from AS6939 action pref=50; accept AS-HURRICANE',
  'export: to AS6939 announce ANY',
  'import: from AS1299 accept ANY',
  'export: to AS1299 announce AS-HURRICANE',
];

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe.skipIf(!haveChromium && !process.env.CI)('asrel report in headless Chromium', () => {
  it('renders from disk with no request leaving the file, shows the drawing and every registry line', { timeout: 90_000 }, async () => {
    if (!haveChromium) throw new Error(`${CHROMIUM} is missing and CI is set: install it (apt-get install -y chromium; .ci/run does) or set ASREL_CHROMIUM`);
    const dir = mkdtempSync(join(tmpdir(), 'asrel-browser-'));
    const page = join(dir, 'report.html');
    const r = asrel(['report', '6939', '174', '--afi', 'ipv6', '--offline', '--out', page]);
    expect(r.code, r.stderr).toBe(0);

    const { chromium } = await import('playwright-core');
    const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1000, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync'],
    });
    try {
      const requests: string[] = [];
      const problems: string[] = [];
      await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
      const tab = await context.newPage();
      tab.on('request', (q) => requests.push(q.url()));
      tab.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
      tab.on('pageerror', (e) => problems.push(e.message));
      await tab.goto(pathToFileURL(page).href, { waitUntil: 'load' });

      // Self-contained: the page itself is the only request; nothing was blocked or complained about.
      expect(requests).toEqual([pathToFileURL(page).href]);
      expect(problems).toEqual([]);

      await expect(tab.locator('h1').innerText()).resolves.toBe('UNREACHABLE AS6939 cannot reach AS174 in IPv6');
      const lead = await tab.locator('header .lead').innerText();
      expect(lead).toContain('In IPv4 it can: AS6939 → AS1299 → AS174.');

      // The drawing: drawn, visible, big enough to read, with the three ASes and the fixes on it.
      const svg = tab.locator('figure svg');
      await expect(svg.count()).resolves.toBe(1);
      expect(await svg.isVisible()).toBe(true);
      const box = (await svg.boundingBox())!;
      expect(box.width).toBeGreaterThan(500);
      expect(box.height).toBeGreaterThan(120);
      const drawn = await tab.locator('figure svg text').allTextContents();
      for (const x of ['AS6939', 'AS1299', 'AS174', 'fix 1', 'on the IPv4 path']) expect(drawn).toContain(x);

      // Every registry line is on the page, visible, with its source and date.
      const text = await tab.locator('body').innerText();
      for (const line of LINES) {
        expect(text).toContain(line);
        expect(await tab.locator('td.rpsl', { hasText: line }).first().isVisible()).toBe(true);
      }
      expect(text).toContain('AS1299 — ASREL-RECONSTRUCTED from bundled he-cogent-telia-2013 (2013), RECONSTRUCTED');
      expect(text).toContain('AS6939 buys IPv6 transit from AS1299 (existing link)');

      // The screenshot holds all of it: a full page at least as tall as the last registry line.
      const png = await tab.screenshot({ fullPage: true });
      const size = pngSize(png);
      expect(size.width).toBe(1000);
      const last = (await tab.locator('td.rpsl').last().boundingBox())!;
      expect(size.height).toBeGreaterThanOrEqual(Math.ceil(last.y + last.height));
      expect(box.y + box.height).toBeLessThan(size.height);
      mkdirSync('.asrel-tmp', { recursive: true });
      copyFileSync(join(dir, 'report.html'), '.asrel-tmp/headline-report.html');
      writeFileSync(SHOT, png);
      if (process.env.ASREL_UPDATE_DOCS) copyFileSync(SHOT, 'docs/headline-report.png');

      // Printed: the print stylesheet keeps the drawing and the lines; the PDF has pages.
      await tab.emulateMedia({ media: 'print' });
      expect(await svg.isVisible()).toBe(true);
      expect(await tab.locator('td.rpsl', { hasText: LINES[0] }).isVisible()).toBe(true);
      const pdf = await tab.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.length).toBeGreaterThan(10_000);
      expect(readFileSync(SHOT).length).toBe(png.length);
    } finally {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
