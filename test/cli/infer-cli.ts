// Runs the built CLI (dist/ is built by the global setup) and captures its output.
import { spawnSync } from 'node:child_process';

export interface CliResult { code: number; stdout: string; stderr: string }

export function asrel(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, ['bin/asrel.js', ...args], {
    encoding: 'utf8',
    input: opts.input,
    // An empty store folder per run: these tests only use --input files, never the network.
    env: { ...process.env, XDG_CACHE_HOME: '/nonexistent-asrel-test-cache', ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
