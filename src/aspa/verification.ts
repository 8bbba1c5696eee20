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
  /** The hop that decided an Invalid or Unknown verdict (customer → claimed provider), with its result. */
  decidingHop?: { from: number; to: number; result: HopResult };
  /** Why, in words. */
  reason: string;
}

/** `path`: neighbour first, origin last, prepending collapsed. */
export function verifyAspa(path: readonly number[], hasAsSet: boolean, procedure: Procedure, aspa: AspaLookup): AspaCheck {
  const n = path.length;
  const as = (i: number) => path[n - i]!; // draft numbering: AS(1) origin … AS(N) neighbour
  let maxUp = n, minUp = n, maxDown = n, minDown = n;
  let upNp: number | undefined, upNa: number | undefined, downNp: number | undefined, downNa: number | undefined;
  for (let i = 1; i < n; i++) {
    const r = hop(aspa, as(i), as(i + 1));
    if (r !== 'provider+' && minUp === n) { minUp = i; upNa = i; }
    if (r === 'not-provider+') { maxUp = i; upNp = i; break; }
  }
  for (let j = n; j > 1; j--) {
    const r = hop(aspa, as(j), as(j - 1));
    if (r !== 'provider+' && minDown === n) { minDown = n - j + 1; downNa = j; }
    if (r === 'not-provider+') { maxDown = n - j + 1; downNp = j; break; }
  }
  const base = { procedure, n, maxUp, minUp, maxDown, minDown };
  const upHop = (i: number) => ({ from: as(i), to: as(i + 1), result: hop(aspa, as(i), as(i + 1)) });
  const downHop = (j: number) => ({ from: as(j), to: as(j - 1), result: hop(aspa, as(j), as(j - 1)) });
  if (hasAsSet) return { ...base, verdict: 'invalid', reason: 'the path has an AS_SET' };
  if (n === 0) return { ...base, verdict: 'invalid', reason: 'empty path' };
  if (procedure === 'upstream') {
    if (n === 1) return { ...base, verdict: 'valid', reason: 'the neighbour is the origin' };
    if (maxUp < n) return { ...base, verdict: 'invalid', decidingHop: upHop(upNp!), reason: `max_up_ramp ${maxUp} < N ${n}: AS${as(upNp! + 1)} is not a provider of AS${as(upNp!)}` };
    if (minUp < n) return { ...base, verdict: 'unknown', decidingHop: upHop(upNa!), reason: `min_up_ramp ${minUp} < N ${n}: AS${as(upNa!)} has no ASPA` };
    return { ...base, verdict: 'valid', reason: 'every hop climbs to an attested provider' };
  }
  if (n <= 2) return { ...base, verdict: 'valid', reason: 'N ≤ 2 from a provider' };
  if (maxUp + maxDown < n) {
    return { ...base, verdict: 'invalid', decidingHop: upNp !== undefined ? upHop(upNp) : downHop(downNp!), reason: `max_up_ramp ${maxUp} + max_down_ramp ${maxDown} < N ${n}: no up-ramp and down-ramp cover the path` };
  }
  if (minUp + minDown < n) {
    return { ...base, verdict: 'unknown', decidingHop: upNa !== undefined ? upHop(upNa) : downHop(downNa!), reason: `min_up_ramp ${minUp} + min_down_ramp ${minDown} < N ${n}: hops without attestation` };
  }
  return { ...base, verdict: 'valid', reason: 'an up-ramp and a down-ramp of attested providers cover the path' };
}
