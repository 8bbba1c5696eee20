import { spawnSync } from 'node:child_process';

/** Runs the built CLI (`node bin/asrel.js …`) with no network and an empty store. */
export function asrel(args: string[], input?: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/asrel.js', ...args], {
    encoding: 'utf8',
    input,
    env: { ...process.env, XDG_CACHE_HOME: '/nonexistent-asrel-test-cache' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export const HE = 'test/fixtures/he-cogent-2015.reconstruction.csv';
