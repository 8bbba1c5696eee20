import type { Argv, CommandModule } from 'yargs';
import { loadRelationshipFile, RelationshipFileError } from '../../graph/relationship-file.js';
import { compareFamily, comparisonText } from '../../infer/compare.js';
import type { Family } from '../../infer/types.js';
import { UserError } from '../errors.js';
import { withData } from '../../analysis/with-data.js';
import { storeDataLines } from '../../analysis/data-lines.js';
import type { DataArgs } from '../../analysis/open-data.js';
import { withAfi, withAnalysisData, withJson } from '../options.js';
import { familiesArg } from './rel.js';

interface CompareArgs extends DataArgs {
  relationships: string;
  afi: 'ipv4' | 'ipv6' | 'both';
  json: boolean;
}

const command: CommandModule<object, CompareArgs> = {
  command: 'compare',
  describe: 'agreement of the inferred relationships with a ground-truth file (CAIDA serial-1/2 or asrel CSV): confusion matrix and one-sided links',
  builder: (y: Argv) =>
    withJson(withAfi(withAnalysisData(y), ['ipv4', 'ipv6', 'both'], 'ipv4'))
      .option('relationships', { type: 'string', demandOption: true, describe: 'ground truth: CAIDA serial-1/serial-2 (read as the --afi family) or asrel CSV' })
      .example('$0 compare --relationships 20150201.as-rel.txt --input AS3257.rpsl', 'IRR inference for AS3257 against CAIDA 2015 (IPv4)') as unknown as Argv<CompareArgs>,
  handler: async (argv) => {
    const fams = familiesArg(argv.afi);
    // CAIDA files carry no family: they are read as the one asked (ipv4 for --afi both).
    const caidaFamily: Family = fams.length === 1 ? fams[0]! : 'ipv4';
    let truth;
    try {
      truth = await loadRelationshipFile(argv.relationships, { family: caidaFamily });
    } catch (e) {
      if (e instanceof RelationshipFileError) {
        throw new UserError(e.message, 2, 'Give a CAIDA as-rel file (provider|customer|-1, peer|peer|0) or a CSV written by `asrel export --format csv`.');
      }
      throw e;
    }
    if (truth.edges.length === 0) throw new UserError(`${argv.relationships}: no relationships in the file`, 2, 'Give a file with at least one link.');
    const { results, notes } = await withData(argv, undefined, (d) => {
      const links = [...d.engine.all(fams, { text: false })];
      const hasObject = (asn: number) => d.engine.hasObject(asn);
      return { results: fams.map((f) => compareFamily(f, links, truth.edges, hasObject)), notes: [...d.notes, ...(d.kind === 'input' ? [] : storeDataLines(d.store))] };
    });
    const what = truth.format === 'asrel-csv' ? 'asrel CSV' : `CAIDA ${truth.format.slice(6)}, read as ${caidaFamily}`;
    if (argv.json) {
      process.stdout.write(`${JSON.stringify({ relationships: argv.relationships, format: truth.format, families: results, data: notes }, null, 2)}\n`);
      return;
    }
    const lines = [...notes, `ground truth: ${argv.relationships} (${what}, ${truth.edges.length} links)`];
    for (const r of results) lines.push(...comparisonText(r));
    process.stdout.write(`${lines.join('\n')}\n`);
  },
};
export default command;
