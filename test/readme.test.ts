// Issue 19, point 8: the README runs as written. Its pasted transcripts are compared with
// real output (a line "…" stands for any lines left out), and every command line it shows
// that needs no network runs from a copy of the repository's layout with exit 0.
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT, REPO } from './built.js';

const README = readFileSync(join(REPO, 'README.md'), 'utf8');
const LINES = README.split('\n');

/** A folder laid out like the repository (bin, dist, data, test), so README lines run as printed without writing into it. */
function sandbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'asrel-readme-'));
  for (const [name, target] of [['bin', join(BUILT, 'bin')], ['dist', join(BUILT, 'dist')], ['package.json', join(BUILT, 'package.json')],
    ['data', join(REPO, 'data')], ['test', join(REPO, 'test')], ['node_modules', join(REPO, 'node_modules')]] as const) {
    symlinkSync(target, join(dir, name));
  }
  return dir;
}

const ENV = { ...process.env, XDG_CACHE_HOME: '/nonexistent-asrel-readme-cache', ASREL_SERVER: '127.0.0.1:9', COLUMNS: '100' };

/**
 * A line's folders under /tmp (`--data /tmp/dn42`) moved into the sandbox: a store left there by
 * another checkout's run (of another schema version) would change the answer.
 */
const local = (cwd: string, line: string) => line.replace(/(?<=\s)\/tmp\//g, `${cwd}/tmp-`);

function run(cwd: string, line: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-c', local(cwd, line)], { cwd, env: ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** `run`, side by side: the lines run four at a time, each result in its line's place. */
async function runAll(cwd: string, lines: string[]): Promise<{ code: number; stdout: string; stderr: string }[]> {
  const one = (line: string) => new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile('bash', ['-c', local(cwd, line)], { cwd, env: ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
  const out: { code: number; stdout: string; stderr: string }[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: 4 }, async () => {
    while (next < lines.length) {
      const i = next++;
      out[i] = await one(lines[i]!);
    }
  }));
  return out;
}

interface Transcript { command: string; expected: string[]; at: number }

/** "`./bin/asrel.js …`:" or an indented "    ./bin/asrel.js …" line, then (after blank lines) a ``` block. */
function transcripts(): Transcript[] {
  const out: Transcript[] = [];
  for (let i = 0; i < LINES.length; i++) {
    const m = /^`(\.\/bin\/asrel\.js [^`]+)`:\s*$/.exec(LINES[i]!) ?? /^ {4}(\.\/bin\/asrel\.js .+)$/.exec(LINES[i]!);
    if (!m) continue;
    let j = i + 1;
    while (j < LINES.length && LINES[j]!.trim() === '') j++;
    if (LINES[j] !== '```') continue;
    const end = LINES.indexOf('```', j + 1);
    out.push({ command: m[1]!, expected: LINES.slice(j + 1, end), at: i + 1 });
  }
  return out;
}

/** The store folder differs per machine: compare the notes that name it without the path. */
const normalise = (l: string) => l.replace(/the store \([^)]*\)/, 'the store (…)').replace(/\s+$/, '');

/** Whether `actual` matches `expected`, where a line "…" matches any run of lines. */
function matches(expected: string[], actual: string[]): boolean {
  const e = expected.map(normalise);
  const a = actual.map(normalise);
  const memo = new Map<string, boolean>();
  const go = (i: number, j: number): boolean => {
    const k = `${i},${j}`;
    if (memo.has(k)) return memo.get(k)!;
    let r: boolean;
    if (i === e.length) r = j === a.length;
    else if (e[i]!.trim() === '…') r = go(i + 1, j) || (j < a.length && go(i, j + 1));
    else r = j < a.length && e[i] === a[j] && go(i + 1, j + 1);
    memo.set(k, r);
    return r;
  };
  return go(0, 0);
}

/** Lines that can run here: no URL, and the data is local (--offline, --input, a local --relationships, parse, import of a file). */
function offlineRunnable(line: string): boolean {
  // URLs need the network; a synopsis ("[--port N]", "FILE…") is no command line; serve does not end.
  if (/https?:\/\//.test(line) || /\bfetch\b|\bserve\b|\[--|…/.test(line)) return false;
  return /--offline|--input|--relationships|\bparse\b|\bimport data\/|\bdiff --old data\//.test(line);
}

describe('the README runs as written', () => {
  const dir = sandbox();
  // The folders the lines made in place of /tmp ones (the sandbox's links lead into the repository: left alone).
  afterAll(() => {
    for (const f of readdirSync(dir).filter((f) => f.startsWith('tmp-'))) rmSync(join(dir, f), { recursive: true, force: true });
  });

  it('names no path outside the repository', () => {
    expect(README).not.toMatch(/\.\.\/shared\//);
  });

  it('its pasted transcripts are what the commands print (notes on stderr, then the answer)', () => {
    const ts = transcripts();
    expect(ts.length).toBeGreaterThanOrEqual(3);
    const failures: string[] = [];
    for (const t of ts) {
      if (!offlineRunnable(t.command)) continue;
      const r = run(dir, t.command);
      const actual = `${r.stderr}${r.stdout}`.replace(/\n$/, '').split('\n');
      if (!matches(t.expected, actual)) failures.push(`README line ${t.at}: ${t.command}\n--- printed now:\n${actual.slice(0, 60).join('\n')}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('every command line it shows that needs no network runs with exit 0', async () => {
    const lines = LINES.filter((l) => /^ {4}\.\/bin\/asrel\.js /.test(l)).map((l) => l.trim()).filter(offlineRunnable);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    const results = await runAll(dir, lines);
    const failures = lines.map((l, i) => [l, results[i]!] as const).filter(([, r]) => r.code !== 0).map(([l, r]) => `${l}: exit ${r.code}: ${r.stderr.slice(0, 400)}`);
    expect(failures).toEqual([]);
  }, 120_000);
});
