import type { Argv, CommandModule } from 'yargs';
import type { DataArgs } from '../../analysis/open-data.js';
import { startServer } from '../../server/start.js';
import { UserError } from '../errors.js';
import { withAnalysisData, withIxp } from '../options.js';
import { printNotes } from '../output.js';

interface ServeArgs extends DataArgs {
  port: number;
  host: string;
  live: boolean;
  ixp?: string[];
}

const command: CommandModule<object, ServeArgs> = {
  command: 'serve',
  describe: 'a local web page and JSON API over the same analysis: questions, drawings, dark spots and an explorer of the graph',
  builder: (y) => withIxp(withAnalysisData(y))
    .option('port', { type: 'number', default: 8080, describe: 'TCP port (0: any free port)' })
    .option('host', { type: 'string', default: '127.0.0.1', describe: 'address to listen on (127.0.0.1: this machine only)' })
    .option('live', { type: 'boolean', default: false, describe: 'ask the whois server (--server) for the objects each question needs; without it the server never queries one' })
    .check((a) => {
      const port = a.port as number;
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port ${String(a.port)} is not a TCP port (0–65535)`, 2, 'E.g. --port 8080.');
      if (a.live && a.offline) throw new UserError('--live and --offline contradict each other', 2, 'The server is offline unless started with --live: drop one.');
      return true;
    }) as unknown as Argv<ServeArgs>,
  handler: async (argv) => {
    const s = await startServer({ ...argv, offline: !argv.live });
    printNotes(s.session.openNotes, argv.quiet);
    process.stderr.write(`asrel serve: listening on ${s.url}/ (${argv.live ? `live: asks ${argv.server}` : 'offline: no whois queries'}; Ctrl-C stops)\n`);
    await new Promise<void>((resolve) => {
      const stop = () => { process.off('SIGINT', stop); process.off('SIGTERM', stop); void s.close().then(resolve); };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  },
};
export default command;
