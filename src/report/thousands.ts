/**
 * An integer with thousands separators, as `toLocaleString('en-US')` writes it (1234567 →
 * "1,234,567"), without ICU: the first locale-aware call loads its number formatting, about
 * 20 ms that a question printing one count would pay at start-up.
 */
export function thousands(x: number): string {
  if (!Number.isInteger(x)) return x.toLocaleString('en-US');
  const s = String(Math.abs(x));
  let out = '';
  for (let i = s.length; i > 0; i -= 3) out = s.slice(Math.max(0, i - 3), i) + (out ? `,${out}` : '');
  return x < 0 ? `-${out}` : out;
}
