/**
 * The rel answer both faces give (`asrel rel` and `/api/rel`): the relationship of two ASes
 * in each family, with the registry lines from both sides.
 */
import type { Family, LinkInference } from '../infer/types.js';
import { inferenceJson } from '../report/inference-text.js';
import { dataLines } from './data-lines.js';
import { UserError } from './errors.js';
import type { DataArgs } from './open-data.js';
import { withData } from './with-data.js';

/** A and B (read from A's side) in each of `fams`, from the data a command opens. */
export async function relAnswer(argv: DataArgs, a: number, b: number, fams: readonly Family[]): Promise<{ results: LinkInference[]; notes: string[] }> {
  if (a === b) throw new UserError(`AS${a} is given twice`, 2, 'Name two different ASes.');
  return withData(argv, { asns: [a, b] }, (d) => {
    d.requireKnown([a, b]);
    return { results: fams.map((f) => d.engine.infer(a, b, f)), notes: [...d.notes, ...dataLines(d.store, [a, b])] };
  });
}

/** `rel --json`. */
export function relJson(a: number, b: number, results: readonly LinkInference[], notes: string[]): Record<string, unknown> {
  const afi: Record<string, unknown> = {};
  for (const r of results) afi[r.family] = inferenceJson(r);
  return { a, b, afi, data: notes };
}
