/**
 * The CLI's two channels: results on stdout, notes on stderr (each as `note: …`, none with
 * --quiet). Registry text reaches both, and anyone can publish an object: control, escape
 * and bidi characters are removed from everything printed.
 */
import { sanitize } from '../report/sanitize.js';

export function printResult(text: string): void {
  process.stdout.write(sanitize(text));
}

export function printNotes(notes: readonly string[], quiet = false): void {
  if (quiet || notes.length === 0) return;
  process.stderr.write(sanitize(notes.map((n) => (n.startsWith('note: ') ? n : `note: ${n}`)).join('\n') + '\n'));
}
