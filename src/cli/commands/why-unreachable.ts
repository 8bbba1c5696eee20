import type { Argv, CommandModule } from 'yargs';
import { explainReachability } from '../../explain/explain.js';
import type { Family } from '../../infer/types.js';
import { explanationJson } from '../../report/reachability-json.js';
import { renderExplanation } from '../../report/reachability-text.js';
import { renderDot } from '../../report/reachability-dot.js';
import { renderSvg } from '../../report/reachability-svg.js';
import { asnArg } from '../asn-arg.js';
import { UserError } from '../errors.js';
import { withAfi, withAnalysisData, withIxp, withJson } from '../options.js';
import { annotateFixes, ixpAsnsOf } from '../../ixp/annotate.js';
import { loadIxpForAnswer } from '../../ixp/cli.js';
import type { IxpPresence } from '../../ixp/types.js';
import { loadTopologies, requireFamily, withRelationshipOptions, type EdgeArgs } from '../relationships.js';
import { FAMILIES, OTHER_FAMILY } from '../../infer/families.js';
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

/** Loads both families (the explanation compares them) and explains A → B in `afi`. */
/** `families`: the graphs to build; `path` needs the asked family only, the explanation compares both. */
export async function explainPair(argv: PairArgs, families: readonly Family[] = FAMILIES) {
  if (argv.dot && argv.json) throw new UserError('--dot and --json are two output formats: give one', 2, 'Drop one of them.');
  if (argv.svg && (argv.dot || argv.json)) throw new UserError('--svg, --dot and --json are three output formats: give one', 2, 'Drop the others.');
  const a = asnArg(argv.a, 'the first AS, A');
  const b = asnArg(argv.b, 'the second AS, B');
  const loaded = await loadTopologies(argv, { asns: [a, b] }, families);
  loaded.requireKnown([a, b]);
  requireFamily(loaded, argv.afi);
  let ex = explainReachability({ a, b, family: argv.afi, topologies: loaded.topologies, hasObject: loaded.hasObject });
  let ixp: IxpPresence | undefined;
  if (argv.ixp?.length) {
    // After the explanation: PeeringDB is asked only for the ASes of its peering fixes (and A and B), and not at all when A reaches B.
    ixp = (await loadIxpForAnswer(argv.ixp, { asns: ex.reachable ? [] : [a, b, ...ixpAsnsOf(ex)], dataDir: argv.data, offline: argv.offline }, loaded.notes)).presence;
    ex = annotateFixes(ex, ixp);
  }
  printNotes(loaded.notes, argv.quiet);
  return { ex, notes: loaded.notes, topologies: loaded.topologies, ixp };
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
    const { ex, notes, topologies } = await explainPair(argv);
    printNotes(aspaNotes, argv.quiet);
    const hops = aspa ? aspaHops(ex, aspa) : undefined;
    if (drawing) {
      const dot = renderDot(ex, topologies[ex.family]!, topologies[OTHER_FAMILY[ex.family]]);
      printResult(argv.svg ? await renderSvg(dot) : dot);
    }
    else if (argv.json) printJson(hops ? { ...explanationJson(ex, [...notes, ...aspaNotes]), aspa: hops } : explanationJson(ex, notes));
    else printResult(hops ? `${renderExplanation(ex)}\n${aspaHopsText(hops)}` : renderExplanation(ex));
  },
};
export default command;
