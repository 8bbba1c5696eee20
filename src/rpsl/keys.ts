/** Largest 32-bit AS number (RFC 6793). */
export const MAX_ASN = 4294967295;

const ASPLAIN = /^AS(\d+)$/i;
const ASDOT = /^AS(\d+)\.(\d+)$/i;

export interface ParsedAsn {
  asn: number;
  /** Written in asdot (`AS4.603`); callers warn about it. */
  asdot: boolean;
}

/**
 * Parses `AS123` (asplain) or `AS4.603` (asdot = 4·65536+603). Returns undefined when the
 * text is not an AS number or is outside 0–4294967295.
 */
export function parseAsn(text: string): ParsedAsn | undefined {
  let m = ASPLAIN.exec(text);
  if (m) {
    const asn = Number(m[1]);
    return m[1].length <= 10 && asn <= MAX_ASN ? { asn, asdot: false } : undefined;
  }
  m = ASDOT.exec(text);
  if (m) {
    const hi = Number(m[1]);
    const lo = Number(m[2]);
    return m[1].length <= 5 && m[2].length <= 5 && hi <= 65535 && lo <= 65535 ? { asn: hi * 65536 + lo, asdot: true } : undefined;
  }
  return undefined;
}

/** Canonical key: `AS<n>` for AS numbers (`as03255` → `AS3255`), upper case for everything else. */
export function normaliseKey(cls: string, value: string): string {
  const word = value.trim().split(/\s+/)[0] ?? '';
  if (cls === 'aut-num') {
    const p = parseAsn(word);
    if (p) return `AS${p.asn}`;
  }
  return word.toUpperCase();
}
