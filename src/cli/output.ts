/**
 * The CLI's two channels: results on stdout, notes on stderr (each as `note: …`, none with
 * --quiet). Registry text reaches both, and anyone can publish an object: everything printed
 * as text passes sanitize() (control characters and bidi overrides shown as `\x1b`,
 * `\u202e`); JSON passes jsonSafe() (the original text, JSON-escaped).
 */
import { jsonSafe, sanitize } from '../report/sanitize.js';

export function printResult(text: string): void {
  process.stdout.write(sanitize(text));
}

/** `value` as indented JSON on stdout, one document and a newline. */
export function printJson(value: unknown): void {
  process.stdout.write(`${jsonSafe(JSON.stringify(value, null, 2))}\n`);
}

export function printNotes(notes: readonly string[], quiet = false): void {
  if (quiet || notes.length === 0) return;
  process.stderr.write(sanitize(notes.map((n) => (n.startsWith('note: ') ? n : `note: ${n}`)).join('\n') + '\n'));
}

/** One line (or a few) on stderr as given, made safe: warnings and progress. */
export function printStderr(text: string): void {
  process.stderr.write(sanitize(text));
}

/** What a failed write to stdout or stderr says, in one line (`ENOSPC` → "no space left on device"). */
export function outputErrorText(e: NodeJS.ErrnoException): string {
  const why: Record<string, string> = { ENOSPC: 'no space left on device', EIO: 'input/output error', EBADF: 'the output is closed', EROFS: 'read-only file system', EDQUOT: 'disk quota exceeded', EFBIG: 'file too large' };
  return `cannot write the output: ${why[e.code ?? ''] ?? e.message}${e.code && why[e.code] ? ` (${e.code})` : ''}`;
}

/**
 * Output errors end the run: a closed pipe (`asrel … | head`) silently with exit 0, any
 * other (a full disk under `> file`, an I/O error) with one line and exit 1.
 */
export function handleOutputErrors(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    try {
      process.stderr.write(`asrel: ${outputErrorText(e)}\n`);
    } finally {
      process.exit(1);
    }
  });
  // A broken stderr cannot carry a message, and the answer on stdout may be fine: ignored.
  process.stderr.on('error', () => {});
}
