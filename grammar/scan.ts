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

const KEYWORDS = new Map<string, TokenType>(
  [T.From, T.To, T.Accept, T.Announce, T.Action, T.At, T.Afi, T.Protocol, T.Into, T.Networks, T.Except, T.Refine, T.And, T.Or, T.Not, T.Any]
    .map((t) => [t.name.toUpperCase(), t]),
);

const full = (t: TokenType) => new RegExp(`^(?:${(t.PATTERN as RegExp).source.replace('(?![\\w.:-])', '')})$`, 'i');
const ASN = full(T.Asn);
const AFI = full(T.AfiValue);
const SETS: [RegExp, TokenType][] = [T.AsSetName, T.RouteSetName, T.FilterSetName, T.PeeringSetName, T.RtrsSetName].map((t) => [full(t), t]);
const sticky = (t: TokenType) => new RegExp((t.PATTERN as RegExp).source, `${(t.PATTERN as RegExp).flags}y`);
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

/** [length, type] of the token at `i` (not whitespace), or undefined. */
function match(text: string, i: number): [number, TokenType] | undefined {
  const c = text.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95) {
    let e = i + 1;
    while (e < text.length && isNameChar(text.charCodeAt(e))) e++;
    const run = text.slice(i, e);
    if (c !== 95) {
      const up = run.toUpperCase();
      if (ASN.test(run)) return [run.length, T.Asn];
      const kw = KEYWORDS.get(up);
      if (kw) return [run.length, kw];
      if (AFI.test(run)) return [run.length, T.AfiValue];
      if (up === 'AS-ANY') return [run.length, T.AsAny];
      if (up === 'RS-ANY') return [run.length, T.RsAny];
      if (up === 'PEERAS') return [run.length, T.PeerAs];
      for (const [re, t] of SETS) if (re.test(run)) return [run.length, t];
      if ((c >= 65 && c <= 70) || (c >= 97 && c <= 102)) {
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
