// What the data options set or check in the stages before any data is read: the reader's
// longest line and the as-set expansion limits (for the whole run), and the form of a
// `--server` value. The options themselves are the CLI's (src/cli/options.ts).
export { setDefaultMaxLine } from '../rpsl/text-input.js';
export { setExpandLimits } from '../infer/expand.js';
export { parseServer } from '../irr/server.js';
