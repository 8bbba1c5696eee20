// The page of `asrel serve` in the system Chromium (playwright-core, no browser download):
// ask the headline question, see the answer and the fixes; open the explorer and count the
// nodes sigma.js holds; an invalid AS shows an inline error; HTML in an AS field and in the
// data (a file named like a tag, registry lines with <script>) runs nothing. Every request
// stays on the test server. Without Chromium the test skips itself, except in CI.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, haveChromium, launchChromium, testServer, type TestServer } from './helpers.js';

type Context = Awaited<ReturnType<typeof launchChromium>>;
type Page = Awaited<ReturnType<Context['newPage']>>;

describe.skipIf(!haveChromium && !process.env.CI)('the web page in headless Chromium', () => {
  let s: TestServer;
  let context: Context;
  const dir = mkdtempSync(join(tmpdir(), 'asrel-web-browser-'));
  const foreign: string[] = [];

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`${CHROMIUM} is missing and CI is set: install it (apt-get install -y chromium) or set ASREL_CHROMIUM`);
    s = await testServer();
    context = await launchChromium(join(dir, 'profile'));
    // Nothing leaves the test servers.
    await context.route('**/*', (route) => {
      const u = route.request().url();
      if (u.startsWith('http://127.0.0.1:')) return route.continue();
      foreign.push(u);
      return route.abort();
    });
  }, 60_000);
  afterAll(async () => {
    await context?.close();
    await s?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A page with every console error, warning and uncaught exception recorded. */
  async function open(url: string): Promise<{ tab: Page; problems: string[] }> {
    const tab = await context.newPage();
    const problems: string[] = [];
    tab.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    tab.on('pageerror', (e) => problems.push(e.message));
    await tab.goto(url, { waitUntil: 'load' });
    return { tab, problems };
  }

  it('asks 6939 → 174 in IPv6: "cannot reach", the fixes, the drawing, the registry lines and the data notes', { timeout: 90_000 }, async () => {
    const { tab, problems } = await open(`${s.url}/`);
    await tab.fill('#a', '6939');
    await tab.fill('#b', '174');
    await tab.check('input[name=afi][value=ipv6]');
    await tab.click('#go');
    await tab.locator('#answer').waitFor({ state: 'visible' });
    expect(await tab.locator('#verdict').innerText()).toBe('AS6939 cannot reach AS174 in IPv6');
    expect(await tab.locator('#summary').innerText()).toContain('In IPv4 it can: AS6939 → AS1299 → AS174.');
    const fixes = await tab.locator('#fixes li').allInnerTexts();
    expect(fixes).toHaveLength(3);
    expect(fixes[0]).toMatch(/^AS6939 buys IPv6 transit from AS1299 \(existing link\)/);
    expect(fixes[2]).toMatch(/^AS6939 and AS174 peer in IPv6 \(new link\)/);
    const img = tab.locator('#drawing');
    await expect.poll(() => img.evaluate((e: HTMLImageElement) => e.complete && e.naturalWidth)).toBeGreaterThan(200);
    expect(await tab.locator('#lines td.rpsl').allInnerTexts()).toContain('mp-import: afi ipv6 from AS6939 accept AS-HURRICANE');
    expect(await tab.locator('#notes').innerText()).toContain('bundled snapshot he-cogent-telia-2013');
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
  });

  it('lists the dark spots; a row opens its pair', { timeout: 90_000 }, async () => {
    const { tab, problems } = await open(`${s.url}/`);
    await tab.click('#dark-load');
    const rows = tab.locator('#dark-spots tbody tr');
    await rows.first().waitFor();
    const spots = (await (await fetch(`${s.url}/api/dark-spots?top=15`)).json()).spots as { a: number; b: number; family: string }[];
    expect(await rows.count()).toBe(spots.length);
    await rows.nth(1).click();
    await expect.poll(() => tab.locator('#verdict').innerText()).toBe(`AS${spots[1]!.a} cannot reach AS${spots[1]!.b} in ${spots[1]!.family === 'ipv6' ? 'IPv6' : 'IPv4'}`);
    expect(await tab.inputValue('#a')).toBe(String(spots[1]!.a));
    expect(problems).toEqual([]);
  });

  it('shows an inline error for an invalid AS and does not ask', { timeout: 60_000 }, async () => {
    const { tab, problems } = await open(`${s.url}/`);
    await tab.fill('#a', '69x39');
    expect(await tab.locator('#a-error').innerText()).toBe('"69x39" is not an AS number (the first AS, A)');
    expect(await tab.locator('#a').getAttribute('aria-invalid')).toBe('true');
    expect(await tab.locator('#go').isDisabled()).toBe(true);
    await tab.fill('#a', '6939');
    expect(await tab.locator('#a-error').innerText()).toBe('');
    expect(await tab.locator('#go').isDisabled()).toBe(false);
    // An AS the data does not know: the server's one-line reason, no answer.
    await tab.fill('#b', '64999');
    await tab.click('#go');
    await expect.poll(() => tab.locator('#status').innerText()).toContain('AS64999: no data');
    expect(await tab.locator('#answer').isHidden()).toBe(true);
    expect(problems.filter((p) => !p.includes('404'))).toEqual([]);
  });

  it('opens the explorer on a customer cone and counts the nodes through sigma; a click adds neighbours', { timeout: 90_000 }, async () => {
    const { tab, problems } = await open(`${s.url}/`);
    await tab.fill('#x-asn', '3257');
    await tab.selectOption('#x-mode', 'customers');
    await tab.selectOption('#x-afi', 'ipv6');
    await tab.click('#explorer-form button[type=submit]');
    await tab.waitForFunction(() => (window as any).asrelExplorer?.sigma?.getGraph().order > 1, null, { timeout: 30_000 });
    const api = await (await fetch(`${s.url}/api/explore?asn=3257&afi=ipv6&mode=customers`)).json() as { nodes: unknown[] };
    const counted = await tab.evaluate(() => {
      const sg = (window as any).asrelExplorer.sigma;
      const g = sg.getGraph();
      // Nodes sigma has display data for (drawn, not hidden).
      return { order: g.order, displayed: g.nodes().filter((n: string) => { const d = sg.getNodeDisplayData(n); return d && !d.hidden; }).length };
    });
    expect(counted.order).toBe(api.nodes.length);
    expect(counted.displayed).toBe(api.nodes.length);
    expect(counted.order).toBeGreaterThan(1000);
    // Clicking (through sigma's event) a node adds its neighbours.
    await tab.fill('#x-asn', '1299');
    await tab.selectOption('#x-mode', 'neighbours');
    await tab.selectOption('#x-afi', 'ipv4');
    await tab.click('#explorer-form button[type=submit]');
    await tab.waitForFunction(() => (window as any).asrelExplorer.graph.hasNode('1299') && (window as any).asrelExplorer.graph.order === 3);
    await tab.evaluate(() => (window as any).asrelExplorer.sigma.emit('clickNode', { node: '6939' }));
    await tab.waitForFunction(() => (window as any).asrelExplorer.graph.order > 3);
    expect(await tab.locator('#x-status').innerText()).toMatch(/^AS6939: \d+ AS\(es\) added/);
    // Finding an AS drawn already highlights it.
    await tab.fill('#x-find', '174');
    await tab.dispatchEvent('#x-find', 'change');
    expect(await tab.evaluate(() => (window as any).asrelExplorer.graph.getNodeAttribute('174', 'highlighted'))).toBe(true);
    expect(problems).toEqual([]);
  });

  it('runs no HTML from an AS field or from the data', { timeout: 90_000 }, async () => {
    // A data file named like a tag, holding registry lines with <script> and an AS-path filter (<^AS65001+$>). SYNTHETIC.
    const evil = join(dir, '<img src=x onerror=window.__pwned=5><script>window.__pwned=6<\\script>.rpsl');
    copyFileSync('test/fixtures/web/hostile.rpsl', evil);
    const h = await testServer({ input: [evil] });
    try {
      const { tab, problems } = await open(`${h.url}/`);
      const hostile = '<img src=x onerror="window.__pwned=7">';
      await tab.fill('#a', hostile);
      expect(await tab.locator('#a-error').innerText()).toBe(`"${hostile}" is not an AS number (the first AS, A)`);
      expect(await tab.locator('main img').count()).toBe(1); // the (empty) drawing only
      await tab.fill('#a', '65001');
      await tab.fill('#b', '65002');
      await tab.check('input[name=afi][value=ipv6]');
      await tab.click('#go');
      await tab.locator('#answer').waitFor({ state: 'visible' });
      expect(await tab.locator('#verdict').innerText()).toBe('AS65001 reaches AS65002 in IPv6');
      // The data's text is on the page as text …
      const notes = await tab.locator('#notes').innerText();
      expect(notes).toContain('<img src=x onerror=window.__pwned=5><script>window.__pwned=6<\\script>.rpsl');
      expect(await tab.locator('#lines').innerText()).toContain('afi ipv6.unicast from AS65001 accept <^AS65001+$>');
      // … and nothing of it became an element or ran.
      expect(await tab.locator('main img').count()).toBe(1); // the drawing
      expect(await tab.locator('script').count()).toBe(1); // the page's own
      expect(await tab.evaluate(() => (window as any).__pwned)).toBeUndefined();
      expect(problems).toEqual([]);
    } finally {
      await h.stop();
    }
  });
});
