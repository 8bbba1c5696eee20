/**
 * Errors as HTTP answers: a usage mistake (the CLI's exit 2) is 400, no data for an AS or a
 * failed source (exit 1) is 404, a busy server 503; each `{error, hint}` with the CLI's
 * one-line message. Anything else is a bug: logged with its stack, answered 500 without it.
 */
import { UserError } from '../analysis/errors.js';
import { BusyError } from './queue.js';

export interface ErrorAnswer { status: 400 | 404 | 500 | 503; body: { error: string; hint?: string } }

export function errorAnswer(e: unknown, log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): ErrorAnswer {
  if (e instanceof UserError) return { status: e.exitCode === 1 ? 404 : 400, body: { error: e.message, ...(e.hint ? { hint: e.hint } : {}) } };
  if (e instanceof BusyError) return { status: 503, body: { error: e.message, hint: 'Try again in a moment; heavy questions run one per core.' } };
  log(`asrel serve: internal error: ${(e as Error)?.stack ?? String(e)}`);
  return { status: 500, body: { error: 'internal error (a bug: the server log has the stack)' } };
}
