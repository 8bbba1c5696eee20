/**
 * A hand-written scanner producing exactly the tokens of the Chevrotain lexer in tokens.ts
 * (same token types, images and offsets; the same first error), several times faster: it
 * reads a run of name characters once and classifies it, instead of trying each pattern in
 * turn. tokens.ts stays the definition; test/grammar/lexer.test.ts checks that the two agree
 * on every real policy value and on random input.
 *
 * Chevrotain takes the first pattern in `allTokens` order that matches. Name-like tokens end
 * with `END` (no name character follows), so at a letter they can only match the whole run
 * of name characters `[\w.:-]*`; the IPv6 patterns (which may start with a hex letter) and
 * `Word` (which stops at the last `\w`) are the exceptions and are tried in their place.
 */
import type { IToken, TokenType } from 'chevrotain';
import * as T from './tokens.js';

export interface ScanResult {
  tokens: IToken[];
  /** The first unexpected characters, as Chevrotain reports them. */
  error?: { offset: number; length: number };
}

/** Keywords (and the fixed names) by lower-cased first letter: [lower-case text, type]. */
const KEYWORD_WORDS: string[][] = [];
const KEYWORD_TYPES: TokenType[][] = [];
const NAME_WORDS: string[][] = [];
const NAME_TYPES: TokenType[][] = [];
for (let c = 0; c < 128; c++) {
  KEYWORD_WORDS.push([]);
  KEYWORD_TYPES.push([]);
  NAME_WORDS.push([]);
  NAME_TYPES.push([]);
}
for (const t of [T.From, T.To, T.Accept, T.Announce, T.Action, T.At, T.Afi, T.Protocol, T.Into, T.Networks, T.Except, T.Refine, T.And, T.Or, T.Not, T.Any]) {
  const w = t.name.toLowerCase();
  KEYWORD_WORDS[w.charCodeAt(0)].push(w);
  KEYWORD_TYPES[w.charCodeAt(0)].push(t);
}
for (const [w, t] of [['as-any', T.AsAny], ['rs-any', T.RsAny], ['peeras', T.PeerAs]] as const) {
  NAME_WORDS[w.charCodeAt(0)].push(w);
  NAME_TYPES[w.charCodeAt(0)].push(t);
}

/** Chevrotain's own patterns, sticky: a match at `i` is exactly what its lexer would take. */
const sticky = (t: TokenType) => new RegExp((t.PATTERN as RegExp).source, `${(t.PATTERN as RegExp).flags}y`);
const AFI = sticky(T.AfiValue);
const SET_TYPES = [T.AsSetName, T.RouteSetName, T.FilterSetName, T.PeeringSetName, T.RtrsSetName];
const SET_RES = SET_TYPES.map(sticky);
/**
 * The type of the last `match` (rather than returning [length, type] pairs allocated per
 * token); exported live for the fast parser's cursor (fast/cursor.ts).
 */
export let matched: TokenType = T.Word;

const V6P = sticky(T.Ipv6Prefix);
const V6A = sticky(T.Ipv6Address);
const V4P = sticky(T.Ipv4Prefix);
const V4A = sticky(T.Ipv4Address);
const COMM = sticky(T.CommunityValue);
const NUM = sticky(T.Num);
const RANGE = sticky(T.RangeOp);
const REGEX = sticky(T.AsPathRegex);

const byName = new Map(T.allTokens.map((t) => [t.name, t]));
const op = (name: string) => byName.get(name)!;
const [SHL, SHR, DOT, ADD, SUB, MUL, DIV, EQEQ, NE, LE, GE, LT, GT, ASSIGN] =
  ['ShlAssign', 'ShrAssign', 'DotAssign', 'AddAssign', 'SubAssign', 'MulAssign', 'DivAssign', 'EqEq', 'NotEq', 'Le', 'Ge', 'Lt', 'Gt', 'Assign'].map(op);

// Character classes of ASCII by table: one load per character rather than a chain of
// comparisons (AS3257's values: ≈8 % faster in all).
const WORD = 1; // \w
const NAME = 2; // [\w.:-]
const SPACE = 4; // [ \t\r\n\f\v]
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/\w/.test(ch)) CLASS[c] |= WORD | NAME;
  if (/[.:-]/.test(ch)) CLASS[c] |= NAME;
  if (/[ \t\r\n\f\v]/.test(ch)) CLASS[c] |= SPACE;
}

function isNameChar(c: number): boolean {
  return c < 128 && (CLASS[c] & NAME) !== 0;
}
function isWordChar(c: number): boolean {
  return c < 128 && (CLASS[c] & WORD) !== 0;
}
export function isSpace(c: number): boolean {
  return c < 128 && (CLASS[c] & SPACE) !== 0;
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** `text[i, e)` is `AS<digits>[.<digits>]` (case-insensitive): the Asn token. */
function isAsn(text: string, i: number, e: number): boolean {
  if ((text.charCodeAt(i + 1) | 0x20) !== 115 || !isDigit(text.charCodeAt(i + 2))) return false;
  let k = i + 3;
  while (k < e && isDigit(text.charCodeAt(k))) k++;
  if (k === e) return true;
  if (text.charCodeAt(k) !== 46 || k + 1 === e) return false;
  for (k++; k < e; k++) if (!isDigit(text.charCodeAt(k))) return false;
  return true;
}

/** `text[i, e)` equals lower-case `word`, ignoring case. */
function equalsIgnoringCase(text: string, i: number, e: number, word: string): boolean {
  if (e - i !== word.length) return false;
  for (let k = 0; k < word.length; k++) {
    const c = text.charCodeAt(i + k);
    if ((c >= 65 && c <= 90 ? c | 0x20 : c) !== word.charCodeAt(k)) return false;
  }
  return true;
}

/** Can an AfiValue start at `i` (`ipv…` or `any.…`)? Spares the pattern for other words. */
function mayBeAfi(text: string, i: number, lower: number): boolean {
  if (lower === 105) return (text.charCodeAt(i + 1) | 0x20) === 112; // ip
  return lower === 97 && (text.charCodeAt(i + 1) | 0x20) === 110 && (text.charCodeAt(i + 2) | 0x20) === 121 && text.charCodeAt(i + 3) === 46; // any.
}

const SET_PREFIXES = ['as-', 'rs-', 'fltr-', 'prng-', 'rtrs-'];

/**
 * The set type of the run `text[i, e)` holding no ':' and no '.', or null: the set-name
 * patterns then match only `prefix-[\w-]*\w` as the whole run (END stops any shorter match).
 */
function singleSetName(text: string, i: number, e: number): TokenType | null {
  if (!isWordChar(text.charCodeAt(e - 1))) return null;
  for (let k = 0; k < SET_PREFIXES.length; k++) {
    const p = SET_PREFIXES[k];
    if (e - i > p.length && equalsIgnoringCase(text, i, i + p.length, p)) return SET_TYPES[k];
  }
  return null;
}

function one(t: TokenType, len: number): number {
  matched = t;
  return len;
}

const DIGIT_RES = [V4P, V4A, COMM, NUM];
const DIGIT_TYPES = [T.Ipv4Prefix, T.Ipv4Address, T.CommunityValue, T.Num];

/** Length of the token at `i` (not whitespace), its type in `matched`; 0 when none matches. */
export function match(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) {
    // Most tokens are asplain AS numbers: read once, when the run of name characters is
    // `AS<digits>` and nothing more (anything else takes the general path below).
    if ((c | 0x20) === 97 && (text.charCodeAt(i + 1) | 0x20) === 115 && isDigit(text.charCodeAt(i + 2))) {
      let k = i + 3;
      while (isDigit(text.charCodeAt(k))) k++;
      if (!isNameChar(text.charCodeAt(k))) { matched = T.Asn; return k - i; }
    }
    let e = i + 1;
    let dash = false;
    let dot = false;
    let colon = -1;
    for (; e < text.length; e++) {
      const d = text.charCodeAt(e);
      if (!isNameChar(d)) break;
      if (d === 45) dash = true;
      else if (d === 46) dot = true;
      else if (d === 58 && colon < 0) colon = e;
    }
    if (c !== 95) {
      const lower = c | 0x20;
      // Same order as allTokens: Asn, keywords, AfiValue, AS-ANY/RS-ANY/PeerAS, set names.
      if (lower === 97 && isAsn(text, i, e)) { matched = T.Asn; return e - i; }
      const kws = KEYWORD_WORDS[lower];
      for (let k = 0; k < kws.length; k++) {
        if (equalsIgnoringCase(text, i, e, kws[k])) { matched = KEYWORD_TYPES[lower][k]; return e - i; }
      }
      if (mayBeAfi(text, i, lower)) {
        AFI.lastIndex = i;
        if (AFI.test(text)) { matched = T.AfiValue; return AFI.lastIndex - i; }
      }
      const names = NAME_WORDS[lower];
      for (let k = 0; k < names.length; k++) {
        if (equalsIgnoringCase(text, i, e, names[k])) { matched = NAME_TYPES[lower][k]; return e - i; }
      }
      // Every set name has a '-' (its `prefix-` component). A name of one component (no
      // ':', no '.') is told by its prefix alone, without the patterns.
      if (dash && colon < 0 && !dot) {
        const t = singleSetName(text, i, e);
        if (t) { matched = t; return e - i; }
      } else if (dash) {
        for (let k = 0; k < SET_RES.length; k++) {
          const re = SET_RES[k];
          re.lastIndex = i;
          if (re.test(text)) { matched = SET_TYPES[k]; return re.lastIndex - i; }
        }
      }
      // An IPv6 address needs a ':' within its first five characters.
      if (colon >= 0 && colon - i <= 4 && ((c >= 65 && c <= 70) || (c >= 97 && c <= 102))) {
        const n = v6At(text, i);
        if (n) return n;
      }
    }
    // Word: up to the last \w of the run.
    let w = e;
    while (!isWordChar(text.charCodeAt(w - 1))) w--;
    matched = T.Word;
    return w - i;
  }
  if (c >= 48 && c <= 57) {
    const n = v6At(text, i);
    if (n) return n;
    for (let k = 0; k < DIGIT_RES.length; k++) {
      const re = DIGIT_RES[k];
      re.lastIndex = i;
      if (re.test(text)) { matched = DIGIT_TYPES[k]; return re.lastIndex - i; }
    }
    return 0;
  }
  const n = text.charCodeAt(i + 1);
  switch (c) {
    case 123: return one(T.LCurly, 1);
    case 125: return one(T.RCurly, 1);
    case 40: return one(T.LParen, 1);
    case 41: return one(T.RParen, 1);
    case 59: return one(T.Semi, 1);
    case 44: return one(T.Comma, 1);
    case 58: return v6At(text, i); // '::1'
    case 60: { // <
      REGEX.lastIndex = i;
      if (REGEX.test(text)) return one(T.AsPathRegex, REGEX.lastIndex - i);
      if (n === 60 && text.charCodeAt(i + 2) === 61) return one(SHL, 3);
      return n === 61 ? one(LE, 2) : one(LT, 1);
    }
    case 62: // >
      if (n === 62 && text.charCodeAt(i + 2) === 61) return one(SHR, 3);
      return n === 61 ? one(GE, 2) : one(GT, 1);
    case 94: // ^
      RANGE.lastIndex = i;
      return RANGE.test(text) ? one(T.RangeOp, RANGE.lastIndex - i) : 0;
    case 46: return n === 61 ? one(DOT, 2) : 0;
    case 43: return n === 61 ? one(ADD, 2) : 0;
    case 45: // -
      if (n === 61) return one(SUB, 2);
      if (!isDigit(n)) return 0;
      NUM.lastIndex = i;
      NUM.test(text);
      return one(T.Num, NUM.lastIndex - i);
    case 42: return n === 61 ? one(MUL, 2) : 0;
    case 47: return n === 61 ? one(DIV, 2) : 0;
    case 33: return n === 61 ? one(NE, 2) : 0;
    case 61: return n === 61 ? one(EQEQ, 2) : one(ASSIGN, 1);
  }
  return 0;
}

function v6At(text: string, i: number): number {
  V6P.lastIndex = i;
  if (V6P.test(text)) { matched = T.Ipv6Prefix; return V6P.lastIndex - i; }
  V6A.lastIndex = i;
  if (V6A.test(text)) { matched = T.Ipv6Address; return V6A.lastIndex - i; }
  return 0;
}

/** Tokens of one policy value (whitespace skipped), up to the first unexpected character. */
export function scanPolicy(text: string): ScanResult {
  const tokens: IToken[] = [];
  const len = text.length;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const n = match(text, i);
    if (n === 0) {
      // Chevrotain's resynchronisation: the next offset where any pattern matches.
      let j = i + 1;
      while (j < len && !isSpace(text.charCodeAt(j)) && match(text, j) === 0) j++;
      return { tokens, error: { offset: i, length: j - i } };
    }
    const tokenType = matched;
    tokens.push({ image: text.slice(i, i + n), startOffset: i, tokenTypeIdx: tokenType.tokenTypeIdx!, tokenType } as IToken);
    i += n;
  }
  return { tokens };
}
