/**
 * Value checks and normalisation shared by the parser and the AS-path regex parser: AS
 * numbers (asplain/asdot, range), prefixes (canonical text), range operators.
 * Each returns the value or an error message; none throws.
 */
import { asnProblem, MAX_ASN, parseAsn } from './names.js';
import type { PrefixRange, RangeOperator } from './ast.js';

export type Checked<T> = { ok: true; value: T; warning?: string } | { ok: false; error: string };

/** `AS123` or asdot `AS4.603` (normalised, with a warning); out of range is an error. */
export function checkAsn(text: string): Checked<number> {
  // Fast path for asplain (nearly every ASN in real data): digits after the 2-letter prefix.
  let n = 0;
  let i = 2;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  if (i === text.length && i > 2 && i <= 12 && n <= MAX_ASN) return { ok: true, value: n };
  const p = parseAsn(text);
  if (!p) return { ok: false, error: asnProblem(text)! };
  if (p.asdot) return { ok: true, value: p.asn, warning: `asdot AS number ${text} read as AS${p.asn}` };
  return { ok: true, value: p.asn };
}

/** `192.0.2.0/24` → canonical text; octets and length checked. */
export function checkIpv4Prefix(text: string): Checked<PrefixRange> {
  const slash = text.indexOf('/');
  const parts = text.slice(0, slash).split('.');
  const len = Number(text.slice(slash + 1));
  const octets = parts.map(Number);
  if (octets.some((o) => o > 255)) return { ok: false, error: `${text} is not an IPv4 prefix (octet above 255)` };
  if (!(len <= 32)) return { ok: false, error: `${text}: IPv4 prefix length ${text.slice(slash + 1)} is above 32` };
  // Host bits set (`192.0.2.1/24`): lenient, as the data is sloppy; read as the network.
  let hostBits = false;
  for (let i = 0; i < 4; i++) {
    const keep = Math.max(0, Math.min(8, len - 8 * i));
    const masked = octets[i] & ((0xff00 >> keep) & 0xff);
    if (masked !== octets[i]) { hostBits = true; octets[i] = masked; }
  }
  const value: PrefixRange = { prefix: `${octets.join('.')}/${len}`, family: 'ipv4', length: len };
  return hostBits ? { ok: true, value, warning: hostBitsWarning(text, value.prefix) } : { ok: true, value };
}

/** Parses an IPv6 address into eight 16-bit groups, or undefined. */
export function ipv6Groups(addr: string): number[] | undefined {
  let s = addr;
  // An embedded IPv4 tail (`::ffff:192.0.2.1`) is two groups written in decimal.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (v4) {
    const o = v4.slice(1).map(Number);
    if (o.some((x) => x > 255)) return undefined;
    s = `${s.slice(0, v4.index)}${((o[0] << 8) | o[1]).toString(16)}:${((o[2] << 8) | o[3]).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parse = (h: string) => (h === '' ? [] : h.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  if (head.some(Number.isNaN) || rest.some(Number.isNaN)) return undefined;
  const known = head.length + rest.length;
  if (halves.length === 1) return known === 8 ? head : undefined;
  if (known > 7) return undefined;
  return [...head, ...new Array<number>(8 - known).fill(0), ...rest];
}

/** RFC 5952 text of eight groups: lower case, longest zero run (≥2) compressed. */
export function ipv6Text(groups: number[]): string {
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}

export function checkIpv6Prefix(text: string): Checked<PrefixRange> {
  const slash = text.lastIndexOf('/');
  const groups = ipv6Groups(text.slice(0, slash));
  if (!groups) return { ok: false, error: `${text} is not an IPv6 prefix` };
  const len = Number(text.slice(slash + 1));
  if (!(len <= 128)) return { ok: false, error: `${text}: IPv6 prefix length ${text.slice(slash + 1)} is above 128` };
  let hostBits = false;
  for (let i = 0; i < 8; i++) {
    const keep = Math.max(0, Math.min(16, len - 16 * i));
    const masked = groups[i] & ((0xffff0000 >>> keep) & 0xffff);
    if (masked !== groups[i]) { hostBits = true; groups[i] = masked; }
  }
  const value: PrefixRange = { prefix: `${ipv6Text(groups)}/${len}`, family: 'ipv6', length: len };
  return hostBits ? { ok: true, value, warning: hostBitsWarning(text, value.prefix) } : { ok: true, value };
}

function hostBitsWarning(text: string, network: string): string {
  return `${text} has host bits set; read as ${network}`;
}

/**
 * A range operator `op` (written `text`) on a prefix of length `length`, when it names only
 * lengths below that length, or starts below it: no more-specific has those lengths (RFC
 * 2622 §5.4 has n ≥ the prefix length), so that part matches nothing. Undefined when fine.
 */
export function shortRangeWarning(op: RangeOperator, text: string, prefix: string, length: number): string | undefined {
  if (op.type === 'minus' || op.type === 'plus' || op.n >= length) return undefined;
  const hi = op.type === 'exact' ? op.n : op.m;
  const what = hi < length ? 'matches no route' : `starts below /${length}: lengths ${op.n}–${length - 1} match no route`;
  return `range operator ${text} on ${prefix} ${what}, as no more-specific of a /${length} is shorter (RFC 2622 §5.4); kept as written`;
}

/** Canonical text of a router address (IPv4 or IPv6), or undefined when invalid. */
export function normaliseAddress(text: string): string | undefined {
  if (text.includes(':')) {
    const g = ipv6Groups(text);
    return g && ipv6Text(g);
  }
  const o = text.split('.').map(Number);
  return o.some((x) => x > 255) ? undefined : o.join('.');
}

/** `^-`, `^+`, `^n`, `^n-m`; `maxLength` is 32 or 128 (128 when the family is not known). */
export function checkRangeOp(text: string, maxLength = 128): Checked<RangeOperator> {
  const body = text.slice(1);
  if (body === '-') return { ok: true, value: { type: 'minus' } };
  if (body === '+') return { ok: true, value: { type: 'plus' } };
  const [a, b] = body.split('-');
  const n = Number(a);
  if (b === undefined) {
    return n > maxLength ? { ok: false, error: `range operator ${text}: length ${n} is above ${maxLength}` } : { ok: true, value: { type: 'exact', n } };
  }
  const m = Number(b);
  if (n > m) return { ok: false, error: `range operator ${text}: ${n} is greater than ${m}` };
  if (m > maxLength) return { ok: false, error: `range operator ${text}: length ${m} is above ${maxLength}` };
  return { ok: true, value: { type: 'range', n, m } };
}
