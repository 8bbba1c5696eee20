import type { Argv, CommandModule } from 'yargs';
import { compareWithTruth, comparisonText, readTruth, truthWarnings, type TruthFile } from '../../analysis/compare-answer.js';
import type { Family } from '../../analysis/families.js';
import type { DataArgs } from '../../analysis/open-data.js';
import { withAnalysisData, withJson } from '../options.js';
import { familiesArg } from './rel.js';
import { printJson, printNotes, printResult } from '../output.js';

interface CompareArgs extends DataArgs {
  relationships: string | string[];
  'relationships-afi'?: Family;
  afi?: 'ipv4' | 'ipv6' | 'both';
  json: boolean;
}

const command: CommandModule<object, CompareArgs> = {
  command: 'compare',
  describe: 'agreement of the inferred relationships with a ground-truth file (CAIDA serial-1/2 or asrel CSV): confusion matrix and one-sided links',
  builder: (y: Argv) =>
    withJson(withAnalysisData(y))
      .option('relationships', {
        type: 'string',
        demandOption: true,
        describe: 'ground truth: CAIDA serial-1/serial-2 or asrel CSV; ipv4:FILE / ipv6:FILE says which family a CAIDA file is (default ipv4); repeat for one file per family',
      })
      .option('relationships-afi', {
        type: 'string',
        choices: ['ipv4', 'ipv6'],
        defaultDescription: 'ipv4, or the family an asrel export names in its header',
        describe: 'address family of CAIDA files given without ipv4:/ipv6: (the same option as in the other commands)',
      })
      .option('afi', {
        type: 'string',
        choices: ['ipv4', 'ipv6', 'both'],
        describe: 'families to compare',
        defaultDescription: 'those the ground truth has',
      }) as unknown as Argv<CompareArgs>,
  handler: async (argv) => {
    const truth = await readTruth(argv);
    const { files, downloads, notes: fileNotes } = truth;
    const fams = argv.afi ? familiesArg(argv.afi) : truth.families.length ? truth.families : ['ipv4' as Family];
    // A family asked for that the ground truth does not have is not compared: say so, and print n/a rather than 0%.
    const warnings = truthWarnings(truth, fams);
    printNotes([...downloads, ...fileNotes, ...warnings.map((w) => `warning: ${w}`)], argv.quiet && warnings.length === 0);
    const { results, notes } = await compareWithTruth(argv, truth, fams);
    if (argv.json) {
      printNotes(notes, argv.quiet);
      printJson({ relationships: argv.relationships, format: files[0]!.format, files, families: results, warnings, data: notes });
      return;
    }
    const describe = (t: TruthFile) => t.format === 'asrel-csv'
      ? `asrel CSV${t.only ? `, ${t.only} rows only` : ''}`
      : `CAIDA ${t.format.slice(6)}, read as ${t.readAs}${t.readAsFrom === 'header' ? ' (its asrel header says so)' : t.readAsFrom === 'default' ? ' (the default: CAIDA files do not say)' : ''}`;
    printNotes(notes, argv.quiet);
    const lines = [...files.map((t) => `ground truth: ${t.file} (${describe(t)}, ${t.links} links)`)];
    for (const r of results) lines.push(...comparisonText(r));
    printResult(`${lines.join('\n')}\n`);
  },
};
export default command;

