import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { Argv, CommandModule } from 'yargs';
import { batchAnswer, type FamilyPair } from '../../analysis/batch.js';
import type { EdgeArgs } from '../../analysis/relationships.js';
import type { Family } from '../../analysis/families.js';
import { parseAfiList } from '../afi-list.js';
import { UserError } from '../errors.js';
import { withAnalysisData } from '../options.js';
import { withRelationshipOptions } from '../relationships.js';
import { printNotes } from '../output.js';

interface BatchArgs extends EdgeArgs {
  asns: string;
  afi?: string;
  out?: string;
  json: boolean;
}

/**
 * CSV columns: a, b, then per family reachable/length/path/reason, then the dark-spot flag, its
 * family and whether it could rest on an ambiguous link (two families; that last column was added at the end, so readers of the older columns keep working).
 */
export function batchColumns(families: Family[]): string[] {
  const cols = ['a', 'b'];
  for (const f of families) cols.push(`${f}_reachable`, `${f}_length`, `${f}_path`, `${f}_reason`);
  if (families.length === 2) cols.push('dark_spot', 'dark_family', 'depends_on_ambiguous');
  return cols;
}

const command: CommandModule<object, BatchArgs> = {
  command: 'batch',
  describe: 'every ordered pair among a list of ASes: reachable per family, path length, path and a dark-spot flag, as CSV',
  builder: (y) =>
    withRelationshipOptions(withAnalysisData(y))
      .option('asns', { type: 'string', demandOption: true, describe: 'file with one AS number per line (# comments; - = stdin)' })
      .option('afi', { type: 'string', describe: 'families, comma-separated', defaultDescription: 'ipv4,ipv6 (those loaded)' })
      .option('out', { type: 'string', describe: 'write the CSV (or JSON) here instead of standard output' })
      .option('json', { type: 'boolean', default: false, describe: 'JSON instead of CSV: {"families", "notes", "pairs": [{a, b, ipv4: {reachable, length, path, reason}, ipv6: {…}, darkSpot, darkFamily, dependsOnAmbiguous, ambiguousLinks?}]}' }) as unknown as Argv<BatchArgs>,
  handler: async (argv) => {
    const { stringify } = await import('csv-stringify');
    const { families, asns, notes, pairs: rows } = await batchAnswer(argv, argv.asns, parseAfiList(argv.afi));
    printNotes(notes, argv.quiet);

    let out: Writable = process.stdout;
    if (argv.out) {
      out = createWriteStream(argv.out);
      try {
        await once(out, 'open');
      } catch (e) {
        throw new UserError(`cannot write --out ${argv.out}: ${(e as Error).message}`, 2, 'Check that the folder exists and is writable.');
      }
    }
    // CSV rows, or JSON objects written between a head and a tail, with back-pressure either way.
    const csv = argv.json ? undefined : stringify({ header: true, columns: batchColumns(families), cast: { boolean: (v) => (v ? 'true' : 'false') } });
    csv?.pipe(out);
    let firstPair = true;
    const writeOut = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    if (argv.json) await writeOut(`{"families": ${JSON.stringify(families)}, "notes": ${JSON.stringify(notes)}, "pairs": [\n`);

    const pairs = asns.length * (asns.length - 1);
    let bar: { increment(n: number): void; stop(): void } | undefined;
    if (process.stderr.isTTY) {
      const { SingleBar, Presets } = await import('cli-progress');
      const b = new SingleBar({ stream: process.stderr, format: 'batch [{bar}] {percentage}% {value}/{total} pairs', hideCursor: true }, Presets.shades_classic);
      b.start(pairs, 0);
      bar = b;
    }
    let done = 0;
    for (const pair of rows) {
      if (csv) {
        const row: (string | number | boolean)[] = [pair.a, pair.b];
        for (const f of families) {
          const p = pair[f] as FamilyPair;
          row.push(p.reachable, p.length ?? '', p.path ? p.path.join(' ') : '', p.reason);
        }
        if (families.length === 2) row.push(pair.darkSpot as boolean, (pair.darkFamily as Family | null) ?? '', pair.dependsOnAmbiguous as boolean);
        if (!csv.write(row)) await once(csv, 'drain');
      } else {
        await writeOut(`${firstPair ? '' : ',\n'}${JSON.stringify(pair)}`);
        firstPair = false;
      }
      // The bar moves one source AS at a time, as the pairs are searched.
      if (++done % (asns.length - 1) === 0) bar?.increment(asns.length - 1);
    }
    bar?.stop();
    if (csv) {
      csv.end();
      await once(csv, 'end');
    } else {
      await writeOut('\n]}\n');
    }
    if (out !== process.stdout) {
      (out as NodeJS.WritableStream).end();
      await once(out, 'finish');
    }
  },
};
export default command;
