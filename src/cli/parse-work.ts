/**
 * The work of `asrel parse` on one piece of the input (whole objects; src/rpsl/pieces.ts),
 * shared by the command's own thread and its worker threads (large inputs;
 * src/cli/parse-pool.ts). Jobs and results are plain data, so they cross threads by
 * structured clone: a piece goes as one string, its results come back small.
 */
import { printPolicy } from '../../grammar/print.js';
import { policyAttributeName } from '../policy/attributes.js';
import { parsePolicy } from '../policy/parse.js';
import type { ParsedPolicy, PolicyDiagnostic } from '../policy/types.js';
import { readObjects } from '../rpsl/read.js';
import type { ReadDiagnostic, RpslAttribute, RpslObject } from '../rpsl/types.js';

/** A piece of the input `input`, starting at line `firstLine`. */
export interface PieceJob {
  input: string;
  text: string;
  firstLine: number;
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
  errors: number;
  warnings: number;
  diagnostics: PolicyDiagnostic[];
  /** The object's text report or JSON document (per-object modes). */
  out?: string;
}

function families(p: ParsedPolicy): string[] {
  return [...new Set(p.terms.map((t) => t.afi))];
}

function textReport(obj: RpslObject, policies: ParsedPolicy[]): string {
  let s = `${obj.class} ${obj.key} (${obj.origin.input}:${obj.origin.line})\n`;
  for (const p of policies) {
    if (p.ast) {
      const fams = families(p);
      s += `  ${p.line} ${p.attribute}: ${printPolicy(p.ast)}  [${fams.length ? fams.join(', ') : 'no family'}]\n`;
    } else s += `  ${p.line} ${p.attribute}: ${p.text}\n`;
    for (const d of p.diagnostics) s += `    ${d.severity} at ${d.line}:${d.column}: ${d.message}\n`;
  }
  return s;
}

function jsonObject(obj: RpslObject, policies: ParsedPolicy[]): string {
  return JSON.stringify({
    class: obj.class,
    key: obj.key,
    input: obj.origin.input,
    line: obj.origin.line,
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

/** Parses every policy attribute of `obj`. Families are resolved only for per-object output. */
function processObject(obj: RpslObject, attributes: RpslAttribute[], mode: Mode, r: ObjectResult, source: string): void {
  const policies: ParsedPolicy[] = [];
  const options = { terms: mode.perObject, source };
  for (const attr of attributes) {
    // In --stats mode each result is dropped as soon as it is counted (a big aut-num has
    // 10⁴ policies).
    const p = parsePolicy(attr, obj.key, options);
    r.counts[p.attribute] = (r.counts[p.attribute] ?? 0) + 1;
    if (p.ast) r.parsed++;
    for (const d of p.diagnostics) {
      if (d.severity === 'error') r.errors++;
      else r.warnings++;
      r.diagnostics.push(d);
    }
    if (mode.perObject) policies.push(p);
  }
  if (mode.perObject) r.out = mode.json ? jsonObject(obj, policies) : textReport(obj, policies);
}

const emptyResult = (): ObjectResult => ({ counts: {}, parsed: 0, errors: 0, warnings: 0, diagnostics: [] });

/** Reads the objects of a piece and parses their policy attributes. */
export function processPiece(job: PieceJob, mode: Mode): PieceResult {
  const { objects, diagnostics, lines } = readObjects(job.text, job.input, job.firstLine, { offsets: true });
  const out: PieceResult = { lines, objects: objects.length, objectsWithPolicy: 0, readerDiagnostics: diagnostics, results: [] };
  let total: ObjectResult | undefined;
  for (const obj of objects) {
    const attributes = obj.attributes.filter((a) => policyAttributeName(a.name));
    if (!attributes.length) continue;
    out.objectsWithPolicy++;
    if (mode.perObject) {
      const r = emptyResult();
      processObject(obj, attributes, mode, r, job.text);
      out.results.push(r);
    } else processObject(obj, attributes, mode, (total ??= emptyResult()), job.text);
  }
  if (total) out.results.push(total);
  return out;
}
