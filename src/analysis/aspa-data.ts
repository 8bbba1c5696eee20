/** `--aspa FILE|URL|-` for the commands that read validated ASPAs: the set, a `aspa:` note, one-line errors. */
import { AspaInputError, readAspa, type AspaSet } from '../aspa/read.js';
import { InputOpenError } from '../bgp/open-bytes.js';
import { UserError } from './errors.js';

const n = (x: number) => x.toLocaleString('en-US');

export async function loadAspaForAnswer(file: string | undefined, notes: string[]): Promise<AspaSet> {
  if (!file) throw new UserError('--aspa is required', 2, 'Give validated ASPAs: rpki-client or Routinator JSON, an OpenBGPD aspa-set or BIRD route aspa text (file, URL or -).');
  let set: AspaSet;
  try {
    set = await readAspa(file);
  } catch (e) {
    if (e instanceof InputOpenError) throw new UserError(e.message, 2, 'Give a file, an http(s) URL or - for standard input.');
    if (e instanceof AspaInputError) throw new UserError(e.message, 1, 'Give validator output: rpki-client -j / Routinator json(ext) / Cloudflare rpki.json, or the OpenBGPD or BIRD text.');
    throw e;
  }
  const flagged = [...set.records.values()].filter((r) => r.flags.some((f) => f !== 'merged' && f !== 'per-family'));
  notes.push(`aspa: ${set.name} (${set.format ?? 'no records'}): ${n(set.records.size)} customers` +
    (flagged.length ? `; ${n(flagged.length)} break the profile (kept, flagged: ${[...new Set(flagged.flatMap((r) => r.flags))].join(', ')})` : '') +
    (set.warnings.total ? `; ${n(set.warnings.total)} skipped (${set.warnings.summary()})` : ''));
  return set;
}
