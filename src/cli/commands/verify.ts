import type { Argv, CommandModule } from 'yargs';
import { loadAspaIfAny } from '../../analysis/aspa-data.js';
import { readObservedPaths } from '../../analysis/observed-paths.js';
import { lookupOf } from '../../analysis/aspa.js';
import { FAMILIES } from '../../analysis/families.js';
import { verify } from '../../analysis/verify.js';
import { verifyCsvRows, verifyJson, verifyText, VERIFY_CSV_COLUMNS } from '../../analysis/verify-report.js';
import { jsonAsFormat, withAfi, withAnalysisData, withJson, withTop } from '../options.js';
import { loadTopologies, type EdgeArgs } from '../../analysis/relationships.js';
import { withRelationshipOptions } from '../relationships.js';
import { printJson, printNotes, printResult } from '../output.js';
import { familiesArg } from './rel.js';
import { thousands } from '../../report/thousands.js';

interface VerifyArgs extends EdgeArgs {
  paths: string[];
  afi: string;
  json: boolean;
  format: string;
  top: number;
  aspa?: string | false;
  procedure: 'upstream' | 'downstream';
}

const n = thousands;

const command: CommandModule<object, VerifyArgs> = {
  command: 'verify <paths..>',
  describe: 'hold observed BGP paths (MRT files or `bgpdump -m` text) against the inferred relations per family: valley-free share, first breaking hops, links the IRR does not document, relations and dark spots BGP contradicts',
  builder: (y) =>
    withTop(withJson(withAfi(withRelationshipOptions(withAnalysisData(y)), ['ipv4', 'ipv6', 'both'], 'both')), 'list at most N entries per family in each section', 1)
      .positional('paths', { type: 'string', array: true, describe: 'MRT files (TABLE_DUMP_V2 RIB, BGP4MP updates; plain, .gz, .bz2) or `bgpdump -m` text; http(s) URLs; - for stdin' })
      .option('aspa', { type: 'string', describe: 'validated ASPAs (rpki-client/Routinator JSON, OpenBGPD or BIRD text): add each path\'s ASPA verdict, an agreement matrix per family and the ASPA blind spots; --no-aspa: none', defaultDescription: 'the newest snapshot in the store (asrel aspa import), when there is one' })
      .option('procedure', { type: 'string', choices: ['upstream', 'downstream'], default: 'downstream', describe: 'ASPA procedure with --aspa (downstream: a collector\'s full table is what a provider sends)' })
      .option('format', { type: 'string', choices: ['text', 'json', 'csv'], defaultDescription: 'text', describe: 'text, JSON, or CSV with one row per link seen (family, ASes, relation, IRR documentation, paths)' })
      .example('$0 verify rrc15-updates.20100227.1600.gz --relationships 20150201.as-rel.txt', 'RIS updates against CAIDA\'s 2015 relationships')
      .example('$0 verify bview.20260101.0000.gz --afi ipv6', 'a RIB dump against the IRR, IPv6 only') as unknown as Argv<VerifyArgs>,
  handler: async (argv) => {
    jsonAsFormat(argv, 'text', 'csv');
    const families = familiesArg(argv.afi);
    const table = await readObservedPaths(argv.paths, families);
    const reading = table.sources.map((s) => `read ${s.name} (${s.format ?? 'empty'}): ${n(s.records)} records, ${n(s.routes)} routes, ${n(s.withdrawals)} withdrawals` +
      (s.notices ? `; ${s.noticeSummary}` : '') + (s.warnings ? `; ${n(s.warnings)} damaged records or lines skipped (${s.warningSummary})` : ''));
    const aspaNotes: string[] = [];
    const aspaSet = await loadAspaIfAny(argv.aspa, aspaNotes, argv.data);
    // The blind spots need the other family's relations too.
    const loaded = await loadTopologies(argv, undefined, aspaSet ? FAMILIES : families);
    try {
      const missing = families.filter((f) => !loaded.topologies[f] && table.routes[f] > 0);
      const notes = [...loaded.notes, ...aspaNotes, ...reading, ...missing.map((f) => `no ${f} relationships loaded: the ${f} paths get no verdict (give --relationships ${f}:FILE or IRR data with ${f} policy)`)];
      const result = verify({ table, topologies: loaded.topologies, families, engine: loaded.engine, top: argv.top,
        ...(aspaSet ? { aspa: { lookup: lookupOf(aspaSet.records), procedure: argv.procedure } } : {}) });
      printNotes(notes, argv.quiet);
      if (argv.format === 'json') {
        printJson(verifyJson(result, notes));
      } else if (argv.format === 'csv') {
        const { stringify } = await import('csv-stringify/sync');
        printResult(stringify([VERIFY_CSV_COLUMNS, ...verifyCsvRows(result)]));
      } else {
        printResult(verifyText(result));
      }
    } finally {
      loaded.close?.();
    }
  },
};
export default command;
