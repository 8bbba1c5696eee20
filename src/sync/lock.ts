/**
 * One `asrel sync` per store at a time (cron and a `--watch` left running would otherwise
 * download and apply the same changes twice): a lock file beside the database holding the
 * holder's pid. A lock whose process is gone (kill -9) is taken over, and the downloads that
 * process left in sync-tmp/ are removed.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SyncError } from './errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock of the store in `dir`; the function returned releases it. */
export function lockSync(dir: string): () => void {
  const path = join(dir, 'sync.lock');
  for (let tries = 0; tries < 3; tries++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      rmSync(join(dir, 'sync-tmp'), { recursive: true, force: true });
      mkdirSync(join(dir, 'sync-tmp'), { recursive: true });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new SyncError('refuse', `another asrel sync (pid ${pid}) is running on this store; wait for it, or stop it`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new SyncError('refuse', `cannot take the sync lock ${path}`);
}

/** Files left in sync-tmp/ (for tests). */
export function leftovers(dir: string): string[] {
  try {
    return readdirSync(join(dir, 'sync-tmp'));
  } catch {
    return [];
  }
}
