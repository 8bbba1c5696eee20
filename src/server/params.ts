/** Query parameters read as the CLI reads its arguments: the same parsers, the same one-line errors (400). */
import { asnArg } from '../analysis/asn.js';
import { UserError } from '../analysis/errors.js';
import type { Family } from '../analysis/families.js';

export type Query = (name: string) => string | undefined;

function required(q: Query, name: string, what: string): string {
  const v = q(name);
  if (v === undefined || v.trim() === '') throw new UserError(`missing ${name}: ${what}`, 2, `Add ?${name}=… to the address.`);
  return v;
}

export function asnParam(q: Query, name: string, what: string): number {
  return asnArg(required(q, name, what), what);
}

export function familyParam(q: Query, fallback: Family): Family {
  const v = q('afi') ?? fallback;
  if (v !== 'ipv4' && v !== 'ipv6') throw new UserError(`afi=${v.slice(0, 20)} is not an address family`, 2, 'Use afi=ipv4 or afi=ipv6.');
  return v;
}

/** `afi=ipv4|ipv6|both` (rel, neighbors). */
export function familiesParam(q: Query): Family[] {
  const v = q('afi') ?? 'both';
  if (v === 'both') return ['ipv4', 'ipv6'];
  return [familyParam(q, 'ipv4')];
}

export function countParam(q: Query, name: string, fallback: number, max: number): number {
  const v = q(name);
  if (v === undefined) return fallback;
  if (!/^\d{1,7}$/.test(v) || Number(v) > max) throw new UserError(`${name}=${v.slice(0, 20)} is not a count from 0 to ${max}`, 2, `Give ${name} as a whole number up to ${max}.`);
  return Number(v);
}
