import type { Argv, CommandModule } from 'yargs';
import { darkSpotsFromData, darkSpotsJson, type ListedSpot } from '../../analysis/dark-spots-answer.js';
import { pathString } from '../../report/reachability-text.js';
import { FAMILY_LABEL as FAM, type Family } from '../../analysis/families.js';
import { withAnalysisData, withIxp, withJson, withTop } from '../options.js';
import type { EdgeArgs } from '../../analysis/relationships.js';
import { withRelationshipOptions } from '../relationships.js';
import { printJson, printNotes, printResult } from '../output.js';
import { thousands } from '../../report/thousands.js';
import { ambiguousSpotLine } from '../../report/ambiguous-text.js';

interface DarkArgs extends EdgeArgs {
  afi?: Family;
  top: number;
  json: boolean;
  ixp?: string[];
}

const ases = (k: number) => `${thousands(k)} AS${k === 1 ? '' : 'es'}`;

function renderSpot(s: ListedSpot): string {
  const ixps = s.sharedIxps === undefined ? ''
    : s.sharedIxps === null ? `; exchanges unknown: ${s.ixpUnknown}`
    : `; ${s.sharedIxps === 0 ? 'no' : s.sharedIxps} exchange${s.sharedIxps === 1 ? '' : 's'} where both have ${FAM[s.family]} addresses`;
  const ambiguous = ambiguousSpotLine(FAM[s.family], s.ambiguousLinks);
  return `  AS${s.a} (customer cone ${ases(s.coneA)}) ⟷ AS${s.b} (${ases(s.coneB)}): no ${FAM[s.family]} path; ` +
    `${FAM[s.otherFamily]} path ${pathString(s.otherPath)}${ixps}${ambiguous ? `\n    ${ambiguous}` : ''}`;
}

const command: CommandModule<object, DarkArgs> = {
  command: 'dark-spots',
  describe: 'pairs of transit-free ASes that cannot reach each other in one family but can in the other, largest cones first',
  builder: (y) =>
    withTop(withIxp(withJson(withRelationshipOptions(withAnalysisData(y)))), 'show the N largest (by the number of AS pairs they cut off)', 1)
      .option('afi', { type: 'string', choices: ['ipv4', 'ipv6'], describe: 'only dark spots in this family', defaultDescription: 'both' }) as unknown as Argv<DarkArgs>,
  handler: async (argv) => {
    const { answer, notes } = await darkSpotsFromData(argv, argv.top, argv.afi, argv.ixp);
    const { spots, closable, afi: families } = answer;
    if (argv.json) {
      printNotes(notes, argv.quiet);
      printJson(darkSpotsJson(answer, notes));
      return;
    }
    printNotes(notes, argv.quiet);
    const out: string[] = [];
    if (out.length) out.push('');
    for (const f of families) {
      const mine = spots.filter((s) => s.family === f);
      const all = answer.totalByFamily[f];
      out.push(`Dark spots in ${FAM[f]} (${answer.transitFree[f]} transit-free ASes checked): ${all === 0 ? 'none' : `${all} pair(s)${all > mine.length ? `, the ${mine.length} largest shown` : ''}`}`);
      for (const s of mine) out.push(renderSpot(s));
    }
    if (closable) out.push('', closable);
    out.push('');
    out.push('Transit-free: no provider in that family (with IRR data, also ASes whose providers are not documented). Model: Gao–Rexford (valley-free) routing.');
    const resting = spots.filter((s) => s.dependsOnAmbiguous).length;
    if (resting) {
      out.push(`Ambiguous links: ${resting} of the ${spots.length} dark spots listed rest on an IRR link whose relation is ambiguous (one side's policy fits two relations): ` +
        'read otherwise (--ambiguous), that one link joins the two or gives one of them a provider. For the others no one link does.');
    }
    const tests = families.map((f) => `${thousands(answer.pairTests[f])} in ${FAM[f]}`).join(', ');
    out.push(`Pair tests: ${tests} (transit-free ASes with the same uphill set and peers, the ASes of one sibling group, are tested as one).`);
    printResult(out.join('\n') + '\n');
  },
};
export default command;
