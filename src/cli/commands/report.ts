import type { Argv, CommandModule } from 'yargs';
import { writeFile } from 'node:fs/promises';
import { answerSvg } from '../../analysis/drawing.js';
import { renderHtmlReport } from '../../report/html-report.js';
import { withAfi, withAnalysisData, withIxp } from '../options.js';
import { withRelationshipOptions } from '../relationships.js';
import { UserError } from '../errors.js';
import { explainPair, type PairArgs } from './why-unreachable.js';
import { verdictText } from '../../report/reachability-text.js';

declare const __ASREL_VERSION__: string;

interface ReportArgs extends PairArgs {
  out?: string;
}

const command: CommandModule<object, ReportArgs> = {
  command: 'report <a> <b>',
  describe: 'one self-contained HTML page (opens from disk, prints well) answering whether AS A reaches AS B in one family: the answer, the drawing, the other family, the fixes and every registry line used',
  builder: (y) => withIxp(withAfi(withRelationshipOptions(withAnalysisData(y
    .positional('a', { type: 'string', describe: 'source AS (6939 or AS6939)', demandOption: true })
    .positional('b', { type: 'string', describe: 'destination AS', demandOption: true }))), ['ipv4', 'ipv6'], 'ipv4'))
    .option('out', { type: 'string', describe: 'write the page to FILE instead of standard output' }) as unknown as Argv<ReportArgs>,
  handler: async (argv) => {
    const r = await explainPair({ ...argv, json: false, dot: false });
    const { ex, notes } = r;
    const svg = await answerSvg(r);
    const html = renderHtmlReport({
      ex, notes, svg, generator: `asrel ${__ASREL_VERSION__}`, generatedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    });
    if (!argv.out) { process.stdout.write(html); return; }
    try {
      await writeFile(argv.out, html);
    } catch (e) {
      throw new UserError(`cannot write ${argv.out}: ${(e as Error).message}`, 2, 'Check that the folder exists and is writable.');
    }
    if (!argv.quiet) process.stderr.write(`wrote ${argv.out}: ${verdictText(ex)}\n`);
  },
};
export default command;
