/** The commands' side of `--ixp`: load, turn data errors into one line, and note the dates. */
import { UserError } from '../analysis/errors.js';
import { ixpNotes } from './annotate.js';
import { loadIxp, type IxpLoadContext, type IxpLoaded } from './load.js';
import { IxpError } from './types.js';
import { cachedDownload, DownloadError, isUrl } from '../gather/cached-download.js';
import { defaultDataDir } from '../analysis/data-dir.js';

/** An `--ixp` URL (a CAIDA IXP file, a PeeringDB dump) as a local copy kept in the store folder. */
async function downloaded(url: string, ctx: IxpLoadContext, notes: string[]): Promise<string> {
  try {
    const c = await cachedDownload(url, { dataDir: ctx.dataDir ?? defaultDataDir(), offline: ctx.offline, what: '--ixp' });
    notes.push(c.note);
    return c.path;
  } catch (e) {
    if (e instanceof DownloadError) throw new UserError(e.message, 1, ctx.offline ? 'Run once without --offline to download it.' : 'Check the URL, or download the files and give their folder.');
    throw e;
  }
}

/** Loads `--ixp` values; the notes (each dataset's source and date, how far from the IRR data's dates) are appended to `notes`. */
export async function loadIxpForAnswer(values: readonly string[], ctx: IxpLoadContext, notes: string[]): Promise<IxpLoaded> {
  try {
    const local: string[] = [];
    for (const v of values) local.push(isUrl(v) ? await downloaded(v, ctx, notes) : v);
    const r = await loadIxp(local, ctx);
    notes.push(...r.notes, ...ixpNotes(r.presence, notes));
    return r;
  } catch (e) {
    // A path that is not there, or files that are not IXP data: a usage mistake, like --input.
    if (e instanceof IxpError) throw new UserError(e.message, 2, e.hint);
    throw e;
  }
}
