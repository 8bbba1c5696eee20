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
const FIXED = new Map<number, [string, TokenType][]>();
for (const [kw, t] of [
  ...[T.From, T.To, T.Accept, T.Announce, T.Action, T.At, T.Afi, T.Protocol, T.Into, T.Networks, T.Except, T.Refine, T.And, T.Or, T.Not, T.Any]
    .map((t) => [t.name.toLowerCase(), t] as const),
  ['as-any', T.AsAny], ['rs-any', T.RsAny], ['peeras', T.PeerAs],
] as const) {
  const c = kw.charCodeAt(0);
  if (!FIXED.has(c)) FIXED.set(c, []);
  FIXED.get(c)!.push([kw, t]);
}

/** Chevrotain's own patterns, sticky: a match at `i` is exactly what its lexer would take. */
const sticky = (t: TokenType) => new RegExp((t.PATTERN as RegExp).source, `${(t.PATTERN as RegExp).flags}y`);
const AFI = sticky(T.AfiValue);
const SETS: [RegExp, TokenType][] = [T.AsSetName, T.RouteSetName, T.FilterSetName, T.PeeringSetName, T.RtrsSetName].map((t) => [sticky(t), t]);
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

function isNameChar(c: number): boolean {
  // [\w.:-]
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 58 || c === 45;
}
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
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

/** [length, type] of the token at `i` (not whitespace), or undefined. */
function match(text: string, i: number): [number, TokenType] | undefined {
  const c = text.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) {
    let e = i + 1;
    let dash = false;
    let colon = -1;
    for (; e < text.length; e++) {
      const d = text.charCodeAt(e);
      if (!isNameChar(d)) break;
      if (d === 45) dash = true;
      else if (d === 58 && colon < 0) colon = e;
    }
    if (c !== 95) {
      const lower = c | 0x20;
      // Same order as allTokens: Asn, keywords, AfiValue, AS-ANY/RS-ANY/PeerAS, set names.
      if (lower === 97 && isAsn(text, i, e)) return [e - i, T.Asn];
      const fixed = FIXED.get(lower);
      if (fixed) {
        for (const [w, t] of fixed) if (t !== T.AsAny && t !== T.RsAny && t !== T.PeerAs && equalsIgnoringCase(text, i, e, w)) return [e - i, t];
      }
      if (lower === 105 || lower === 97) {
        AFI.lastIndex = i;
        if (AFI.test(text)) return [AFI.lastIndex - i, T.AfiValue];
      }
      if (fixed) {
        for (const [w, t] of fixed) if ((t === T.AsAny || t === T.RsAny || t === T.PeerAs) && equalsIgnoringCase(text, i, e, w)) return [e - i, t];
      }
      // Every set name has a '-' (its `prefix-` component).
      if (dash) {
        for (const [re, t] of SETS) {
          re.lastIndex = i;
          if (re.test(text)) return [re.lastIndex - i, t];
        }
      }
      // An IPv6 address needs a ':' within its first five characters.
      if (colon >= 0 && colon - i <= 4 && ((c >= 65 && c <= 70) || (c >= 97 && c <= 102))) {
        const v6 = v6At(text, i);
        if (v6) return v6;
      }
    }
    // Word: up to the last \w of the run.
    let w = e;
    while (!isWordChar(text.charCodeAt(w - 1))) w--;
    return [w - i, T.Word];
  }
  if (c >= 48 && c <= 57) {
    const v6 = v6At(text, i);
    if (v6) return v6;
    for (const [re, t] of [[V4P, T.Ipv4Prefix], [V4A, T.Ipv4Address], [COMM, T.CommunityValue], [NUM, T.Num]] as const) {
      re.lastIndex = i;
      if (re.test(text)) return [re.lastIndex - i, t];
    }
    return undefined;
  }
  const n = text.charCodeAt(i + 1);
  switch (c) {
    case 123: return [1, T.LCurly];
    case 125: return [1, T.RCurly];
    case 40: return [1, T.LParen];
    case 41: return [1, T.RParen];
    case 59: return [1, T.Semi];
    case 44: return [1, T.Comma];
    case 58: return v6At(text, i); // '::1'
    case 60: { // <
      REGEX.lastIndex = i;
      if (REGEX.test(text)) return [REGEX.lastIndex - i, T.AsPathRegex];
      if (n === 60 && text.charCodeAt(i + 2) === 61) return [3, SHL];
      return n === 61 ? [2, LE] : [1, LT];
    }
    case 62: // >
      if (n === 62 && text.charCodeAt(i + 2) === 61) return [3, SHR];
      return n === 61 ? [2, GE] : [1, GT];
    case 94: // ^
      RANGE.lastIndex = i;
      return RANGE.test(text) ? [RANGE.lastIndex - i, T.RangeOp] : undefined;
    case 46: return n === 61 ? [2, DOT] : undefined;
    case 43: return n === 61 ? [2, ADD] : undefined;
    case 45: return n === 61 ? [2, SUB] : undefined;
    case 42: return n === 61 ? [2, MUL] : undefined;
    case 47: return n === 61 ? [2, DIV] : undefined;
    case 33: return n === 61 ? [2, NE] : undefined;
    case 61: return n === 61 ? [2, EQEQ] : [1, ASSIGN];
  }
  return undefined;
}

function v6At(text: string, i: number): [number, TokenType] | undefined {
  V6P.lastIndex = i;
  if (V6P.test(text)) return [V6P.lastIndex - i, T.Ipv6Prefix];
  V6A.lastIndex = i;
  if (V6A.test(text)) return [V6A.lastIndex - i, T.Ipv6Address];
  return undefined;
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
    const m = match(text, i);
    if (!m) {
      // Chevrotain's resynchronisation: the next offset where any pattern matches.
      let j = i + 1;
      while (j < len && !isSpace(text.charCodeAt(j)) && !match(text, j)) j++;
      return { tokens, error: { offset: i, length: j - i } };
    }
    const [n, tokenType] = m;
    tokens.push({ image: text.slice(i, i + n), startOffset: i, tokenTypeIdx: tokenType.tokenTypeIdx!, tokenType } as IToken);
    i += n;
  }
  return { tokens };
}
