/**
 * AS numbers and RPSL names, normalised in one place: the parsers (parser.ts, fast/,
 * regex.ts) and the object reader (src/rpsl/keys.ts re-exports these) all spell a name the
 * same way, so `AS01:AS-FOO` in a policy finds the object `as1:as-foo`.
 *
 * - AS numbers: `AS<n>` without leading zeros (`AS065537` = AS65537); asdot `AS1.2` =
 *   AS65538 (RFC 5396). IRRd does the same for aut-num keys and set-name components
 *   (irrd/utils/validators.py `parse_as_number`, irrd/rpsl/fields.py `parse_set_name`).
 * - Set names are case-insensitive (RFC 2622 §2): upper case, and every AS-number
 *   component of a hierarchical name (`AS01:AS-FOO`) written as above.
 */

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

/**
 * Why `text` (`AS…`) is not an AS number, or undefined when it is one: the words of the
 * policy parser's error and of the object reader's for an aut-num key.
 */
export function asnProblem(text: string): string | undefined {
  if (parseAsn(text)) return undefined;
  const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
  if (/^AS\d+$/i.test(text)) return `${shown} is out of range: AS numbers are 0–${MAX_ASN}`;
  if (/^AS\d+\.\d+$/i.test(text)) return `${shown} is not a valid asdot AS number (each part must be 0–65535)`;
  return `${JSON.stringify(shown)} is not an AS number`;
}

/** AS_TRANS (RFC 6793): the stand-in for a 4-byte AS number on a 2-byte BGP session. */
export const AS_TRANS = 23456;

/** AS numbers that never stand for a network, with why: no BGP session has one at its other end. */
const NOT_A_NETWORK: ReadonlyMap<number, string> = new Map([
  [0, 'AS0 is reserved and never names a network (RFC 7607)'],
  [AS_TRANS, 'AS23456 is AS_TRANS, the stand-in for a 4-byte AS number on 2-byte BGP sessions, not a network (RFC 6793)'],
]);

/** Why an AS number cannot be a network (AS0, AS_TRANS), or undefined when it can. */
export function reservedAsnReason(asn: number): string | undefined {
  return NOT_A_NETWORK.get(asn);
}

/** Set prefixes of RFC 2622 §5 (and rtrs-, prng- of §5.5–5.6), upper case, with their `-`. */
const SET_PREFIXES = ['AS-', 'RS-', 'FLTR-', 'PRNG-', 'RTRS-'] as const;

/** The canonical spelling of a set name (see the module comment). */
export function setName(image: string): string {
  const upper = image.toUpperCase();
  // Most names have no AS-number component: nothing to rewrite.
  if (upper.indexOf(':') < 0) return upper;
  let out = '';
  for (const c of upper.split(':')) {
    const asn = c.startsWith('AS') && !c.startsWith('AS-') ? parseAsn(c) : undefined;
    out += `${out === '' ? '' : ':'}${asn ? `AS${asn.asn}` : c}`;
  }
  return out;
}

/**
 * The set types a hierarchical name's components name, in order of first appearance
 * (`AS1:AS-FOO:RS-BAR` → ['AS-', 'RS-']); RFC 2622 §5 wants exactly one.
 */
export function setTypesOf(image: string): string[] {
  const types: string[] = [];
  for (const c of image.toUpperCase().split(':')) {
    const p = SET_PREFIXES.find((s) => c.startsWith(s) && c.length > s.length);
    if (p && !types.includes(p)) types.push(p);
  }
  return types;
}

/** Canonical key: `AS<n>` for AS numbers (`as03255` → `AS3255`), set names as `setName`, upper case for everything else. */
export function normaliseKey(cls: string, value: string): string {
  const word = value.trim().split(/\s+/)[0] ?? '';
  if (cls === 'aut-num') {
    const p = parseAsn(word);
    if (p) return `AS${p.asn}`;
  }
  return setName(word);
}
