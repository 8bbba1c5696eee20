import { parseAsn } from '../rpsl/keys.js';
import { UserError } from './errors.js';

/** AS numbers that never stand for a network, with why (asked about, they are a mistake). */
const NOT_A_NETWORK: ReadonlyMap<number, string> = new Map([
  [0, 'AS0 is reserved and never names a network (RFC 7607)'],
  [23456, 'AS23456 is AS_TRANS, the stand-in for a 4-byte AS number on 2-byte BGP sessions, not a network (RFC 6793)'],
]);

/** Why an AS number cannot be asked about, or undefined when it can. */
export function reservedAsnReason(asn: number): string | undefined {
  return NOT_A_NETWORK.get(asn);
}

/** An AS number as a user writes it: `6939`, `AS6939` or asdot `AS1.10` (command line, web form, API). */
export function asnArg(text: unknown, what: string): number {
  const s = String(text ?? '').trim();
  const p = parseAsn(/^AS/i.test(s) ? s : `AS${s}`);
  if (!p) throw new UserError(`"${s.length > 40 ? `${s.slice(0, 40)}…` : s}" is not an AS number (${what})`, 2, 'Write AS numbers as 6939, AS6939 or asdot AS1.10 (0–4294967295).');
  const reserved = reservedAsnReason(p.asn);
  if (reserved) throw new UserError(`${reserved} (${what})`, 2, 'Name the AS of a network.');
  return p.asn;
}
