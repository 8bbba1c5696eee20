import type { Argv, CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { parseFiles, type Mode, type ParseTotals } from '../../analysis/parse-files.js';
import { UserError } from '../errors.js';
import { jsonSafe, sanitize } from '../../report/sanitize.js';
import { withJson, withMaxLine } from '../options.js';

interface ParseArgs {
  files: string[];
  stats: boolean;
  json: boolean;
}

/** Buffered stdout that respects back-pressure, so a large --json report streams; text made safe for a terminal (jsonSafe for JSON). */
class Out {
  constructor(private readonly json: boolean) {}
  private buf = '';
  write(s: string): void {
    this.buf += s;
  }
  async flush(force = false): Promise<void> {
    if (!force && this.buf.length < 1 << 16) return;
    const chunk = this.json ? jsonSafe(this.buf) : sanitize(this.buf);
    this.buf = '';
    if (!process.stdout.write(chunk)) await new Promise<void>((r) => process.stdout.once('drain', r));
  }
}

/** Attributes parsed but left no address family by their REFINE afi scopes (grammar/scopes.ts). */
function emptyScopeNote(n: number): string {
  return `${n} parsed attribute${n === 1 ? '' : 's'} import${n === 1 ? 's' : ''} or export${n === 1 ? 's' : ''} nothing as written: REFINE afi scopes intersect to no address family (see the warnings)`;
}

function diagnosticLine(d: ParseTotals['diagnostics'][number]): string {
  return `${d.input}:${d.line}:${d.column}: ${d.severity}: ${d.object} ${d.attribute}: ${d.message}\n`;
}

function statsText(t: ParseTotals, files: string[]): string {
  const names = Object.entries(t.policyAttributes).map(([k, v]) => `${k} ${v}`).join(', ');
  const total = Object.values(t.policyAttributes).reduce((a, b) => a + b, 0);
  let s = `files: ${files.join(', ')}\n`;
  s += `objects: ${t.objects} (${t.objectsWithPolicy} with policy attributes)\n`;
  s += `policy attributes: ${total}${names ? ` (${names})` : ''}\n`;
  s += `parsed without errors: ${t.parsed}; with errors: ${total - t.parsed}\n`;
  if (t.emptyScope) s += `${emptyScopeNote(t.emptyScope)}\n`;
  // The reader's own diagnostics (lines that are not attributes, blank lines inside objects)
  // are listed below with the parser's, so they are counted with them.
  const counts = (e: number, w: number) => `${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}`;
  const readerErrors = t.readerDiagnostics.filter((d) => d.severity === 'error').length;
  const readerWarnings = t.readerDiagnostics.length - readerErrors;
  s += `diagnostics: ${counts(t.errors + readerErrors, t.warnings + readerWarnings)}`;
  s += t.readerDiagnostics.length ? ` (${counts(readerErrors, readerWarnings)} from reading the text into objects)\n` : '\n';
  for (const d of t.diagnostics) s += diagnosticLine(d);
  for (const d of t.readerDiagnostics) s += `${d.input}:${d.line}: ${d.severity}: ${d.message}\n`;
  return s;
}

/**
 * The file arguments in order. yargs-parser drops a lone `-` (stdin), so the list is taken
 * from the raw arguments after `parse`.
 */
function fileArgs(parsed: string[] | undefined): string[] {
  const raw = hideBin(process.argv);
  const at = raw.indexOf('parse');
  // Its options are boolean flags but --max-line, whose value is not a file.
  const files = at < 0 ? [] : raw.slice(at + 1).filter((a, i, all) => (a === '-' || !a.startsWith('-')) && all[i - 1] !== '--max-line');
  return files.length ? files : (parsed ?? []).map(String);
}

const command: CommandModule<object, ParseArgs> = {
  command: 'parse [files..]',
  describe: 'parse the routing-policy attributes of RPSL objects and report ASTs and diagnostics',
  builder: (y) =>
    withMaxLine(withJson(y))
      .positional('files', { type: 'string', array: true, describe: 'RPSL files or dumps (.gz ok); - reads standard input' })
      .option('stats', { type: 'boolean', default: false, describe: 'print totals and diagnostics only' })
      // Diagnostics are the answer here (stdout): parse writes no notes, so -q changes nothing; accepted like everywhere.
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no notes on stderr (parse writes none)' }) as unknown as Argv<ParseArgs>,
  handler: async (argv) => {
    const files = fileArgs(argv.files);
    if (files.length === 0) throw new UserError('name at least one file to parse', 2, 'Example: asrel parse AS3257.rpsl (or - to read standard input).');
    if (files.filter((f) => f === '-').length > 1) throw new UserError('standard input (-) can be read only once', 2, 'Name - once.');
    const out = new Out(argv.json);
    const mode: Mode = { perObject: !argv.stats, json: argv.json };
    const perObject = mode.perObject;
    let firstJson = true;
    if (perObject && argv.json) out.write('{"objects":[');
    let totals: ParseTotals;
    try {
      totals = await parseFiles(files, mode, async (outs) => {
        for (const o of outs) {
          out.write(argv.json ? (firstJson ? '' : ',') + o : o);
          firstJson = false;
        }
        await out.flush();
      });
    } catch (e) {
      // What was parsed before an unreadable input is printed before the error.
      if (e instanceof UserError) await out.flush(true);
      throw e;
    }
    const summary = {
      files,
      objects: totals.objects,
      objectsWithPolicy: totals.objectsWithPolicy,
      policyAttributes: totals.policyAttributes,
      parsed: totals.parsed,
      emptyScope: totals.emptyScope,
      errors: totals.errors,
      warnings: totals.warnings,
    };
    if (argv.json && perObject) {
      out.write(`],"summary":${JSON.stringify(summary)},"readerDiagnostics":${JSON.stringify(totals.readerDiagnostics)}}\n`);
    } else if (argv.json) {
      out.write(`${JSON.stringify({ ...summary, diagnostics: totals.diagnostics, readerDiagnostics: totals.readerDiagnostics }, null, 2)}\n`);
    } else if (argv.stats) {
      out.write(statsText(totals, files));
    } else {
      if (totals.objectsWithPolicy === 0) out.write(`no policy attributes in ${totals.objects} object${totals.objects === 1 ? '' : 's'}\n`);
      if (totals.emptyScope) out.write(`${emptyScopeNote(totals.emptyScope)}\n`);
      for (const d of totals.readerDiagnostics) out.write(`${d.input}:${d.line}: ${d.severity}: ${d.message}\n`);
    }
    await out.flush(true);
    if (process.env.ASREL_REPORT_RSS) {
      // For bench/parse.bench.ts: peak memory, and CPU time of all threads (on a shared
      // machine a steadier figure than wall time).
      const u = process.resourceUsage();
      process.stderr.write(`maxRSS ${u.maxRSS} KiB cpu ${Math.round((u.userCPUTime + u.systemCPUTime) / 1000)} ms\n`);
    }
  },
};
export default command;
