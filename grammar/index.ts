/**
 * The policy grammar's entry points: text of one policy attribute → typed AST + problems.
 * Offsets in problems are into the given value; src/policy/parse.ts maps them to lines.
 */
import type { IToken } from 'chevrotain';
import { dropUnreadableActions } from './actions.js';
import { fastParse } from './fast/index.js';
import type { PolicyAst, PolicyAttributeName } from './ast.js';
import { PolicyParser } from './parser.js';
import type { Problem } from './problems.js';
import { MAX_PROBLEMS, NestingTooDeep, quote } from './problems.js';
import { setTypesOf } from './names.js';
import { scanPolicy } from './scan.js';
import { Any, Word } from './tokens.js';

export type * from './ast.js';
export type { Problem } from './problems.js';
export { MAX_NESTING, MAX_PROBLEMS } from './problems.js';
export { printPolicy, printFilter, printAsPathRegex } from './print.js';
export { policyLexer } from './tokens.js';
export { PolicyParser } from './parser.js';

export interface PolicyParseResult {
  /** Absent when any problem is an error: a broken attribute is not half-used downstream. */
  ast?: PolicyAst;
  problems: Problem[];
  /** The REFINE afi scopes intersect to no family: as written the attribute yields nothing (grammar/scopes.ts). */
  emptyScope?: true;
}

let parser: PolicyParser | undefined;

/** The shared parser, built on first use (grammar analysis costs tens of milliseconds). */
export function policyParser(): PolicyParser {
  parser ??= new PolicyParser(false);
  return parser;
}

const AFI_GLUED = /^((?:ipv4|ipv6|any)(?:\.(?:unicast|multicast))?)(from|to|accept|announce|afi|except|refine)$/i;

/** Keywords a misspelt word after a peering may have meant (it is read as a router name). */
const AFTER_PEERING = ['accept', 'announce', 'action', 'at', 'from', 'to', 'except', 'refine', 'networks', 'and', 'or'];

/** Levenshtein distance of two short words, up to 3 (enough to spot a typo). */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length];
}

/**
 * A parse error at `tok` caused by a hierarchical name mixing set types, at it or just
 * before it (a word in a filter is read as the start of `community(…)`, which fails after
 * it): that name, for an error that says what is wrong with it.
 */
function mixedTypes(tok: IToken | undefined, before: IToken | undefined): IToken | undefined {
  return [tok, before].find((t) => t?.tokenType === Word && setTypesOf(t.image).length > 1);
}

/**
 * Extra words for a parse error at `tok` (`before` is the token before it): the usual
 * real-data slips, named.
 */
function hint(tok: IToken | undefined, message: string, before: IToken | undefined): string {
  if (tok?.tokenType === Any && message.includes("'AS-ANY'")) return " (a peering names ASes: write 'AS-ANY' for any AS)";
  // A single-label word after a peering is a router name (RFC 2622 §9): a misspelt keyword
  // is read so, and the error shows only at the token after it.
  if (before?.tokenType === Word && !/[.:]/.test(before.image)) {
    const w = before.image.toLowerCase();
    const meant = AFTER_PEERING.find((k) => k.length > 2 && distance(w, k) <= 2);
    if (meant) return ` (${quote(before.image)} was read as a router name: is it a misspelt '${meant}'?)`;
  }
  if (!tok || tok.tokenType !== Word) return '';
  const glued = AFI_GLUED.exec(tok.image);
  if (glued) return ` (a space is missing between '${glued[1]}' and '${glued[2]}')`;
  if (tok.image.includes(':')) {
    return ' (a hierarchical set name needs a component with a set prefix: AS-, RS-, FLTR-, PRNG- or RTRS-)';
  }
  return '';
}

/**
 * Parses the value of one policy attribute. Never throws. `at`, when given, is where the
 * value lies verbatim in the line it was read from (a larger text: see RpslAttribute.offset);
 * it is then scanned in place, which is quicker than scanning the value, a slice of it.
 */
export function parsePolicyValue(attribute: PolicyAttributeName, value: string, at?: { text: string; offset: number }): PolicyParseResult {
  // Most values parse without a problem: the fast parser builds their AST; it leaves any
  // other value to the Chevrotain parser, which says what is wrong.
  const fast = at ? fastParse(attribute, at.text, at.offset, at.offset + value.length) : fastParse(attribute, value);
  return fast ? { ast: fast, problems: [] } : parseWithChevrotain(attribute, value);
}

/**
 * The grammar of record: the value lexed, unreadable actions dropped (actions.ts), then
 * parsed by the Chevrotain parser (parser.ts). Never throws.
 */
export function parseWithChevrotain(attribute: PolicyAttributeName, value: string): PolicyParseResult {
  // A value cut from a large text (the reader slices lines out of whole chunks) is a V8
  // "sliced string"; the scanner's regexes ran markedly slower on those than on a string
  // of its own (AS3257: ≈25 %, before the fast parser took the common case).
  const text = value.length > 12 ? (` ${value}`).slice(1) : value;
  try {
    const lexed = scanPolicy(text);
    if (lexed.error) {
      const e = lexed.error;
      const bad = text.slice(e.offset, e.offset + Math.max(1, e.length));
      return { problems: [{ offset: e.offset, severity: 'error', message: `unexpected character${bad.length > 1 ? 's' : ''} ${quote(bad)}` }] };
    }
    const early: Problem[] = [];
    const tokens = dropUnreadableActions(lexed.tokens, text, early);
    const p = policyParser();
    p.begin(attribute, text, tokens);
    const isDefault = attribute === 'default' || attribute === 'mp-default';
    let result;
    try {
      result = isDefault ? p.defaultPolicy() : p.policy();
    } catch (e) {
      if (!(e instanceof NestingTooDeep)) throw e;
      return { problems: [...early, ...p.problems].slice(0, MAX_PROBLEMS - 1).concat({ offset: e.offset, severity: 'error', message: e.message }) };
    }
    const problems = early.length ? [...early.slice(0, MAX_PROBLEMS), ...p.problems].sort((a, b) => a.offset - b.offset) : p.problems;
    const { errors, warnings, firstOffset } = p.suppressed;
    if (errors + warnings) {
      const kinds = [errors ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
      problems.push({ offset: firstOffset, severity: errors ? 'error' : 'warning', message: `${kinds} more in this value, not listed (the first ${MAX_PROBLEMS} are)` });
    }
    // Chevrotain's `errors` getter clones the array: read it once.
    const errs = p.errors;
    if (errs.length) {
      const e = errs[0];
      const offset = Number.isNaN(e.token.startOffset) ? text.length : e.token.startOffset;
      const at = tokens.indexOf(e.token);
      const before = at > 0 ? tokens[at - 1] : at < 0 ? tokens[tokens.length - 1] : undefined;
      const mixed = mixedTypes(e.token, before);
      problems.unshift(mixed
        ? { offset: mixed.startOffset, severity: 'error', message: `${quote(mixed.image)} mixes set types ${setTypesOf(mixed.image).join(', ')}: all set components of a hierarchical name must be of one type (RFC 2622 §5)` }
        : { offset, severity: 'error', message: e.message + hint(e.token, e.message, before) });
    }
    if (errs.length || problems.some((x) => x.severity === 'error') || !result) return { problems };
    const ast: PolicyAst = { attribute, body: result.body };
    const h = result.header;
    if (h.protocol) ast.protocol = h.protocol;
    if (h.into) ast.into = h.into;
    if (h.afis) ast.afis = h.afis;
    return p.emptyScope ? { ast, problems, emptyScope: true } : { ast, problems };
  } catch (e) {
    // Stack exhaustion (should not happen: nesting is capped at MAX_NESTING), or a bug:
    // reported, never thrown.
    const why = e instanceof RangeError ? 'the value is nested too deeply' : `internal parser error: ${e instanceof Error ? e.message : String(e)}`;
    return { problems: [{ offset: 0, severity: 'error', message: why }] };
  }
}
