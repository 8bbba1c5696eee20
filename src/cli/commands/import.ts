import type { Argv, CommandModule } from 'yargs';
import { UserError } from '../errors.js';
import { withDataOptions, withJson } from '../options.js';
import { DiskStore } from '../../store/disk-store.js';
import { importDump, type ImportSummary } from '../../store/import-dump.js';
import { InputError } from '../../rpsl/read.js';

interface ImportArgs {
  files: string[];
  data: string;
  json: boolean;
  source?: string;
  durable: boolean;
}

const command: CommandModule<object, ImportArgs> = {
  command: 'import <files..>',
  describe: 'import IRR dumps (radb.db.gz, ripe.db.aut-num.gz, …; plain or gzip, - = stdin) into the store',
  builder: (y) =>
    withJson(withDataOptions(y))
      .positional('files', { type: 'string', array: true, describe: 'dump files' })
      .option('source', { type: 'string', describe: 'source for objects without a source: line (they are skipped otherwise)' })
      .option('durable', { type: 'boolean', default: false, describe: 'fsync every object (slow; writes are atomic either way)' }) as unknown as Argv<ImportArgs>,
  handler: async (argv) => {
    if (argv.source !== undefined && !/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(argv.source)) {
      throw new UserError(`--source '${argv.source}' is not a source name`, 2, 'Use letters, digits, - and _, e.g. --source DN42.');
    }
    const store = new DiskStore(argv.data);
    const results: ImportSummary[] = [];
    for (const file of argv.files) {
      let bar: { update(n: number): void; stop(): void } | undefined;
      if (process.stderr.isTTY) {
        const { SingleBar, Presets } = await import('cli-progress');
        const b = new SingleBar({ stream: process.stderr, format: `import ${file} {value} objects`, hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
        b.start(0, 0);
        bar = b;
      }
      try {
        results.push(await importDump(file, store, { defaultSource: argv.source, durable: argv.durable, onProgress: (n) => bar?.update(n) }));
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (e instanceof InputError || code === 'ENOENT' || code === 'EISDIR') {
          throw new UserError(e instanceof InputError ? e.message : `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : 'it is a folder'}`, 2,
            `Give IRR dump files (plain or gzip RPSL). ${results.length ? `${results.length} file(s) before it were imported.` : ''}`.trim());
        }
        throw e;
      } finally {
        bar?.stop();
      }
    }
    if (argv.json) {
      process.stdout.write(`${JSON.stringify({ store: argv.data, files: results }, null, 2)}\n`);
      return;
    }
    for (const r of results) {
      const stored = Object.entries(r.stored).map(([c, n]) => `${n} ${c}`).join(', ') || 'nothing';
      const extra = [
        r.otherClasses ? `${r.otherClasses} of other classes not stored` : '',
        r.withoutSource ? `${r.withoutSource} without a source: line ${argv.source ? `stored as ${argv.source.toUpperCase()}` : 'skipped (use --source)'}` : '',
        r.readerProblems ? `${r.readerProblems} reader warnings` : '',
      ].filter(Boolean);
      process.stdout.write(`${r.file}: ${r.objects} objects read, stored ${stored}${extra.length ? `; ${extra.join('; ')}` : ''}\n`);
    }
    process.stdout.write(`store: ${argv.data}\n`);
  },
};
export default command;
