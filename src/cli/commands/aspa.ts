import type { Argv, CommandModule } from 'yargs';
import { importAspa, listAspaSnapshots, loadAspaForAnswer, loadAspaIfAny } from '../../analysis/aspa-data.js';
import { importText, snapshotListText } from '../../report/aspa-text.js';
import { readObservedPaths } from '../../analysis/observed-paths.js';
import { withData } from '../../analysis/with-data.js';
import { once } from 'node:events';
import { sanitize } from '../../report/sanitize.js';
import { relationLookup } from '../../analysis/verify.js';
import { UserError } from '../errors.js';
import { aspaImpact, checkEach, CheckTally, compareAspa, draftAs, draftOfKnown, engineSource, explainAspa, topologySource, type Procedure, type RelationSource } from '../../analysis/aspa.js';
import { checkCsvRow, checkText, CHECK_CSV_COLUMNS, compareCsvRows, compareText, COMPARE_CSV_COLUMNS, draftText, impactText } from '../../report/aspa-report.js';
import { FAMILIES } from '../../analysis/families.js';
import { asnArg } from '../asn-arg.js';
import { defaultDataDir, jsonAsFormat, withAfi, withAnalysisData, withJson, withTop } from '../options.js';
import { printJson, printNotes, printResult } from '../output.js';
import { loadTopologies, relationshipArgs, type EdgeArgs } from '../../analysis/relationships.js';
import { withRelationshipOptions } from '../relationships.js';
import { familiesArg } from './rel.js';
import { thousands } from '../../report/thousands.js';

interface AspaArgs extends EdgeArgs {
  aspa?: string;
  asns?: Array<string | number>;
  asn?: string | number;
  paths?: string[];
  procedure: Procedure;
  format: string;
  json: boolean;
  afi: string;
  top: number;
}

const n = thousands;

/** One CSV line (RFC 4180 quoting), without a library call per row: a full table has millions. */
function csvLine(cells: Array<string | number>): string {
  return cells.map((c) => (typeof c === 'number' || !/[",\n\r]/.test(c) ? String(c) : `"${c.replace(/"/g, '""')}"`)).join(',') + '\n';
}

type RequireKnown = (asns: readonly number[]) => void;

/** Runs `fn` with the relations (a relationship file, or the IRR data: store, --input, bundled) and their "no data" check. */
async function withRelations<T>(argv: AspaArgs, asns: number[] | undefined, notes: string[], fn: (s: RelationSource, requireKnown: RequireKnown) => T): Promise<T> {
  if (relationshipArgs(argv.relationships).length) {
    const loaded = await loadTopologies(argv, undefined);
    notes.push(...loaded.notes);
    return fn(topologySource(loaded.topologies), loaded.requireKnown);
  }
  return withData(argv, asns?.length ? { asns } : undefined, (d) => {
    notes.push(...d.notes);
    return fn(engineSource(d.engine), d.requireKnown);
  });
}

async function output(argv: AspaArgs, notes: string[], json: () => unknown, csv: () => { columns: string[]; rows: Array<Array<string | number>> }, text: () => string): Promise<void> {
  printNotes(notes, argv.quiet);
  if (argv.format === 'json') printJson({ ...(json() as object), notes });
  else if (argv.format === 'csv') {
    const { stringify } = await import('csv-stringify/sync');
    const c = csv();
    printResult(stringify([c.columns, ...c.rows]));
  } else printResult(text());
}

const withAspaFile = <T>(y: Argv<T>) => y.option('aspa', { type: 'string', describe: 'validated ASPAs: rpki-client/Routinator/Cloudflare JSON, OpenBGPD aspa-set or BIRD text; plain, gzip, bzip2 or xz; file, URL or -', defaultDescription: 'the newest snapshot in the store (asrel aspa import)' });

const compare: CommandModule<object, AspaArgs> = {
  command: 'compare [asns..]',
  describe: 'each ASPA against the providers the IRR shows per family: missing, aspa-only, one-family, as0-contradicted, as0-mixed, agree',
  builder: (y) => withJson(withRelationshipOptions(withAnalysisData(withAspaFile(y))))
    .option('format', { type: 'string', choices: ['text', 'json', 'csv'], defaultDescription: 'text', describe: 'text, JSON, or CSV (one row per finding)' }) as unknown as Argv<AspaArgs>,
  handler: async (argv) => {
    jsonAsFormat(argv, 'text', 'csv');
    const notes: string[] = [];
    const set = await loadAspaForAnswer(argv.aspa, notes, argv.data);
    const asns = (argv.asns ?? []).map((a) => asnArg(a, 'a customer AS'));
    const missing = asns.filter((a) => !set.records.has(a));
    if (missing.length) notes.push(`no ASPA in ${set.name} for ${missing.map((a) => `AS${a}`).join(', ')}`);
    const r = await withRelations(argv, asns, notes, (s) => compareAspa(set.records, s, asns));
    await output(argv, notes, () => r, () => ({ columns: COMPARE_CSV_COLUMNS, rows: compareCsvRows(r) }), () => compareText(r));
  },
};

const draft: CommandModule<object, AspaArgs> = {
  command: 'draft <asn>',
  describe: 'the ASPA provider set the IRR supports for an AS (the union of both families; AS0 when none), with the registry lines and their strength',
  builder: (y) => withJson(withRelationshipOptions(withAnalysisData(y)))
    .option('format', { type: 'string', choices: ['text', 'json', 'rpki-client', 'krill', 'bird', 'openbgpd'], defaultDescription: 'text', describe: 'text, JSON, or the draft as rpki-client JSON, a Krill ASPA line, BIRD or OpenBGPD configuration' }) as unknown as Argv<AspaArgs>,
  handler: async (argv) => {
    jsonAsFormat(argv, 'text', 'rpki-client|krill|bird|openbgpd');
    const asn = asnArg(argv.asn, 'the customer AS');
    const notes: string[] = [];
    const d = await withRelations(argv, [asn], notes, (s, requireKnown) => draftOfKnown(s, asn, requireKnown, notes));
    printNotes(notes, argv.quiet);
    if (argv.format === 'json') printJson({ ...d, notes });
    else if (argv.format === 'text') printResult(draftText(d));
    else printResult(draftAs(d, argv.format as 'rpki-client' | 'krill' | 'bird' | 'openbgpd'));
  },
};

const check: CommandModule<object, AspaArgs> = {
  command: 'check <paths..>',
  describe: 'ASPA verification (upstream or downstream) of observed paths from MRT files or `bgpdump -m` text',
  builder: (y) => withTop(withJson(withAfi(withAspaFile(y), ['ipv4', 'ipv6', 'both'], 'both')), 'list at most N invalid paths', 1)
    .option('procedure', { type: 'string', choices: ['upstream', 'downstream'], default: 'downstream', describe: 'downstream: the routes came from a provider (a collector\'s full table); upstream: from a customer or a peer' })
    .option('format', { type: 'string', choices: ['text', 'json', 'csv'], defaultDescription: 'text', describe: 'text, JSON, or CSV (one row per distinct path and family: afi,path,procedure,verdict,…)' })
    .option('data', { type: 'string', default: defaultDataDir(), describe: 'store folder whose newest ASPA snapshot is used when --aspa is not given', defaultDescription: defaultDataDir() })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no notes on stderr' })
    .option('offline', { type: 'boolean', default: false, describe: 'accepted and ignored, for a uniform command line: check asks no registry (only a URL given as a path or --aspa is fetched)' }) as unknown as Argv<AspaArgs>,
  handler: async (argv) => {
    jsonAsFormat(argv, 'text', 'csv');
    const notes: string[] = [];
    const set = await loadAspaForAnswer(argv.aspa, notes, argv.data);
    const families = familiesArg(argv.afi);
    const table = await readObservedPaths(argv.paths ?? [], families);
    for (const s of table.sources) notes.push(`read ${s.name} (${s.format ?? 'empty'}): ${n(s.routes)} routes${s.warnings ? `, ${n(s.warnings)} damaged records or lines skipped` : ''}`);
    notes.push(`procedure: ${argv.procedure}${argv.procedure === 'downstream' ? ' (the default: a collector\'s peer sends what a provider sends; --procedure upstream for routes from customers or peers)' : ''}`);
    printNotes(notes, argv.quiet);
    // Rows are written as the paths are checked, waiting for stdout to drain: memory does not grow with them.
    let buf: string[] = [];
    const flush = async () => {
      if (!buf.length) return;
      const ok = process.stdout.write(sanitize(buf.join('')));
      buf = [];
      if (!ok) await once(process.stdout, 'drain');
    };
    if (argv.format === 'csv') buf.push(csvLine(CHECK_CSV_COLUMNS));
    if (argv.format === 'json') buf.push('{\n  "paths": [\n');
    const tally = new CheckTally(argv.procedure, argv.top);
    let first = true;
    for (const p of checkEach(table, set.records, argv.procedure, families)) {
      tally.add(p);
      if (argv.format === 'csv') buf.push(csvLine(checkCsvRow(p, argv.procedure, set.records)));
      else if (argv.format === 'json') {
        buf.push(`${first ? '' : ',\n'}    ${JSON.stringify({ afi: p.afi, path: p.path, routes: p.routes, ...p.check, reason: explainAspa(p.check) })}`);
        first = false;
      }
      if (buf.length >= 4096) await flush();
    }
    const r = tally.result();
    if (argv.format === 'json') buf.push(`\n  ],\n  "procedure": ${JSON.stringify(r.procedure)},\n  "counts": ${JSON.stringify(r.counts)},\n  "routes": ${JSON.stringify(r.routes)},\n  "notes": ${JSON.stringify(notes)}\n}\n`);
    await flush();
    if (argv.format === 'text') printResult(checkText(r, families.filter((f) => FAMILIES.includes(f)), set.records, argv.top));
  },
};

const impact: CommandModule<object, AspaArgs & { draft: boolean }> = {
  command: 'impact <asn> <paths..>',
  describe: 'which observed paths one AS\'s ASPA (drafted from the relations, or as published) turns Invalid — legitimate-looking routes it would break, leaks it would newly catch',
  builder: (y) => withTop(withJson(withRelationshipOptions(withAnalysisData(withAspaFile(y)))), 'list at most N changed paths', 1)
    .option('draft', { type: 'boolean', default: false, describe: 'use the ASPA drafted from the relations (`asrel aspa draft`) instead of the AS\'s published record in --aspa' })
    .option('procedure', { type: 'string', choices: ['upstream', 'downstream'], default: 'downstream', describe: 'ASPA procedure (downstream: a collector\'s full table is what a provider sends)' })
    .option('format', { type: 'string', choices: ['text', 'json', 'csv'], defaultDescription: 'text', describe: 'text, JSON, or CSV (one row per changed path)' }) as unknown as Argv<AspaArgs & { draft: boolean }>,
  handler: async (argv) => {
    jsonAsFormat(argv, 'text', 'csv');
    const asn = asnArg(argv.asn, 'the AS whose ASPA is weighed');
    const notes: string[] = [];
    const set = await loadAspaIfAny(argv.aspa, notes, argv.data);
    if (!argv.draft && !set?.records.has(asn)) {
      throw new UserError(`no ASPA for AS${asn}${set ? ` in ${set.name}` : ''}`, 2, 'Give --draft to weigh the ASPA the relations support, or --aspa with the AS\'s published record.');
    }
    const table = await readObservedPaths(argv.paths ?? [], FAMILIES);
    for (const src of table.sources) notes.push(`read ${src.name} (${src.format ?? 'empty'}): ${n(src.routes)} routes${src.warnings ? `, ${n(src.warnings)} damaged records or lines skipped` : ''}`);
    const loaded = await loadTopologies(argv, undefined, FAMILIES);
    try {
      notes.push(...loaded.notes);
      const providers = argv.draft
        ? draftOfKnown(loaded.engine ? engineSource(loaded.engine) : topologySource(loaded.topologies), asn, loaded.requireKnown, notes).providers
        : set!.records.get(asn)!.providers;
      notes.push(`ASPA weighed: AS${asn} → [${providers.join(', ')}] (${argv.draft ? 'drafted from the relations' : `published, from ${set!.name}`}); the other ASPAs: ${set ? n(set.records.size - (set.records.has(asn) ? 1 : 0)) : 'none'}; procedure ${argv.procedure}`);
      const relations = Object.fromEntries(FAMILIES.filter((f) => loaded.topologies[f]).map((f) => [f, relationLookup(loaded.topologies[f]!)]));
      const others = new Map(set?.records ?? []);
      others.delete(asn);
      const r = aspaImpact(table, FAMILIES, asn, providers, others, argv.procedure, relations);
      await output(argv, notes, () => ({ ...r, changes: r.changes.slice(0, argv.top) }),
        () => ({ columns: ['afi', 'path', 'routes', 'before', 'after', 'relations'], rows: r.changes.map((c) => [c.afi, c.path.join(' '), c.routes, c.before, c.after, c.relations]) }),
        () => impactText(r, argv.top));
    } finally {
      loaded.close?.();
    }
  },
};

interface ImportArgs {
  input?: string;
  list: boolean;
  date?: string;
  data: string;
  json: boolean;
  quiet: boolean;
}

const importCmd: CommandModule<object, ImportArgs> = {
  command: 'import [input]',
  describe: 'keep a dated snapshot of validated ASPAs in the store (used when --aspa is not given; compared by `asrel diff --aspa`); --list lists them',
  builder: (y) => withJson(y)
    .option('data', { type: 'string', default: defaultDataDir(), describe: 'store folder the snapshots are kept in', defaultDescription: `${defaultDataDir()} ($XDG_CACHE_HOME/asrel)` })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no notes on stderr' })
    .option('offline', { type: 'boolean', default: false, describe: 'accepted for a uniform command line: a file or - never touches the network (a URL is fetched)' })
    .positional('input', { type: 'string', describe: 'validator output: rpki-client/Routinator/Cloudflare JSON, OpenBGPD aspa-set or BIRD text; plain, gzip, bzip2 or xz; file, URL or -' })
    .option('list', { type: 'boolean', default: false, describe: 'list the snapshots in the store instead' })
    .option('date', { type: 'string', describe: 'date of the snapshot (YYYY-MM-DD); default: the validator\'s time in the output\'s metadata, else a date in the file name, else the file\'s modification time, else now' }) as unknown as Argv<ImportArgs>,
  handler: async (argv) => {
    const where = `the store ${argv.data}`;
    if (argv.list) {
      if (argv.input !== undefined) throw new UserError('--list takes no input', 2, 'Give either a file to import or --list.');
      const all = listAspaSnapshots(argv.data);
      if (argv.json) printJson({ snapshots: all, store: argv.data });
      else printResult(snapshotListText(all, where));
      return;
    }
    if (argv.input === undefined) throw new UserError('give the validator output to import (a file, a URL or -), or --list', 2, 'e.g. `asrel aspa import rpki-client.json` or `rpki-client -j … | asrel aspa import -`.');
    const r = await importAspa(String(argv.input), argv.data, argv.date !== undefined ? { date: String(argv.date) } : {});
    printNotes(r.notes, argv.quiet);
    if (argv.json) printJson({ snapshot: r.snapshot, existing: r.existing, store: argv.data, notes: r.notes });
    else printResult(importText(r.snapshot, r.existing, where));
  },
};

const command: CommandModule<object, AspaArgs> = {
  command: 'aspa <command>',
  describe: 'RPKI ASPA against the IRR per family: compare published ASPAs, draft one from the IRR, check observed paths, keep dated snapshots',
  builder: (y) => y.command(compare).command(draft).command(check).command(impact as unknown as CommandModule<object, AspaArgs>)
    .command(importCmd as unknown as CommandModule<object, AspaArgs>).demandCommand(1, 'Name one: compare, draft, check, impact or import.') as unknown as Argv<AspaArgs>,
  handler: () => {},
};
export default command;
