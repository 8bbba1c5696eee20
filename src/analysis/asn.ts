import { parseAsn, reservedAsnReason } from '../rpsl/keys.js';
import { UserError } from './errors.js';

export { reservedAsnReason };

/** An AS number as a user writes it: `6939`, `AS6939` or asdot `AS1.10` (command line, web form, API). */
export function asnArg(text: unknown, what: string): number {
  const s = String(text ?? '').trim();
  const p = parseAsn(/^AS/i.test(s) ? s : `AS${s}`);
  if (!p) throw new UserError(`"${s.length > 40 ? `${s.slice(0, 40)}…` : s}" is not an AS number (${what})`, 2, 'Write AS numbers as 6939, AS6939 or asdot AS1.10 (0–4294967295).');
  const reserved = reservedAsnReason(p.asn);
  if (reserved) throw new UserError(`${reserved} (${what})`, 2, 'Name the AS of a network.');
  return p.asn;
}
