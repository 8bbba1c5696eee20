import { homedir } from 'node:os';
import { join } from 'node:path';

/** Default store folder: $XDG_CACHE_HOME/asrel or ~/.cache/asrel. Only this one may be absent for a question. */
export function defaultDataDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'asrel');
}
