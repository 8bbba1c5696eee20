// How the readers name standard input and report an input they cannot read, for the commands
// that read files (import, parse) and word those failures for the user.
export { isStdin } from '../rpsl/open-input.js';
export { InputError, NotTextError } from '../rpsl/read.js';
