// Build-time stand-in for the `string-width` package in the CLI bundle (scripts/build.mjs).
// yargs lays out help text with it on every command run (it caches the command's help),
// and the real package's grapheme segmentation and Unicode-property regexes cost ≈40 ms
// of start-up. asrel's help text is plain: this counts terminal columns per code point
// (combining marks 0, East Asian wide and emoji 2, others 1) after removing ANSI escapes.
const ANSI = /[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-nq-uy=><~]))/g;
const MARK = /\p{M}/u;

function wide(c) {
  return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) || (c >= 0xac00 && c <= 0xd7a3)
    || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6)
    || (c >= 0x1f300 && c <= 0x1f64f) || (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd);
}

export default function stringWidth(input, options = {}) {
  if (typeof input !== 'string' || input.length === 0) return 0;
  const s = options.countAnsiEscapeCodes ? input : input.replace(ANSI, '');
  let width = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c === 0x200b || c === 0x200d || c === 0xfe0f) continue;
    if (c < 0x300) { width++; continue; }
    if (MARK.test(ch)) continue;
    width += wide(c) ? 2 : 1;
  }
  return width;
}
