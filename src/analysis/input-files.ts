// How the readers name standard input and report an input they cannot read, for the commands
// that read files (import, parse) and word those failures for the user.
export { isStdin } from '../rpsl/open-input.js';
import { shellWord } from '../report/shell-word.js';

export { InputError, ioReason, NotTextError } from '../rpsl/read.js';

/**
 * `2 reader problems (lines not read as attributes, or objects skipped: asrel parse --stats FILE
 * lists them)`: the count alone left a user with no way to see what they were.
 */
export function readerProblemsText(n: number, file: string): string {
  // Standard input and URLs are not there to be read again: the user names the file.
  const shown = file === '-' || file === '/dev/stdin' || /^https?:\/\//i.test(file) ? 'FILE' : shellWord(file);
  return `${n} reader problem${n === 1 ? '' : 's'} (lines not read as attributes, or objects skipped: asrel parse --stats ${shown} lists them)`;
}
