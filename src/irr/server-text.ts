/*
 * Server text (an F message, a %ERROR line, a key echoed back) quoted in the wire clients'
 * errors, made safe for a terminal: each control character other than TAB and LF, DEL, each
 * C1 control, each format character (Unicode Cf: bidi controls, zero-width characters, BOM)
 * and the line/paragraph separators are shown as escapes (`\x1b`, `\u202e`) instead of acting. The wire keeps its own copy so that it depends on no
 * stage above it; src/report/sanitize.ts is the same rule for answers, and
 * test/irr/server-text.test.ts holds the two to the same output.
 */

/* eslint-disable no-control-regex */

// Every character a terminal would act on, but \t and \n.
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}]/gu;
// The same with \t and \n, for one-line quotes.
const CONTROLS_AND_BREAKS = /[\x00-\x1f\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The visible form of one control character: `\x1b`, `\u202e`, `\u{e0041}` (and `\n`, `\r`, `\t`). */
function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.codePointAt(0)!;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
}

/** Every control character visible, line breaks and tabs too, cut at `max` characters with `…`: a query or name inside a message. */
export function printable(s: string, max = 120): string {
  const shown = s.replace(CONTROLS_AND_BREAKS, escapeChar);
  return shown.length > max ? `${shown.slice(0, max)}…` : shown;
}

/**
 * Server text on one line: controls shown as escapes (`\r\n` read as `\n`), each line break
 * (with the blanks around it) and each tab one space, the ends trimmed, and text longer than
 * `max` characters cut with `…`.
 */
export function sanitizeLine(text: string, max = 300): string {
  CONTROLS.lastIndex = 0;
  const safe = CONTROLS.test(text) ? text.replace(/\r\n/g, '\n').replace(CONTROLS, escapeChar) : text;
  const one = safe.replace(/[\t ]*\n[\t \n]*/g, ' ').replace(/\t/g, ' ').trim();
  if (one.length <= max) return one;
  let cut = one.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1); // do not split a surrogate pair
  return `${cut}…`;
}
