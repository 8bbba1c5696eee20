/**
 * A `--relationships` or `--ixp` value as a local path: a URL is downloaded into the store
 * folder once (src/gather/cached-download.ts) and read from there; its note goes to `notes`.
 */
import { cachedDownload, DownloadError, isUrl } from '../gather/cached-download.js';
import { UserError } from './errors.js';

export async function localCopy(file: string, ctx: { dataDir: string; offline?: boolean; ttlHours?: number }, what: string, notes: string[]): Promise<string> {
  if (!isUrl(file)) return file;
  try {
    const c = await cachedDownload(file, { dataDir: ctx.dataDir, offline: ctx.offline, ttlHours: ctx.ttlHours, what });
    notes.push(c.note);
    return c.path;
  } catch (e) {
    if (e instanceof DownloadError) throw new UserError(e.message, 1, ctx.offline ? 'Run once without --offline to download it.' : 'Check the URL, or download the file and give its path.');
    throw e;
  }
}
