import type { AddressFamily, Filter, PeeringAction, PolicyAst, PolicyAttributeName } from '../../grammar/ast.js';

/** A parse or resolution problem in one attribute. Never thrown; always collected. */
export interface PolicyDiagnostic {
  /** Object key, e.g. `AS3257`. */
  object: string;
  attribute: string;
  /** 1-based line and column in the input the object came from. */
  line: number;
  column: number;
  severity: 'error' | 'warning';
  message: string;
}

export type Direction = 'import' | 'export' | 'default';

/**
 * One rule after address-family resolution: in family `afi`, for routes exchanged over
 * `peerings`, this filter applies. A factor valid in several families yields one term per
 * family. REFINE and EXCEPT are flattened into terms (see src/policy/ for the semantics).
 */
export interface PolicyTerm {
  afi: AddressFamily;
  direction: Direction;
  peerings: PeeringAction[];
  filter: Filter;
  /** How the term arose, for evidence: `factor`, `refine`, `except`. */
  origin: 'factor' | 'refine' | 'except';
}

/** The result of parsing one policy attribute. `ast` is absent when it could not be parsed. */
export interface ParsedPolicy {
  attribute: PolicyAttributeName;
  /** Object key, attribute line and its raw text, for evidence. */
  object: string;
  line: number;
  text: string;
  ast?: PolicyAst;
  terms: PolicyTerm[];
  diagnostics: PolicyDiagnostic[];
  /** Its REFINE afi scopes intersect to no family: parsed, but as written it yields nothing (a warning says so). */
  emptyScope?: true;
}
