import type { Argv, CommandModule } from 'yargs';
import type { LinkInference } from '../../infer/types.js';
import { asnArg } from '../asn-arg.js';
import { withData } from '../../analysis/with-data.js';
import { dataLines } from '../../analysis/data-lines.js';
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
  return `${l.relation === 'ambiguous' ? l.candidates.join('|') + '?' : l.relation} ${l.confidence}`;
}

const command: CommandModule<object, NeighborsArgs> = {
  command: 'neighbors <asn>',
  aliases: ['neighbours'],
  describe: 'every neighbour of an AS with its relationship per address family and the number of registry lines behind it',
  builder: (y: Argv) =>
    withJson(withAfi(withAnalysisData(y), ['ipv4', 'ipv6', 'both'], 'both'))
      .positional('asn', { type: 'string', describe: 'the AS (relations are read from its side)' })
      .example('$0 neighbors 3255', 'providers, peers and customers of AS3255 in IPv4 and IPv6') as unknown as Argv<NeighborsArgs>,
  handler: async (argv) => {
    const asn = asnArg(argv.asn, 'the AS');
    const fams = familiesArg(argv.afi);
    const byNeighbour = new Map<number, Partial<Record<string, LinkInference>>>();
    const { links, notes, hasObject } = await withData(argv, { asns: [asn], neighbours: true }, (d) => {
      const links = fams.flatMap((f) => d.engine.neighbours(asn, f, { text: false }));
      return { links, hasObject: d.engine.hasObject(asn), notes: [...d.notes, ...dataLines(d.store, [asn, ...links.map((l) => l.b)])] };
    });
    for (const l of links) {
      const row = byNeighbour.get(l.b) ?? {};
      row[l.family] = l;
      byNeighbour.set(l.b, row);
    }
    const rows = [...byNeighbour.entries()].sort((x, y) => x[0] - y[0]);
    if (argv.json) {
      const neighbors = rows.map(([n, r]) => ({
        asn: n,
        afi: Object.fromEntries(fams.map((f) => {
          const l = r[f];
          return [f, l
            ? { relation: l.relation, ...(l.relation === 'ambiguous' ? { candidates: l.candidates } : {}), confidence: l.confidence, evidence_count: l.evidence.length, missing: l.missing }
            : { relation: 'none', confidence: 0, evidence_count: 0 }];
        })),
      }));
      printNotes(notes, argv.quiet);
      printJson({ asn, hasAutNum: hasObject, neighbors, data: notes });
      return;
    }
    printNotes(notes, argv.quiet);
    const lines: string[] = [];
    if (!hasObject) lines.push(`data gap: AS${asn} has no aut-num in the data; only neighbours whose own policies name it are listed.`);
    lines.push(`AS${asn}: ${rows.length} neighbour(s); relation read from AS${asn}'s side (p2c: AS${asn} is the provider), then confidence`);
    lines.push(['neighbour'.padEnd(14), ...fams.map((f) => f.padEnd(18)), 'evidence lines'].join(''));
    for (const [n, r] of rows) {
      const ev = fams.map((f) => r[f]?.evidence.length ?? 0).join('/');
      const gap = fams.some((f) => r[f]?.missing.includes(n)) ? '  (no aut-num: one side only)' : '';
      lines.push([`AS${n}`.padEnd(14), ...fams.map((f) => cell(r[f]).padEnd(18)), ev, gap].join(''));
    }
    printResult(`${lines.join('\n')}\n`);
  },
};
export default command;
