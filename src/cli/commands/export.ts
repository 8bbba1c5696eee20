import { stringify } from 'csv-stringify/sync';
import { writeFile } from 'node:fs/promises';
import type { Argv, CommandModule } from 'yargs';
import { evidenceSources } from '../../report/inference-text.js';
import { inferAll } from '../../infer/infer.js';
import type { Family, LinkInference } from '../../infer/types.js';
import { UserError } from '../errors.js';
import { loadIndex } from '../load-index.js';
import type { DataArgs } from '../load-index.js';
import { withAfi, withAnalysisData } from '../options.js';
import { familiesArg } from './rel.js';

interface ExportArgs extends DataArgs {
  format: 'csv' | 'caida' | 'json';
  afi: 'ipv4' | 'ipv6' | 'both';
  out?: string;
}

export const CSV_HEADER = ['as1', 'as2', 'afi', 'relation', 'confidence', 'evidence_count', 'sources'];

/** A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading `'`. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function toCsv(links: LinkInference[]): string {
  const rows = links.map((l) => [
    String(l.a), String(l.b), l.family, l.relation, String(l.confidence), String(l.evidence.length),
    neutralise(evidenceSources(l).join('; ')),
  ]);
  return stringify([CSV_HEADER, ...rows]);
}

/**
 * CAIDA serial-1: `provider|customer|-1`, `peer|peer|0`. Siblings, ambiguous and conflicting
 * links have no code in serial-1 (CAIDA scripts accept only -1 and 0): they are left out and
 * counted in the `#` header.
 */
export function toCaida(links: LinkInference[], family: Family, label: string): string {
  const out: string[] = [];
  const left: Record<string, number> = {};
  for (const l of links) {
    if (l.family !== family) continue;
    if (l.relation === 'p2c') out.push(`${l.a}|${l.b}|-1`);
    else if (l.relation === 'c2p') out.push(`${l.b}|${l.a}|-1`);
    else if (l.relation === 'p2p') out.push(`${Math.min(l.a, l.b)}|${Math.max(l.a, l.b)}|0`);
    else left[l.relation] = (left[l.relation] ?? 0) + 1;
  }
  const header = [
    `# asrel ${family} AS relationships inferred from IRR routing policy (${label})`,
    `# format: <provider-as>|<customer-as>|-1 and <peer-as>|<peer-as>|0 (CAIDA serial-1)`,
    `# ${out.length} links` + (Object.keys(left).length ? `; left out (no serial-1 code): ${Object.entries(left).map(([k, c]) => `${c} ${k}`).join(', ')}` : ''),
  ];
  return `${[...header, ...out].join('\n')}\n`;
}

const command: CommandModule<object, ExportArgs> = {
  command: 'export',
  describe: 'every inferred relationship in the data, for research: CSV, CAIDA serial-1 or JSON',
  builder: (y: Argv) =>
    withAfi(withAnalysisData(y), ['ipv4', 'ipv6', 'both'], 'both')
      .option('format', { type: 'string', choices: ['csv', 'caida', 'json'], default: 'csv', describe: 'output format' })
      .option('out', {
        type: 'string',
        describe: 'write to FILE instead of standard output; for --format caida FILE is a prefix: FILE.ipv4.as-rel.txt and FILE.ipv6.as-rel.txt',
      })
      .example('$0 export --input ripe.db.aut-num.gz --format caida --out ripe', 'writes ripe.ipv4.as-rel.txt and ripe.ipv6.as-rel.txt') as unknown as Argv<ExportArgs>,
  handler: async (argv) => {
    const fams = familiesArg(argv.afi);
    if (argv.format === 'caida' && fams.length > 1 && !argv.out) {
      throw new UserError('--format caida writes one file per address family', 2,
        'Give --out PREFIX (writes PREFIX.ipv4.as-rel.txt and PREFIX.ipv6.as-rel.txt) or choose one family with --afi ipv4|ipv6.');
    }
    const { index, notes } = await loadIndex(argv);
    const links = inferAll(index, { families: fams });
    for (const n of notes) process.stderr.write(`${n}\n`);
    const label = notes.map((n) => n.replace(/^data: /, '')).join('; ') || 'asrel';
    const write = async (path: string | undefined, text: string) => {
      if (!path) { process.stdout.write(text); return; }
      try {
        await writeFile(path, text);
      } catch (e) {
        throw new UserError(`cannot write ${path}: ${(e as Error).message}`, 2, 'Check that the folder exists and is writable.');
      }
      process.stderr.write(`wrote ${path}\n`);
    };
    if (argv.format === 'csv') await write(argv.out, toCsv(links));
    else if (argv.format === 'json') await write(argv.out, `${JSON.stringify({ links, data: notes }, null, 1)}\n`);
    else {
      for (const f of fams) await write(argv.out ? `${argv.out.replace(/\.as-rel\.txt$/, '')}.${f}.as-rel.txt` : undefined, toCaida(links, f, label));
    }
    const count = (r: string) => links.filter((l) => l.relation === r).length;
    process.stderr.write(`${links.length} links (${fams.join(', ')}): ${['p2c', 'c2p', 'p2p', 's2s', 'ambiguous', 'conflict'].map((r) => `${count(r)} ${r}`).join(', ')}\n`);
  },
};
export default command;
