import type { Argv, CommandModule } from 'yargs';
import { evidenceCount, neighbourRows, neighboursAnswer, neighboursJson } from '../../analysis/neighbours-answer.js';
import { confidenceLevel, type LinkInference } from '../../analysis/types.js';
import { asnArg } from '../asn-arg.js';
import type { DataArgs } from '../../analysis/open-data.js';
import { withAfi, withAnalysisData, withJson } from '../options.js';
import { printJson, printNotes, printResult } from '../output.js';
import { familiesArg } from './rel.js';

interface NeighborsArgs extends DataArgs {
  quiet?: boolean;
  asn: string;
  afi: 'ipv4' | 'ipv6' | 'both';
  json: boolean;
}

function cell(l: LinkInference | undefined): string {
  if (!l || l.relation === 'none') return '-';
  return `${l.relation === 'ambiguous' ? l.candidates.join('|') + '?' : l.relation} ${l.confidence.toFixed(2)} ${confidenceLevel(l.confidence).name}`;
}

const command: CommandModule<object, NeighborsArgs> = {
  command: 'neighbors <asn>',
  aliases: ['neighbours'],
  describe: 'every neighbour of an AS with its relationship per address family and the number of registry lines behind it',
  builder: (y: Argv) =>
    withJson(withAfi(withAnalysisData(y), ['ipv4', 'ipv6', 'both'], 'both'))
      .positional('asn', { type: 'string', describe: 'the AS (relations are read from its side)' }) as unknown as Argv<NeighborsArgs>,
  handler: async (argv) => {
    const asn = asnArg(argv.asn, 'the AS');
    const fams = familiesArg(argv.afi);
    const { links, notes, hasObject } = await neighboursAnswer(argv, asn, fams);
    const rows = neighbourRows(links);
    if (argv.json) {
      printNotes(notes, argv.quiet);
      printJson(neighboursJson(asn, hasObject, links, fams, notes));
      return;
    }
    printNotes(notes, argv.quiet);
    const lines: string[] = [];
    if (!hasObject) lines.push(`data gap: AS${asn} has no aut-num in the data; only neighbours whose own policies name it are listed.`);
    lines.push(`AS${asn}: ${rows.length} neighbour(s); relation read from AS${asn}'s side (p2c: AS${asn} is the provider), then confidence: ` +
      'the chance the relation is right (high ≥ 0.95, good ≥ 0.8, fair ≥ 0.5, low below; README "Confidence")');
    lines.push(['neighbour'.padEnd(14), ...fams.map((f) => f.padEnd(24)), 'evidence lines'].join(''));
    for (const [n, r] of rows) {
      const ev = fams.map((f) => { const l = r[f]; return l ? evidenceCount(l) : 0; }).join('/');
      const gap = fams.some((f) => r[f]?.missing.includes(n)) ? '  (no aut-num: one side only)' : '';
      lines.push([`AS${n}`.padEnd(14), ...fams.map((f) => cell(r[f]).padEnd(24)), ev, gap].join(''));
    }
    printResult(`${lines.join('\n')}\n`);
  },
};
export default command;
