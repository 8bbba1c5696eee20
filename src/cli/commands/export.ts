import { stringify } from 'csv-stringify/sync';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Argv, CommandModule } from 'yargs';
import { evidenceSources } from '../../report/inference-text.js';
import type { Family } from '../../analysis/families.js';
import type { LinkInference } from '../../analysis/types.js';
import { UserError } from '../errors.js';
import { setAsideText, withExportLinks } from '../../analysis/export-links.js';
import type { DataArgs } from '../../analysis/open-data.js';
import { withAfi, withAnalysisData, jsonAsFormat } from '../options.js';
import { familiesArg } from './rel.js';
import { printNotes } from '../output.js';
import { withMinConfidence } from '../relationships.js';
import { jsonSafe, sanitize } from '../../report/sanitize.js';
import { thousands } from '../../report/thousands.js';

interface ExportArgs extends DataArgs {
  format: 'csv' | 'caida' | 'json';
  json: boolean;
  afi: 'ipv4' | 'ipv6' | 'both';
  out?: string;
  'min-confidence'?: number;
}

/** One vocabulary for CSV and JSON (README, "JSON shapes"): a, b, afi; the relation is read from a's side. */
export const CSV_HEADER = ['a', 'b', 'afi', 'relation', 'confidence', 'evidence_count', 'sources'];

/** A link as export's JSON writes it: the same keys as the CSV (`afi`, not `family`). */
export function linkJson(l: LinkInference): Record<string, unknown> {
  const { a, b, family, ...rest } = l;
  return { a, b, afi: family, ...rest };
}

/** A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) gets a leading `'`. */
export function neutralise(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/**
 * One CSV line. The cells but the last are numbers and fixed words, which CSV never quotes;
 * the sources cell is text, quoted by csv-stringify once per distinct value (a registry has a
 * few sources and hundreds of thousands of links: stringifying every row cost 0.6 s of a 2 s export).
 */
function csvLine(l: LinkInference, quoted: Map<string, string>): string {
  // From the link table a link carries a summary of its evidence, not its lines.
  const count = l.summary?.count ?? l.evidence.length;
  const sources = (l.summary?.sources ?? evidenceSources(l)).join('; ');
  let cell = quoted.get(sources);
  if (cell === undefined) {
    cell = stringify([[neutralise(sources)]]).slice(0, -1);
    if (quoted.size > 10_000) quoted.clear();
    quoted.set(sources, cell);
  }
  return `${l.a},${l.b},${l.family},${l.relation},${l.confidence},${count},${cell}\n`;
}

export function toCsv(links: LinkInference[]): string {
  const quoted = new Map<string, string>();
  return stringify([CSV_HEADER]) + links.map((l) => csvLine(l, quoted)).join('');
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
    const row = caidaRow(l);
    if (row) out.push(row);
    else left[l.relation] = (left[l.relation] ?? 0) + 1;
  }
  return `${[...caidaHeader(family, label, out.length, left), ...out].join('\n')}\n`;
}

function caidaRow(l: LinkInference): string | undefined {
  if (l.relation === 'p2c') return `${l.a}|${l.b}|-1`;
  if (l.relation === 'c2p') return `${l.b}|${l.a}|-1`;
  if (l.relation === 'p2p') return `${Math.min(l.a, l.b)}|${Math.max(l.a, l.b)}|0`;
  return undefined;
}

function caidaHeader(family: Family, label: string, count: number, left: Record<string, number>): string[] {
  return [
    `# asrel ${family} AS relationships inferred from IRR routing policy (${label})`,
    `# format: <provider-as>|<customer-as>|-1 and <peer-as>|<peer-as>|0 (CAIDA serial-1)`,
    `# ${count} links` + (Object.keys(left).length ? `; left out (no serial-1 code): ${Object.entries(left).map(([k, c]) => `${c} ${k}`).join(', ')}` : ''),
  ];
}

const command: CommandModule<object, ExportArgs> = {
  command: 'export',
  describe: 'every inferred relationship in the data, for research: CSV, CAIDA serial-1 or JSON',
  builder: (y: Argv) =>
    withMinConfidence(withAfi(withAnalysisData(y), ['ipv4', 'ipv6', 'both'], 'both'))
      .option('format', { type: 'string', choices: ['csv', 'caida', 'json'], defaultDescription: 'csv', describe: 'output format' })
      .option('json', { type: 'boolean', default: false, describe: 'the same as --format json' })
      .option('out', {
        type: 'string',
        describe: 'write to FILE instead of standard output; for --format caida FILE is a prefix: FILE.ipv4.as-rel.txt and FILE.ipv6.as-rel.txt',
      }) as unknown as Argv<ExportArgs>,
  handler: async (argv) => {
    jsonAsFormat(argv, 'csv', 'csv|caida');
    const fams = familiesArg(argv.afi);
    if (argv.format === 'caida' && fams.length > 1 && !argv.out) {
      throw new UserError('--format caida writes one file per address family', 2,
        'Give --out PREFIX (writes PREFIX.ipv4.as-rel.txt and PREFIX.ipv6.as-rel.txt) or choose one family with --afi ipv4|ipv6.');
    }
    const counts: Record<string, number> = {};
    const perFamily: Record<string, number> = {};
    let total = 0;
    // Streamed: one inference at a time from the store to the output, never the whole registry in memory.
    const { setAside } = await withExportLinks(argv, fams, { evidence: argv.format === 'json' ? 'lines' : argv.format === 'csv' ? 'summary' : 'none', minConfidence: argv['min-confidence'] }, async (links, notes) => {
      printNotes(notes, argv.quiet);
      const label = notes.map((n) => n.replace(/^data: /, '')).join('; ') || 'asrel';
      const count = (l: LinkInference) => {
        counts[l.relation] = (counts[l.relation] ?? 0) + 1;
        perFamily[l.family] = (perFamily[l.family] ?? 0) + 1;
        total++;
      };
      if (argv.format === 'caida') {
        // Families come one after the other: one file (or section) per family.
        const outs = new Map<Family, Output>();
        const rows = new Map<Family, string[]>();
        const left = new Map<Family, Record<string, number>>();
        for (const f of fams) {
          outs.set(f, await openOutput(argv.out ? `${argv.out.replace(/\.as-rel\.txt$/, '')}.${f}.as-rel.txt` : undefined, false, argv.quiet));
          rows.set(f, []);
          left.set(f, {});
        }
        // The header counts links: rows of a family are kept as text (tens of bytes each) until the family ends.
        for (const l of links) {
          count(l);
          const row = caidaRow(l);
          if (row) rows.get(l.family)!.push(row);
          else left.get(l.family)![l.relation] = (left.get(l.family)![l.relation] ?? 0) + 1;
        }
        for (const f of fams) {
          const o = outs.get(f)!;
          await o.write(`${caidaHeader(f, label, rows.get(f)!.length, left.get(f)!).join('\n')}\n`);
          const r = rows.get(f)!;
          for (let i = 0; i < r.length; i += 5000) await o.write(`${r.slice(i, i + 5000).join('\n')}\n`);
          await o.end();
        }
        return;
      }
      const o = await openOutput(argv.out, argv.format === 'json', argv.quiet);
      if (argv.format === 'csv') {
        await o.write(stringify([CSV_HEADER]));
        const quoted = new Map<string, string>();
        let batch: string[] = [];
        for (const l of links) {
          count(l);
          batch.push(csvLine(l, quoted));
          if (batch.length >= 2000) {
            await o.write(batch.join(''));
            batch = [];
          }
        }
        if (batch.length) await o.write(batch.join(''));
      } else {
        await o.write('{"links": [\n');
        let first = true;
        for (const l of links) {
          count(l);
          await o.write(`${first ? '' : ',\n'}${JSON.stringify(linkJson(l))}`);
          first = false;
        }
        await o.write(`\n], "data": ${JSON.stringify(notes)}}\n`);
      }
      await o.end();
    });
    // The per-family counts are those reach and dark-spots print for the same data ("all the data").
    const k = thousands;
    const min = argv['min-confidence'];
    if (!argv.quiet) {
      process.stderr.write(`${k(total)} links: ${fams.map((f) => `${k(perFamily[f] ?? 0)} ${f}`).join(', ')} (${['p2c', 'c2p', 'p2p', 's2s', 'ambiguous', 'conflict'].map((r) => `${k(counts[r] ?? 0)} ${r}`).join(', ')})` +
        `${min ? `; ${setAsideText(setAside, fams, min)}, not written` : ''}\n`);
    }
  },
};
export default command;

interface Output {
  write(text: string): Promise<void>;
  end(): Promise<void>;
}

/** Standard output, or a file (written as it goes, with back-pressure); text made safe (sanitize, or jsonSafe for JSON). */
async function openOutput(path: string | undefined, json: boolean, quiet = false): Promise<Output> {
  const stream: NodeJS.WritableStream = path ? createWriteStream(path) : process.stdout;
  const failed = once(stream as unknown as NodeJS.EventEmitter, 'error').then(([e]: unknown[]) => {
    throw new UserError(`cannot write ${path ?? 'standard output'}: ${(e as Error).message}`, 2, 'Check that the folder exists and is writable.');
  });
  failed.catch(() => {});
  const write = (text: string) => Promise.race([failed, new Promise<void>((resolve) => {
    if (stream.write(json ? jsonSafe(text) : sanitize(text))) resolve();
    else void once(stream as unknown as NodeJS.EventEmitter, 'drain').then(() => resolve());
  })]);
  return {
    write,
    end: async () => {
      if (!path) return;
      await Promise.race([failed, new Promise<void>((resolve) => (stream as WriteStream).end(() => resolve()))]);
      if (!quiet) process.stderr.write(`wrote ${path}\n`);
    },
  };
}
