/**
 * The work of `asrel parse` on one object, shared by the command (small inputs, in the main
 * thread) and its worker threads (large inputs; src/cli/parse-pool.ts). Jobs and results
 * are plain data, so they cross threads by structured clone.
 */
import { printPolicy } from '../../grammar/print.js';
import { parsePolicy } from '../policy/parse.js';
import type { ParsedPolicy, PolicyDiagnostic } from '../policy/types.js';
import type { RpslAttribute } from '../rpsl/types.js';

/** One object's policy attributes (others are not sent). */
export interface ObjectJob {
  class: string;
  key: string;
  input: string;
  line: number;
  attributes: RpslAttribute[];
}

export interface Mode {
  /** Per-object output (text or JSON); false for --stats. */
  perObject: boolean;
  json: boolean;
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

function textReport(job: ObjectJob, policies: ParsedPolicy[]): string {
  let s = `${job.class} ${job.key} (${job.input}:${job.line})\n`;
  for (const p of policies) {
    if (p.ast) {
      const fams = families(p);
      s += `  ${p.line} ${p.attribute}: ${printPolicy(p.ast)}  [${fams.length ? fams.join(', ') : 'no family'}]\n`;
    } else s += `  ${p.line} ${p.attribute}: ${p.text}\n`;
    for (const d of p.diagnostics) s += `    ${d.severity} at ${d.line}:${d.column}: ${d.message}\n`;
  }
  return s;
}

function jsonObject(job: ObjectJob, policies: ParsedPolicy[]): string {
  return JSON.stringify({
    class: job.class,
    key: job.key,
    input: job.input,
    line: job.line,
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

/** Parses every policy attribute of `job`. Families are resolved only for per-object output. */
export function processObject(job: ObjectJob, mode: Mode): ObjectResult {
  const r: ObjectResult = { counts: {}, parsed: 0, errors: 0, warnings: 0, diagnostics: [] };
  const policies: ParsedPolicy[] = [];
  for (const attr of job.attributes) {
    // In --stats mode each result is dropped as soon as it is counted (a big aut-num has
    // 10⁴ policies).
    const p = parsePolicy(attr, job.key, { terms: mode.perObject });
    r.counts[p.attribute] = (r.counts[p.attribute] ?? 0) + 1;
    if (p.ast) r.parsed++;
    for (const d of p.diagnostics) {
      if (d.severity === 'error') r.errors++;
      else r.warnings++;
      r.diagnostics.push(d);
    }
    if (mode.perObject) policies.push(p);
  }
  if (mode.perObject) r.out = mode.json ? jsonObject(job, policies) : textReport(job, policies);
  return r;
}
