/**
 * The work of `asrel parse` on one piece of the input (whole objects; src/rpsl/pieces.ts),
 * shared by the command's own thread and its worker threads (large inputs;
 * src/analysis/parse-pool.ts). Jobs and results are plain data, so they cross threads by
 * structured clone: a piece goes as one string, its results come back small.
 */
import { printPolicy } from '../../grammar/print.js';
import { policyAttributeName } from '../policy/attributes.js';
import { parsePolicy, type ParseOptions } from '../policy/parse.js';
import type { ParsedPolicy, PolicyDiagnostic } from '../policy/types.js';
import { normaliseKey } from '../rpsl/keys.js';
import type { LongMark } from '../rpsl/long-lines.js';
import { readAttributes, type AttributeSink } from '../rpsl/read.js';
import type { ReadDiagnostic, RpslAttribute } from '../rpsl/types.js';

/** A piece of the input `input`, starting at line `firstLine`. */
export interface PieceJob {
  input: string;
  text: string;
  firstLine: number;
  /** Its lines that stand for over-long ones and the limit they broke (src/rpsl/pieces.ts): their objects are skipped with a warning. */
  long?: { marks: LongMark[]; maxLine: number };
}

export interface Mode {
  /** Per-object output (text or JSON); false for --stats. */
  perObject: boolean;
  json: boolean;
}

export interface PieceResult {
  /** Lines in the piece. */
  lines: number;
  objects: number;
  objectsWithPolicy: number;
  readerDiagnostics: ReadDiagnostic[];
  /** One per object with policy attributes; in --stats mode one for the whole piece. */
  results: ObjectResult[];
}

export interface ObjectResult {
  /** Policy attributes by name. */
  counts: Record<string, number>;
  parsed: number;
  /** Parsed attributes whose REFINE afi scopes leave no family (they yield nothing as written). */
  emptyScope: number;
  errors: number;
  warnings: number;
  diagnostics: PolicyDiagnostic[];
  /** The object's text report or JSON document (per-object modes). */
  out?: string;
}

function families(p: ParsedPolicy): string[] {
  return [...new Set(p.terms.map((t) => t.afi))];
}

/** What the reports say of an object: known from its first attribute. */
interface ObjectHead {
  class: string;
  key: string;
  input: string;
  line: number;
}

function textReport(obj: ObjectHead, policies: ParsedPolicy[]): string {
  let s = `${obj.class} ${obj.key} (${obj.input}:${obj.line})\n`;
  for (const p of policies) {
    if (p.ast) {
      const fams = families(p);
      s += `  ${p.line} ${p.attribute}: ${printPolicy(p.ast)}  [${fams.length ? fams.join(', ') : 'no family'}]\n`;
    } else s += `  ${p.line} ${p.attribute}: ${p.text}\n`;
    for (const d of p.diagnostics) s += `    ${d.severity} at ${d.line}:${d.column}: ${d.message}\n`;
  }
  return s;
}

function jsonObject(obj: ObjectHead, policies: ParsedPolicy[]): string {
  return JSON.stringify({
    class: obj.class,
    key: obj.key,
    input: obj.input,
    line: obj.line,
    policies: policies.map((p) => ({
      attribute: p.attribute,
      line: p.line,
      text: p.text,
      ok: p.ast !== undefined,
      families: families(p),
      ast: p.ast ?? null,
      diagnostics: p.diagnostics,
    })),
  });
}

const emptyResult = (): ObjectResult => ({ counts: {}, parsed: 0, emptyScope: 0, errors: 0, warnings: 0, diagnostics: [] });

/**
 * Parses each policy attribute as the reader hands it on, so that no object is held whole
 * (AS3257 has 9,546 policy attributes): what is kept is the object's results, or in
 * --stats mode only counts. Families are resolved only for per-object output.
 */
class PieceParser implements AttributeSink {
  objects = 0;
  objectsWithPolicy = 0;
  private readonly results: ObjectResult[] = [];
  private head: ObjectHead = { class: '', key: '', input: '', line: 0 };
  /** The current object's results, once it has a policy attribute. */
  private current: ObjectResult | undefined;
  private policies: ParsedPolicy[] = [];
  /** --stats: one result for the whole piece. */
  private total: ObjectResult | undefined;
  private readonly options: ParseOptions;

  constructor(private readonly input: string, private readonly mode: Mode, source: string) {
    this.options = { terms: mode.perObject, source };
  }

  attribute(a: RpslAttribute, first: boolean): void {
    if (first) this.head = { class: a.name, key: normaliseKey(a.name, a.value), input: this.input, line: a.line };
    if (!policyAttributeName(a.name)) return;
    let r = this.current;
    if (!r) {
      this.objectsWithPolicy++;
      r = this.current = this.mode.perObject ? emptyResult() : (this.total ??= emptyResult());
    }
    const p = parsePolicy(a, this.head.key, this.options);
    r.counts[p.attribute] = (r.counts[p.attribute] ?? 0) + 1;
    if (p.ast) r.parsed++;
    if (p.emptyScope) r.emptyScope++;
    for (const d of p.diagnostics) {
      if (d.severity === 'error') r.errors++;
      else r.warnings++;
      r.diagnostics.push(d);
    }
    if (this.mode.perObject) this.policies.push(p);
  }

  endObject(): void {
    this.objects++;
    const r = this.current;
    if (r && this.mode.perObject) {
      r.out = this.mode.json ? jsonObject(this.head, this.policies) : textReport(this.head, this.policies);
      this.results.push(r);
      this.policies = [];
    }
    this.current = undefined;
  }

  /** One result per object with policy attributes; in --stats mode one for the piece. */
  finish(): ObjectResult[] {
    if (this.total) this.results.push(this.total);
    return this.results;
  }
}

/** Reads the objects of a piece and parses their policy attributes. */
export function processPiece(job: PieceJob, mode: Mode): PieceResult {
  const parser = new PieceParser(job.input, mode, job.text);
  // Offsets: one-line values are parsed in place in the piece (src/policy/parse.ts).
  const { diagnostics, lines } = readAttributes(job.text, parser, job.input, job.firstLine, { offsets: true, long: job.long });
  const results = parser.finish();
  return { lines, objects: parser.objects, objectsWithPolicy: parser.objectsWithPolicy, readerDiagnostics: diagnostics, results };
}
