/**
 * Compact JSON for the peerings a stored rule names: only what inference reads (the AS
 * expression, or the peering-set name), not router addresses or source text.
 *   AS174 → 174 · AS-FOO → "AS-FOO" · AS-ANY → "*" · PeerAS → "P" · PRNG-X → {"prng":"PRNG-X"}
 *   a OR b → ["or", a, b] (also "and", "except")
 */
import type { AsExpression, Peering } from '../../grammar/ast.js';

export type CodedAs = number | string | [op: 'and' | 'or' | 'except', left: CodedAs, right: CodedAs];
export type CodedPeering = CodedAs | { prng: string };

/** Recursive: the parser bounds the depth of AS expressions. */
export function encodeAs(e: AsExpression): CodedAs {
  switch (e.type) {
    case 'asn': return e.asn;
    case 'as-set': return e.name.toUpperCase();
    case 'as-any': return '*';
    case 'peeras': return 'P';
    default: return [e.type, encodeAs(e.left), encodeAs(e.right)];
  }
}

export function decodeAs(c: CodedAs): AsExpression {
  if (typeof c === 'number') return { type: 'asn', asn: c, text: `AS${c}` };
  if (c === '*') return { type: 'as-any' };
  if (c === 'P') return { type: 'peeras' };
  if (typeof c === 'string') return { type: 'as-set', name: c };
  return { type: c[0], left: decodeAs(c[1]), right: decodeAs(c[2]) };
}

export function encodePeering(p: Peering): CodedPeering {
  return p.type === 'peering-set' ? { prng: p.name.toUpperCase() } : encodeAs(p.as);
}

export function decodePeering(c: CodedPeering): Peering {
  if (typeof c === 'object' && !Array.isArray(c)) return { type: 'peering-set', name: c.prng, text: c.prng };
  return { type: 'peering', as: decodeAs(c), text: '' };
}

/** Names in positive position (ASNs as `AS<n>`, sets as written): what the reverse index files the rule under. */
export function positiveNames(c: CodedPeering, out: Set<string>): void {
  if (typeof c === 'number') out.add(`AS${c}`);
  else if (typeof c === 'string') {
    if (c !== '*' && c !== 'P') out.add(c);
  } else if (!Array.isArray(c)) out.add(c.prng);
  else if (c[0] === 'except') positiveNames(c[1], out);
  else {
    positiveNames(c[1], out);
    positiveNames(c[2], out);
  }
}
