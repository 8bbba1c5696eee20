import type { Argv, CommandModule } from 'yargs';
import { UserError } from '../errors.js';
import { printJson, printResult, printStderr } from '../output.js';
import { printable } from '../../report/sanitize.js';
import { withDataOptions, withJson } from '../options.js';
import { openStore } from '../../analysis/open-data.js';
import { checkDate } from '../../gather/dump-date.js';
import { HttpDumpError, isUrl, openHttpDump } from '../../gather/http-dump.js';
import { importDump, type ImportSummary } from '../../gather/import-dump.js';
import { storeFailure } from '../../store/failures.js';
import { InputError, isStdin } from '../../analysis/input-files.js';

interface ImportArgs {
  files: string[];
  timeout?: number;
  data: string;
  json: boolean;
  source?: string;
  date?: string;
}

const command: CommandModule<object, ImportArgs> = {
  command: 'import <files..>',
  describe: 'import IRR dumps into the store: files or http(s) URLs (radb.db.gz, ripe.db.aut-num.gz, …; plain or gzip, - = stdin)',
  builder: (y) =>
    withJson(withDataOptions(y))
      .positional('files', { type: 'string', array: true, describe: 'dump files or URLs' })
      .option('source', { type: 'string', describe: 'source for objects without a source: line (they are skipped otherwise)' })
      .option('date', { type: 'string', describe: 'date of the dump (YYYY-MM-DD), cited in answers; default: a date in the file name, Last-Modified for URLs, else the file time' }) as unknown as Argv<ImportArgs>,
  handler: async (argv) => {
    if (argv.source !== undefined && !/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(argv.source)) {
      throw new UserError(`--source '${argv.source}' is not a source name`, 2, 'Use letters, digits, - and _, e.g. --source DN42.');
    }
    const date = argv.date === undefined ? undefined : checkDate(argv.date);
    if (argv.date !== undefined && !date) throw new UserError(`--date '${argv.date}' is not a date`, 2, 'Write it as YYYY-MM-DD, e.g. --date 2026-11-01.');
    const store = openStore(argv.data, { write: true });
    // Writing into a damaged file spreads the damage: refuse, as every command would on reading it.
    const problems = store.quickCheck(1);
    if (problems[0] !== 'ok') {
      store.close();
      const f = storeFailure({ code: 'SQLITE_CORRUPT', message: problems[0] }, { path: store.path })!;
      throw new UserError(f.message, f.exitCode, f.hint);
    }
    // Ctrl-C: finish the open transaction, say what was stored, exit 130. A second Ctrl-C is immediate.
    let stop = false;
    const onSigint = () => {
      if (stop) process.exit(130);
      stop = true;
    };
    process.on('SIGINT', onSigint);
    const results: (ImportSummary & { interrupted: boolean })[] = [];
    try {
      for (const file of argv.files.map(String)) {
        if (stop) break;
        const before = results.reduce((n, r) => n + Object.values(r.stored).reduce((a, b) => a + b, 0), 0);
        results.push(await importOne(file, store, { source: argv.source, date, stop: () => stop, storedBefore: before, timeout: argv.timeout }));
        if (results.at(-1)!.interrupted) break;
      }
    } finally {
      process.off('SIGINT', onSigint);
      store.close();
    }
    const interrupted = results.some((r) => r.interrupted) || stop;
    if (argv.json) {
      printJson({ store: argv.data, files: results, interrupted });
    } else {
      for (const r of results) {
        const stored = Object.entries(r.stored).map(([c, n]) => `${n} ${c}`).join(', ') || 'nothing';
        const extra = [
          r.otherClasses ? `${r.otherClasses} of other classes not stored` : '',
          r.withoutSource ? `${r.withoutSource} without a source: line ${argv.source ? `stored as ${argv.source.toUpperCase()}` : 'skipped (use --source)'}` : '',
          r.readerProblems ? `${r.readerProblems} reader warnings` : '',
          r.problems.length ? `${r.problems.length} object(s) whose policies could not be analysed, e.g. ${r.problems[0]}` : '',
          r.emptyScope ? `${r.emptyScope} policy attribute(s) import or export nothing as written (REFINE afi scopes intersect to no address family)` : '',
        ].filter(Boolean);
        printResult(`${isStdin(r.file) ? 'standard input' : r.file}: ${r.objects} objects read, stored ${stored}${extra.length ? `; ${extra.join('; ')}` : ''}; dated ${r.date.date.slice(0, 10)} (${r.date.how})\n`);
        for (const w of r.skipped) printStderr(`asrel: warning: ${w}\n`);
        if (r.date.how === 'modification time') printStderr(`note: ${r.file} is dated by its modification time; give --date YYYY-MM-DD if that is not the dump's date\n`);
      }
      printResult(`store: ${argv.data}\n`);
    }
    if (interrupted) {
      process.stderr.write('asrel: interrupted: the objects listed above are stored; the rest of that file is not\n');
      process.exitCode = 130;
    }
  },
};
export default command;

async function importOne(file: string, store: ReturnType<typeof openStore>, o: { source?: string; date?: string; stop: () => boolean; storedBefore: number; timeout?: number }) {
  let bar: { update(n: number): void; stop(): void } | undefined;
  if (process.stderr.isTTY) {
    const { SingleBar, Presets } = await import('cli-progress');
    const b = new SingleBar({ stream: process.stderr, format: `import ${printable(file)} {value} objects`, hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
    b.start(0, 0);
    bar = b;
  }
  let committed = 0;
  const common = { defaultSource: o.source, onProgress: (n: number) => bar?.update(n), stopRequested: o.stop, onCommit: (n: number) => { committed = n; } };
  try {
    if (isUrl(file)) {
      const http = await openHttpDump(file, undefined, o.timeout);
      return await importDump(file, store, { ...common, stream: http.stream, from: http.name, date: o.date ?? http.lastModified });
    }
    return await importDump(file, store, { ...common, date: o.date });
  } catch (e) {
    const stored = o.storedBefore + committed;
    // A full disk, an I/O error or read-only media while writing: the committed transactions stay.
    const failure = storeFailure(e, { path: store.path, stored });
    if (failure) throw new UserError(failure.message, failure.exitCode, failure.hint);
    const code = (e as NodeJS.ErrnoException).code;
    if (e instanceof HttpDumpError) throw new UserError(e.message, 1, 'Check the URL and the network; objects of earlier files are stored.');
    if (isUrl(file) && e instanceof InputError) {
      // The body broke off (short of its Content-Length, or the connection reset): what came whole is stored.
      throw new UserError(`${file}: ${e.message.replace(/^cannot read \S+: /, '')}; ${stored} objects stored, the store is consistent`, 1,
        'Run the import again to fetch the whole dump; the objects stored are whole.');
    }
    if (e instanceof InputError || code === 'ENOENT' || code === 'EISDIR') {
      throw new UserError(e instanceof InputError ? e.message : `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : 'it is a folder'}`, 2,
        'Give IRR dump files (plain or gzip RPSL) or http(s) URLs; objects of earlier files are stored.');
    }
    throw e;
  } finally {
    bar?.stop();
  }
}
