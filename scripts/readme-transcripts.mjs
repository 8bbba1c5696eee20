// Pastes real output into the README's transcripts: every "`./bin/asrel.js …`:" (or indented
// "    ./bin/asrel.js …") line followed by a ``` block whose command needs no network is run
// from the repository folder, and the block is replaced by what it printed (notes on stderr
// first, then the answer). Blocks with a "…" line are excerpts chosen by hand: left as they
// are (test/readme.test.ts checks them). Run by `npm run docs`; needs a built dist/.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const path = `${repo}README.md`;
const lines = readFileSync(path, 'utf8').split('\n');
const env = { ...process.env, XDG_CACHE_HOME: '/nonexistent-asrel-docs-cache', ASREL_SERVER: '127.0.0.1:9', COLUMNS: '100' };
const offline = (l) => !/https?:\/\/|\bfetch\b/.test(l) && /--offline|--input|--relationships|\bparse\b/.test(l);

let changed = 0;
for (let i = 0; i < lines.length; i++) {
  const m = /^`(\.\/bin\/asrel\.js [^`]+)`:\s*$/.exec(lines[i]) ?? /^ {4}(\.\/bin\/asrel\.js .+)$/.exec(lines[i]);
  if (!m || !offline(m[1])) continue;
  let j = i + 1;
  while (j < lines.length && lines[j].trim() === '') j++;
  if (lines[j] !== '```') continue;
  const end = lines.indexOf('```', j + 1);
  if (lines.slice(j + 1, end).some((l) => l.trim() === '…')) continue;
  const r = spawnSync('bash', ['-c', m[1]], { cwd: repo, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`README line ${i + 1}: ${m[1]} exited ${r.status}: ${r.stderr}`);
  // The store folder is the reader's own: name it as a newcomer's would be.
  const out = `${r.stderr}${r.stdout}`.replace(/\n$/, '').replaceAll('/nonexistent-asrel-docs-cache/asrel', '~/.cache/asrel').split('\n');
  lines.splice(j + 1, end - j - 1, ...out);
  changed++;
}
writeFileSync(path, lines.join('\n'));
console.log(`README: ${changed} transcript(s) pasted from real runs`);
