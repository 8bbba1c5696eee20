import type { Argv, CommandModule } from 'yargs';
import { answerDot, answerSvg } from '../../analysis/drawing.js';
import type { Family } from '../../analysis/families.js';
import { explainPairAnswer } from '../../analysis/pair-answer.js';
import { whyUnreachableJson, type PairAnswer } from '../../analysis/questions.js';
import type { EdgeArgs } from '../../analysis/relationships.js';
import { renderExplanation } from '../../report/reachability-text.js';
import { asnArg } from '../asn-arg.js';
import { UserError } from '../errors.js';
import { withAfi, withAnalysisData, withIxp, withJson } from '../options.js';
import { withRelationshipOptions } from '../relationships.js';
import { printJson, printNotes, printResult } from '../output.js';
import { loadAspaIfAny } from '../../analysis/aspa-data.js';
import { aspaHops } from '../../analysis/aspa-hops.js';
import { aspaHopsText } from '../../report/aspa-text.js';

/** Positional A and B plus every option the two-AS questions share. */
export function pairBuilder<T>(y: Argv<T>) {
  return withIxp(withJson(withAfi(withRelationshipOptions(withAnalysisData(y
    .positional('a', { type: 'string', describe: 'source AS (6939 or AS6939)', demandOption: true })
    .positional('b', { type: 'string', describe: 'destination AS', demandOption: true }))), ['ipv4', 'ipv6'], 'ipv4')))
    .option('dot', { type: 'boolean', default: false, describe: 'print a Graphviz DOT drawing instead of text (pipe to `dot -Tsvg`)' })
    .option('svg', { type: 'boolean', default: false, describe: 'print the same drawing as SVG, drawn in-process (no Graphviz needed)' });
}

export interface PairArgs extends EdgeArgs {
  a: string;
  b: string;
  afi: Family;
  json: boolean;
  dot: boolean;
  quiet?: boolean;
  svg?: boolean;
  ixp?: string[];
}

/** Checks the output options and the two ASes, explains A → B in `afi` and prints the notes. */
/** `families`: the graphs to build; `path` needs the asked family only, the explanation compares both. */
export async function explainPair(argv: PairArgs, families?: readonly Family[]): Promise<PairAnswer> {
  if (argv.dot && argv.json) throw new UserError('--dot and --json are two output formats: give one', 2, 'Drop one of them.');
  if (argv.svg && (argv.dot || argv.json)) throw new UserError('--svg, --dot and --json are three output formats: give one', 2, 'Drop the others.');
  const a = asnArg(argv.a, 'the first AS, A');
  const b = asnArg(argv.b, 'the second AS, B');
  const r = await explainPairAnswer(argv, a, b, families);
  printNotes(r.notes, argv.quiet);
  return r;
}

const command: CommandModule<object, PairArgs & { aspa?: string | false }> = {
  command: 'why-unreachable <a> <b>',
  describe: 'why AS A cannot reach AS B in one address family (valley-free, Gao–Rexford): cones, missing links, fixes, the other family',
  builder: (y) => pairBuilder(y)
    .option('aspa', {
      type: 'string',
      describe: 'validated ASPAs (rpki-client/Routinator JSON, OpenBGPD or BIRD text; file, URL or -): add each AS\'s and hop\'s ASPA status, the paths\' ASPA verdicts and what the fixes ask of ASPA; --no-aspa: none',
      defaultDescription: 'the newest snapshot in the store (asrel aspa import), when there is one',
    }) as unknown as Argv<PairArgs & { aspa?: string | false }>,
  handler: async (argv) => {
    // ASPA data first: a bad file fails before the analysis. Without a file or a stored snapshot, nothing changes.
    const aspaNotes: string[] = [];
    const drawing = argv.dot || argv.svg;
    const aspa = drawing ? undefined : await loadAspaIfAny(argv.aspa, aspaNotes, argv.data);
    const r = await explainPair(argv);
    printNotes(aspaNotes, argv.quiet);
    const hops = aspa ? aspaHops(r.ex, aspa) : undefined;
    if (argv.svg) printResult(await answerSvg(r));
    else if (argv.dot) printResult(answerDot(r));
    else if (argv.json) printJson(hops ? { ...whyUnreachableJson({ ...r, notes: [...r.notes, ...aspaNotes] }), aspa: hops } : whyUnreachableJson(r));
    else printResult(hops ? `${renderExplanation(r.ex)}
${aspaHopsText(hops)}` : renderExplanation(r.ex));
  },
};
export default command;
