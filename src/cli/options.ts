import type { Argv } from 'yargs';
import { defaultDataDir } from '../analysis/data-dir.js';
import { parseServer, setDefaultMaxLine, setExpandLimits } from '../analysis/run-settings.js';
import { UserError } from './errors.js';
import { shellWord } from '../report/shell-word.js';

export { defaultDataDir };

/** RADB, which mirrors the other IRRs; `ASREL_SERVER` (host[:port]) changes the default. */
export const DEFAULT_SERVER = process.env.ASREL_SERVER || 'whois.radb.net:43';

/**
 * Usage mistakes in the data options, found before any network or store work: one line
 * each (yargs prints it through the CLI's fail handler, exit 2).
 */
export function checkDataOptions(argv: { ttl?: unknown; server?: unknown; data?: unknown; timeout?: unknown }): true {
  const t = argv.timeout;
  if (t !== undefined && !(typeof t === 'number' && Number.isFinite(t) && t > 0)) {
    throw new UserError(`--timeout must be a number above 0 (got ${String(t) === 'NaN' ? 'something else' : String(t)})`, 2, 'E.g. --timeout 20 (seconds).');
  }
  const ttl = argv.ttl;
  if (ttl !== undefined && !(typeof ttl === 'number' && Number.isFinite(ttl) && ttl >= 0)) {
    throw new UserError(`--ttl is a number of hours, 0 or more (got ${String(ttl) === 'NaN' ? 'something else' : String(ttl)})`, 2, 'E.g. --ttl 24.');
  }
  if (typeof argv.server === 'string') {
    try {
      parseServer(argv.server);
    } catch (e) {
      throw new UserError(`--server ${JSON.stringify(argv.server)}: ${(e as Error).message.replace(/^.*?: /, '')}`, 2, 'Write host or host:port, e.g. whois.radb.net:43.');
    }
  }
  if (typeof argv.data === 'string' && argv.data.trim() === '') throw new UserError('--data is empty', 2, 'Give the store folder, e.g. --data ~/.cache/asrel.');
  return true;
}

/** `--max-line SIZE` (`16M`, `64K`, a number of characters): the longest input line read; sets the reader's limit for the run. */
export function withMaxLine<T>(y: Argv<T>) {
  return y.option('max-line', {
    type: 'string',
    default: '16M',
    describe: 'longest input line: a longer line skips its object with a warning (characters, or K/M suffix)',
    coerce: (v: unknown): number => {
      const m = /^(\d+)([KM]i?B?)?$/i.exec(String(v).trim());
      const n = m ? Number(m[1]) * (m[2] ? (m[2][0].toUpperCase() === 'K' ? 1024 : 1024 * 1024) : 1) : NaN;
      if (!(n >= 80 && n <= 1024 * 1024 * 1024)) throw new UserError(`--max-line ${JSON.stringify(String(v))}: give a size from 80 characters to 1024M`, 2, 'For example --max-line 64M.');
      setDefaultMaxLine(n);
      return n;
    },
  });
}

/** A whole number from `min` to `max`, or a usage error naming the option. */
function wholeNumber(name: string, min: number, max: number, example: string) {
  return (v: unknown): number => {
    const s = String(v).trim().replace(/_/g, '');
    if (!/^\d+$/.test(s) || Number(s) < min || Number(s) > max) throw new UserError(`${name} ${JSON.stringify(String(v))}: give a whole number from ${min} to ${max}`, 2, `For example ${name} ${example}.`);
    return Number(s);
  };
}

/** `--max-set-members`, `--max-set-depth`: the limits of as-set expansion for the run (src/infer/expand.ts). */
export function withSetLimits<T>(y: Argv<T>) {
  const members = wholeNumber('--max-set-members', 1, 100_000_000, '100000');
  const depth = wholeNumber('--max-set-depth', 1, 1000, '20');
  return y
    .option('max-set-members', { type: 'string', default: '100000', describe: 'members one as-set expansion collects before stopping (a note says so; links past it are unknown)', coerce: (v: unknown) => { const n = members(v); setExpandLimits({ maxMembers: n }); return n; } })
    .option('max-set-depth', { type: 'string', default: '20', describe: 'levels of nested as-sets followed before stopping (a note says so)', coerce: (v: unknown) => { const n = depth(v); setExpandLimits({ maxDepth: n }); return n; } });
}

/** Options of every command that reads registry data. */
export function withDataOptions<T>(y: Argv<T>) {
  return withSetLimits(withMaxLine(y)).check((argv) => checkDataOptions(argv as { ttl?: unknown; server?: unknown; data?: unknown }))
    .option('data', { type: 'string', default: defaultDataDir(), describe: 'store folder (fetched and imported objects)', defaultDescription: `${defaultDataDir()} ($XDG_CACHE_HOME/asrel)` })
    .option('offline', { type: 'boolean', default: false, describe: 'never touch the network: use the store and the bundled snapshot only' })
    .option('server', { type: 'string', default: DEFAULT_SERVER, describe: 'IRR server host[:port] (IRRd or RIPE-style whois); env ASREL_SERVER sets the default' })
    .option('sources', { type: 'string', describe: 'comma-separated IRR source order, e.g. RADB,RIPE (server default when absent)' })
    .option('ttl', { type: 'number', default: 24, describe: 'hours before a stored object is fetched again' })
    .option('timeout', { type: 'number', describe: 'seconds all live lookups of the run may take, after which it stops and answers from what it has (default 20; fetch: 600)' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no notes on stderr (where the data came from, what failed)' });
}

/** Data options of the analysis commands: the store, the server, or `--input` files instead. */
export function withAnalysisData<T>(y: Argv<T>) {
  return withDataOptions(y).option('input', {
    type: 'string',
    array: true,
    describe: 'analyse these RPSL files or dumps (plain or .gz, - = stdin) instead of the store and bundled data; repeatable, earlier files win',
  });
}

/**
 * `--afi`, case-insensitive (`IPv6` is ipv6). The default is filled in after parsing, not
 * given to yargs: yargs puts an option's default in place of an empty value, so `--afi`
 * with nothing after it would silently mean the default instead of being a mistake.
 */
export function withAfi<T>(y: Argv<T>, choices: readonly string[], dflt: string) {
  return y
    .option('afi', { type: 'string', choices, defaultDescription: dflt, describe: 'address family', coerce: (s: unknown) => String(s).toLowerCase() })
    .middleware((argv) => {
      const a = argv as { afi?: string };
      if (a.afi === undefined) a.afi = dflt;
    });
}

export function withJson<T>(y: Argv<T>) {
  return y.option('json', { type: 'boolean', default: false, describe: 'print JSON instead of text' });
}

/** `--top N`: a whole number, checked as typed (`--top abc` is named as such, not as NaN). */
export function withTop<T>(y: Argv<T>, describe: string, min = 1) {
  return y.option('top', {
    type: 'string',
    default: '20',
    describe,
    coerce: (v: unknown): number => {
      const s = String(v).trim();
      if (!/^\d+$/.test(s) || Number(s) < min) {
        throw new UserError(`--top ${JSON.stringify(s)}: give a whole number, ${min} or more`, 2, 'For example --top 20.');
      }
      return Number(s);
    },
  });
}

/** `--ixp SOURCE` (repeatable): IXP presence data for the peering fixes (src/ixp/load.ts). */
export function withIxp<T>(y: Argv<T>) {
  // Not `array: true`: an array option would swallow the positional ASes after it. Repeat it
  // instead; the coerce makes one value or several a list.
  return y.option('ixp', {
    type: 'string',
    coerce: (v: unknown): string[] => ([] as unknown[]).concat(v).map(String),
    describe: 'where two ASes could peer: a folder or files of the CAIDA IXP dataset or PeeringDB API answers, or `peeringdb` (its API, cached in the store folder; env ASREL_PEERINGDB_URL); repeatable',
  });
}

/**
 * `--json` is the same as `--format json`; beside another format than the default it is a
 * usage mistake. `others` names the other formats for the hint (`csv|caida`).
 */
export function jsonAsFormat(argv: { json: boolean; format?: string }, dflt: string, others: string): void {
  if (argv.json && argv.format !== undefined && argv.format !== 'json') {
    throw new UserError(`--json and --format ${argv.format} ask for two formats`, 2, `Give one: --json (the same as --format json) or --format ${others}.`);
  }
  argv.format = argv.json ? 'json' : argv.format ?? dflt;
}


/**
 * The user's own data options, to repeat in a hint that names another command: a hint that
 * drops `--offline` or `--input` would answer from other data than the one just used.
 */
export function dataOptionsAgain(argv: { offline?: boolean; data?: string; input?: string[]; relationships?: string | string[]; date?: string }): string {
  const out: string[] = [];
  for (const r of ([] as string[]).concat(argv.relationships ?? [])) out.push(`--relationships ${shellWord(r)}`);
  if (!argv.relationships) {
    for (const f of argv.input ?? []) out.push(`--input ${shellWord(f === '/dev/stdin' ? '-' : f)}`);
    if (argv.date) out.push(`--date ${argv.date}`);
    if (!argv.input?.length && argv.data && argv.data !== defaultDataDir()) out.push(`--data ${shellWord(argv.data)}`);
    if (argv.offline && !argv.input?.length) out.push('--offline');
  }
  return out.length ? ` ${out.join(' ')}` : '';
}
