/**
 * Actions checked against the RPSL dictionary (RFC 2622 Appendix A, with RFC 4012's IPv6
 * next-hop): which operators and methods each rp-attribute has and the type of its values.
 * A mismatch is a warning, never an error: inference does not use actions (they do not
 * change who may send which routes), so the rule is kept whatever its actions say.
 *
 *   pref       operator=(integer[0, 65535])
 *   med        operator=(union integer[0, 4294967295], enum[igp_cost])
 *   dpa        operator=(integer[0, 4294967295])
 *   aspath     prepend(as_number, …)
 *   community  operator=, operator.= (list of community_elm); append, delete, contains (community_elm, …)
 *   next-hop   operator=(union ipv4_address, ipv6_address, enum[self])
 *   cost       operator=(integer[0, 65535])
 *
 * community_elm is integer[1, 4294967200], `A:B` (each 0–65535; RFC 1997) or one of
 * internet, no_export, no_advertise; asrel also takes no_export_subconfed (RFC 1997) and
 * large communities `A:B:C` (RFC 8092, each 0–4294967295), which later dictionaries added,
 * and `next_hop`, the RIPE database's spelling of next-hop (its whois-rpsl grammar).
 * docs/rpsl-conformance.md compares these with IRRd and the RIPE database.
 */
import type { Action, ActionValue } from './ast.js';
import { printValue } from './print.js';
import { normaliseAddress } from './values.js';

const WELL_KNOWN = new Set(['internet', 'no_export', 'no_advertise', 'no_export_subconfed']);

function isInteger(v: ActionValue, max: number, min = 0): boolean {
  return v.type === 'number' && Number.isInteger(v.value) && v.value >= min && v.value <= max;
}

/** A community_elm (see the module comment). */
function isCommunity(v: ActionValue): boolean {
  if (v.type === 'number') return isInteger(v, 4294967200, 1);
  if (v.type !== 'word') return false;
  const w = v.value;
  if (WELL_KNOWN.has(w.toLowerCase())) return true;
  const parts = w.split(':');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^\d{1,10}$/.test(p))) return false;
  const max = parts.length === 2 ? 65535 : 4294967295;
  return parts.every((p) => Number(p) <= max);
}

function isNextHop(v: ActionValue): boolean {
  if (v.type !== 'word') return false;
  if (v.value.toLowerCase() === 'self') return true;
  return /^[\d.]+$|:/.test(v.value) && normaliseAddress(v.value) !== undefined;
}

/** What one rp-attribute takes: its operators (with the value check) and methods (argument check). */
interface Entry {
  assign?: { operators: string[]; value: (v: ActionValue) => boolean; wants: string };
  methods?: { names: string[]; arg: (v: ActionValue) => boolean; wants: string };
}

const communityList = (v: ActionValue) => (v.type === 'list' ? v.items.every(isCommunity) : isCommunity(v));

const DICTIONARY: Record<string, Entry> = {
  pref: { assign: { operators: ['='], value: (v) => isInteger(v, 65535), wants: 'an integer 0–65535' } },
  med: { assign: { operators: ['='], value: (v) => isInteger(v, 4294967295) || (v.type === 'word' && v.value.toLowerCase() === 'igp_cost'), wants: 'an integer 0–4294967295 or igp_cost' } },
  dpa: { assign: { operators: ['='], value: (v) => isInteger(v, 4294967295), wants: 'an integer 0–4294967295' } },
  cost: { assign: { operators: ['='], value: (v) => isInteger(v, 65535), wants: 'an integer 0–65535' } },
  'next-hop': { assign: { operators: ['='], value: isNextHop, wants: 'an IPv4 or IPv6 address or self' } },
  // The RIPE database's policy grammar spells it `next_hop` (and accepts no `next-hop`).
  next_hop: { assign: { operators: ['='], value: isNextHop, wants: 'an IPv4 or IPv6 address or self' } },
  aspath: { methods: { names: ['prepend'], arg: (v) => v.type === 'asn' && v.asn >= 0, wants: 'AS numbers' } },
  community: {
    assign: { operators: ['=', '.='], value: communityList, wants: 'community values (n, A:B, no_export, …), in { … }' },
    methods: { names: ['append', 'delete', 'contains'], arg: isCommunity, wants: 'community values (n, A:B, no_export, …)' },
  },
};

/** Why `a` does not fit the dictionary, or undefined when it does. */
export function checkAction(a: Action): string | undefined {
  const why = misfit(a);
  return why && `${why} (RFC 2622 Appendix A); the rule is kept`;
}

function misfit(a: Action): string | undefined {
  const entry = DICTIONARY[a.attribute];
  if (!entry) return `action attribute '${a.attribute}' is not in RPSL's dictionary`;
  if (a.type === 'assign') {
    const s = entry.assign;
    if (!s) return `${a.attribute} has no operator '${a.operator}': write ${a.attribute}.${entry.methods!.names[0]}(…)`;
    if (!s.operators.includes(a.operator)) return `${a.attribute} has no operator '${a.operator}' (only ${s.operators.map((o) => `'${o}'`).join(', ')})`;
    if (!s.value(a.value)) return `${a.attribute} ${a.operator} wants ${s.wants}, not ${printValue(a.value)}`;
    return undefined;
  }
  const m = entry.methods;
  if (!m || !m.names.includes(a.method)) return `${a.attribute} has no method '${a.method}'${m ? ` (only ${m.names.join(', ')})` : ''}`;
  if (a.args.length === 0) return `${a.attribute}.${a.method}() wants ${m.wants}`;
  const bad = a.args.find((v) => !m.arg(v));
  return bad && `${a.attribute}.${a.method}(…) wants ${m.wants}, not ${printValue(bad)}`;
}
