import type { Family } from '../analysis/families.js';
import { UserError } from './errors.js';

/** `--afi ipv4,ipv6` → families in that order; undefined when the option was not given. */
export function parseAfiList(value: unknown): Family[] | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const out: Family[] = [];
  for (const part of String(value).split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    if (part !== 'ipv4' && part !== 'ipv6') throw new UserError(`--afi: "${part}" is not ipv4 or ipv6`, 2, 'Use --afi ipv4, --afi ipv6 or --afi ipv4,ipv6.');
    if (!out.includes(part)) out.push(part);
  }
  if (out.length === 0) throw new UserError('--afi names no family', 2, 'Use --afi ipv4, --afi ipv6 or --afi ipv4,ipv6.');
  return out;
}
