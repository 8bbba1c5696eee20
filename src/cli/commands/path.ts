import type { Argv, CommandModule } from 'yargs';
import { belowThresholdText, pathString, renderHops, setAsideLines } from '../../report/reachability-text.js';
import { answerDot, answerSvg } from '../../analysis/drawing.js';
import { FAMILY_LABEL as FAM } from '../../analysis/families.js';
import { pathJson, pathPeeringPlaces } from '../../analysis/questions.js';
import { explainPair, pairBuilder, type PairArgs } from './why-unreachable.js';
import { printJson, printResult } from '../output.js';
import { dataOptionsAgain } from '../options.js';

const command: CommandModule<object, PairArgs> = {
  command: 'path <a> <b>',
  describe: 'the shortest valley-free path from AS A to AS B in one address family, hop by hop with each relationship and its evidence',
  builder: (y) => pairBuilder(y) as unknown as Argv<PairArgs>,
  handler: async (argv) => {
    // A path is one family's question: the other family's graph is not built.
    // Only the asked family's graph is built, so the drawing has no other family.
    const r = await explainPair(argv, [argv.afi]);
    const { ex } = r;
    if (argv.dot || argv.svg) {
      printResult(argv.svg ? await answerSvg(r) : answerDot(r));
      return;
    }
    if (argv.json) {
      printJson(pathJson(r));
      return;
    }
    const out: string[] = [];
    const F = FAM[ex.family];
    for (const x of ex.absent) out.push(`AS${x} has no ${F} link in the loaded data.`);
    if (ex.path) {
      out.push(`${pathString(ex.path)}  (${F}, ${ex.path.length - 1} hop(s), valley-free under the Gao–Rexford model)`);
      out.push(...renderHops(ex.hops ?? []));
    } else if (ex.setAside) {
      out.push(`Whether AS${ex.a} reaches AS${ex.b} in ${F} cannot be judged at --min-confidence ${ex.setAside.minConfidence}: ${belowThresholdText(ex)}:`);
      out.push(...setAsideLines(ex.setAside.links));
      const w = ex.setAside.withThem;
      if (w?.path) out.push(`With every link kept: ${pathString(w.path)}  (${F}, ${w.path.length - 1} hop(s), valley-free under the Gao–Rexford model)`);
      else if (w) out.push(`With every link kept there is no valley-free ${F} path either.`);
      out.push(`Run without --min-confidence (or with a lower one) for the answer from every link.`);
    } else {
      out.push(`No valley-free ${F} path from AS${ex.a} to AS${ex.b} under the Gao–Rexford model.`);
      const where = pathPeeringPlaces(r);
      if (where !== undefined) out.push(`Where AS${ex.a} and AS${ex.b} could peer in ${F}: ${where}.`);
      out.push(`Run \`asrel why-unreachable ${ex.a} ${ex.b} --afi ${ex.family}${dataOptionsAgain(argv)}\` for the reason and the links that would fix it.`);
    }
    printResult(out.join('\n') + '\n');
  },
};
export default command;
