/**
 * AS_PATH verification with ASPA (draft-ietf-sidrops-aspa-verification-27 §5–§6, as
 * DESIGN.md summarises it). Paths here are as received — the neighbour first, the origin
 * last — with prepending collapsed; the draft numbers them the other way: AS(1) the origin,
 * AS(N) the neighbour.
 *
 *   hop(x, y): no ASPA for x → No Attestation; y in x's providers → Provider+; else Not Provider+
 *              (an AS0 record makes every hop from x Not Provider+).
 *   max_up   : the first i (from the origin) with hop(AS(i), AS(i+1)) = Not Provider+, else N
 *   min_up   : the first i with hop(AS(i), AS(i+1)) ≠ Provider+, else N
 *   max_down : N − j + 1 for the first j (from the neighbour) with hop(AS(j), AS(j−1)) = Not Provider+, else N
 *   min_down : the same with ≠ Provider+
 *   upstream   (from a customer or peer): AS_SET → Invalid; N = 1 → Valid; max_up < N → Invalid;
 *              min_up < N → Unknown; else Valid
 *   downstream (from a provider): AS_SET → Invalid; N ≤ 2 → Valid; max_up + max_down < N → Invalid;
 *              min_up + min_down < N → Unknown; else Valid
 */
import type { AspaRecord } from './types.js';

export type HopResult = 'provider+' | 'not-provider+' | 'no-attestation';
export type Procedure = 'upstream' | 'downstream';
export type AspaVerdict = 'valid' | 'invalid' | 'unknown';

export type AspaLookup = (customer: number) => readonly number[] | undefined;

export function lookupOf(records: Map<number, AspaRecord>): AspaLookup {
  return (c) => records.get(c)?.providers;
}

export function hop(aspa: AspaLookup, x: number, y: number): HopResult {
  const providers = aspa(x);
  if (!providers) return 'no-attestation';
  return providers.includes(y) ? 'provider+' : 'not-provider+';
}

export interface AspaCheck {
  verdict: AspaVerdict;
  procedure: Procedure;
  n: number;
  maxUp: number;
  minUp: number;
  maxDown: number;
  minDown: number;
  /** The path had an AS_SET (Invalid whatever the ramps). */
  asSet: boolean;
  /** The hop that decided an Invalid or Unknown verdict (customer → claimed provider), with its result. */
  decidingHop?: { from: number; to: number; result: HopResult };
}

const P = 0, NP = 1, NA = 2;
const RESULT: HopResult[] = ['provider+', 'not-provider+', 'no-attestation'];
function code(aspa: AspaLookup, x: number, y: number): number {
  const providers = aspa(x);
  return providers === undefined ? NA : providers.includes(y) ? P : NP;
}

/** The hop from path[k] to its neighbour path[k + step], as a deciding hop. */
function hopAt(path: readonly number[], aspa: AspaLookup, k: number, step: number): AspaCheck['decidingHop'] {
  const from = path[k]!, to = path[k + step]!;
  return { from, to, result: RESULT[code(aspa, from, to)]! };
}

/**
 * `path`: neighbour first, origin last, prepending collapsed. One pass from each end, no
 * allocation for a Valid path (a full table has millions): the words are made by `explainAspa`.
 */
export function verifyAspa(path: readonly number[], hasAsSet: boolean, procedure: Procedure, aspa: AspaLookup): AspaCheck {
  const n = path.length;
  // Draft numbering: AS(i) = path[n - i]; AS(1) the origin, AS(N) the neighbour.
  let maxUp = n, minUp = n, maxDown = n, minDown = n;
  let upNp = 0, upNa = 0, downNp = 0, downNa = 0;
  for (let i = 1; i < n; i++) {
    const r = code(aspa, path[n - i]!, path[n - i - 1]!);
    if (r !== P && minUp === n) { minUp = i; upNa = i; }
    if (r === NP) { maxUp = i; upNp = i; break; }
  }
  for (let j = n; j > 1; j--) {
    const r = code(aspa, path[n - j]!, path[n - j + 1]!);
    if (r !== P && minDown === n) { minDown = n - j + 1; downNa = j; }
    if (r === NP) { maxDown = n - j + 1; downNp = j; break; }
  }
  const out: AspaCheck = { verdict: 'valid', procedure, n, maxUp, minUp, maxDown, minDown, asSet: hasAsSet };
  if (hasAsSet || n === 0) {
    out.verdict = 'invalid';
  } else if (procedure === 'upstream') {
    if (n === 1) return out;
    if (maxUp < n) { out.verdict = 'invalid'; out.decidingHop = hopAt(path, aspa, n - upNp, -1); }
    else if (minUp < n) { out.verdict = 'unknown'; out.decidingHop = hopAt(path, aspa, n - upNa, -1); }
  } else if (n > 2) {
    if (maxUp + maxDown < n) { out.verdict = 'invalid'; out.decidingHop = upNp ? hopAt(path, aspa, n - upNp, -1) : hopAt(path, aspa, n - downNp, 1); }
    else if (minUp + minDown < n) { out.verdict = 'unknown'; out.decidingHop = upNa ? hopAt(path, aspa, n - upNa, -1) : hopAt(path, aspa, n - downNa, 1); }
  }
  return out;
}

/** Why, in words. */
export function explainAspa(c: AspaCheck): string {
  const N = c.n;
  if (c.asSet) return 'the path has an AS_SET';
  if (N === 0) return 'empty path';
  const h = c.decidingHop;
  if (c.procedure === 'upstream') {
    if (N === 1) return 'the neighbour is the origin';
    if (c.verdict === 'invalid') return `max_up_ramp ${c.maxUp} < N ${N}: AS${h!.to} is not a provider of AS${h!.from}`;
    if (c.verdict === 'unknown') return `min_up_ramp ${c.minUp} < N ${N}: AS${h!.from} has no ASPA`;
    return 'every hop climbs to an attested provider';
  }
  if (N <= 2) return 'N ≤ 2 from a provider';
  if (c.verdict === 'invalid') return `max_up_ramp ${c.maxUp} + max_down_ramp ${c.maxDown} < N ${N}: no up-ramp and down-ramp cover the path`;
  if (c.verdict === 'unknown') return `min_up_ramp ${c.minUp} + min_down_ramp ${c.minDown} < N ${N}: hops without attestation`;
  return 'an up-ramp and a down-ramp of attested providers cover the path';
}
