import type { Argv, CommandModule } from 'yargs';
import { loadRelationshipFile, RelationshipFileError, type RelationshipFileResult } from '../../graph/relationship-file.js';
import type { RelationshipEdge } from '../../graph/types.js';
import { compareFamily, comparisonText } from '../../infer/compare.js';
import { FAMILIES } from '../../infer/families.js';
import type { Family } from '../../infer/types.js';
import { UserError } from '../errors.js';
import { withData } from '../../analysis/with-data.js';
import { storeDataLines } from '../../analysis/data-lines.js';
import type { DataArgs } from '../../analysis/open-data.js';
import { withAnalysisData, withJson } from '../options.js';
import { familiesArg } from './rel.js';
import { relationshipArgs, relationshipSpec } from '../relationships.js';
import { localCopy } from '../../analysis/local-copy.js';
import { printJson, printNotes, printResult } from '../output.js';

interface CompareArgs extends DataArgs {
  relationships: string | string[];
  'relationships-afi'?: Family;
  afi?: 'ipv4' | 'ipv6' | 'both';
  json: boolean;
}

interface TruthFile {
  file: string;
  format: RelationshipFileResult['format'];
  /** CAIDA files: the family their lines were read as, and why. */
  readAs?: Family;
  readAsFrom?: RelationshipFileResult['caidaFamilyFrom'];
  /** `ipv6:FILE`: only that family's rows. */
  only?: Family;
  links: number;
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
    const edges: RelationshipEdge[] = [];
    const files: TruthFile[] = [];
    const downloads: string[] = [];
    for (const arg of relationshipArgs(argv.relationships)) {
      const { file, family } = relationshipSpec(arg);
      const local = await localCopy(file, { dataDir: argv.data, offline: argv.offline, ttlHours: argv.ttl }, '--relationships', downloads);
      let r;
      try {
        r = await loadRelationshipFile(local, family ? { only: family } : argv['relationships-afi'] ? { family: argv['relationships-afi'] } : {});
      } catch (e) {
        if (e instanceof RelationshipFileError) {
          throw new UserError(e.message, 2, 'Give a CAIDA as-rel file (provider|customer|-1, peer|peer|0) or a CSV written by `asrel export --format csv`.');
        }
        throw e;
      }
      if (r.edges.length === 0 && Object.keys(r.skipped).length === 0) throw new UserError(`${file}: no relationships in the file`, 2, 'Give a file with at least one link.');
      for (const e of r.edges) edges.push(e);
      files.push({ file, format: r.format, links: r.edges.length, ...(r.format === 'asrel-csv' ? {} : { readAs: r.caidaFamily, readAsFrom: r.caidaFamilyFrom }), ...(family ? { only: family } : {}) });
    }
    const inTruth = FAMILIES.filter((f) => edges.some((e) => e.family === f));
    const fams = argv.afi ? familiesArg(argv.afi) : inTruth.length ? inTruth : ['ipv4' as Family];
    // A family asked for that the ground truth does not have would compare across families
    // (or against nothing): say so, and print n/a rather than 0%.
    const warnings: string[] = [];
    for (const f of fams) {
      if (inTruth.includes(f)) continue;
      const caida = files.filter((t) => t.readAs && t.readAs !== f && t.readAsFrom !== 'option');
      warnings.push(`the ground truth has no ${f} links, so ${f} is not compared (n/a)` +
        (caida.length ? `: CAIDA files do not say their family and ${caida.map((t) => t.file).join(', ')} ${caida.length > 1 ? 'were' : 'was'} read as ${caida[0]!.readAs}` +
          `; if it is ${f} data, give --relationships ${f}:${caida[0]!.file}` : ''));
    }
    printNotes([...downloads, ...warnings.map((w) => `warning: ${w}`)], argv.quiet && warnings.length === 0);
    const { results, notes } = await withData(argv, undefined, (d) => {
      const links = [...d.engine.all(fams, { evidence: false })];
      const hasObject = (asn: number) => d.engine.hasObject(asn);
      return { results: fams.map((f) => compareFamily(f, links, edges, hasObject)), notes: [...d.notes, ...(d.kind === 'input' ? [] : storeDataLines(d.store))] };
    });
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

