import type { Argv, CommandModule } from 'yargs';
import { reachAnswer, reachJson } from '../../analysis/reach-answer.js';
import { FAMILIES, FAMILY_LABEL as FAM, OTHER_FAMILY } from '../../analysis/families.js';
import { pathString } from '../../report/reachability-text.js';
import { asnArg } from '../asn-arg.js';
import { dataOptionsAgain, withAnalysisData, withJson, withTop } from '../options.js';
import type { EdgeArgs } from '../../analysis/relationships.js';
import { withRelationshipOptions } from '../relationships.js';
import { printJson, printNotes, printResult } from '../output.js';
import { thousands } from '../../report/thousands.js';

interface ReachArgs extends EdgeArgs {
  asn: string;
  top: number;
  json: boolean;
}

const pct = (a: number, b: number) => (b === 0 ? '0' : ((100 * a) / b).toFixed(1));

const command: CommandModule<object, ReachArgs> = {
  command: 'reach <asn>',
  describe: 'which ASes one AS reaches valley-free in each family, and those it reaches in one family only',
  builder: (y) =>
    withTop(withJson(withRelationshipOptions(withAnalysisData(y))), 'list the N ASes with the largest customer cones among those reached in one family only', 0)
      .positional('asn', { type: 'string', describe: 'the AS (6939 or AS6939)' }) as unknown as Argv<ReachArgs>,
  handler: async (argv) => {
    const asn = asnArg(argv.asn, 'ASN');
    const { summary: s, notes } = await reachAnswer(argv, asn);
    if (argv.json) {
      printNotes(notes, argv.quiet);
      printJson(reachJson(s, argv.top, notes));
      return;
    }
    printNotes(notes, argv.quiet);
    const out: string[] = [];
    if (out.length) out.push('');
    for (const f of FAMILIES) {
      const r = s.families[f];
      out.push(r.present
        ? `AS${asn} reaches ${thousands(r.reached)} of the ${thousands(r.total)} ASes in the ${FAM[f]} graph (${pct(r.reached, r.total)}%, itself included)`
        : `AS${asn} has no ${FAM[f]} link in the loaded data`);
    }
    for (const f of FAMILIES) {
      const only = s.oneFamilyOnly.filter((o) => o.family === f);
      const other = OTHER_FAMILY[f];
      const noLink = s.noLinkInOther[f];
      out.push('', `Reached in ${FAM[f]} but not in ${FAM[other]}: ${thousands(only.length)} AS(es) with ${FAM[other]} links but no valley-free ${FAM[other]} path` +
        `; ${thousands(noLink)} more reached in ${FAM[f]} have no ${FAM[other]} link at all (no data, not counted as unreachable)` +
        `${only.length > argv.top ? `; the ${argv.top} with the largest customer cones shown` : ''}`);
      for (const o of only.slice(0, argv.top)) out.push(`  AS${o.asn} (customer cone ${thousands(o.cone)}): ${FAM[f]} path ${pathString(o.path)}`);
    }
    out.push('', `Model: Gao–Rexford (valley-free) routing; \`asrel why-unreachable ${asn} B --afi F${dataOptionsAgain(argv)}\` explains one pair.`);
    printResult(out.join('\n') + '\n');
  },
};
export default command;
