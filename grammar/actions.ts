/**
 * Actions asrel cannot read cost a warning, not the rule (issue 12). Before the parse, each
 * action of every `action …;` list is checked against the shapes the grammar reads
 * (`attr op value`, `attr.method(args)`, values being numbers, ASNs, words, community
 * values, addresses or `{…}` lists); an action of another shape is removed from the token
 * stream with a warning, and the rest of the rule is parsed as usual. Real example
 * (AS6774, RIPE): `from AS-ANY action community(6774:65231); accept …` — a method call
 * without a method.
 *
 * Inference never uses actions (they do not change who may send which routes), so
 * dropping one loses nothing it needs; the factor's `text` still quotes the source.
 */
import { tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import type { Problem } from './problems.js';
import { quote } from './problems.js';
import * as T from './tokens.js';

/** Tokens that end an action list (at nesting depth 0). */
const ENDS = new Set<TokenType>([T.From, T.To, T.Accept, T.Announce, T.Networks, T.Action, T.Except, T.Refine, T.At]);
const SCALARS = new Set<TokenType>([T.Num, T.Asn, T.Word, T.CommunityValue, T.Ipv4Address, T.Ipv6Address, T.AsSetName]);

/** Index after a value starting at `i` (scalar or `{ v, … }`), or -1. */
function value(ts: IToken[], i: number, end: number, depth = 0): number {
  if (i >= end) return -1;
  const t = ts[i].tokenType;
  if (SCALARS.has(t)) return i + 1;
  if (t !== T.LCurly || depth > 64) return -1;
  let j = i + 1;
  if (j < end && ts[j].tokenType === T.RCurly) return j + 1;
  for (;;) {
    j = value(ts, j, end, depth + 1);
    if (j < 0 || j >= end) return -1;
    if (ts[j].tokenType === T.RCurly) return j + 1;
    if (ts[j].tokenType !== T.Comma) return -1;
    j++;
  }
}

/** Does ts[s, e) read as one action? */
function readable(ts: IToken[], s: number, e: number): boolean {
  if (e - s < 2 || ts[s].tokenType !== T.Word) return false;
  const next = ts[s + 1];
  if (tokenMatcher(next, T.Operator)) return value(ts, s + 2, e) === e;
  if (next.tokenType !== T.LParen || !ts[s].image.includes('.')) return false;
  let j = s + 2;
  if (j < e && ts[j].tokenType === T.RParen) return j + 1 === e;
  for (;;) {
    j = value(ts, j, e);
    if (j < 0 || j >= e) return false;
    if (ts[j].tokenType === T.RParen) return j + 1 === e;
    if (ts[j].tokenType !== T.Comma) return false;
    j++;
  }
}

/**
 * Removes unreadable actions from `tokens` (with a warning each in `problems`); returns
 * `tokens` itself when there is nothing to remove.
 */
export function dropUnreadableActions(tokens: IToken[], text: string, problems: Problem[]): IToken[] {
  let drop: Uint8Array | undefined;
  for (let k = 0; k < tokens.length; k++) {
    if (tokens[k].tokenType !== T.Action) continue;
    let i = k + 1;
    let kept = 0;
    const dropped: number[] = [];
    while (i < tokens.length) {
      // One action: up to ';' or the end of the list, at depth 0.
      let j = i;
      let depth = 0;
      for (; j < tokens.length; j++) {
        const t = tokens[j].tokenType;
        if (t === T.LParen || t === T.LCurly) depth++;
        else if (t === T.RParen || t === T.RCurly) {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && (t === T.Semi || ENDS.has(t))) break;
      }
      if (j === i) break; // nothing (`;;`, or the list ended): left to the grammar
      const semi = j < tokens.length && tokens[j].tokenType === T.Semi;
      if (readable(tokens, i, j)) kept++;
      else {
        drop ??= new Uint8Array(tokens.length);
        for (let x = i; x < j; x++) drop[x] = 1;
        if (semi) drop[j] = 1;
        dropped.push(i);
        const last = tokens[j - 1];
        const written = text.slice(tokens[i].startOffset, last.startOffset + last.image.length);
        problems.push({ offset: tokens[i].startOffset, severity: 'warning', message: `action ${quote(written)} not understood; ignored (the rule is kept)` });
      }
      if (!semi) break;
      i = j + 1;
      // Another action starts with its attribute name; anything else ends the list (a
      // via-peering, `from`, `accept`, …).
      if (i >= tokens.length || tokens[i].tokenType !== T.Word) break;
    }
    // `action` with every action dropped: drop the keyword too (the grammar wants one).
    if (dropped.length && kept === 0) drop![k] = 1;
    k = i - 1;
  }
  return drop ? tokens.filter((_, x) => !drop![x]) : tokens;
}
