import type { Argv, CommandModule } from 'yargs';
import { inferenceText } from '../../report/inference-text.js';
import { relAnswer, relJson } from '../../analysis/rel-answer.js';
import type { Family } from '../../analysis/families.js';
import { asnArg } from '../asn-arg.js';
import type { DataArgs } from '../../analysis/open-data.js';
import { withAfi, withAnalysisData, withJson } from '../options.js';
import { printJson, printNotes, printResult } from '../output.js';

interface RelArgs extends DataArgs {
  a: string;
  b: string;
  afi: 'ipv4' | 'ipv6' | 'both';
  json: boolean;
  quiet?: boolean;
}

export function familiesArg(afi: string): Family[] {
  return afi === 'both' ? ['ipv4', 'ipv6'] : [afi as Family];
}

const command: CommandModule<object, RelArgs> = {
  command: 'rel <a> <b>',
  describe: 'the relationship of two ASes in each address family, with the registry lines from both sides',
  builder: (y: Argv) =>
    withJson(withAfi(withAnalysisData(y), ['ipv4', 'ipv6', 'both'], 'both'))
      .positional('a', { type: 'string', describe: 'first AS (relations are read from its side)' })
      .positional('b', { type: 'string', describe: 'second AS' }) as unknown as Argv<RelArgs>,
  handler: async (argv) => {
    const a = asnArg(argv.a, 'first AS');
    const b = asnArg(argv.b, 'second AS');
    const { results, notes } = await relAnswer(argv, a, b, familiesArg(argv.afi));
    if (argv.json) {
      printNotes(notes, argv.quiet);
      printJson(relJson(a, b, results, notes));
      return;
    }
    printNotes(notes, argv.quiet);
    const lines = [`AS${a} – AS${b} (read from AS${a}'s side)`];
    for (const r of results) lines.push(...inferenceText(r));
    const gaps = new Set(results.flatMap((r) => r.missing));
    if (gaps.size && results.every((r) => r.relation === 'none')) {
      lines.push(`  data gap: no aut-num in the data for ${[...gaps].map((x) => `AS${x}`).join(', ')}; fetch or import it to see its side.`);
    }
    printResult(`${lines.join('\n')}\n`);
  },
};
export default command;
