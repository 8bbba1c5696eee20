// Text from outside never drives the terminal: a file name and registry lines with escape
// sequences are printed with them made visible (`\x1b`). The objects are the bundled HE/Cogent RECONSTRUCTION
// (data/README.md) with made-up hostile bytes added.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asrel } from './run.js';

describe('hostile text in what asrel prints', () => {
  it('shows ESC/OSC sequences and bidi overrides as escapes in notes and answers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'asrel-hostile-'));
    const file = join(dir, 'evil\u001b]0;pwned\u0007\u202e.rpsl');
    const text = readFileSync('data/reconstructed/he-cogent-telia-2013.rpsl', 'utf8')
      .replace('mp-import:      afi ipv6 from AS6939 accept AS-HURRICANE', 'mp-import:      afi ipv6 from AS6939 accept AS-HURRICANE\u001b[2J\u001b[31m');
    writeFileSync(file, text);
    const r = asrel(['rel', '1299', '6939', '--input', file]);
    expect(r.code).toBe(0);
    for (const out of [r.stdout, r.stderr]) {
      expect(out).not.toMatch(/[\u001b\u0007\u202e]/);
    }
    expect(r.stderr).toContain('evil\\x1b]0;pwned\\x07\\u202e.rpsl'); // the file name with its OSC sequence made visible
  });
});
