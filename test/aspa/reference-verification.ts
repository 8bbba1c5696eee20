/**
 * A second, independent AS_PATH verification, written for the tests from the draft's own
 * definitions (draft-ietf-sidrops-aspa-verification §5–§6) rather than from asrel's code:
 * the ramps are found by trying every length L and keeping the largest that satisfies the
 * definition, on the path numbered as the draft numbers it (AS(1) = origin … AS(N) = neighbour).
 */
export type Verdict = 'valid' | 'invalid' | 'unknown';

/** authorized(x, y) of the draft: "Provider+", "Not Provider+" or "No Attestation". */
function authorized(aspas: Map<number, number[]>, customer: number, provider: number): 'P+' | 'NP+' | 'NA' {
  const set = aspas.get(customer);
  if (set === undefined) return 'NA';
  return set.includes(provider) ? 'P+' : 'NP+';
}

export function referenceVerify(received: number[], hasSet: boolean, procedure: 'upstream' | 'downstream', aspas: Map<number, number[]>): Verdict {
  if (hasSet) return 'invalid';
  // Collapse prepends, then renumber: AS(1) is the origin (last as received).
  const collapsed = received.filter((a, i) => i === 0 || received[i - 1] !== a);
  const N = collapsed.length;
  if (N === 0) return 'invalid';
  const AS = (i: number) => collapsed[N - i]!;
  // Up-ramp of length L: every hop AS(i) → AS(i+1), 1 ≤ i < L, satisfies `ok`.
  const upRamp = (ok: (r: string) => boolean) => {
    let best = 1;
    for (let L = 1; L <= N; L++) {
      let all = true;
      for (let i = 1; i < L; i++) if (!ok(authorized(aspas, AS(i), AS(i + 1)))) all = false;
      if (all) best = L;
    }
    return best;
  };
  // Down-ramp of length K: every hop AS(j) → AS(j−1), N−K+2 ≤ j ≤ N, satisfies `ok`.
  const downRamp = (ok: (r: string) => boolean) => {
    let best = 1;
    for (let K = 1; K <= N; K++) {
      let all = true;
      for (let j = N - K + 2; j <= N; j++) if (!ok(authorized(aspas, AS(j), AS(j - 1)))) all = false;
      if (all) best = K;
    }
    return best;
  };
  const maxUp = upRamp((r) => r !== 'NP+');
  const minUp = upRamp((r) => r === 'P+');
  const maxDown = downRamp((r) => r !== 'NP+');
  const minDown = downRamp((r) => r === 'P+');
  if (procedure === 'upstream') {
    if (N === 1) return 'valid';
    if (maxUp < N) return 'invalid';
    if (minUp < N) return 'unknown';
    return 'valid';
  }
  if (N <= 2) return 'valid';
  if (maxUp + maxDown < N) return 'invalid';
  if (minUp + minDown < N) return 'unknown';
  return 'valid';
}
