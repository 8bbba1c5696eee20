import type { Argv, CommandModule } from 'yargs';
import { findDarkSpots, type DarkSpot } from '../../explain/dark-spots.js';
import type { Family } from '../../infer/types.js';
import { pathString } from '../../report/reachability-text.js';
import { FAMILIES, FAMILY_LABEL as FAM } from '../../infer/families.js';
import { withAnalysisData, withIxp, withJson, withTop } from '../options.js';
import { sharedIxpCount } from '../../ixp/common.js';
import { loadIxpForAnswer } from '../../ixp/cli.js';
import { loadTopologies, requireFamily, withRelationshipOptions, type EdgeArgs } from '../relationships.js';
import { printJson, printNotes, printResult } from '../output.js';

interface DarkArgs extends EdgeArgs {
  afi?: Family;
  top: number;
  json: boolean;
  ixp?: string[];
}

const ases = (k: number) => `${k.toLocaleString('en-US')} AS${k === 1 ? '' : 'es'}`;

function renderSpot(s: DarkSpot & { sharedIxps?: number }): string {
  const ixps = s.sharedIxps === undefined ? ''
    : `; ${s.sharedIxps === 0 ? 'no' : s.sharedIxps} exchange${s.sharedIxps === 1 ? '' : 's'} where both have ${FAM[s.family]} addresses`;
  return `  AS${s.a} (customer cone ${ases(s.coneA)}) ⟷ AS${s.b} (${ases(s.coneB)}): no ${FAM[s.family]} path; ` +
    `${FAM[s.otherFamily]} path ${pathString(s.otherPath)}${ixps}`;
}

const command: CommandModule<object, DarkArgs> = {
  command: 'dark-spots',
  describe: 'pairs of transit-free ASes that cannot reach each other in one family but can in the other, largest cones first',
  builder: (y) =>
    withTop(withIxp(withJson(withRelationshipOptions(withAnalysisData(y)))), 'show the N largest (by the number of AS pairs they cut off)', 1)
      .option('afi', { type: 'string', choices: ['ipv4', 'ipv6'], describe: 'only dark spots in this family', defaultDescription: 'both' }) as unknown as Argv<DarkArgs>,
  handler: async (argv) => {
    const loaded = await loadTopologies(argv);
    const [v4, v6] = FAMILIES.map((f) => requireFamily(loaded, f));
    const families = argv.afi ? [argv.afi] : [...FAMILIES];
    const result = findDarkSpots({ ipv4: v4, ipv6: v6 }, families, { keep: argv.top });
    let spots: (DarkSpot & { sharedIxps?: number })[] = result.spots;
    let closable: string | undefined;
    let ixpJson = {};
    if (argv.ixp?.length) {
      // The listed spots only: findDarkSpots keeps the top N and counts the rest.
      const asns = [...new Set(spots.flatMap((s) => [s.a, s.b]))];
      const { presence } = await loadIxpForAnswer(argv.ixp, { asns, dataDir: argv.data, offline: argv.offline }, loaded.notes);
      spots = spots.map((s) => ({ ...s, sharedIxps: sharedIxpCount(presence, s.a, s.b, s.family) }));
      const n = spots.filter((s) => s.sharedIxps! > 0).length;
      const data = presence.datasets.map((d) => `${d.source}, ${d.date}`).join('; ');
      closable = `${n} of the ${spots.length} dark spot${spots.length === 1 ? '' : 's'} listed could close at an exchange where both are already present (with addresses of the dark family; ${data})`;
      ixpJson = { ixp: { listed: spots.length, closable: n, datasets: presence.datasets.map(({ source, date }) => ({ source, date })) } };
    }
    if (argv.json) {
      const total = families.reduce((n, f) => n + result.total[f], 0);
      printNotes(loaded.notes, argv.quiet);
      printJson({ afi: families, total, totalByFamily: result.total, transitFree: result.transitFree, spots, ...ixpJson, notes: loaded.notes });
      return;
    }
    printNotes(loaded.notes, argv.quiet);
    const out: string[] = [];
    if (out.length) out.push('');
    for (const f of families) {
      const mine = spots.filter((s) => s.family === f);
      const all = result.total[f];
      out.push(`Dark spots in ${FAM[f]} (${result.transitFree[f]} transit-free ASes checked): ${all === 0 ? 'none' : `${all} pair(s)${all > mine.length ? `, the ${mine.length} largest shown` : ''}`}`);
      for (const s of mine) out.push(renderSpot(s));
    }
    if (closable) out.push('', closable);
    out.push('');
    out.push('Transit-free: no provider in that family (with IRR data, also ASes whose providers are not documented). Model: Gao–Rexford (valley-free) routing.');
    printResult(out.join('\n') + '\n');
  },
};
export default command;
