import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Argv, CommandModule } from 'yargs';
import { AMBIGUOUS_POLICIES, DEFAULT_AMBIGUOUS, type AmbiguousPolicy } from '../../analysis/types.js';
import { FAMILY_LABEL as FAM, type Family } from '../../analysis/families.js';
import type { DiffResult } from '../../analysis/diff.js';
import { UserError } from '../errors.js';
import { familiesArg } from './rel.js';
import { printNotes, printResult } from '../output.js';
import { jsonSafe, sanitize } from '../../report/sanitize.js';
import { defaultDataDir, withAfi, withTop, jsonAsFormat } from '../options.js';
import { aspaDiffCsv, aspaDiffText } from '../../report/aspa-text.js';
import { thousands } from '../../report/thousands.js';

interface DiffArgs {
  old?: string;
  /** ASPA mode: the sides (snapshot ids, dates, files), none to two. */
  aspa?: string[];
  new?: string;
  data: string;
  offline: boolean;
  afi: 'ipv4' | 'ipv6' | 'both';
  format: 'text' | 'csv' | 'json';
  json: boolean;
  out?: string;
  top: number;
  'dark-spots': boolean;
  quiet?: boolean;
  full: boolean;
  ambiguous: AmbiguousPolicy;
}

/** CSV columns: what changed, the pair and family, and the relation before and after (read from a's side). */
export const DIFF_CSV_HEADER = ['change', 'a', 'b', 'afi', 'old', 'new'];

const n = thousands;
const ases = (k: number) => `${n(k)} AS${k === 1 ? '' : 'es'}`;

/** The diff as text, one line per change. */
export function diffText(r: DiffResult, families: Family[], labels: { old: string; new: string }): string[] {
  const out: string[] = [`Changes from ${labels.old} (old) to ${labels.new} (new); relations read from the first AS's side (p2c: it is the second's provider).`];
  for (const f of families) {
    const c = r.counts[f];
    const total = c.old === null || c.new === null ? 'links of the changed ASes' : `${n(c.old)} links before, ${n(c.new)} after`;
    out.push('', `${FAM[f]}: ${total}: ${n(c.added)} added, ${n(c.removed)} removed, ${n(c.changed)} changed`);
    for (const l of r.added) if (l.afi === f) out.push(`  + AS${l.a}–AS${l.b} ${l.relation}`);
    for (const l of r.removed) if (l.afi === f) out.push(`  - AS${l.a}–AS${l.b} ${l.relation}`);
    for (const l of r.changed) if (l.afi === f) out.push(`  ~ AS${l.a}–AS${l.b} ${l.old} → ${l.new}`);
  }
  const d = r.darkSpots;
  if (d) {
    out.push('', 'Dark spots (transit-free ASes that reach each other in one family only):');
    for (const f of families) {
      const t = d.totals[f];
      const up = d.appeared.filter((s) => s.afi === f);
      const down = d.disappeared.filter((s) => s.afi === f);
      out.push(`  ${FAM[f]}: ${n(t.old)} before, ${n(t.new)} after` + (d.compared
        ? `; ${n(t.appeared!)} appeared${t.appeared! > up.length ? ` (the ${up.length} largest shown)` : ''}, ${n(t.disappeared!)} disappeared${t.disappeared! > down.length ? ` (the ${down.length} largest shown)` : ''}`
        : ''));
      for (const s of up) out.push(`    + AS${s.a} (customer cone ${ases(s.coneA)}) ⟷ AS${s.b} (${ases(s.coneB)}): no ${FAM[f]} path now`);
      for (const s of down) out.push(`    - AS${s.a} (customer cone ${ases(s.coneA)}) ⟷ AS${s.b} (${ases(s.coneB)}): ${FAM[f]} path now, or no longer both transit-free`);
    }
    if (!d.compared) out.push('  Too many dark spots to keep both sets in memory: only the totals are compared (this is common on IRR data with many transit-free ASes).');
  }
  return out;
}

const command: CommandModule<object, DiffArgs> = {
  command: 'diff',
  describe: 'what changed between two registries (store folders or RPSL files/dumps): links added, removed and changed, and dark spots that appeared or disappeared, per family',
  builder: (y: Argv) =>
    withAfi(withTop(y, 'dark spots listed per family and direction, largest cones first (the totals are always given)', 0), ['ipv4', 'ipv6', 'both'], 'both')
      .option('old', { type: 'string', describe: 'the earlier data: a store folder (asrel import … --data DIR) or an RPSL file or dump (plain or .gz); required unless --aspa' })
      .option('aspa', {
        type: 'string', array: true,
        describe: 'compare ASPA sets instead: `--aspa` alone the two newest snapshots in the store (asrel aspa import), `--aspa OLD` OLD against the newest, `--aspa OLD NEW`; each a snapshot id (3 or #3), a date (the newest snapshot of that day) or validator output (file or URL). Providers added and removed per customer, customers that appeared or disappeared, AS0 published or withdrawn',
      })
      .option('new', { type: 'string', describe: 'the later data, the same way', defaultDescription: 'the store (--data)' })
      .option('data', { type: 'string', default: defaultDataDir(), describe: 'store folder compared when --new is not given', defaultDescription: defaultDataDir() })
      .option('offline', { type: 'boolean', default: false, describe: 'accepted for a uniform command line: diff reads local data only and never touches the network' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no notes on stderr' })
      .option('format', { type: 'string', choices: ['text', 'csv', 'json'], defaultDescription: 'text', describe: `output format; CSV columns ${DIFF_CSV_HEADER.join(',')}` })
      .option('json', { type: 'boolean', default: false, describe: 'the same as --format json' })
      .option('out', { type: 'string', describe: 'write to FILE instead of standard output' })
      
      .option('dark-spots', { type: 'boolean', default: true, describe: 'compare dark spots too (--no-dark-spots: links only, read for the changed ASes alone; much faster, and the links of each side are not counted)' })
      .option('full', { type: 'boolean', default: false, describe: 'infer every link of both sides (slower); by default only the links of ASes whose objects or sets changed are inferred again on the new side' })
      .option('ambiguous', {
        type: 'string', choices: AMBIGUOUS_POLICIES as string[], default: DEFAULT_AMBIGUOUS,
        describe: 'how links with an ambiguous relation enter the graphs the dark spots are found on',
      }) as unknown as Argv<DiffArgs>,
  handler: async (argv) => {
    jsonAsFormat(argv, 'text', 'text|csv');
    if (argv.aspa) return aspaDiff(argv);
    if (argv.old === undefined) throw new UserError('Missing required argument: old', 2, 'Give --old (a store folder or an RPSL file or dump), or --aspa to compare ASPA snapshots.');
    const families = familiesArg(argv.afi);
    const { openDiffSide, diffData } = await import('../../analysis/diff.js');
    const oldSide = await openDiffSide(argv.old!, { what: '--old' });
    let newSide;
    try {
      newSide = await openDiffSide(argv.new ?? argv.data, { what: argv.new ? '--new' : '--data' });
    } catch (e) {
      oldSide.close();
      throw e;
    }
    let result: DiffResult;
    try {
      result = diffData(oldSide, newSide, { families, darkSpots: argv['dark-spots'], top: argv.top, ambiguous: argv.ambiguous, full: argv.full });
    } finally {
      oldSide.close();
      newSide.close();
    }
    const notes = [...oldSide.notes.map((x) => `old: ${x.replace(/^data: /, '')}`), ...newSide.notes.map((x) => `new: ${x.replace(/^data: /, '')}`)];
    const c = result.changedObjects;
    if (c) notes.push(`${n(c.objects)} object(s) differ (${n(c.sets)} of them sets): the links of ${n(c.ases)} AS(es) were inferred again on the new side, the rest are the same objects`);
    printNotes(notes, argv.quiet);

    let text: string;
    if (argv.format === 'json') {
      const d = result.darkSpots;
      text = `${jsonSafe(JSON.stringify({
        old: argv.old, new: argv.new ?? argv.data, afi: families,
        added: result.added, removed: result.removed, changed: result.changed,
        counts: Object.fromEntries(families.map((f) => [f, result.counts[f]])),
        ...(c ? { changedObjects: c } : {}),
        ...(d ? { darkSpots: { appeared: d.appeared, disappeared: d.disappeared, totals: Object.fromEntries(families.map((f) => [f, d.totals[f]])), compared: d.compared, top: d.top } } : {}),
        notes,
      }, null, 2))}\n`;
    } else if (argv.format === 'csv') {
      const { stringify } = await import('csv-stringify/sync');
      const rows: (string | number)[][] = [DIFF_CSV_HEADER];
      for (const l of result.added) rows.push(['added', l.a, l.b, l.afi, '', l.relation]);
      for (const l of result.removed) rows.push(['removed', l.a, l.b, l.afi, l.relation, '']);
      for (const l of result.changed) rows.push(['changed', l.a, l.b, l.afi, l.old, l.new]);
      for (const s of result.darkSpots?.appeared ?? []) rows.push(['dark-spot-appeared', s.a, s.b, s.afi, '', '']);
      for (const s of result.darkSpots?.disappeared ?? []) rows.push(['dark-spot-disappeared', s.a, s.b, s.afi, '', '']);
      text = sanitize(stringify(rows));
      const d = result.darkSpots;
      if (d && !argv.quiet) {
        for (const f of families) {
          const t = d.totals[f];
          process.stderr.write(`note: ${f} dark spots: ${n(t.old)} before, ${n(t.new)} after` +
            (d.compared ? `; ${n(t.appeared!)} appeared, ${n(t.disappeared!)} disappeared (rows: the ${d.top} largest of each)\n` : '; too many to compare the sets, totals only\n'));
        }
      }
    } else {
      text = `${diffText(result, families, { old: argv.old, new: argv.new ?? argv.data }).join('\n')}\n`;
    }
    await writeOut(argv, text);
  },
};

/** The answer on stdout, or in --out FILE. */
async function writeOut(argv: DiffArgs, text: string): Promise<void> {
  if (argv.out) {
    const s = createWriteStream(argv.out);
    try {
      await once(s, 'open');
    } catch (e) {
      throw new UserError(`cannot write --out ${argv.out}: ${(e as Error).message}`, 2, 'Check that the folder exists and is writable.');
    }
    s.end(text);
    await once(s, 'finish');
    if (!argv.quiet) process.stderr.write(`wrote ${argv.out}\n`);
  } else {
    printResult(text);
  }
}

/** `asrel diff --aspa [OLD [NEW]]`: two ASPA sets, from the store's snapshots or validator output. */
async function aspaDiff(argv: DiffArgs): Promise<void> {
  const { openAspaSides, diffAspaSides } = await import('../../analysis/aspa-data.js');
  if (argv.new !== undefined || argv.old !== undefined) throw new UserError('--aspa takes its two sides itself: --old and --new compare registries', 2, 'Give `--aspa OLD NEW` (snapshot ids, dates or files), or drop --aspa.');
  const notes: string[] = [];
  const sides = await openAspaSides((argv.aspa ?? []).map(String), argv.data, notes);
  const d = diffAspaSides(sides);
  printNotes(notes, argv.quiet);
  const labels = { old: sides.old.label, new: sides.new.label };
  let text: string;
  if (argv.format === 'json') {
    text = `${jsonSafe(JSON.stringify({ aspa: true, old: { label: labels.old, snapshot: sides.old.snapshot }, new: { label: labels.new, snapshot: sides.new.snapshot }, ...d, notes }, null, 2))}\n`;
  } else if (argv.format === 'csv') {
    text = aspaDiffCsv(d);
  } else {
    text = aspaDiffText(d, labels, argv.top);
  }
  await writeOut(argv, text);
}
export default command;
