// The parser lives with the analysis, which the web server shares with the CLI.
export { asnArg, reservedAsnReason } from '../analysis/asn.js';
