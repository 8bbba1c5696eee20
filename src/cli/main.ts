import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commands } from './commands/index.js';
import { UserError } from './errors.js';

declare const __ASREL_VERSION__: string;

function reportAndExit(err: unknown): never {
  if (err instanceof UserError) {
    process.stderr.write(`asrel: ${err.message}\n`);
    if (err.hint) process.stderr.write(`${err.hint}\n`);
    process.exit(err.exitCode);
  }
  process.stderr.write(`asrel: internal error (please report): ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(70);
}

async function main(): Promise<void> {
  let cli = yargs(hideBin(process.argv))
    .scriptName('asrel')
    .usage('$0 <command> [options]\n\nInfer AS relationships per address family from IRR routing policy and explain reachability.')
    .version(__ASREL_VERSION__)
    .strict()
    .demandCommand(1, 'Name a command; `asrel --help` lists them.')
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      throw new UserError(msg ?? 'invalid arguments', 2, 'Run the command with --help for its options.');
    });
  for (const c of commands) cli = cli.command(c);
  await cli.parseAsync();
}

// A closed pipe (`asrel … | head`) is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

main().catch(reportAndExit);
