import type { Argv, CommandModule } from 'yargs';
import { UserError } from '../errors.js';
import { defaultDataDir } from '../options.js';
import { printJson, printResult } from '../output.js';
import { checkStore } from '../../analysis/check-store.js';
import { damagedStoreError } from '../../analysis/errors.js';
import { thousands } from '../../report/thousands.js';

interface CheckArgs {
  data: string;
  json: boolean;
}

/** What the link table holds, and what answers do when it is not current. */
function linksLine(l: { current: boolean; rows: number }): string {
  return l.current
    ? `links: ${thousands(l.rows)} kept decided, current`
    : 'links: not decided in the store (an older store, a load cut half-way or stopped): answers decide them from claims, more slowly, until the next import, fetch or sync decides them';
}

const command: CommandModule<object, CheckArgs> = {
  command: 'check',
  describe: 'check the store for damage (SQLite quick_check): ok, or what is wrong and what to do',
  builder: (y) =>
    y.option('data', { type: 'string', default: defaultDataDir(), describe: 'store folder', defaultDescription: `${defaultDataDir()} ($XDG_CACHE_HOME/asrel)` })
      // Accepted like everywhere: check reads the local store only and writes no notes.
      .option('offline', { type: 'boolean', default: false, describe: 'accepted for a uniform command line: check never touches the network' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no notes on stderr (check writes none)' })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON instead of text' }) as unknown as Argv<CheckArgs>,
  handler: async (argv) => {
    const c = checkStore(argv.data, 20);
    if (!c) throw new UserError(`no store at ${argv.data}`, 2, 'Give --data the folder you fetch or import into.');
    if (argv.json) printJson({ store: c.file, ok: c.ok, problems: c.problems, ...(c.counts ? { objects: c.counts.objects, autNums: c.counts.autNums } : {}), ...(c.links ? { links: c.links } : {}) });
    else if (c.ok) printResult(`${c.file}: ok (SQLite quick_check${c.readOnly ? ', opened read-only' : ''}); ${c.counts!.objects} objects, ${c.counts!.autNums} aut-num\n${linksLine(c.links!)}\n`);
    else printResult(`${c.file}: damaged; SQLite quick_check says:\n${c.problems.map((p) => `  ${p}`).join('\n')}\n`);
    if (!c.ok) throw damagedStoreError(c.file, c.problems[0]);
  },
};
export default command;
