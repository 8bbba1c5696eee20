import type { Argv, CommandModule } from 'yargs';
import { UserError } from '../errors.js';
import { printJson, printResult, printStderr } from '../output.js';
import { printable } from '../../report/sanitize.js';
import { withDataOptions, withJson } from '../options.js';
import type { Protocol } from '../../analysis/types.js';
import type { FetchSummary } from '../../analysis/crawl-objects.js';
import { objectArgs, sessionOrExit, type StoreArgs } from '../../analysis/store-session.js';

interface FetchArgs extends StoreArgs {
  objects: string[];
  depth: number;
  refresh: boolean;
  json: boolean;
  'max-objects': number;
}

/** A fetch run's budget for all its live lookups, seconds (--timeout overrides). */
export const FETCH_DEADLINE_S = 600;

export function withServerOptions<T>(y: Argv<T>) {
  return y
    .option('protocol', { type: 'string', choices: ['auto', 'irrd', 'ripe'] as const, default: 'auto', describe: 'query style: IRRd ! protocol, RIPE-style flags, or auto (RIPE servers by name, else IRRd with fallback)' })
    .option('max-connections', { type: 'number', default: 4, describe: 'concurrent connections per server (RADB resets a 5th)' })
    .option('max-new-per-second', { type: 'number', default: 3, describe: 'new connections per server per second' })
    .check((argv) => {
      const positive: [string, unknown][] = [['--max-new-per-second', argv['max-new-per-second']]];
      for (const [name, v] of positive) {
        if (!(typeof v === 'number' && Number.isFinite(v) && v > 0)) throw new UserError(`${name} must be a number above 0 (got ${Number.isNaN(v) ? 'something else' : String(v)})`, 2, `E.g. ${name} 3.`);
      }
      const c = argv['max-connections'];
      if (!(typeof c === 'number' && Number.isInteger(c) && c >= 1)) {
        throw new UserError(`--max-connections must be a whole number, 1 or more (got ${Number.isNaN(c) ? 'something else' : String(c)})`, 2, 'RADB allows 4 per client: --max-connections 4.');
      }
      return true;
    });
}

export function summaryLines(s: FetchSummary): string[] {
  const lines = [`fetched ${s.fetched}, from cache ${s.fromCache}, not found ${s.notFound}, failed ${s.failed.length}`];
  if (s.notFoundKeys.length) lines.push(`not found: ${s.notFoundKeys.slice(0, 20).join(', ')}${s.notFoundKeys.length > 20 ? `, … (${s.notFoundKeys.length - 20} more)` : ''}`);
  for (const f of s.failed.slice(0, 50)) lines.push(`failed: ${f.key}: ${f.error}`);
  if (s.failed.length > 50) lines.push(`failed: … (${s.failed.length - 50} more)`);
  return lines;
}

const command: CommandModule<object, FetchArgs> = {
  command: 'fetch <objects..>',
  describe: 'fetch aut-nums and sets from the IRR into the store, optionally crawling neighbours',
  builder: (y) =>
    withJson(withServerOptions(withDataOptions(y)))
      .positional('objects', { type: 'string', array: true, describe: 'AS numbers (AS1299, 1299, AS1.10) or set names (AS-FOO, AS1:AS-BAR, RS-…)' })
      .option('depth', { type: 'number', default: 0, describe: 'crawl neighbours named in policies (and members of sets used as peerings) to this depth' })
      .option('refresh', { type: 'boolean', default: false, describe: 'fetch again even objects younger than --ttl' })
      .option('max-objects', { type: 'number', default: 20000, describe: 'stop crawling beyond this many objects' }) as unknown as Argv<FetchArgs>,
  handler: async (argv) => {
    if (!Number.isInteger(argv.depth) || argv.depth < 0) throw new UserError(`--depth must be a whole number, 0 or more (got ${argv.depth})`, 2, 'Use --depth 1 to fetch the neighbours of the named objects too.');
    if (!Number.isInteger(argv['max-objects']) || argv['max-objects'] < 1) {
      throw new UserError(`--max-objects must be a whole number, 1 or more (got ${Number.isNaN(argv['max-objects']) ? 'something else' : argv['max-objects']})`, 2, 'E.g. --max-objects 20000.');
    }
    const start = objectArgs(argv.objects);
    const session = sessionOrExit({ ...argv, protocol: argv.protocol as Protocol, write: !argv.offline, timeout: argv.timeout ?? FETCH_DEADLINE_S });
    let bar: { setTotal(n: number): void; update(n: number, p?: object): void; stop(): void } | undefined;
    if (process.stderr.isTTY) {
      const { SingleBar, Presets } = await import('cli-progress');
      const b = new SingleBar({ stream: process.stderr, format: 'fetch depth {depth} [{bar}] {value}/{total} {key}', hideCursor: true, clearOnComplete: true }, Presets.shades_classic);
      b.start(0, 0, { depth: 0, key: '' });
      bar = b;
    }
    let level = 0;
    const { crawlObjects } = await import('../../analysis/crawl-objects.js');
    let result;
    try {
      result = await crawlObjects(session, start, {
        offline: argv.offline,
        refresh: argv.refresh,
        depth: argv.depth,
        maxObjects: argv['max-objects'],
        onLevel: (d, n) => {
          level = d;
          bar?.setTotal(n);
          bar?.update(0, { depth: d, key: '' });
        },
        onProgress: (done, _total, key) => bar?.update(done, { depth: level, key: printable(key) }),
      });
    } finally {
      bar?.stop();
      await session.close();
    }
    const { summary } = result;
    if (argv.json) {
      printJson({ ...summary, levels: result.levels, skippedNames: result.skippedNames, truncated: result.truncated, store: argv.data });
    } else {
      const lines = summaryLines(summary);
      if (argv.depth > 0) lines.push(`crawled ${result.levels.length} level${result.levels.length === 1 ? '' : 's'}: ${result.levels.join(' + ')} objects`);
      if (result.truncated) lines.push(`stopped at --max-objects ${argv['max-objects']}: the crawl is incomplete`);
      if (result.skippedNames.length) lines.push(`skipped ${result.skippedNames.length} names that are not valid RPSL names: ${result.skippedNames.slice(0, 10).join(', ')}`);
      lines.push(`store: ${argv.data}`);
      printResult(`${lines.join('\n')}\n`);
    }
    if (summary.failed.some((f) => f.error.includes('overall --timeout'))) {
      printStderr(`asrel: stopped at the --timeout of ${argv.timeout ?? FETCH_DEADLINE_S} s: the objects fetched before it are stored; run it again (or with a larger --timeout) for the rest\n`);
    }
    const startNames = new Set(start.map((k) => `${k.cls} ${k.key}`));
    const missed = summary.failed.some((f) => startNames.has(f.key)) || summary.notFoundKeys.some((k) => startNames.has(k));
    if (missed || summary.failed.length > 0) process.exitCode = 1;
  },
};
export default command;
