// The one line each store failure becomes (src/store/failures.ts), from the SQLite and
// system error codes better-sqlite3 and Node report.
import { describe, expect, it } from 'vitest';
import { storeFailure, storeFailureKind } from '../../src/store/failures.js';

const F = '/data/asrel.sqlite';

describe('storeFailure', () => {
  it('knows damage, full and failing disks and read-only media by their codes', () => {
    expect(storeFailureKind({ code: 'SQLITE_CORRUPT_INDEX' })).toBe('damaged');
    expect(storeFailureKind({ code: 'SQLITE_NOTADB' })).toBe('damaged');
    expect(storeFailureKind({ code: 'SQLITE_FULL' })).toBe('full');
    expect(storeFailureKind({ code: 'ENOSPC' })).toBe('full');
    expect(storeFailureKind({ code: 'SQLITE_IOERR_WRITE' })).toBe('io');
    expect(storeFailureKind({ code: 'EIO' })).toBe('io');
    expect(storeFailureKind({ code: 'SQLITE_READONLY_DIRECTORY' })).toBe('read-only');
    expect(storeFailureKind({ code: 'EROFS' })).toBe('read-only');
    expect(storeFailureKind({ code: 'SQLITE_BUSY' })).toBeUndefined();
    expect(storeFailureKind(new Error('x'))).toBeUndefined();
  });

  it('says what was stored when a write fails, and exits 1; damage and a read-only store found at the start exit 2', () => {
    expect(storeFailure({ code: 'SQLITE_FULL', message: 'database or disk is full' }, { path: F, stored: 4000 })).toMatchObject({ exitCode: 1, message: `disk full after 4000 objects stored; the store is consistent (${F})` });
    expect(storeFailure({ code: 'SQLITE_IOERR_WRITE', message: 'disk I/O error' }, { path: F, stored: 2000 })?.message).toBe(`input/output error writing or reading ${F} after 2000 objects stored; the store is consistent (disk I/O error)`);
    expect(storeFailure({ code: 'SQLITE_READONLY', message: 'attempt to write a readonly database' }, { path: F, stored: 0 })).toMatchObject({ exitCode: 1, message: `store ${F} became read-only (attempt to write a readonly database) after 0 objects stored; the store is consistent` });
    expect(storeFailure({ code: 'SQLITE_READONLY' }, { path: F })).toMatchObject({ exitCode: 2, message: `store ${F} is read-only` });
    const damaged = storeFailure({ code: 'SQLITE_CORRUPT', message: 'database disk image is malformed\nmore' }, { path: F })!;
    expect(damaged).toMatchObject({ exitCode: 2, message: `store ${F} is damaged (database disk image is malformed)` });
    expect(damaged.hint).toContain('asrel check --data /data');
  });
});
