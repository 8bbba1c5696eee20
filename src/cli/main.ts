/**
 * CLI entry. Start-up is kept small: this module imports only the command catalog and the
 * error type. `asrel --help`, `asrel --version` and `asrel` alone are answered from the
 * catalog without loading yargs or any command; otherwise yargs is loaded, and only the
 * module of the command named on the command line (its builder and handler); the other
 * commands are registered by name and description so that usage errors and suggestions
 * still list them.
 */
import { catalog, commandName, findCommand, type AnyCommand } from './commands/index.js';
import { UserError } from './errors.js';
import { EXAMPLES } from './examples.js';
import { handleOutputErrors } from './output.js';
import { jsonSafe, sanitize } from '../report/sanitize.js';
import { storeFailure } from '../analysis/errors.js';

declare const __ASREL_VERSION__: string;

const USAGE = '$0 <command> [options]\n\nInfer AS relationships per address family from IRR routing policy and explain reachability.';
const NO_COMMAND = 'Name a command; `asrel --help` lists them.';
const USAGE_HINT = 'Run the command with --help for its options.';
/** The same in every command (README, "Commands"). */
const EXIT_CODES = 'Exit codes: 0 answered; 1 could not answer for data or network reasons; 2 usage (bad option, AS, file or store); 130 interrupted; 70 a bug (please report). Answers go to stdout, notes to stderr (--quiet drops them).';

/** `--json` (or `--format json`) on the command line: a failure with a reason is answered in JSON too. */
function wantsJson(args: readonly string[]): boolean {
  return args.includes('--json') || args.some((a, i) => (a === '--format' && args[i + 1] === 'json') || a === '--format=json');
}

function reportAndExit(err: unknown): never {
  if (err instanceof UserError) {
    if (err.reason && wantsJson(process.argv.slice(2))) {
      process.stdout.write(`${jsonSafe(JSON.stringify({ error: err.message, reason: err.reason, ...(err.hint ? { hint: err.hint } : {}) }, null, 2))}\n`);
    }
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

/** The command with its examples (src/cli/examples.ts) at the end of its --help. */
function withExamples(c: AnyCommand, name: string): AnyCommand {
  const build = c.builder;
  return {
    ...c,
    builder: (y) => {
      const built = (typeof build === 'function' ? build(y) : build ? y.options(build) : y) as typeof y;
      return (EXAMPLES[name] ?? []).reduce((z, ex) => z.example(`$0 ${ex.line}`, ex.what), built);
    },
  };
}

/** Edit distance of two short words (a typo is one or two edits away). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** A first word that names no command: say so and list the commands (a near miss is named first). */
function unknownCommand(word: string): UserError {
  const names = catalog.flatMap((e) => [commandName(e), ...(e.aliases ?? [])]);
  const near = names.filter((n) => distance(word.toLowerCase(), n) <= Math.min(2, Math.floor(n.length / 3)));
  const shown = word.length > 40 ? `${word.slice(0, 40)}…` : word;
  return new UserError(`"${shown}" is not an asrel command${near.length ? `; did you mean ${near.join(' or ')}?` : ''}`, 2,
    `Commands: ${catalog.map(commandName).join(', ')}. \`asrel --help\` describes them.`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (fastPath(args)) return;
  // The first word that names a command decides which module is loaded.
  const selected = args.map(findCommand).find((e) => e !== undefined);
  if (args[0] && !args[0].startsWith('-') && !findCommand(args[0])) throw unknownCommand(args[0]);
  if (!selected && !args.some((a) => a === '--help' || a === '-h' || a === '--version')) {
    const word = args.find((a) => !a.startsWith('-'));
    throw word ? unknownCommand(word) : new UserError(NO_COMMAND, 2, USAGE_HINT);
  }
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
    .epilog(EXIT_CODES)
    .wrap(width())
    // A string option given without a value (`--afi` at the end, `--out ""`) is a mistake,
    // never its default silently (yargs reads it as the empty string).
    .middleware((argv) => {
      for (const [k, v] of Object.entries(argv)) {
        // Option names as typed (`min-confidence`), not yargs' camel-case copies (`minConfidence`).
        if (k.length > 1 && k === k.toLowerCase() && k !== '$0' && k !== '_' && (v === '' || (Array.isArray(v) && v.includes('')))) {
          throw new UserError(`--${k} needs a value`, 2, USAGE_HINT);
        }
      }
    }, true)
    .fail((msg, err) => {
      // yargs wraps what an option's check or coerce throws in a YError: a usage mistake.
      if (err && err.name === 'YError') throw new UserError(err.message, 2, USAGE_HINT);
      if (err) throw err;
      throw new UserError(msg ?? 'invalid arguments', 2, USAGE_HINT);
    });
  for (const e of catalog) {
    const stub: AnyCommand = { command: e.command, describe: e.describe, builder: (y) => y, handler: () => {} };
    if (e.aliases) stub.aliases = e.aliases;
    cli = cli.command(e === selected && loaded ? withExamples(loaded.default, commandName(e)) : stub);
  }
  await cli.parseAsync();
}

// A closed pipe (`asrel … | head`) is not an error; a full disk under `> file` is one line.
handleOutputErrors();

main().catch(reportAndExit);
