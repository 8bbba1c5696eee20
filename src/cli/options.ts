import type { Argv } from 'yargs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Default store folder: $XDG_CACHE_HOME/asrel or ~/.cache/asrel. */
export function defaultDataDir(): string {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'asrel');
}

/** RADB, which mirrors the other IRRs; `ASREL_SERVER` (host[:port]) changes the default. */
export const DEFAULT_SERVER = process.env.ASREL_SERVER || 'whois.radb.net:43';

/** Options of every command that reads registry data. */
export function withDataOptions<T>(y: Argv<T>) {
  return y
    .option('data', { type: 'string', default: defaultDataDir(), describe: 'store folder (fetched and imported objects)', defaultDescription: '$XDG_CACHE_HOME/asrel' })
    .option('offline', { type: 'boolean', default: false, describe: 'never touch the network: use the store and the bundled snapshot only' })
    .option('server', { type: 'string', default: DEFAULT_SERVER, describe: 'IRR server host[:port] (IRRd or RIPE-style whois); env ASREL_SERVER sets the default' })
    .option('sources', { type: 'string', describe: 'comma-separated IRR source order, e.g. RADB,RIPE (server default when absent)' })
    .option('ttl', { type: 'number', default: 24, describe: 'hours before a stored object is fetched again' });
}

/** Data options of the analysis commands: the store, the server, or `--input` files instead. */
export function withAnalysisData<T>(y: Argv<T>) {
  return withDataOptions(y).option('input', {
    type: 'string',
    array: true,
    describe: 'analyse these RPSL files or dumps (plain or .gz, - = stdin) instead of the store and bundled data; repeatable, earlier files win',
  });
}

export function withAfi<T>(y: Argv<T>, choices: readonly string[], dflt: string) {
  return y.option('afi', { type: 'string', choices, default: dflt, describe: 'address family' });
}

export function withJson<T>(y: Argv<T>) {
  return y.option('json', { type: 'boolean', default: false, describe: 'print JSON instead of text' });
}
