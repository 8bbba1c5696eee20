/**
 * Lexer of RPSL policy values (RFC 2622 §5–6, RFC 4012 §2). Tokens only; the rules are in
 * parser.ts.
 *
 * Ordering matters: Chevrotain takes the first pattern that matches. Every word-like token
 * ends with a word boundary (`(?![\w.:-])`, cheaper than `longer_alt` checks), so a run of
 * name characters is one token: `ipv6.unicastfrom` is a single (wrong) `Word`, not
 * `ipv6.unicast` + `from` silently glued back together, and `AS4242420138:UPSTREAM` (a
 * hierarchical name without any set component) is a word the parser rejects by name.
 *
 * The AS-path regex `<…>` is one token (`AsPathRegex`) parsed by regex.ts: it can never
 * contain `<`, `>` or `;`, which keeps it apart from the relational action operators
 * (`med < 5;`) without a lexer mode.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';

/**
 * First characters of each token, given to Chevrotain (`start_chars_hint`) so that building
 * the lexer does not analyse every regex (≈20 ms of start-up). test/grammar/lexer.test.ts
 * checks that the lexer built with hints tokenises exactly as the one without.
 */
const chars = (s: string) => [...s];
const both = (s: string) => chars(s.toLowerCase() + s.toUpperCase());
const LETTERS = both('abcdefghijklmnopqrstuvwxyz');
const DIGITS = chars('0123456789');
const HEX = [...DIGITS, ...both('abcdef')];

/** Name characters after the first: RFC 2622 names plus `.` and `:` (DNS names, hierarchy). */
export const Word = createToken({
  name: 'Word',
  label: 'a word',
  // Must end in a name character so `community.=` and `med-=` keep their operators.
  pattern: /[A-Za-z_](?:[\w.:-]*\w)?/,
  start_chars_hint: [...LETTERS, '_'],
});

/** End of a name: the next character cannot continue a `Word`. */
const END = '(?![\\w.:-])';

const keyword = (name: string, label = `'${name.toLowerCase()}'`) =>
  createToken({ name, label, pattern: new RegExp(`${name}${END}`, 'i'), start_chars_hint: both(name[0]) });

// One component of a hierarchical set name of class `prefix`: ASNs, PeerAS, or `prefix-…`.
const setName = (name: string, prefix: string, label: string) => {
  const asn = 'AS\\d+(?:\\.\\d+)?';
  const own = `${prefix}-[\\w-]*\\w`;
  const other = `(?:${asn}|PEERAS|${own})`;
  return createToken({
    name,
    label,
    pattern: new RegExp(`(?:${asn}:|PEERAS:)*${own}(?::${other})*${END}`, 'i'),
    start_chars_hint: both(`AP${prefix[0]}`),
  });
};

export const AsSetName = setName('AsSetName', 'AS', 'an as-set name');
export const RouteSetName = setName('RouteSetName', 'RS', 'a route-set name');
export const FilterSetName = setName('FilterSetName', 'FLTR', 'a filter-set name');
export const PeeringSetName = setName('PeeringSetName', 'PRNG', 'a peering-set name');
export const RtrsSetName = setName('RtrsSetName', 'RTRS', 'an rtr-set name');

export const AsAny = createToken({ name: 'AsAny', label: "'AS-ANY'", pattern: new RegExp(`AS-ANY${END}`, 'i'), start_chars_hint: both('A') });
export const RsAny = createToken({ name: 'RsAny', label: "'RS-ANY'", pattern: new RegExp(`RS-ANY${END}`, 'i'), start_chars_hint: both('R') });
export const Asn = createToken({ name: 'Asn', label: 'an AS number', pattern: new RegExp(`AS\\d+(?:\\.\\d+)?${END}`, 'i'), start_chars_hint: both('A') });
export const PeerAs = createToken({ name: 'PeerAs', label: "'PeerAS'", pattern: new RegExp(`PEERAS${END}`, 'i'), start_chars_hint: both('P') });

export const From = keyword('From');
export const To = keyword('To');
export const Accept = keyword('Accept');
export const Announce = keyword('Announce');
export const Action = keyword('Action');
export const At = keyword('At');
export const Afi = keyword('Afi');
export const Protocol = keyword('Protocol');
export const Into = keyword('Into');
export const Networks = keyword('Networks');
export const Except = keyword('Except');
export const Refine = keyword('Refine');
export const And = keyword('And');
export const Or = keyword('Or');
export const Not = keyword('Not');

/** `ipv4`, `ipv6`, `ipv4.unicast`, `any.multicast`, …; a bare `any` lexes as `Any`. */
export const AfiValue = createToken({
  name: 'AfiValue',
  label: 'an address family',
  pattern: new RegExp(`(?:(?:ipv4|ipv6)(?:\\.(?:unicast|multicast))?|any\\.(?:unicast|multicast))${END}`, 'i'),
  start_chars_hint: both('IA'),
});
export const Any = keyword('Any', "'ANY'");

// IPv6 needs `::` or eight groups, so `3561:10` stays a community value.
const H = '[0-9A-Fa-f]{1,4}';
const V4 = '\\d{1,3}(?:\\.\\d{1,3}){3}';
const V6 = `(?:(?:${H}:){7}${H}|(?:${H}(?::${H})*)?::(?:(?:${H}:)*(?:${V4}|${H}))?)`;
export const Ipv6Prefix = createToken({ name: 'Ipv6Prefix', label: 'an IPv6 prefix', pattern: new RegExp(`${V6}\\/\\d+`), start_chars_hint: [...HEX, ':'] });
export const Ipv6Address = createToken({ name: 'Ipv6Address', label: 'an IPv6 address', pattern: new RegExp(V6), start_chars_hint: [...HEX, ':'] });
export const Ipv4Prefix = createToken({ name: 'Ipv4Prefix', label: 'an IPv4 prefix', pattern: /\d{1,3}(?:\.\d{1,3}){3}\/\d+/, start_chars_hint: DIGITS });
export const Ipv4Address = createToken({ name: 'Ipv4Address', label: 'an IPv4 address', pattern: /\d{1,3}(?:\.\d{1,3}){3}/, start_chars_hint: DIGITS });
/** `3561:10` (RFC 1997 community); also `1:2:3` large-community-like values, kept as text. */
export const CommunityValue = createToken({ name: 'CommunityValue', label: 'a community value', pattern: /\d+(?::\d+)+/, start_chars_hint: DIGITS });
/** Negative numbers are only ever wrong (`med = -1`), but lexed, so the action gets a warning, not the rule an error. */
export const Num = createToken({ name: 'Num', label: 'a number', pattern: /-?\d+/, start_chars_hint: [...DIGITS, '-'] });

/** `^-`, `^+`, `^n`, `^n-m` (RFC 2622 §5.4). */
export const RangeOp = createToken({ name: 'RangeOp', label: 'a range operator', pattern: /\^(?:[-+]|\d+(?:-\d+)?)/, start_chars_hint: ['^'] });
export const AsPathRegex = createToken({ name: 'AsPathRegex', label: 'an AS-path regular expression', pattern: /<[^<>;]*>/, start_chars_hint: ['<'] });

// Action operators (RFC 2622 §7, Figure 25): longest first.
export const Operator = createToken({ name: 'Operator', label: 'an operator', pattern: Lexer.NA });
const op = (name: string, pattern: RegExp) => createToken({ name, label: `'${pattern.source.replace(/\\/g, '')}'`, pattern, categories: Operator, start_chars_hint: [pattern.source.replace(/\\/g, '')[0]] });
const operators = [
  op('ShlAssign', /<<=/), op('ShrAssign', />>=/), op('DotAssign', /\.=/), op('AddAssign', /\+=/), op('SubAssign', /-=/),
  op('MulAssign', /\*=/), op('DivAssign', /\/=/), op('EqEq', /==/), op('NotEq', /!=/), op('Le', /<=/), op('Ge', />=/),
  op('Lt', /</), op('Gt', />/), op('Assign', /=/),
];
export const EqEq = operators.find((t) => t.name === 'EqEq')!;

export const LCurly = createToken({ name: 'LCurly', label: "'{'", pattern: /\{/, start_chars_hint: ['{'] });
export const RCurly = createToken({ name: 'RCurly', label: "'}'", pattern: /\}/, start_chars_hint: ['}'] });
export const LParen = createToken({ name: 'LParen', label: "'('", pattern: /\(/, start_chars_hint: ['('] });
export const RParen = createToken({ name: 'RParen', label: "')'", pattern: /\)/, start_chars_hint: [')'] });
export const Semi = createToken({ name: 'Semi', label: "';'", pattern: /;/, start_chars_hint: [';'] });
export const Comma = createToken({ name: 'Comma', label: "','", pattern: /,/, start_chars_hint: [','] });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v]+/, group: Lexer.SKIPPED, line_breaks: true, start_chars_hint: [' ', '\t', '\r', '\n', '\f', '\v'] });

// Most frequent first among tokens sharing a first character (AS numbers, then keywords).
export const allTokens: TokenType[] = [
  WhiteSpace,
  Asn,
  From, To, Accept, Announce, Any, Action, At, Afi, Protocol, Into, Networks, Except, Refine, And, Or, Not,
  AfiValue,
  AsAny, RsAny, PeerAs,
  AsSetName, RouteSetName, FilterSetName, PeeringSetName, RtrsSetName,
  AsPathRegex,
  ...operators.slice(0, 2), // <<= >>= before the regex `<…>`-free `<`/`>` forms below
  Ipv6Prefix, Ipv6Address,
  Ipv4Prefix, Ipv4Address, CommunityValue, Num,
  Word,
  RangeOp,
  ...operators.slice(2), Operator,
  LCurly, RCurly, LParen, RParen, Semi, Comma,
];

let lexer: Lexer | undefined;

/** The lexer, built on first use; `validate` runs Chevrotain's definition checks (tests). */
export function policyLexer(validate = false): Lexer {
  if (validate) {
    // Chevrotain's own first-character analysis of every pattern, hints ignored: the reference.
    const plain = allTokens.map((t) => {
      const c = { ...t } as TokenType & { START_CHARS_HINT?: unknown };
      delete c.START_CHARS_HINT;
      return c;
    });
    return new Lexer(plain, { positionTracking: 'onlyOffset', ensureOptimizations: true });
  }
  lexer ??= new Lexer(allTokens, { positionTracking: 'onlyOffset', skipValidations: true });
  return lexer;
}
