/**
 * Is this input text? RPSL files, dumps and whois answers are (mostly ASCII, sometimes
 * UTF-8 or Latin-1 in free-text attributes); an executable, an image or a compressed
 * file other than gzip is not, and reading it as RPSL only yields thousands of
 * meaningless errors. Look at the first block of the (decompressed) data.
 */

/** How much of the start of an input `textProblem` needs. */
export const TEXT_CHECK_BYTES = 64 * 1024;

/**
 * Why `head` (the first bytes of an input, ideally TEXT_CHECK_BYTES) is not text, or
 * undefined when it looks like text. Not text: a NUL byte, or more than 30 % of the bytes
 * being control characters (other than tab, line feeds, form feed, escape) or parts of
 * invalid UTF-8 sequences. Latin-1 accents in free text stay well below that.
 */
export function textProblem(head: Uint8Array): string | undefined {
  const n = Math.min(head.length, TEXT_CHECK_BYTES);
  if (n === 0) return undefined;
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i];
    if (b === 0) return 'it contains NUL bytes (a binary file?)';
    if (b < 0x20) {
      if (b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 11 && b !== 27) bad++;
      continue;
    }
    if (b < 0x80) continue;
    // A UTF-8 sequence: lead byte, then 1–3 continuation bytes.
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0;
    for (let k = 1; ok && k < len; k++) {
      if (i + k >= n) break; // cut by the end of the block: benefit of the doubt
      if ((head[i + k] & 0xc0) !== 0x80) ok = false;
    }
    if (ok) i += len - 1;
    else bad++;
  }
  if (bad * 10 > n * 3) return 'it does not look like text (mostly control characters or invalid UTF-8)';
  return undefined;
}
