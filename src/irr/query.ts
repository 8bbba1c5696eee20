import { MAX_ASN, parseAsn as parseAsnText } from '../rpsl/keys.js';
import { QueryInputError } from './errors.js';

export { MAX_ASN };

/*
 * Every query string asrel sends is built here from a validated name, so no user input
 * (a CR/LF, a space, a second command) can make asrel send a query the user did not ask for.
 */

/** The classes looked up by name: the store keeps the same ones (src/store/types.ts), the wire does not import it. */
export type LookupClass = 'aut-num' | 'as-set' | 'route-set' | 'filter-set' | 'peering-set';

export type SetClass = Exclude<LookupClass, 'aut-num'>;

/** RPSL set-name prefixes (RFC 2622 §5, RFC 2725 for hierarchical names). */
const SET_PREFIX: Record<SetClass, string> = {
  'as-set': 'AS-',
  'route-set': 'RS-',
  'filter-set': 'FLTR-',
  'peering-set': 'PRNG-',
};

const FORBIDDEN = /[\x00-\x20\x7f-\x9f]/; // C0 controls (CR, LF, NUL, ESC, …), space, DEL, C1 controls

/** Longest key (AS number or set name) asrel will query; RPSL names are far shorter in practice. */
export const MAX_KEY_LENGTH = 256;

/**
 * The first check on anything that may end up in a query: not too long, no control
 * character, no space (which would split a RIPE-style query or an IRRd command).
 */
function rejectControls(input: string, max = MAX_KEY_LENGTH): void {
  if (input.length > max) throw new QueryInputError(input, `it is longer than ${max} characters`);
  if (FORBIDDEN.test(input)) throw new QueryInputError(input, 'it contains a space, CR, LF or another control character');
}

/**
 * Parses an AS number written asplain (`AS1299`, `1299`) or asdot (`AS1.10`, `1.10`,
 * RFC 5396) and checks the range 0–4294967295.
 */
export function parseAsn(input: string): number {
  rejectControls(input);
  if (!/^(?:AS)?\d+(?:\.\d+)?$/i.test(input)) throw new QueryInputError(input, 'an AS number is written AS<n> (asplain) or AS<high>.<low> (asdot)');
  const p = parseAsnText(/^AS/i.test(input) ? input : `AS${input}`);
  if (!p) throw new QueryInputError(input, `AS numbers range from 0 to ${MAX_ASN} (asdot: both halves 0–65535)`);
  return p.asn;
}

export function formatAsn(asn: number): string {
  if (!Number.isInteger(asn) || asn < 0 || asn > MAX_ASN) throw new QueryInputError(String(asn), `AS numbers range from 0 to ${MAX_ASN}`);
  return `AS${asn}`;
}

const NAME_COMPONENT = /^[A-Za-z](?:[A-Za-z0-9_-]*[A-Za-z0-9])?$/; // RFC 2622 §2: letters, digits, _ and -; starts with a letter, ends with a letter or digit
const ASN_COMPONENT = /^AS\d{1,10}$/i;

/** The class a set name belongs to, from its prefix (`AS-`, `RS-`, `FLTR-`, `PRNG-`), or undefined. */
export function setClassOf(name: string): SetClass | undefined {
  for (const component of name.split(':')) {
    for (const [cls, prefix] of Object.entries(SET_PREFIX) as [SetClass, string][]) {
      if (component.toUpperCase().startsWith(prefix)) return cls;
    }
  }
  return undefined;
}

/**
 * Validates a set name, plain (`AS-FOO`) or hierarchical (`AS1:AS-FOO`, `AS-NIA:AS-PEER`),
 * and returns it upper-cased. With `cls`, the name must be of that class.
 */
export function parseSetName(input: string, cls?: SetClass): { cls: SetClass; name: string } {
  rejectControls(input);
  const found = setClassOf(input);
  if (!found) throw new QueryInputError(input, 'a set name has a component starting with AS-, RS-, FLTR- or PRNG-');
  if (cls && found !== cls) throw new QueryInputError(input, `a ${cls} name must have a component starting with ${SET_PREFIX[cls]}`);
  const prefix = SET_PREFIX[found];
  for (const component of input.split(':')) {
    if (ASN_COMPONENT.test(component)) {
      parseAsn(component); // range check
      continue;
    }
    if (!NAME_COMPONENT.test(component)) {
      throw new QueryInputError(input, `'${component}' is not an RPSL name (letters, digits, _ and -, starting with a letter and ending with a letter or digit)`);
    }
    if (!component.toUpperCase().startsWith(prefix)) {
      throw new QueryInputError(input, `component '${component}' must be an AS number or start with ${prefix}`);
    }
  }
  return { cls: found, name: input.toUpperCase() };
}

/** One object to look up: class and normalised key (`AS1299`, `AS-FOO`). */
export interface ObjectKey {
  cls: LookupClass;
  key: string;
}

/** Reads what a user typed (`AS1299`, `1299`, `AS1.10`, `AS-FOO`, `RS-BAR`) into an object key. */
export function parseObjectKey(input: string): ObjectKey {
  rejectControls(input);
  if (/^(?:AS)?\d/i.test(input) && !input.includes(':') && !/^AS-/i.test(input)) return { cls: 'aut-num', key: formatAsn(parseAsn(input)) };
  const { cls, name } = parseSetName(input);
  return { cls, key: name };
}

export function objectKeyString(k: ObjectKey): string {
  return `${k.cls} ${k.key}`;
}

/** Validates a source name (`RADB`, `RIPE`, `NTTCOM`); sources are letters, digits, `-` and `_`. */
export function parseSources(input: string): string[] {
  rejectControls(input, 1024);
  const list = input.split(',').filter((s) => s !== '');
  if (list.length === 0) throw new QueryInputError(input, 'name at least one source, e.g. RADB,RIPE');
  for (const s of list) {
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(s)) throw new QueryInputError(input, `'${s}' is not a source name (letters, digits, - and _)`);
  }
  return list.map((s) => s.toUpperCase());
}

const LOOKUP_CLASSES: ReadonlySet<string> = new Set<LookupClass>(['aut-num', ...(Object.keys(SET_PREFIX) as SetClass[])]);

function checked(k: ObjectKey): string {
  // Re-validate: ObjectKey values may come from parsed registry text, not only from parseObjectKey.
  if (typeof k.cls !== 'string' || !LOOKUP_CLASSES.has(k.cls)) throw new QueryInputError(String(k.cls), `not a class asrel looks up (${[...LOOKUP_CLASSES].join(', ')})`);
  if (typeof k.key !== 'string') throw new QueryInputError(String(k.key), 'a key is a string');
  return k.cls === 'aut-num' ? formatAsn(parseAsn(k.key)) : parseSetName(k.key, k.cls).name;
}

/** IRRd `!m<class>,<key>`: the exact object, first match in source order. */
export function irrdObjectQuery(k: ObjectKey): string {
  return `!m${k.cls},${checked(k)}`;
}

/** IRRd `!i<set>[,1]`: members of a set, recursively expanded with `recursive`. */
export function irrdSetMembersQuery(set: string, recursive = true): string {
  const { name } = parseSetName(set);
  return `!i${name}${recursive ? ',1' : ''}`;
}

export function irrdSourcesCommand(sources: string[]): string {
  return `!s${parseSources(sources.join(',')).join(',')}`;
}

export function irrdClientNameCommand(name: string): string {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(name)) throw new QueryInputError(name, 'a client name is letters, digits, . _ and -');
  return `!n${name}`;
}

/** RIPE-style `[-k] -r [-s SOURCES] -T <class> <key>` (-r: no contact objects). */
export function ripeObjectQuery(k: ObjectKey, opts: { sources?: string[]; keepAlive?: boolean } = {}): string {
  const parts: string[] = [];
  if (opts.keepAlive) parts.push('-k');
  parts.push('-r');
  if (opts.sources && opts.sources.length) parts.push('-s', parseSources(opts.sources.join(',')).join(','));
  parts.push('-T', k.cls, checked(k));
  return parts.join(' ');
}
