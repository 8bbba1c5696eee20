import { statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import type { PolicyDiagnostic } from '../../policy/types.js';
import { countLines, streamPieces } from '../../rpsl/pieces.js';
import { InputError, maxLineOf, NotTextError } from '../../rpsl/read.js';
import type { ReadDiagnostic } from '../../rpsl/types.js';
import { UserError } from '../errors.js';
import { jsonSafe, sanitize } from '../../report/sanitize.js';
import { withJson, withMaxLine } from '../options.js';
import { ParsePool } from '../parse-pool.js';
import { processPiece, type Mode, type PieceResult } from '../parse-work.js';

/**
 * Inputs of at least this many bytes (or text seen) are parsed on worker threads too;
 * ASREL_PARSE_POOL_BYTES changes it (tests). A worker starts, loads the parser and warms up
 * its JIT (0.3–0.5 s of CPU) before it helps: on 2 cores (medians of 7) AS3257 ×20 (9.4 MB)
 * took 0.49 s in one thread and 0.61 s with a worker on the quietest run; the 85 MB
 * synthetic dump 4.4 and 3.4 s (medians of 3; 2026-11-26).
 */
const POOL_BYTES = /^\d+$/.test(process.env.ASREL_PARSE_POOL_BYTES ?? '') ? Number(process.env.ASREL_PARSE_POOL_BYTES) : 24 << 20;
/** The input is cut into pieces of whole objects of about this many characters. */
const PIECE_CHARS = 256 << 10;

/**
 * Worker threads for large inputs: ASREL_PARSE_WORKERS (0 = none), else one per idle core
 * but this one (this thread parses too when the workers are busy). A worker costs its own
 * start and JIT warm-up: it pays only with a core to itself, so none are started while the
 * 1-minute load average says the other cores are taken.
 */
function parseWorkers(): number {
  const env = process.env.ASREL_PARSE_WORKERS;
  if (env !== undefined && /^\d+$/.test(env)) return Math.min(16, Number(env));
  const cores = availableParallelism();
  const idle = Math.floor(cores - loadavg()[0]);
  return Math.max(0, Math.min(cores - 1, idle, 7));
}

/** Total size of the named files (standard input counts 0). */
function inputBytes(files: string[]): number {
  let n = 0;
  for (const f of files) {
    if (f === '-') continue;
    try {
      n += statSync(f).size;
    } catch {
      // Reported when the file is read.
    }
  }
  return n;
}

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

interface Totals {
  objects: number;
  objectsWithPolicy: number;
  policyAttributes: Record<string, number>;
  parsed: number;
  emptyScope: number;
  errors: number;
  warnings: number;
  diagnostics: (PolicyDiagnostic & { input: string })[];
  readerDiagnostics: ReadDiagnostic[];
}

/** Attributes parsed but left no address family by their REFINE afi scopes (grammar/scopes.ts). */
function emptyScopeNote(n: number): string {
  return `${n} parsed attribute${n === 1 ? '' : 's'} import${n === 1 ? 's' : ''} or export${n === 1 ? 's' : ''} nothing as written: REFINE afi scopes intersect to no address family (see the warnings)`;
}

function diagnosticLine(d: PolicyDiagnostic & { input: string }): string {
  return `${d.input}:${d.line}:${d.column}: ${d.severity}: ${d.object} ${d.attribute}: ${d.message}\n`;
}

function statsText(t: Totals, files: string[]): string {
  const names = Object.entries(t.policyAttributes).map(([k, v]) => `${k} ${v}`).join(', ');
  const total = Object.values(t.policyAttributes).reduce((a, b) => a + b, 0);
  let s = `files: ${files.join(', ')}\n`;
  s += `objects: ${t.objects} (${t.objectsWithPolicy} with policy attributes)\n`;
  s += `policy attributes: ${total}${names ? ` (${names})` : ''}\n`;
  s += `parsed without errors: ${t.parsed}; with errors: ${total - t.parsed}\n`;
  if (t.emptyScope) s += `${emptyScopeNote(t.emptyScope)}\n`;
  s += `diagnostics: ${t.errors} error${t.errors === 1 ? '' : 's'}, ${t.warnings} warning${t.warnings === 1 ? '' : 's'}\n`;
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
    const totals: Totals = { objects: 0, objectsWithPolicy: 0, policyAttributes: {}, parsed: 0, emptyScope: 0, errors: 0, warnings: 0, diagnostics: [], readerDiagnostics: [] };
    const mode: Mode = { perObject: !argv.stats, json: argv.json };
    const perObject = mode.perObject;
    let firstJson = true;
    if (perObject && argv.json) out.write('{"objects":[');

    const take = async (file: string, piece: PieceResult) => {
      totals.objects += piece.objects;
      totals.objectsWithPolicy += piece.objectsWithPolicy;
      for (const d of piece.readerDiagnostics) totals.readerDiagnostics.push(d);
      for (const r of piece.results) {
        for (const [k, v] of Object.entries(r.counts)) totals.policyAttributes[k] = (totals.policyAttributes[k] ?? 0) + v;
        totals.parsed += r.parsed;
        totals.emptyScope += r.emptyScope;
        totals.errors += r.errors;
        totals.warnings += r.warnings;
        for (const d of r.diagnostics) totals.diagnostics.push({ ...d, input: file });
        if (r.out !== undefined) {
          out.write(argv.json ? (firstJson ? '' : ',') + r.out : r.out);
          firstJson = false;
        }
      }
      await out.flush();
    };

    // Large inputs are parsed on worker threads (objects are independent); small ones here,
    // where starting workers would cost more than it saves.
    const workers = parseWorkers();
    let pool: ParsePool | undefined;
    let seen = 0;
    const startPool = () => {
      pool ??= ParsePool.create(workers, mode);
    };
    if (workers > 0 && (POOL_BYTES === 0 || inputBytes(files) >= POOL_BYTES)) startPool();
    // Results are taken in input order; a piece done here waits for those before it.
    const inflight: Promise<{ file: string; piece: PieceResult }>[] = [];

    try {
      for (const file of files) {
        try {
          let firstLine = 1;
          for await (const { text, long } of streamPieces(file, file, PIECE_CHARS, { checkText: true })) {
            seen += text.length;
            if (!pool && workers > 0 && seen >= POOL_BYTES) startPool();
            // Workers do not see --max-line (it sets this thread's default): the limit goes with the piece.
            const job = { input: file, text, firstLine, ...(long.length ? { long: { marks: long, maxLine: maxLineOf({}) } } : {}) };
            // Every worker has two pieces queued (or there is none): this thread takes this one.
            if (!pool || pool.pending >= 2 * pool.size) {
              const piece = processPiece(job, mode);
              firstLine += piece.lines;
              inflight.push(Promise.resolve({ file, piece }));
            } else {
              // The next piece's line numbers cannot wait for the worker's answer.
              firstLine += countLines(text);
              inflight.push(pool.submit(job).then((piece) => ({ file, piece })));
            }
            while (inflight.length > 3 * workers + 1) {
              const done = await inflight.shift()!;
              await take(done.file, done.piece);
            }
          }
        } catch (e) {
          if (e instanceof NotTextError) {
            await out.flush(true);
            throw new UserError(e.message, 2);
          }
          if (e instanceof InputError) {
            await out.flush(true);
            // A file that cannot be read is a usage mistake (exit 2), as in every command.
            throw new UserError(e.message.replace(/: ENOENT: no such file or directory.*$/, ': no such file'), 2, 'Check the path (a file, a .gz dump, or - for standard input).');
          }
          throw e;
        }
      }
      for (const p of inflight.splice(0)) {
        const done = await p;
        await take(done.file, done.piece);
      }
    } finally {
      await pool?.close();
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
