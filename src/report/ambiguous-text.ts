/** The line under a dark spot that rests on an ambiguous IRR link (src/graph/ambiguous-links.ts). */
import type { AmbiguousFinding } from '../graph/ambiguous-links.js';
import { relPhrase } from '../explain/fixes.js';
import type { Relation } from '../infer/types.js';

/** The `--ambiguous` choice that reads the link so (candidates are read from `a`'s side). */
const POLICY: Partial<Record<Relation, string>> = { c2p: 'provider', p2c: 'customer', p2p: 'peer' };

function held(l: AmbiguousFinding): string {
  return l.held === null ? 'left out (--ambiguous drop)' : `held as: ${relPhrase(l.a, l.b, l.held)}`;
}

function reading(l: AmbiguousFinding): string {
  if (!l.reading) return 'kept as any relation (--ambiguous peer, the default, keeps it)';
  const policy = POLICY[l.reading];
  return `read as: ${relPhrase(l.a, l.b, l.reading)}${policy ? ` (as --ambiguous ${policy} reads it)` : ''}`;
}

/**
 * `rests on an ambiguous IPv6 link AS3255–AS9098 (held as: AS3255 and AS9098 are peers); read as:
 * AS3255 is AS9098's provider (as --ambiguous customer reads it), the two reach each other`;
 * or, that reading giving one of the two a provider, that it is then not transit-free (no dark
 * spot by definition). Empty for none.
 */
export function ambiguousSpotLine(family: string, links: readonly AmbiguousFinding[]): string {
  if (links.length === 0) return '';
  const first = links[0]!;
  const pair = (l: AmbiguousFinding) => `AS${l.a}–AS${l.b}`;
  const more = links.length > 1 ? `; also ${links.slice(1).map(pair).join(', ')}` : '';
  if (first.joins) {
    return `rests on an ambiguous ${family} link ${pair(first)} (${held(first)}); ${reading(first)}, the two reach each other${more}`;
  }
  // between() names only links that join the pair or give one of the two a provider.
  return `rests on an ambiguous ${family} link ${pair(first)} (${held(first)}); ${reading(first)}, AS${first.givesProvider} has a provider, ` +
    `so it is not transit-free and the pair is no dark spot (still with no ${family} path)${more}`;
}
