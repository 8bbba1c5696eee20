/** The drawing of an answer as SVG (the `--svg` output of why-unreachable and path). */
import { OTHER_FAMILY } from '../infer/families.js';
import { renderDot } from '../report/reachability-dot.js';
import { renderSvg } from '../report/reachability-svg.js';
import type { PairAnswer } from './questions.js';

export async function answerSvg(r: PairAnswer): Promise<string> {
  return renderSvg(renderDot(r.ex, r.topologies[r.ex.family]!, r.topologies[OTHER_FAMILY[r.ex.family]]));
}
