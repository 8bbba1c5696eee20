/**
 * Policy attributes of RPSL objects → ParsedPolicy (AST, per-family terms, diagnostics).
 * Never throws: every problem of an attribute becomes a PolicyDiagnostic and the other
 * attributes of the object are parsed as usual.
 */
import { parsePolicyValue } from '../../grammar/index.js';
import type { PolicyAttributeName } from '../../grammar/ast.js';
import type { RpslAttribute, RpslObject } from '../rpsl/types.js';
import { resolveTerms } from './afi.js';
import { policyAttributeName } from './attributes.js';
import type { ParsedPolicy, PolicyDiagnostic, PolicyTerm } from './types.js';

/**
 * Line and column of `offset` in `attr.value`. The value is the attribute's lines joined by
 * single spaces with comments and continuation markers removed, so the position is found by
 * walking `attr.raw` in step with the value: each non-blank value character is matched to
 * the next equal character of the raw text outside `#` comments. When the raw text does not
 * line up (a reader that rewrote more than that), the position falls back to the first line.
 */
export function locate(attr: RpslAttribute, offset: number): { line: number; column: number } {
  return locateAll(attr, [offset])[0];
}

/**
 * `locate` for many offsets in one walk of the raw text: linear in the size of the
 * attribute however many offsets there are (a broken 400 KB value may have thousands).
 * Results are in the order of `offsets`.
 */
export function locateAll(attr: RpslAttribute, offsets: number[]): { line: number; column: number }[] {
  const value = attr.value;
  const fallback = (offset: number) => ({ line: attr.line, column: attr.column + Math.min(Math.max(0, offset), Math.max(0, value.length)) });
  const raw = attr.raw;
  // One line: the value starts at attr.column (leading blanks were skipped by the reader).
  if (!raw || raw.indexOf('\n') < 0) return offsets.map(fallback);
  const order = offsets.map((o, i) => ({ target: Math.min(Math.max(0, o), value.length), i })).sort((a, b) => a.target - b.target);
  const out: { line: number; column: number }[] = new Array(offsets.length);
  // Start of the value in raw: first line, column attr.column.
  let r = attr.column - 1;
  let line = attr.line;
  let lineStart = 0;
  let lost = false;
  const advanceTo = (ch: string): boolean => {
    while (r < raw.length) {
      const c = raw[r];
      if (c === '\n') {
        line++;
        lineStart = r + 1;
        r++;
        // Skip the continuation marker of the next line.
        if (raw[r] === '+') r++;
        continue;
      }
      if (c === '#') {
        const nl = raw.indexOf('\n', r);
        r = nl < 0 ? raw.length : nl;
        continue;
      }
      if (c === ch) return true;
      r++;
    }
    return false;
  };
  // `v` value characters have been matched; raw[r] is where the next one is looked for.
  let v = 0;
  for (const { target, i } of order) {
    if (lost) { out[i] = fallback(offsets[i]); continue; }
    for (; v < target; v++) {
      const ch = value[v];
      if (ch === ' ' || ch === '\t') continue;
      if (!advanceTo(ch)) { lost = true; break; }
      r++;
    }
    if (lost) { out[i] = fallback(offsets[i]); continue; }
    // Position of the character at `target` itself (or the end of the value), without
    // consuming it: the next offset may be the same.
    let w = target;
    while (w < value.length && (value[w] === ' ' || value[w] === '\t')) w++;
    if (w < value.length) {
      const save = { r, line, lineStart };
      if (!advanceTo(value[w])) { lost = true; out[i] = fallback(offsets[i]); continue; }
      out[i] = { line, column: r - lineStart + 1 };
      // Blanks skipped to reach value[w] are consumed by the next walk anyway; rewind so
      // the walk up to the next target sees the same raw text.
      ({ r, line, lineStart } = save);
    } else out[i] = { line, column: r - lineStart + 1 };
  }
  return out;
}

export interface ParseOptions {
  /** Resolve address families into `terms` (default true); counting-only callers skip it. */
  terms?: boolean;
  /**
   * The text the attributes were read from with `readObjects(…, { offsets: true })`:
   * one-line values are then parsed where they lie in it (same result, less work).
   */
  source?: string;
}

/** Adds a diagnostic at `offset` in the value of `attr` to `out`. */
function diagnose(out: ParsedPolicy, attr: RpslAttribute, offset: number, severity: PolicyDiagnostic['severity'], message: string): void {
  const { line, column } = locate(attr, offset);
  out.diagnostics.push({ object: out.object, attribute: attr.name, line, column, severity, message });
}

/** Parses one policy attribute of the object `objectKey`. */
export function parsePolicy(attr: RpslAttribute, objectKey: string, options: ParseOptions = {}): ParsedPolicy {
  const known = policyAttributeName(attr.name);
  const attribute = (known ?? attr.name) as PolicyAttributeName;
  const out: ParsedPolicy = { attribute, object: objectKey, line: attr.line, text: attr.value, terms: [], diagnostics: [] };
  if (!known) {
    diagnose(out, attr, 0, 'error', `${attr.name} is not a policy attribute`);
    return out;
  }
  if (attr.value.trim() === '') {
    diagnose(out, attr, 0, 'error', `empty ${attr.name}: value`);
    return out;
  }
  const inText = options.source !== undefined && attr.offset !== undefined ? { text: options.source, offset: attr.offset } : undefined;
  const { ast, problems, emptyScope } = parsePolicyValue(attribute, attr.value, inText);
  if (emptyScope) out.emptyScope = true;
  if (problems.length) {
    // All positions in one walk (problems are capped per value, see grammar/problems.ts).
    const at = locateAll(attr, problems.map((p) => p.offset));
    problems.forEach((p, i) => out.diagnostics.push({ object: objectKey, attribute: attr.name, ...at[i], severity: p.severity, message: p.message }));
  }
  if (ast) {
    out.ast = ast;
    if (options.terms !== false) out.terms = resolveTermsSafely(ast, out, attr);
  }
  return out;
}

function resolveTermsSafely(ast: NonNullable<ParsedPolicy['ast']>, out: ParsedPolicy, attr: RpslAttribute): PolicyTerm[] {
  try {
    return resolveTerms(ast);
  } catch (e) {
    diagnose(out, attr, 0, 'error', `address-family resolution failed: ${e instanceof Error ? e.message : String(e)}`);
    return [];
  }
}

/** Every policy attribute of an object, in order; other attributes are ignored. */
export function parsePolicies(obj: RpslObject, options: ParseOptions = {}): ParsedPolicy[] {
  const out: ParsedPolicy[] = [];
  for (const attr of obj.attributes) {
    if (policyAttributeName(attr.name)) out.push(parsePolicy(attr, obj.key, options));
  }
  return out;
}
