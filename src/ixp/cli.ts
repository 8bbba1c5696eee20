/** The commands' side of `--ixp`: load, turn data errors into one line, and note the dates. */
import { UserError } from '../analysis/errors.js';
import { ixpNotes } from './annotate.js';
import { loadIxp, type IxpLoadContext, type IxpLoaded } from './load.js';
import { IxpError } from './types.js';

/** Loads `--ixp` values; the notes (each dataset's source and date, how far from the IRR data's dates) are appended to `notes`. */
export async function loadIxpForAnswer(values: readonly string[], ctx: IxpLoadContext, notes: string[]): Promise<IxpLoaded> {
  try {
    const r = await loadIxp(values, ctx);
    notes.push(...r.notes, ...ixpNotes(r.presence, notes));
    return r;
  } catch (e) {
    // A path that is not there, or files that are not IXP data: a usage mistake, like --input.
    if (e instanceof IxpError) throw new UserError(e.message, 2, e.hint);
    throw e;
  }
}
