/*
 * Text that came from outside (a whois server's F message or %ERROR line, registry text, a
 * key echoed back, a garbage line, a file name) must not drive the user's terminal: an ESC
 * sequence can recolour, move the cursor, rewrite the window title (OSC), plant a hyperlink
 * (OSC 8) or hide lines, and bidi overrides can make text read differently from what it is.
 *
 * Invisible characters can hide or fake text too: a zero-width space inside `AS1299`, a line
 * separator (U+2028) that some terminals break on, a byte-order mark, tag characters.
 *
 * sanitize() keeps the text readable and makes every such character visible instead of
 * acting on it: each C0 control other than TAB and LF, DEL, each C1 control (U+0080–U+009F)
 * becomes `\xNN`, and each format character (Unicode category Cf: the bidi embeddings,
 * overrides, isolates and marks, zero-width space/joiners, word joiner, BOM, soft hyphen, tag
 * characters) and the line and paragraph separators (Zl, Zp: U+2028, U+2029) become `\uNNNN`
 * (`\xad` for the soft hyphen, `\u{e0041}` past U+FFFF); `\r\n` becomes `\n`. Letters and
 * marks of any script (accents, CJK) are left alone. With no ESC byte left a terminal sees no
 * sequence: `ESC [ 2 J` prints as the text `\x1b[2J`. It is idempotent.
 *
 * JSON keeps the original text: jsonSafe() writes the same characters as JSON `\u` escapes
 * (JSON.stringify already escapes C0), so a parser reads back exactly what was sent.
 */

/* eslint-disable no-control-regex */

// Every character a terminal would act on or that shows nothing, but \t and \n (whole code points: `u`).
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}]/gu;
// The same with \t and \n, for one-line quotes.
const CONTROLS_AND_BREAKS = /[\x00-\x1f\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}]/gu;
// In JSON text C0 is escaped already; DEL, C1, the format characters and the separators are not.
const JSON_UNESCAPED = /[\x7f-\x9f\p{Cf}\p{Zl}\p{Zp}]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The visible form of one control character: `\x1b`, `\u202e`, `\u{e0041}` (and `\n`, `\r`, `\t`). */
function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.codePointAt(0)!;
  if (code <= 0xff) return `\\x${code.toString(16).padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\u{${code.toString(16)}}`;
}

/** `text` with each terminal control character shown as an escape (`\x1b`, `\u202e`); keeps `\n` and `\t`. */
export function sanitize(text: string): string {
  // A quick test first: almost all text has nothing to replace.
  CONTROLS.lastIndex = 0;
  if (!CONTROLS.test(text)) return text;
  return text.replace(/\r\n/g, '\n').replace(CONTROLS, escapeChar);
}

/**
 * Every control character visible, line breaks and tabs too (`\n`, `\t`), cut at `max`
 * characters with `…`: for echoing a name or a query the user typed inside a message.
 */
export function printable(s: string, max = 120): string {
  const shown = s.replace(CONTROLS_AND_BREAKS, escapeChar);
  return shown.length > max ? `${shown.slice(0, max)}…` : shown;
}

/**
 * sanitize() on one line: each line break (with the blanks around it) and each tab becomes one space, the ends are trimmed, and
 * text longer than `max` characters is cut with `…`. For quoting a server's F message, a
 * %ERROR line or a key inside an error message.
 */
export function sanitizeLine(text: string, max = 300): string {
  const one = sanitize(text).replace(/[\t ]*\n[\t \n]*/g, ' ').replace(/\t/g, ' ').trim();
  if (one.length <= max) return one;
  let cut = one.slice(0, max);
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1); // do not split a surrogate pair
  return `${cut}…`;
}

/** JSON text (from JSON.stringify) with DEL, C1, format characters and separators written as `\u` escapes (a surrogate pair past U+FFFF): the same value, nothing raw. */
export function jsonSafe(json: string): string {
  JSON_UNESCAPED.lastIndex = 0;
  if (!JSON_UNESCAPED.test(json)) return json;
  // Per UTF-16 unit: a character past U+FFFF becomes its surrogate pair, as JSON writes it.
  return json.replace(JSON_UNESCAPED, (c) => c.split('').map((u) => `\\u${u.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''));
}
