import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readObjects } from '../rpsl/read.js';
import type { ObjectProvenance, StoredObject } from './types.js';
import { packageRoot } from './package-root.js';

/** One bundled snapshot, as listed in data/snapshots.json. */
export interface Snapshot {
  id: string;
  file: string;
  date: string;
  reconstructed: boolean;
  description: string;
}

export function listSnapshots(): Snapshot[] {
  return JSON.parse(readFileSync(join(packageRoot(), 'data', 'snapshots.json'), 'utf8')) as Snapshot[];
}

/** The objects of the bundled snapshots (all, or the ids given), each with its provenance. */
export function loadBundled(ids?: readonly string[]): StoredObject[] {
  const wanted = ids ? new Set(ids) : undefined;
  const out: StoredObject[] = [];
  for (const s of listSnapshots()) {
    if (wanted && !wanted.has(s.id)) continue;
    const provenance: ObjectProvenance = { kind: 'bundled', from: s.id, date: s.date, ...(s.reconstructed ? { reconstructed: true } : {}) };
    const path = join(packageRoot(), 'data', s.file);
    for (const object of readObjects(readFileSync(path, 'utf8'), `data/${s.file}`).objects) out.push({ object, provenance });
  }
  return out;
}
