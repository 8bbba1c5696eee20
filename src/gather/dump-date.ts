/**
 * The date a dump's objects carry, for answers and citations: `--date` when given, else a
 * date written in the file name (`ripe.db.20231022.gz`, `dn42-registry-2023-10-22.db`),
 * else the file's modification time, said to be one (a copy's mtime is often the copy's).
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { isStdin } from '../rpsl/open-input.js';

export interface DumpDate {
  date: string;
  /** How the date was found, for a note. */
  how: 'given' | 'file name' | 'modification time' | 'now';
}

/** YYYY-MM-DD when `s` is a real calendar date in that form. */
export function checkDate(s: string): string | undefined {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? undefined : iso;
}

/** A date in a file name: 2023-10-22, 2023_10_22 or 20231022, between 1990 and 2099. */
export function dateInName(name: string): string | undefined {
  const re = /(?:^|[^0-9])((?:19|20)\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?![0-9])/g;
  for (let m = re.exec(name); m; m = re.exec(name)) {
    const d = checkDate(`${m[1]}-${m[2]}-${m[3]}`);
    if (d) return d;
  }
  return undefined;
}

export async function dumpDate(path: string, given?: string): Promise<DumpDate> {
  if (given) return { date: given, how: 'given' };
  if (isStdin(path)) return { date: new Date().toISOString(), how: 'now' };
  const fromName = dateInName(basename(path));
  if (fromName) return { date: fromName, how: 'file name' };
  const s = await stat(path);
  // A pipe (`--input <(zcat dump.gz)`) has no date of its own: read now, as standard input is.
  if (!s.isFile()) return { date: new Date().toISOString(), how: 'now' };
  return { date: s.mtime.toISOString(), how: 'modification time' };
}
