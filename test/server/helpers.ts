// A real `asrel serve` in this process on 127.0.0.1 (any free port), over the bundled data or
// --input files, and the system Chromium driven by playwright-core for the page tests.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../../src/server/start.js';

export const CHROMIUM = process.env.ASREL_CHROMIUM ?? '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

export interface TestServer extends RunningServer { dataDir: string; stop(): Promise<void> }

/** The server the CLI tests' data options describe: an empty store folder (so the bundled snapshot), no whois server. */
export async function testServer(opts: { input?: string[]; dataDir?: string; ixp?: string[] } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'asrel-serve-'));
  const s = await startServer({ port: 0, host: '127.0.0.1', data: dataDir, offline: true, server: '127.0.0.1:9', ttl: 24, input: opts.input, ixp: opts.ixp });
  return { ...s, dataDir, stop: async () => { await s.close(); if (!opts.dataDir) rmSync(dataDir, { recursive: true, force: true }); } };
}

export async function getJson(url: string, init?: RequestInit): Promise<{ status: number; body: any; headers: Headers }> {
  const r = await fetch(url, init);
  return { status: r.status, body: await r.json(), headers: r.headers };
}

export async function launchChromium(profile: string) {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1100, height: 900 },
    // WebGL (sigma.js) on the CPU: SwiftShader, as Chromium offers with no GPU.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
