/** The drawing of an answer (the `--dot` and `--svg` output of why-unreachable and path, and report's). */
import { OTHER_FAMILY } from '../infer/families.js';
import { renderDot } from '../report/reachability-dot.js';
import { renderSvg } from '../report/reachability-svg.js';
import type { PairAnswer } from './questions.js';

/** The drawing as Graphviz DOT (`--dot`): the asked family, and the other one when its graph was built. */
export function answerDot(r: Pick<PairAnswer, 'ex' | 'topologies'>): string {
  return renderDot(r.ex, r.topologies[r.ex.family]!, r.topologies[OTHER_FAMILY[r.ex.family]]);
}

export async function answerSvg(r: Pick<PairAnswer, 'ex' | 'topologies'>): Promise<string> {
  return renderSvg(answerDot(r));
}
