import type { Argv, CommandModule } from 'yargs';
import { printJson, printResult, printStderr } from '../output.js';
import { printable } from '../../report/sanitize.js';
import { withDataOptions, withJson } from '../options.js';
import { importDumps, type FileImport, type ImportProgress } from '../../analysis/import-dumps.js';
import { isStdin, readerProblemsText } from '../../analysis/input-files.js';

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
    // Ctrl-C: finish the open transaction, say what was stored, exit 130. A second Ctrl-C is immediate.
    let stop = false;
    const onSigint = () => {
      if (stop) process.exit(130);
      stop = true;
    };
    let results: FileImport[];
    try {
      results = await importDumps({ data: argv.data, files: argv.files.map(String), source: argv.source, date: argv.date, timeout: argv.timeout }, {
        ready: () => { process.on('SIGINT', onSigint); },
        stop: () => stop,
        progress: progressBar,
      });
    } finally {
      process.off('SIGINT', onSigint);
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
          r.readerProblems ? readerProblemsText(r.readerProblems, r.file) : '',
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

/** A bar on stderr while `file` is read, when stderr is a terminal. */
async function progressBar(file: string): Promise<ImportProgress | undefined> {
  if (!process.stderr.isTTY) return undefined;
  const { SingleBar, Presets } = await import('cli-progress');
  const b = new SingleBar({ stream: process.stderr, format: `import ${printable(file)} {value} objects`, hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
  b.start(0, 0);
  return b;
}
