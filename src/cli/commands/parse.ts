import { statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import type { Argv, CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { policyAttributeName } from '../../policy/attributes.js';
import type { PolicyDiagnostic } from '../../policy/types.js';
import { InputError, NotTextError, streamObjects } from '../../rpsl/read.js';
import type { ReadDiagnostic } from '../../rpsl/types.js';
import { UserError } from '../errors.js';
import { withJson } from '../options.js';
import { ParsePool } from '../parse-pool.js';
import { processObject, type Mode, type ObjectJob, type ObjectResult } from '../parse-work.js';

/**
 * Inputs of at least this many bytes (or policy text seen) are parsed on worker threads;
 * ASREL_PARSE_POOL_BYTES changes it (tests).
 */
const POOL_BYTES = /^\d+$/.test(process.env.ASREL_PARSE_POOL_BYTES ?? '') ? Number(process.env.ASREL_PARSE_POOL_BYTES) : 2 << 20;
/** Objects are sent to workers in batches of about this much policy text. */
const BATCH_BYTES = 256 << 10;
const BATCH_OBJECTS = 2000;

/**
 * Worker threads for large inputs: ASREL_PARSE_WORKERS (0 = none), else one per idle core
 * but this one (this thread parses too when the workers are busy). A worker costs a second
 * JIT warm-up and copying the objects (≈40 % more CPU in all on AS3257 ×20): it pays only
 * with a core to itself, so none are started while the 1-minute load average says the
 * other cores are taken.
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

/** Buffered stdout that respects back-pressure, so a large --json report streams. */
class Out {
  private buf = '';
  write(s: string): void {
    this.buf += s;
  }
  async flush(force = false): Promise<void> {
    if (!force && this.buf.length < 1 << 16) return;
    const chunk = this.buf;
    this.buf = '';
    if (!process.stdout.write(chunk)) await new Promise<void>((r) => process.stdout.once('drain', r));
  }
}

interface Totals {
  objects: number;
  objectsWithPolicy: number;
  policyAttributes: Record<string, number>;
  parsed: number;
  errors: number;
  warnings: number;
  diagnostics: (PolicyDiagnostic & { input: string })[];
  readerDiagnostics: ReadDiagnostic[];
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
  s += `diagnostics: ${t.errors} error${t.errors === 1 ? '' : 's'}, ${t.warnings} warning${t.warnings === 1 ? '' : 's'}\n`;
  for (const d of t.diagnostics) s += diagnosticLine(d);
  for (const d of t.readerDiagnostics) s += `${d.input}:${d.line}: ${d.severity}: ${d.message}\n`;
  return s;
}

/**
 * The file arguments in order. yargs-parser drops a lone `-` (stdin), so the list is taken
 * from the raw arguments after `parse`; this command's options are all boolean flags.
 */
function fileArgs(parsed: string[] | undefined): string[] {
  const raw = hideBin(process.argv);
  const at = raw.indexOf('parse');
  const files = at < 0 ? [] : raw.slice(at + 1).filter((a) => a === '-' || !a.startsWith('-'));
  return files.length ? files : (parsed ?? []).map(String);
}

const command: CommandModule<object, ParseArgs> = {
  command: 'parse [files..]',
  describe: 'parse the routing-policy attributes of RPSL objects and report ASTs and diagnostics',
  builder: (y) =>
    withJson(y)
      .positional('files', { type: 'string', array: true, describe: 'RPSL files or dumps (.gz ok); - reads standard input' })
      .option('stats', { type: 'boolean', default: false, describe: 'print totals and diagnostics only' })
      .example('$0 parse AS3257.rpsl', 'each policy attribute in canonical form, with its address families')
      .example('$0 parse --stats --json ripe.db.aut-num.gz', 'one JSON document: counts and every diagnostic') as unknown as Argv<ParseArgs>,
  handler: async (argv) => {
    const files = fileArgs(argv.files);
    if (files.length === 0) throw new UserError('name at least one file to parse', 2, 'Example: asrel parse AS3257.rpsl (or - to read standard input).');
    if (files.filter((f) => f === '-').length > 1) throw new UserError('standard input (-) can be read only once', 2, 'Name - once.');
    const out = new Out();
    const totals: Totals = { objects: 0, objectsWithPolicy: 0, policyAttributes: {}, parsed: 0, errors: 0, warnings: 0, diagnostics: [], readerDiagnostics: [] };
    const mode: Mode = { perObject: !argv.stats, json: argv.json };
    const perObject = mode.perObject;
    let firstJson = true;
    if (perObject && argv.json) out.write('{"objects":[');

    const take = async (file: string, results: ObjectResult[]) => {
      for (const r of results) {
        for (const [k, v] of Object.entries(r.counts)) totals.policyAttributes[k] = (totals.policyAttributes[k] ?? 0) + v;
        totals.parsed += r.parsed;
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
    let policyBytes = 0;
    const startPool = () => {
      pool ??= ParsePool.create(workers, mode);
    };
    if (workers > 0 && (POOL_BYTES === 0 || inputBytes(files) >= POOL_BYTES)) startPool();
    const inflight: Promise<{ file: string; results: ObjectResult[] }>[] = [];
    let batch: ObjectJob[] = [];
    let batchBytes = 0;
    const dispatch = async (file: string) => {
      if (!batch.length) return;
      const jobs = batch;
      batch = [];
      batchBytes = 0;
      if (!pool) return take(file, jobs.map((j) => processObject(j, mode)));
      // Every worker has two batches queued: this thread takes this one (results stay in order).
      if (pool.pending >= 2 * pool.size) inflight.push(Promise.resolve({ file, results: jobs.map((j) => processObject(j, mode)) }));
      else inflight.push(pool.submit(jobs).then((results) => ({ file, results })));
      while (inflight.length > 3 * workers + 1) {
        const done = await inflight.shift()!;
        await take(done.file, done.results);
      }
    };

    try {
      for (const file of files) {
        try {
          for await (const obj of streamObjects(file, file, (d) => totals.readerDiagnostics.push(d), { checkText: true })) {
            totals.objects++;
            const attributes = obj.attributes.filter((a) => policyAttributeName(a.name));
            if (!attributes.length) continue;
            totals.objectsWithPolicy++;
            let bytes = 0;
            for (const a of attributes) bytes += a.raw.length;
            batchBytes += bytes;
            policyBytes += bytes;
            batch.push({ class: obj.class, key: obj.key, input: obj.origin.input, line: obj.origin.line, attributes });
            if (!pool && workers > 0 && policyBytes >= POOL_BYTES) startPool();
            if (batchBytes >= BATCH_BYTES || batch.length >= BATCH_OBJECTS || !pool) await dispatch(file);
          }
          await dispatch(file);
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
        await take(done.file, done.results);
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
      for (const d of totals.readerDiagnostics) out.write(`${d.input}:${d.line}: ${d.severity}: ${d.message}\n`);
    }
    await out.flush(true);
    if (process.env.ASREL_REPORT_RSS) process.stderr.write(`maxRSS ${process.resourceUsage().maxRSS} KiB\n`);
  },
};
export default command;
