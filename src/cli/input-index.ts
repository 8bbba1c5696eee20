/**
 * `--input FILE` (repeatable): analyse these RPSL files or dumps (plain or gzip, `-` = stdin)
 * instead of the store. Earlier files win when an object appears twice (MemoryIndex keeps
 * the first), so list the preferred source first.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { InputError, streamObjects } from '../rpsl/read.js';
import { MemoryIndex } from '../store/memory-index.js';
import type { ObjectIndex } from '../store/types.js';
import { UserError } from './errors.js';

export interface FilesIndex {
  index: ObjectIndex;
  /** One line per file: what it contributed. */
  notes: string[];
}

export async function indexFromFiles(paths: readonly string[]): Promise<FilesIndex> {
  const index = new MemoryIndex();
  const notes: string[] = [];
  for (const path of paths) {
    let date = new Date().toISOString();
    if (path !== '-') {
      try {
        const s = await stat(path);
        if (!s.isFile()) throw new UserError(`--input ${path} is not a file`, 2, 'Give an RPSL file or dump (plain or .gz), or - for standard input.');
        date = s.mtime.toISOString();
      } catch (e) {
        if (e instanceof UserError) throw e;
        throw new UserError(`cannot read --input ${path}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, 2,
          'Check the path; --input takes RPSL files or dumps (plain or .gz), or - for standard input.');
      }
    }
    const from = path === '-' ? 'stdin' : basename(path);
    let objects = 0, added = 0, autNums = 0, problems = 0;
    try {
      for await (const object of streamObjects(path, path === '-' ? '<stdin>' : path, () => problems++)) {
        objects++;
        if (object.class === 'aut-num') autNums++;
        if (index.add({ object, provenance: { kind: 'dump', from, date } })) added++;
      }
    } catch (e) {
      if (e instanceof InputError) throw new UserError(e.message, 2, 'Check that the file is RPSL text (plain or gzip).');
      throw e;
    }
    if (objects === 0) throw new UserError(`--input ${path} holds no RPSL objects`, 2, 'Give RPSL text: "attribute: value" lines, objects separated by blank lines.');
    notes.push(`data: ${from}: ${objects} objects (${autNums} aut-num), ${added} used${objects > added ? ` (${objects - added} duplicates or other classes ignored)` : ''}${problems ? `, ${problems} reader warnings` : ''}`);
  }
  return { index, notes };
}
