/*
 * Text that came from outside (a whois server's F message or %ERROR line, registry text, a
 * key echoed back, a garbage line) must not drive the user's terminal: an ESC sequence can
 * recolour, move the cursor, rewrite the window title (OSC), plant a hyperlink (OSC 8) or
 * hide lines, and bidi overrides can make text read differently from what it is.
 *
 * sanitize() keeps the text readable and drops only what a terminal would interpret:
 *  - ESC sequences whole, not just the ESC byte: CSI (`ESC [ … final`), OSC/DCS/SOS/PM/APC
 *    strings (`ESC ] … BEL|ESC \`; unterminated: up to the end of the line), and the short
 *    two- and three-byte escapes (`ESC 7`, `ESC ( B`, …); the same for their one-character
 *    C1 forms (U+009B CSI, U+009D OSC, U+0090 DCS, U+0098 SOS, U+009E PM, U+009F APC);
 *  - every other C0 control (U+0000–U+001F) except `\n` and `\t`, DEL, and C1 (U+0080–U+009F);
 *    `\r\n` becomes `\n` and a lone `\r` (which would overwrite the line) is dropped;
 *  - the bidi embedding/override/isolate characters U+202A–U+202E and U+2066–U+2069.
 * It is idempotent: sanitize(sanitize(x)) === sanitize(x).
 */

/* eslint-disable no-control-regex */

// A string sequence: introducer, body, then BEL, ST (ESC \) or C1 ST (U+009C); unterminated, up to the end of the line.
const STRING_SEQ = /(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?/g;
// CSI: ESC [ or U+009B, parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one final byte 0x40–0x7E.
const CSI_SEQ = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?/g;
// Other escapes: ESC, intermediate bytes, one final byte (ESC 7, ESC c, ESC ( B, ESC # 8, …).
const ESC_SEQ = /\x1b[\x20-\x2f]*[\x30-\x7e]?/g;
// Whatever control is left (not \t, \n), C1, and the bidi controls.
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without terminal control sequences, control characters or bidi overrides; keeps `\n` and `\t`. */
export function sanitize(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(STRING_SEQ, '').replace(CSI_SEQ, '').replace(ESC_SEQ, '').replace(CONTROLS, '');
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
