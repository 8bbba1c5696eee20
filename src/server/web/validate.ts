/** Instant validation of an AS field, with the CLI's own parser and message. */
import { asnArg } from '../../analysis/asn.js';
import { byId } from './dom.js';

/** The AS number in the field, or undefined with the error shown beside it (empty: no error yet). */
export function checkAsField(input: HTMLInputElement, errorId: string, what: string): number | undefined {
  const err = byId(errorId);
  const v = input.value.trim();
  if (v === '') {
    err.textContent = '';
    input.removeAttribute('aria-invalid');
    return undefined;
  }
  try {
    const asn = asnArg(v, what);
    err.textContent = '';
    input.removeAttribute('aria-invalid');
    return asn;
  } catch (e) {
    err.textContent = (e as Error).message;
    input.setAttribute('aria-invalid', 'true');
    return undefined;
  }
}
