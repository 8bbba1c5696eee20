import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import type { Argv, CommandModule } from 'yargs';
import { ValleyFreeSearcher } from '../../graph/valley-free.js';
import type { Topology } from '../../graph/topology.js';
import type { Family } from '../../infer/types.js';
import { parseAfiList } from '../afi-list.js';
import { readAsnList } from '../asn-list.js';
import { UserError } from '../errors.js';
import { FAMILIES } from '../../infer/families.js';
import { withAnalysisData } from '../options.js';
import { loadTopologies, requireFamily, withRelationshipOptions, type EdgeArgs } from '../relationships.js';
import { printNotes } from '../output.js';

interface BatchArgs extends EdgeArgs {
  asns: string;
  afi?: string;
  out?: string;
  json: boolean;
}

/**
 * Why a pair is or is not reachable in a family: `path`; `no-path` (both ASes have links in
 * the family and no valley-free path joins them); `no-data` (one of them has no link in it).
 */
export type PairReason = 'path' | 'no-path' | 'no-data';

/** CSV columns: a, b, then per family reachable/length/path/reason, then the dark-spot flag (two families). */
export function batchColumns(families: Family[]): string[] {
  const cols = ['a', 'b'];
  for (const f of families) cols.push(`${f}_reachable`, `${f}_length`, `${f}_path`, `${f}_reason`);
  if (families.length === 2) cols.push('dark_spot', 'dark_family');
  return cols;
}

/** A dark spot: a path in one family and none in the other although both ASes have links there (`no-data` is not one). */
export function darkFamily(families: Family[], reasons: PairReason[]): Family | undefined {
  if (families.length !== 2) return undefined;
  if (reasons[0] === 'path' && reasons[1] === 'no-path') return families[1];
  if (reasons[1] === 'path' && reasons[0] === 'no-path') return families[0];
  return undefined;
}

const command: CommandModule<object, BatchArgs> = {
  command: 'batch',
  describe: 'every ordered pair among a list of ASes: reachable per family, path length, path and a dark-spot flag, as CSV',
  builder: (y) =>
    withRelationshipOptions(withAnalysisData(y))
      .option('asns', { type: 'string', demandOption: true, describe: 'file with one AS number per line (# comments; - = stdin)' })
      .option('afi', { type: 'string', describe: 'families, comma-separated', defaultDescription: 'ipv4,ipv6 (those loaded)' })
      .option('out', { type: 'string', describe: 'write the CSV (or JSON) here instead of standard output' })
      .option('json', { type: 'boolean', default: false, describe: 'JSON instead of CSV: {"families", "notes", "pairs": [{a, b, ipv4: {reachable, length, path, reason}, ipv6: {…}, darkSpot, darkFamily}]}' }) as unknown as Argv<BatchArgs>,
  handler: async (argv) => {
    const { stringify } = await import('csv-stringify');
    const asked = parseAfiList(argv.afi);
    const { asns, duplicates } = await readAsnList(argv.asns);
    const loaded = await loadTopologies(argv, { asns }, asked ?? FAMILIES);
    const families = asked ?? FAMILIES.filter((f) => loaded.topologies[f]);
    if (families.length === 0) requireFamily(loaded, 'ipv4');
    const topos: Topology[] = families.map((f) => requireFamily(loaded, f));

    const notes = [...loaded.notes];
    if (duplicates) notes.push(`${argv.asns}: ${duplicates} repeated AS number(s) ignored`);
    for (const t of topos) {
      const absent = asns.filter((a) => !t.has(a));
      if (absent.length) notes.push(`${t.family}: ${absent.length} of the ${asns.length} ASes have no link (every pair with them is ${t.family}_reason=no-data, never a dark spot): ${absent.slice(0, 10).map((a) => `AS${a}`).join(', ')}${absent.length > 10 ? ', …' : ''}`);
    }
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
    const searchers = topos.map((t) => new ValleyFreeSearcher(t.csr));
    const targetIdx = topos.map((t) => asns.map((a) => t.csr.index.get(a) ?? -1));
    for (let i = 0; i < asns.length; i++) {
      const srcIdx = targetIdx.map((ix) => ix[i]);
      topos.forEach((_t, k) => { if (srcIdx[k] >= 0) searchers[k].run(srcIdx[k]); });
      for (let j = 0; j < asns.length; j++) {
        if (i === j) continue;
        const row: (string | number | boolean)[] = [asns[i], asns[j]];
        const reasons: PairReason[] = [];
        const perFamily: Record<string, { reachable: boolean; length: number | null; path: number[] | null; reason: PairReason }> = {};
        topos.forEach((t, k) => {
          const tj = targetIdx[k][j];
          const p = srcIdx[k] >= 0 && tj >= 0 ? searchers[k].pathTo(tj) : null;
          const reason: PairReason = p !== null ? 'path' : srcIdx[k] >= 0 && tj >= 0 ? 'no-path' : 'no-data';
          const path = p ? p.map((x) => t.csr.asns[x]!) : null;
          reasons.push(reason);
          row.push(p !== null, p ? p.length - 1 : '', path ? path.join(' ') : '', reason);
          perFamily[t.family] = { reachable: p !== null, length: p ? p.length - 1 : null, path, reason };
        });
        const dark = darkFamily(families, reasons);
        if (families.length === 2) row.push(dark !== undefined, dark ?? '');
        if (csv) {
          if (!csv.write(row)) await once(csv, 'drain');
        } else {
          const pair = { a: asns[i], b: asns[j], ...perFamily, ...(families.length === 2 ? { darkSpot: dark !== undefined, darkFamily: dark ?? null } : {}) };
          await writeOut(`${firstPair ? '' : ',\n'}${JSON.stringify(pair)}`);
          firstPair = false;
        }
      }
      bar?.increment(asns.length - 1);
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
