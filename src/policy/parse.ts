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
  const fallback = { line: attr.line, column: attr.column + Math.min(offset, Math.max(0, attr.value.length)) };
  const raw = attr.raw;
  if (!raw || raw.indexOf('\n') < 0) {
    // One line: the value starts at attr.column (leading blanks were skipped by the reader).
    return fallback;
  }
  const value = attr.value;
  const target = Math.min(offset, value.length);
  // Start of the value in raw: first line, column attr.column.
  let r = attr.column - 1;
  let line = attr.line;
  let lineStart = 0;
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
  for (let v = 0; v < target; v++) {
    const ch = value[v];
    if (ch === ' ' || ch === '\t') continue;
    if (!advanceTo(ch)) return fallback;
    r++;
  }
  // Position of the character at `target` itself (or the end of the value).
  if (target < value.length) {
    let v = target;
    while (v < value.length && (value[v] === ' ' || value[v] === '\t')) v++;
    if (v < value.length && !advanceTo(value[v])) return fallback;
  }
  return { line, column: r - lineStart + 1 };
}

export interface ParseOptions {
  /** Resolve address families into `terms` (default true); counting-only callers skip it. */
  terms?: boolean;
}

/** Parses one policy attribute of the object `objectKey`. */
export function parsePolicy(attr: RpslAttribute, objectKey: string, options: ParseOptions = {}): ParsedPolicy {
  const known = policyAttributeName(attr.name);
  const attribute = (known ?? attr.name) as PolicyAttributeName;
  const out: ParsedPolicy = { attribute, object: objectKey, line: attr.line, text: attr.value, terms: [], diagnostics: [] };
  const diag = (offset: number, severity: PolicyDiagnostic['severity'], message: string) => {
    const { line, column } = locate(attr, offset);
    out.diagnostics.push({ object: objectKey, attribute: attr.name, line, column, severity, message });
  };
  if (!known) {
    diag(0, 'error', `${attr.name} is not a policy attribute`);
    return out;
  }
  if (attr.value.trim() === '') {
    diag(0, 'error', `empty ${attr.name}: value`);
    return out;
  }
  const { ast, problems } = parsePolicyValue(attribute, attr.value);
  for (const p of problems) diag(p.offset, p.severity, p.message);
  if (ast) {
    out.ast = ast;
    if (options.terms !== false) out.terms = resolveTermsSafely(ast, diag);
  }
  return out;
}

function resolveTermsSafely(ast: NonNullable<ParsedPolicy['ast']>, diag: (o: number, s: 'error' | 'warning', m: string) => void): PolicyTerm[] {
  try {
    return resolveTerms(ast);
  } catch (e) {
    diag(0, 'error', `address-family resolution failed: ${e instanceof Error ? e.message : String(e)}`);
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
