/**
 * `asrel parse` over its files: the input cut into pieces of whole objects, parsed here or on
 * worker threads (large inputs; src/analysis/parse-pool.ts), the results taken in input order
 * and counted. The command writes each piece's output as it comes and the totals at the end.
 */
import { statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import type { PolicyDiagnostic } from '../policy/types.js';
import { countLines, streamPieces } from '../rpsl/pieces.js';
import { InputError, maxLineOf, NotTextError } from '../rpsl/read.js';
import type { ReadDiagnostic } from '../rpsl/types.js';
import { UserError } from './errors.js';
import { ParsePool } from './parse-pool.js';
import { processPiece, type Mode, type PieceResult } from './parse-work.js';

export type { Mode } from './parse-work.js';

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

export interface ParseTotals {
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

/**
 * Parses the policy attributes of every object of `files` (`-` = standard input), calling
 * `onPiece` in input order with the per-object outputs of each piece (none with --stats).
 * An input that is not text, or cannot be read, is a UserError (exit 2).
 */
export async function parseFiles(files: string[], mode: Mode, onPiece: (outs: string[]) => Promise<void>): Promise<ParseTotals> {
  const totals: ParseTotals = { objects: 0, objectsWithPolicy: 0, policyAttributes: {}, parsed: 0, emptyScope: 0, errors: 0, warnings: 0, diagnostics: [], readerDiagnostics: [] };
  const take = async (file: string, piece: PieceResult) => {
    totals.objects += piece.objects;
    totals.objectsWithPolicy += piece.objectsWithPolicy;
    for (const d of piece.readerDiagnostics) totals.readerDiagnostics.push(d);
    const outs: string[] = [];
    for (const r of piece.results) {
      for (const [k, v] of Object.entries(r.counts)) totals.policyAttributes[k] = (totals.policyAttributes[k] ?? 0) + v;
      totals.parsed += r.parsed;
      totals.emptyScope += r.emptyScope;
      totals.errors += r.errors;
      totals.warnings += r.warnings;
      for (const d of r.diagnostics) totals.diagnostics.push({ ...d, input: file });
      if (r.out !== undefined) outs.push(r.out);
    }
    await onPiece(outs);
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
        if (e instanceof NotTextError) throw new UserError(e.message, 2);
        // A file that cannot be read is a usage mistake (exit 2), as in every command.
        if (e instanceof InputError) {
          throw new UserError(e.message, 2, 'Check the path (a file, a .gz dump, or - for standard input).');
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
  return totals;
}
