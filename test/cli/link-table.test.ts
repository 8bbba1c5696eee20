// The link table as a user meets it: a store of the previous version (3, no link table) is
// upgraded in place and answers the same, deciding links from claims until the next write
// decides them; `asrel check` says which. Real data: the DN42 registry of 2023-10-22
// (data/real/README.md).
import Database from 'better-sqlite3';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asrel, asrelMany, type Run } from './run.js';
import { asrelUnprivileged } from './faults-helpers.js';

const DN42 = 'data/real/dn42-registry-2023-10-22.db';
const AS3257 = 'data/real/AS3257.ripe.2023-07-21.rpsl';
const AS215778 = 'data/real/AS215778.ripe.2024-11-01.rpsl';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// AS3257 imported once (its 9,500 policy lines take a second to import); each test that starts
// from it works on its own copy of the store folder.
let as3257Store = '';
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'asrel-links-cli-'));
  dirs.push(dir);
  as3257Store = join(dir, 'store');
  const r = asrel(['import', AS3257, '--data', as3257Store, '--date', '2023-07-21', '-q']);
  expect(r.code, r.stderr).toBe(0);
});
/** A copy of the AS3257 store at `data`. */
function as3257At(data: string): string {
  cpSync(as3257Store, data, { recursive: true });
  return data;
}

/** What the store of version 3 held: no link table, no state. */
function downgrade(data: string): void {
  const db = new Database(join(data, 'asrel.sqlite'));
  db.exec("DROP TABLE links; DELETE FROM meta WHERE key = 'links'; UPDATE meta SET value = '3' WHERE key = 'schema_version'");
  db.close();
}

describe('a store of the previous version', () => {
  it('is upgraded in place, answers the same from claims, and the next import decides its links', () => {
    const data = mkdtempSync(join(tmpdir(), 'asrel-links-cli-'));
    dirs.push(data);
    expect(asrel(['import', DN42, '--data', data, '-q']).code).toBe(0);
    const check = asrel(['check', '--data', data]);
    expect(check.stdout).toMatch(/\nlinks: [\d,]+ kept decided, current\n$/);
    // A whole-store answer (with each link's evidence count and sources) and a question (cones).
    const questions = [
      ['export', '--format', 'csv'],
      ['why-unreachable', '4242420101', '4242423914', '--afi', 'ipv6'],
    ];
    const fromTable = questions.map((q) => asrel([...q, '--data', data, '--offline', '-q']));
    for (const r of fromTable) expect(r.code, r.stderr).toBe(0);

    downgrade(data);
    const old = asrel(['check', '--data', data]);
    expect(old.code).toBe(0);
    expect(old.stdout).toContain('links: not decided in the store');
    const fromClaims = questions.map((q) => asrel([...q, '--data', data, '--offline', '-q']));
    expect(fromClaims.map((r) => r.stdout)).toEqual(fromTable.map((r) => r.stdout));

    // Any write decides them all (the table was not current: nobody knows what changed); here
    // a small one, the real AS215778 object.
    expect(asrel(['import', AS215778, '--data', data, '-q']).code).toBe(0);
    expect(asrel(['check', '--data', data]).stdout).toMatch(/\nlinks: [\d,]+ kept decided, current\n$/);
  });
});

/** What the store of version 5 held: no covering index of aut-nums; version 4 also rules_peer of one column, no rules_other. */
function toVersion(data: string, version: 4 | 5): void {
  const db = new Database(join(data, 'asrel.sqlite'));
  db.exec('DROP INDEX objects_refs');
  if (version === 4) db.exec('DROP INDEX rules_peer; DROP INDEX rules_other; CREATE INDEX rules_peer ON rules (peer) WHERE peer IS NOT NULL');
  db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(version));
  db.close();
}

const indexes = (data: string) => {
  const db = new Database(join(data, 'asrel.sqlite'), { readonly: true });
  const out = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('rules', 'objects') ORDER BY name").all();
  const version = (db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as { value: string }).value;
  db.close();
  return { version, indexes: out };
};

describe.each([4, 5] as const)('a store of version %i', (version) => {
  it('is read as it is where it cannot be written, and upgraded in place (indexes built) where it can: the same answers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-links-cli-'));
    dirs.push(dir);
    chmodSync(dir, 0o755);
    const data = as3257At(join(dir, 'store'));
    const current = indexes(data);
    expect(current.version).toBe('6');
    const questions = [['rel', '3257', '12'], ['rel', '3257', '14', '--afi', 'ipv6', '--json'], ['export', '--format', 'csv']];
    const before = questions.map((q) => asrel([...q, '--data', data, '--offline']));
    toVersion(data, version);
    // Read-only (an unprivileged run, the folder and file not writable): read as it is.
    chmodSync(join(data, 'asrel.sqlite'), 0o444);
    chmodSync(data, 0o555);
    const readOnly = questions.map((q) => asrelUnprivileged([...q, '--data', data, '--offline']));
    chmodSync(data, 0o755);
    chmodSync(join(data, 'asrel.sqlite'), 0o644);
    expect(indexes(data).version).toBe(String(version));
    for (const [i, r] of readOnly.entries()) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(before[i]!.stdout);
    }
    // Writable: upgraded by the first command that opens it.
    const after = questions.map((q) => asrel([...q, '--data', data, '--offline']));
    expect(after.map((r) => r.stdout)).toEqual(before.map((r) => r.stdout));
    expect(indexes(data)).toEqual(current);
  });
});

describe('a dump imported again', () => {
  it('with its objects moved down the file: the same answer as a fresh import of the moved file (evidence names the new lines)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-links-cli-'));
    dirs.push(dir);
    // The same objects, three lines further down (comment lines added at the top).
    const moved = join(dir, 'AS3257-moved.rpsl');
    writeFileSync(moved, `# moved\n# down\n# three lines\n${readFileSync(AS3257, 'utf8')}`);
    const again = as3257At(join(dir, 'again')), fresh = join(dir, 'fresh');
    expect(asrel(['import', moved, '--data', again, '--date', '2023-07-22', '-q']).code).toBe(0);
    expect(asrel(['import', moved, '--data', fresh, '--date', '2023-07-22', '-q']).code).toBe(0);
    const rel = (data: string) => asrel(['rel', '3257', '12', '--data', data, '--offline', '--json']);
    const a = rel(again), b = rel(fresh);
    expect(a.code, a.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toEqual(JSON.parse(b.stdout));
    expect(a.stderr.replace(/AS3257\.ripe[^ ]*|AS3257-moved\.rpsl/g, 'FILE')).toBe(b.stderr.replace(/AS3257\.ripe[^ ]*|AS3257-moved\.rpsl/g, 'FILE'));
    expect(asrel(['check', '--data', again]).stdout).toMatch(/\nlinks: [\d,]+ kept decided, current\n$/);
  });

  it('with one object edited (lines added, changed, dropped, moved): the same answers as a fresh import of the edited file, its evidence naming the new lines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-links-cli-'));
    dirs.push(dir);
    const lines = readFileSync(AS3257, 'utf8').split('\n');
    const at = (text: string) => {
      const i = lines.indexOf(text);
      if (i < 0) throw new Error(`no line ${text}`);
      return i;
    };
    lines[at('import:         from AS14 accept AS14')] = 'import:         from AS14 accept ANY';
    lines.splice(at('export:         to AS12 announce ANY'), 1);
    const moved = lines.splice(at('mp-export:      afi ipv6.unicast to AS14 announce ANY'), 1);
    lines.splice(at('mp-import:      afi ipv6.unicast from AS14 accept AS14') + 1, 0, ...moved);
    lines.splice(at('mp-import:      afi ipv6.unicast from AS12 accept AS12'), 0, 'remarks:        two lines', '                further down');
    // A line at the top of the policy: every line below moves.
    lines.splice(at('import:         from AS12 accept AS12'), 0, 'import:         from AS21 accept ANY');
    const edited = join(dir, 'AS3257-edited.rpsl');
    writeFileSync(edited, lines.join('\n'));
    const again = as3257At(join(dir, 'again')), fresh = join(dir, 'fresh');
    expect(asrel(['import', edited, '--data', again, '--date', '2023-07-22', '-q']).code).toBe(0);
    expect(asrel(['import', edited, '--data', fresh, '--date', '2023-07-22', '-q']).code).toBe(0);
    const file = (s: string) => s.replace(/AS3257\.ripe[^ ]*|AS3257-edited\.rpsl/g, 'FILE');
    // Each pair asked of both stores, in JSON and as text (which prints the evidence lines with
    // their line numbers); the 24 questions side by side.
    const pairs = [['12', 'ipv4'], ['14', 'ipv4'], ['14', 'ipv6'], ['21', 'ipv4'], ['57', 'ipv4'], ['12', 'ipv6']];
    const rel = (b: string, afi: string, data: string, json: boolean) => ['rel', '3257', b, '--afi', afi, '--data', data, '--offline', ...(json ? ['--json'] : [])];
    const answers = await asrelMany(pairs.flatMap(([b, afi]) => [rel(b!, afi!, again, true), rel(b!, afi!, fresh, true), rel(b!, afi!, again, false), rel(b!, afi!, fresh, false)]));
    pairs.forEach(([b, afi], i) => {
      const [x, y, textAgain, textFresh] = answers.slice(4 * i, 4 * i + 4) as [Run, Run, Run, Run];
      expect(x.code, x.stderr).toBe(0);
      expect(JSON.parse(x.stdout), `3257 ${b} ${afi}`).toEqual(JSON.parse(y.stdout));
      expect(file(x.stderr)).toBe(file(y.stderr));
      expect(textAgain.code, textAgain.stderr).toBe(0);
      expect(file(textAgain.stdout), `3257 ${b} ${afi} as text`).toBe(file(textFresh.stdout));
    });
    expect(asrel(['check', '--data', again]).stdout).toMatch(/\nlinks: [\d,]+ kept decided, current\n$/);
  });
});
