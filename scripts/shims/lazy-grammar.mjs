// Build-time stand-in for grammar/index.ts where src/policy/parse.ts imports it in the CLI
// bundle (scripts/build.mjs). The policy grammar is Chevrotain with lodash (≈430 KB bundled),
// and compiling and running that module costs ≈20 ms of every command's start-up, yet a
// question answered from a store's link table parses nothing. The grammar is built on its own
// as dist/grammar.cjs and required on the first parse: a synchronous load, as parsing is.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

let grammar;

/** grammar/index.ts's parsePolicyValue, loaded on first use. */
export function parsePolicyValue(...args) {
  if (!grammar) {
    // This module ends up in dist/ (an entry) or dist/chunks/ (a shared chunk).
    const at = import.meta.url.includes('/chunks/') ? '../grammar.cjs' : './grammar.cjs';
    grammar = createRequire(import.meta.url)(fileURLToPath(new URL(at, import.meta.url)));
  }
  return grammar.parsePolicyValue(...args);
}
