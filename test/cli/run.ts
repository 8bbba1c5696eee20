// Runs the built CLI (the suite's own build, test/built.ts) as a user would, and captures
// its output. ASREL_SERVER points the default server at a closed loopback port, so a test
// that forgets --offline, --input or --relationships fails fast instead of leaving the machine.
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { BUILT_CLI } from '../built.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SAFE_ENV = { XDG_CACHE_HOME: '/nonexistent-asrel-test-cache', ASREL_SERVER: '127.0.0.1:9' };

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Synchronous run, for commands that need no server in this process. */
export function asrel(args: string[], opts: { input?: string; env?: Record<string, string> } = {}): Run {
  const r = spawnSync(process.execPath, [BUILT_CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: opts.input,
    env: { ...process.env, ...SAFE_ENV, ...opts.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Asynchronous run, so a test server in this process keeps answering meanwhile. */
export function asrelAsync(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BUILT_CLI, ...args], { cwd: ROOT, env: { ...process.env, ...SAFE_ENV, ...env }, timeout: 20_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Runs several command lines side by side, `width` at a time, and gives their results in order:
 * for tests that ask many independent questions (each process mostly loads and reads on its own).
 */
export async function asrelMany(lines: string[][], width = 4): Promise<Run[]> {
  const out: Run[] = new Array(lines.length);
  let next = 0;
  const worker = async () => {
    while (next < lines.length) {
      const i = next++;
      out[i] = await asrelAsync(lines[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, lines.length) }, worker));
  return out;
}

/** The HE–Cogent case as a relationship file (a reconstruction; see the file's header). */
export const HE = 'test/fixtures/he-cogent-2015.reconstruction.csv';
