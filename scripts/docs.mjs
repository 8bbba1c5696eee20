// Screenshots of the `asrel serve` page for the README, written into docs/: the headline
// question answered (docs/web-answer.png) and the explorer on a customer cone
// (docs/web-explorer.png). Runs the built CLI (npm run build first) on the bundled snapshot,
// offline, on 127.0.0.1, and the system Chromium (ASREL_CHROMIUM, default /usr/bin/chromium).
//
//   node scripts/docs.mjs
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'asrel-docs-'));
// An empty store folder: the bundled snapshot answers (a named --data folder must exist).
mkdirSync(join(tmp, 'store'));
const server = spawn(process.execPath, ['bin/asrel.js', 'serve', '--port', '0', '--data', join(tmp, 'store'), '-q'], {
  cwd: root, env: { ...process.env, ASREL_SERVER: '127.0.0.1:9' },
});
try {
  const url = await new Promise((ok, fail) => {
    let err = '';
    server.stderr.on('data', (d) => { err += d; const m = /listening on (http:\/\/\S+?)\/ /.exec(err); if (m) ok(m[1]); });
    server.on('exit', () => fail(new Error(`asrel serve exited: ${err}`)));
  });
  const context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: process.env.ASREL_CHROMIUM ?? '/usr/bin/chromium', headless: true, viewport: { width: 1100, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-first-run'],
  });
  // Nothing but the local server.
  await context.route('**/*', (r) => (r.request().url().startsWith(url) ? r.continue() : r.abort()));
  try {
    const tab = await context.newPage();
    await tab.goto(`${url}/`);
    await tab.fill('#a', '6939');
    await tab.fill('#b', '174');
    await tab.check('input[name=afi][value=ipv6]');
    await tab.click('#go');
    await tab.locator('#answer').waitFor({ state: 'visible' });
    await tab.waitForFunction(() => document.getElementById('drawing').complete && document.getElementById('drawing').naturalWidth > 0);
    await tab.screenshot({ path: join(root, 'docs/web-answer.png'), clip: { x: 0, y: 0, width: 1100, height: 1300 }, fullPage: true });
    await tab.fill('#x-asn', '3257');
    await tab.selectOption('#x-mode', 'customers');
    await tab.selectOption('#x-afi', 'ipv6');
    await tab.click('#explorer-form button[type=submit]');
    await tab.waitForFunction(() => (window.asrelExplorer?.sigma?.getGraph().order ?? 0) > 1);
    await tab.waitForTimeout(500);
    await tab.locator('#explore').screenshot({ path: join(root, 'docs/web-explorer.png') });
    console.log('wrote docs/web-answer.png, docs/web-explorer.png');
  } finally {
    await context.close();
  }
} finally {
  server.kill('SIGTERM');
  rmSync(tmp, { recursive: true, force: true });
}
