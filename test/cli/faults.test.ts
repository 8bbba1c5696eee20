// Faults a user meets without root: hostile bytes in registry text, a full or closed output,
// damaged, read-only and full stores, over-long lines and cut downloads. The objects are the
// bundled HE/Cogent/Telia RECONSTRUCTION (data/README.md), with made-up hostile bytes added
// where a test says so (synthetic).
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asrel } from './run.js';

const RECON = 'data/reconstructed/he-cogent-telia-2013.rpsl';
const REAL = 'data/real/AS3257.ripe.2023-07-21.rpsl';
const ENV = { XDG_CACHE_HOME: '/nonexistent-asrel-test-cache', ASREL_SERVER: '127.0.0.1:9' };

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'asrel-faults-'));
}

/** The reconstruction with an OSC title change, a clear-screen and a bidi override on its remarks (synthetic). */
function hostileFile(dir: string): string {
  const file = join(dir, 'evil.rpsl');
  writeFileSync(file, readFileSync(RECON, 'utf8').replace(/^(remarks:.*)$/gm, '$1\u001b]0;pwned\u0007\u001b[2J\u202e\u009b'));
  return file;
}

/** Runs the CLI with its standard output on `fd` (e.g. /dev/full). */
function asrelTo(fd: number, args: string[]) {
  const r = spawnSync(process.execPath, ['bin/asrel.js', ...args], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8', env: { ...process.env, ...ENV } });
  return { code: r.status ?? -1, stderr: r.stderr };
}

// eslint-disable-next-line no-control-regex
const RAW = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('nothing raw reaches a terminal (#20.5)', () => {
  const dir = tmp();
  const file = hostileFile(dir);
  const data = join(dir, 'store');
  expect(asrel(['import', file, '--data', data]).code).toBe(0);

  it('show prints registry text with ESC, C1 and bidi characters as visible escapes', () => {
    const r = asrel(['show', 'AS6939', '--offline', '--data', data]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout).toContain('\\x1b]0;pwned\\x07\\x1b[2J\\u202e\\x9b');
  });

  it('show --json keeps the original text, JSON-escaped', () => {
    const r = asrel(['show', 'AS6939', '--offline', '--data', data, '--json']);
    expect(r.stdout).not.toMatch(RAW);
    const text = JSON.parse(r.stdout)[0].text as string;
    expect(text).toContain('\u001b]0;pwned\u0007\u001b[2J\u202e\u009b');
  });

  it('parse prints raw lines and diagnostics escaped; an error quoting a file name too', () => {
    const bad = join(dir, 'bad\u001b[31m.rpsl');
    writeFileSync(bad, 'aut-num: AS1\nimport: from AS2 accept \u001b[2J{\n\n');
    const r = asrel(['parse', bad]);
    expect(r.stdout + r.stderr).not.toMatch(RAW);
    expect(r.stdout).toContain('\\x1b[');
    const missing = asrel(['rel', '1', '2', '--input', join(dir, 'gone\u001b]0;x\u0007.rpsl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).not.toMatch(RAW);
    expect(missing.stderr).toContain('\\x1b]0;x\\x07');
  });
});

describe('output errors (#20.9)', () => {
  const dir = tmp();
  const file = hostileFile(dir);
  const data = join(dir, 'store');
  expect(asrel(['import', file, '--data', data]).code).toBe(0);

  it.each([
    ['export', ['export', '--input', RECON]],
    ['why-unreachable', ['why-unreachable', '6939', '174', '--afi', 'ipv6', '--input', RECON]],
    ['dark-spots', ['dark-spots', '--input', RECON]],
    ['show', ['show', 'AS6939', '--offline', '--data', data]],
  ])('%s > /dev/full: exit 1, one line, no stack', (_name, args) => {
    const fd = openSync('/dev/full', 'w');
    try {
      const r = asrelTo(fd, args);
      expect(r.code).toBe(1);
      const errors = r.stderr.split('\n').filter((l) => l && !l.startsWith('note: '));
      expect(errors).toEqual(['asrel: cannot write the output: no space left on device (ENOSPC)']);
    } finally {
      closeSync(fd);
    }
  });

  it('a closed pipe (| head -1) is silent with exit 0', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; node bin/asrel.js parse ${REAL} | head -1 >/dev/null`], { encoding: 'utf8', env: { ...process.env, ...ENV } });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
