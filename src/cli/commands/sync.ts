import type { Argv, CommandModule } from 'yargs';
import { UserError } from '../errors.js';
import { printJson, printResult, printStderr } from '../output.js';
import { defaultDataDir } from '../options.js';
import { ageText, runSync, syncStatus, type SyncOutcome, type SyncRequest } from '../../analysis/sync.js';

/** The request, plus how to run it and print it. */
interface SyncArgs extends SyncRequest {
  json: boolean;
  status: boolean;
  watch?: number;
  quiet: boolean;
}

/** `--watch` alone: this many minutes between polls. */
const DEFAULT_WATCH = 10;

const command: CommandModule<object, SyncArgs> = {
  command: 'sync [sources..]',
  describe: 'keep the store a mirror of IRR sources: a full copy first (NRTMv4 snapshot or dump), then only the changes (NRTMv4 deltas or NRTMv3)',
  builder: (y) =>
    y
      .positional('sources', { type: 'string', array: true, describe: 'sources to mirror (RIPE, RADB, ARIN, …); default: those already synced' })
      .option('data', { type: 'string', default: defaultDataDir(), describe: 'store folder', defaultDescription: `${defaultDataDir()} ($XDG_CACHE_HOME/asrel)` })
      .option('status', { type: 'boolean', default: false, describe: 'list each synced source: serial, last update, object counts, age; syncs nothing' })
      .option('watch', {
        type: 'string', describe: `keep syncing, every MINUTES (at least 1; ${DEFAULT_WATCH} when no number is given), a line per applied batch, until Ctrl-C`,
        coerce: (v: unknown) => {
          const s = String(v ?? '').trim();
          if (s === '') return DEFAULT_WATCH;
          const n = Number(s);
          if (!Number.isFinite(n) || n < 1) throw new UserError(`--watch ${s}: give minutes between polls, 1 or more`, 2, 'E.g. --watch 10; sources ask mirrors to poll no more than once a minute.');
          return n;
        },
      })
      .option('dump', { type: 'string', array: true, describe: 'dump URL(s) of the one source named (plain or gzip RPSL), instead of the table\'s' })
      .option('serial', { type: 'string', describe: 'URL of the CURRENTSERIAL file of --dump (the serial NRTMv3 continues from)' })
      .option('nrtm4', { type: 'string', describe: 'NRTMv4 Update Notification File URL of the one source named' })
      .option('key', { type: 'string', describe: 'public key of the NRTMv4 notification file (PEM, a PEM file, or base64 DER; Ed25519 or P-256), as its operator publishes it; recorded, with the next key the file announces, for later runs' })
      .option('nrtm3', { type: 'string', describe: 'NRTMv3 whois host:port of the one source named' })
      .option('timeout', { type: 'number', describe: 'seconds one download may take (default: no limit; idle connections still time out)' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress lines on stderr' })
      .option('json', { type: 'boolean', default: false, describe: 'print JSON instead of text' })
      .check((argv) => {
        if (argv.status && (argv.watch !== undefined || argv.dump || argv.nrtm4 || argv.nrtm3 || argv.key || argv.serial)) throw new UserError('--status only reports: it takes no endpoints and no --watch', 2, 'Run asrel sync --status alone.');
        if (argv.timeout !== undefined && !(argv.timeout > 0)) throw new UserError('--timeout must be a number of seconds above 0', 2, 'E.g. --timeout 600.');
        if (typeof argv.data === 'string' && argv.data.trim() === '') throw new UserError('--data is empty', 2, 'Give the store folder, e.g. --data ~/.cache/asrel.');
        return true;
      }) as unknown as Argv<SyncArgs>,
  handler: async (argv) => {
    if (argv.status) return status(argv);
    const req: SyncRequest = {
      data: argv.data, sources: (argv.sources ?? []).map(String), dump: argv.dump?.map(String), serial: argv.serial, nrtm4: argv.nrtm4, key: argv.key, nrtm3: argv.nrtm3, timeout: argv.timeout,
    };
    let stop = false;
    let wake: (() => void) | undefined;
    const onSigint = () => {
      if (stop) process.exit(130);
      stop = true;
      wake?.();
    };
    process.on('SIGINT', onSigint);
    const stamp = () => new Date().toISOString().slice(0, 19) + 'Z';
    const line = (l: string) => {
      if (argv.watch !== undefined) printResult(`${stamp()} ${l}\n`);
      else if (!argv.quiet && !argv.json) printStderr(`${l}\n`);
    };
    let failed = false;
    try {
      for (;;) {
        const { outcomes, failures } = await runSync(req, { onLine: line, stop: () => stop });
        for (const f of failures) {
          failed = true;
          const text = `${f.source}: ${f.kind === 'refuse' ? 'refused' : f.kind === 'stopped' ? 'stopped' : 'failed'}: ${f.message}`;
          if (argv.watch !== undefined) printResult(`${stamp()} ${text}\n`);
          else if (!argv.json) printStderr(`asrel: ${text}\n`);
        }
        if (argv.watch === undefined) {
          if (argv.json) printJson({ store: argv.data, sources: outcomes, failures });
          else for (const o of outcomes) printResult(`${summary(o)}\n`);
          break;
        }
        if (stop) break;
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, argv.watch! * 60_000);
          wake = () => {
            clearTimeout(t);
            resolve();
          };
        });
        wake = undefined;
        if (stop) break;
      }
    } finally {
      process.off('SIGINT', onSigint);
    }
    if (stop) {
      printStderr('asrel: sync stopped (Ctrl-C): every batch applied is stored with its serial; the next run goes on from there\n');
      process.exitCode = 130;
    } else if (failed) process.exitCode = 1;
  },
};
export default command;

function summary(o: SyncOutcome): string {
  const at = o.serial === null ? '' : o.protocol === 'nrtm4' ? ` at version ${o.serial}` : ` at serial ${o.serial}`;
  if (o.result === 'current') return `${o.source}: up to date${at} (${o.protocol})`;
  const what = `${o.added} objects added or changed, ${o.removed} removed, ${o.batches} batch${o.batches === 1 ? '' : 'es'}`;
  return o.result === 'loaded' ? `${o.source}: loaded whole${at} (${o.protocol}; ${what}): ${o.reason}` : `${o.source}: updated${at} (${o.protocol}; ${what})`;
}

function status(argv: SyncArgs): void {
  const rows = syncStatus(argv.data);
  if (argv.json) {
    printJson({ store: argv.data, sources: rows });
    return;
  }
  if (rows.length === 0) {
    printResult(`no source synced in ${argv.data} yet; e.g. asrel sync RIPE RADB\n`);
    return;
  }
  const table = [['source', 'via', 'serial', 'last update', 'age', 'objects', 'aut-nums', 'note'],
    ...rows.map((r) => [r.source, r.protocol, r.serial === null ? '-' : `${r.serial}${r.sessionId ? ` (session ${r.sessionId.slice(0, 8)})` : ''}`, r.updated.slice(0, 19) + 'Z', ageText(r.ageS), String(r.objects), String(r.autNums), r.note ?? ''])];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) printResult(`${row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()}\n`);
}
