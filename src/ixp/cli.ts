/** The commands' side of `--ixp`: load, turn data errors into one line, and note the dates. */
import { UserError } from '../analysis/errors.js';
import { ixpNotes } from './annotate.js';
import { loadIxp, type IxpLoadContext, type IxpLoaded } from './load.js';
import { IxpError } from './types.js';
import { localCopy } from '../analysis/local-copy.js';
import { defaultDataDir } from '../analysis/data-dir.js';

/** Loads `--ixp` values; the notes (each dataset's source and date, how far from the IRR data's dates) are appended to `notes`. */
export async function loadIxpForAnswer(values: readonly string[], ctx: IxpLoadContext, notes: string[]): Promise<IxpLoaded> {
  try {
    const local: string[] = [];
    // An --ixp URL (a CAIDA IXP file, a PeeringDB dump) is read from its copy in the store folder.
    for (const v of values) local.push(await localCopy(v, { dataDir: ctx.dataDir ?? defaultDataDir(), offline: ctx.offline }, '--ixp', notes));
    const r = await loadIxp(local, ctx);
    notes.push(...r.notes, ...ixpNotes(r.presence, notes));
    return r;
  } catch (e) {
    // A path that is not there, or files that are not IXP data: a usage mistake, like --input.
    if (e instanceof IxpError) throw new UserError(e.message, 2, e.hint);
    throw e;
  }
}
