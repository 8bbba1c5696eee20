/**
 * CLI entry. Start-up is kept small: this module imports only the command catalog and the
 * error type. `asrel --help`, `asrel --version` and `asrel` alone are answered from the
 * catalog without loading yargs or any command; otherwise yargs is loaded, and only the
 * module of the command named on the command line (its builder and handler); the other
 * commands are registered by name and description so that usage errors and suggestions
 * still list them.
 */
import { catalog, findCommand, type AnyCommand } from './commands/index.js';
import { UserError } from './errors.js';
import { handleOutputErrors } from './output.js';
import { sanitize } from '../report/sanitize.js';
import { storeFailure } from '../store/failures.js';

declare const __ASREL_VERSION__: string;

const USAGE = '$0 <command> [options]\n\nInfer AS relationships per address family from IRR routing policy and explain reachability.';
const NO_COMMAND = 'Name a command; `asrel --help` lists them.';
const USAGE_HINT = 'Run the command with --help for its options.';
/** The same in every command (README, "Commands"). */
const EXIT_CODES = 'Exit codes: 0 answered; 1 could not answer for data or network reasons; 2 usage (bad option, AS, file or store); 130 interrupted; 70 a bug (please report). Answers go to stdout, notes to stderr (--quiet drops them).';

function reportAndExit(err: unknown): never {
  if (err instanceof UserError) {
    // Messages quote file names, keys and server text: nothing in them may drive the terminal.
    process.stderr.write(sanitize(`asrel: ${err.message}\n${err.hint ? `${err.hint}\n` : ''}`));
    process.exit(err.exitCode);
  }
  // A damaged store, a full disk, read-only media: one line naming the file, not a stack.
  const store = storeFailure(err);
  if (store) {
    process.stderr.write(sanitize(`asrel: ${store.message}\n${store.hint}\n`));
    process.exit(store.exitCode);
  }
  process.stderr.write(`asrel: internal error (please report): ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(70);
}

const width = () => Math.min(110, process.stdout.columns || 100);

/** Greedy word wrap of `text` to `cols` columns. */
function wrap(text: string, cols: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > cols) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines;
}

/** The top-level help, laid out as yargs lays it out, from the catalog alone. */
export function topLevelHelp(cols = width()): string {
  const rows = catalog.map((e) => ({ left: `  asrel ${e.command}`, text: e.describe, tag: e.aliases?.length ? `[aliases: ${e.aliases.join(', ')}]` : '' }));
  const leftWidth = Math.max(...rows.map((r) => r.left.length)) + 2;
  const textWidth = Math.max(20, cols - leftWidth);
  let s = `${USAGE.replace('$0', 'asrel')}\n\nCommands:\n`;
  for (const r of rows) {
    const lines = wrap(r.text, textWidth);
    if (r.tag) {
      const last = lines[lines.length - 1];
      if (last.length + 1 + r.tag.length <= textWidth) lines[lines.length - 1] = last + ' '.repeat(textWidth - last.length - r.tag.length) + r.tag;
      else lines.push(' '.repeat(textWidth - r.tag.length) + r.tag);
    }
    lines.forEach((l, i) => { s += `${(i === 0 ? r.left : '').padEnd(leftWidth)}${l}\n`; });
  }
  const opt = (name: string, text: string) => `  ${name.padEnd(9)}  ${text}${' '.repeat(Math.max(1, cols - 13 - text.length - 9))}[boolean]\n`;
  s += `\nOptions:\n${opt('--help', 'Show help')}${opt('--version', 'Show version number')}`;
  s += `\n${wrap(EXIT_CODES, cols).join('\n')}\n`;
  return s;
}

/** Answers `asrel`, `asrel --help` and `asrel --version` without yargs; false when it did not. */
function fastPath(args: string[]): boolean {
  if (args.length === 0) throw new UserError(NO_COMMAND, 2, USAGE_HINT);
  if (args.length !== 1) return false;
  if (args[0] === '--version') {
    process.stdout.write(`${__ASREL_VERSION__}\n`);
    return true;
  }
  if (args[0] === '--help' || args[0] === '-h') {
    process.stdout.write(topLevelHelp());
    return true;
  }
  return false;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (fastPath(args)) return;
  // The first word that names a command decides which module is loaded.
  const selected = args.map(findCommand).find((e) => e !== undefined);
  const [{ default: yargs }, { hideBin }, loaded] = await Promise.all([
    import('yargs'),
    import('yargs/helpers'),
    selected ? selected.load() : Promise.resolve(undefined),
  ]);
  // yargs takes no lone `-` as a value (`--input -`, `import -`): pass standard input by name.
  // `parse` reads its own arguments and knows `-`.
  const argv = hideBin(process.argv).map((a) => (a === '-' && selected?.command.split(' ')[0] !== 'parse' ? '/dev/stdin' : a));
  let cli = yargs(argv)
    .scriptName('asrel')
    .usage(USAGE)
    .version(__ASREL_VERSION__)
    .strict()
    .demandCommand(1, NO_COMMAND)
    .recommendCommands()
    .epilog(EXIT_CODES)
    .wrap(width())
    .fail((msg, err) => {
      // yargs wraps what an option's check or coerce throws in a YError: a usage mistake.
      if (err && err.name === 'YError') throw new UserError(err.message, 2, USAGE_HINT);
      if (err) throw err;
      throw new UserError(msg ?? 'invalid arguments', 2, USAGE_HINT);
    });
  for (const e of catalog) {
    const stub: AnyCommand = { command: e.command, describe: e.describe, builder: (y) => y, handler: () => {} };
    if (e.aliases) stub.aliases = e.aliases;
    cli = cli.command(e === selected && loaded ? loaded.default : stub);
  }
  await cli.parseAsync();
}

// A closed pipe (`asrel … | head`) is not an error; a full disk under `> file` is one line.
handleOutputErrors();

main().catch(reportAndExit);
