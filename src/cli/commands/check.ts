import type { Argv, CommandModule } from 'yargs';
import { UserError } from '../errors.js';
import { defaultDataDir } from '../options.js';
import { printJson, printResult } from '../output.js';
import { openStore } from '../../analysis/open-data.js';
import { storeFailure } from '../../store/failures.js';
import { Store, STORE_FILE } from '../../store/store.js';
import { join, resolve } from 'node:path';

interface CheckArgs {
  data: string;
  json: boolean;
}

const command: CommandModule<object, CheckArgs> = {
  command: 'check',
  describe: 'check the store for damage (SQLite quick_check): ok, or what is wrong and what to do',
  builder: (y) =>
    y.option('data', { type: 'string', default: defaultDataDir(), describe: 'store folder', defaultDescription: '$XDG_CACHE_HOME/asrel' })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON instead of text' }) as unknown as Argv<CheckArgs>,
  handler: async (argv) => {
    const file = join(resolve(argv.data), STORE_FILE);
    const problems = Store.quickCheck(argv.data, 20);
    if (!problems) throw new UserError(`no store in ${argv.data}`, 2, 'Give --data the folder you fetch or import into.');
    const ok = problems.length === 1 && problems[0] === 'ok';
    let counts: { objects: number; autNums: number } | undefined;
    let readOnly = false;
    if (ok) {
      // Sound pages: open it as a store (this checks it is one, of this version) and count.
      const store = openStore(argv.data, { readonly: true });
      try {
        counts = store.counts();
        readOnly = store.readOnly;
      } finally {
        store.close();
      }
    }
    if (argv.json) printJson({ store: file, ok, problems: ok ? [] : problems, ...(counts ? { objects: counts.objects, autNums: counts.autNums } : {}) });
    else if (ok) printResult(`${file}: ok (SQLite quick_check${readOnly ? ', opened read-only' : ''}); ${counts!.objects} objects, ${counts!.autNums} aut-num\n`);
    else printResult(`${file}: damaged; SQLite quick_check says:\n${problems.map((p) => `  ${p}`).join('\n')}\n`);
    if (!ok) {
      const f = storeFailure({ code: 'SQLITE_CORRUPT', message: problems[0] }, { path: file })!;
      throw new UserError(f.message, f.exitCode, f.hint);
    }
  },
};
export default command;
