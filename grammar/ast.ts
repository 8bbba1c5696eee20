/**
 * Typed syntax tree of RPSL routing-policy attributes (RFC 2622 §5–6, RFC 4012 §2–4).
 * This is the contract between the parser (grammar/) and every later stage; the
 * Chevrotain CST never leaves grammar/.
 *
 * Conventions: names (sets, keywords) are normalised to upper case; ASNs are numbers
 * (asdot already converted); every node that evidence may cite keeps its `text`, the
 * source substring it was built from.
 *
 * Depth (a guarantee for ANY input, so later stages may walk these trees recursively):
 * - parentheses, NOT, braces `{ … }`, REFINE/EXCEPT and action-value lists `{ … }` nest at
 *   most MAX_NESTING = 64 levels (grammar/problems.ts); deeper input is an error diagnostic
 *   and the attribute gets no AST;
 * - a chain of one operator (`a OR b OR c …`, juxtaposition, `a AND b …`) of up to
 *   CHAIN_FOLD = 16 operands is folded to the left as written; a longer one is a balanced
 *   binary tree of depth ⌈log₂ n⌉; a longer AND/EXCEPT chain (AS and router expressions)
 *   becomes the equal `(x₁ AND … AND xₖ) EXCEPT (y₁ OR … OR yₘ)` (grammar/chains.ts);
 * - AS-path regexes: groups nest at most 64 levels, at most 8 repetition operators per item.
 * So a Filter, AsExpression or RouterExpression is at most
 * (MAX_NESTING + 1) × (max(15, ⌈log₂ n⌉) + 2) levels deep, n being the number of operands
 * in the value: under 1,300 for any value below 1 GB, and under 20 for every real registry
 * line we have seen. A PolicyExpression is at most MAX_NESTING + 1 deep. The printer prints
 * OR/AND chains flat (grammar/print.ts), so the grouping chosen here never shows.
 */

export type PolicyAttributeName =
  | 'import' | 'export' | 'default'
  | 'mp-import' | 'mp-export' | 'mp-default'
  | 'import-via' | 'export-via' | 'mp-import-via' | 'mp-export-via';

/** Address family as written in an `afi` list: `ipv4`, `ipv6.unicast`, `any.multicast`, … */
export interface AfiSpec {
  afi: 'ipv4' | 'ipv6' | 'any';
  /** Absent means both unicast and multicast. */
  safi?: 'unicast' | 'multicast';
}

/** A concrete family after resolution. */
export type AddressFamily = 'ipv4.unicast' | 'ipv4.multicast' | 'ipv6.unicast' | 'ipv6.multicast';

/** The whole value of one policy attribute. */
export interface PolicyAst {
  attribute: PolicyAttributeName;
  /** `protocol P1` */
  protocol?: string;
  /** `into P2` */
  into?: string;
  /** Top-level `afi` list; absent when not written. */
  afis?: AfiSpec[];
  /** import/export(-via): the policy expression; default: see `DefaultPolicy`. */
  body: PolicyExpression | DefaultPolicy;
}

/** `default: to <peering> [action …] [networks <filter>]` (mp-default: with an afi list). */
export interface DefaultPolicy {
  type: 'default';
  peering: Peering;
  actions: Action[];
  /** `networks <filter>`; absent means all routes. */
  networks?: Filter;
}

/**
 * A policy expression: a single factor, a `{ f1; f2; }` block of factors, or a structured
 * policy. REFINE/EXCEPT nest to the right, as in RFC 2622's grammar
 * (`<policy-term> EXCEPT <policy-expression>`): `A EXCEPT B EXCEPT C` = `A EXCEPT (B EXCEPT C)`.
 * The right operand of REFINE/EXCEPT may carry its own afi list (`afis`), scoped to it.
 */
export type PolicyExpression = PolicyTermBlock | StructuredPolicy;

export interface PolicyTermBlock {
  type: 'term';
  /** Written with braces (`{ … }`). */
  braced: boolean;
  factors: PolicyFactor[];
}

export interface StructuredPolicy {
  type: 'refine' | 'except';
  left: PolicyExpression;
  /** afi list written after REFINE/EXCEPT, scoped to the right operand. */
  afis?: AfiSpec[];
  right: PolicyExpression;
}

/** One or more `from <peering> [action …]` (or `to …` / `via …`), then `accept`/`announce`. */
export interface PolicyFactor {
  peerings: PeeringAction[];
  filter: Filter;
  /** Source text of the factor, for evidence. */
  text: string;
}

export interface PeeringAction {
  peering: Peering;
  actions: Action[];
  /** import-via/export-via: the intermediate AS peering (`from <via> <peering>`). */
  via?: Peering;
}

/** `<as-expression> [<remote-router>] [at <local-router>]`, or a peering-set name. */
export type Peering =
  | { type: 'peering'; as: AsExpression; remoteRouter?: RouterExpression; localRouter?: RouterExpression; text: string }
  | { type: 'peering-set'; name: string; text: string };

export type AsExpression =
  | { type: 'asn'; asn: number; text: string }
  | { type: 'as-set'; name: string }
  | { type: 'as-any' }
  | { type: 'peeras' }
  | { type: 'and' | 'or' | 'except'; left: AsExpression; right: AsExpression };

export type RouterExpression =
  | { type: 'address'; address: string }
  /** `at not 7.7.7.1`: outside RFC 2622's grammar, but used by its own §5.6 example. */
  | { type: 'not'; operand: RouterExpression }
  | { type: 'dns'; name: string }
  | { type: 'rtrs-set'; name: string }
  | { type: 'and' | 'or' | 'except'; left: RouterExpression; right: RouterExpression };

/** `pref = 10`, `community .= { 1:2 }`, `community.append(1:2)`, `aspath.prepend(AS1, AS1)`. */
export type Action =
  | { type: 'assign'; attribute: string; operator: ActionOperator; value: ActionValue; text: string }
  | { type: 'call'; attribute: string; method: string; args: ActionValue[]; text: string };

export type ActionOperator = '=' | '.=' | '+=' | '-=' | '*=' | '/=' | '<<=' | '>>=' | '==' | '!=' | '<' | '>' | '<=' | '>=';

export type ActionValue =
  | { type: 'number'; value: number }
  | { type: 'asn'; asn: number }
  | { type: 'word'; value: string }
  | { type: 'list'; items: ActionValue[] };

/** Prefix range operator: `^-`, `^+`, `^n`, `^n-m`. */
export type RangeOperator =
  | { type: 'minus' }
  | { type: 'plus' }
  | { type: 'exact'; n: number }
  | { type: 'range'; n: number; m: number };

export interface PrefixRange {
  /** Normalised prefix text, e.g. `192.0.2.0/24`, `2001:db8::/32`. */
  prefix: string;
  family: 'ipv4' | 'ipv6';
  length: number;
  op?: RangeOperator;
}

/**
 * Route filter. Precedence when parsed: NOT > AND > OR; juxtaposition is OR.
 * `op` on set references and prefix sets is a range operator applied to every member.
 */
export type Filter =
  | { type: 'any' }
  | { type: 'as-any' }
  | { type: 'rs-any' }
  | { type: 'peeras'; op?: RangeOperator }
  | { type: 'asn'; asn: number; op?: RangeOperator }
  | { type: 'as-set'; name: string; op?: RangeOperator }
  | { type: 'route-set'; name: string; op?: RangeOperator }
  | { type: 'filter-set'; name: string }
  | { type: 'prefix-set'; prefixes: PrefixRange[]; op?: RangeOperator }
  | { type: 'as-path'; regex: AsPathRegex; text: string }
  | { type: 'community'; method?: string; args: string[]; text: string }
  | { type: 'not'; operand: Filter }
  | { type: 'and' | 'or'; left: Filter; right: Filter };

/** AS-path regular expression (RFC 2622 §5.4). */
export type AsPathRegex =
  | { type: 'seq'; items: AsPathRegex[] }
  | { type: 'alt'; alternatives: AsPathRegex[] }
  | { type: 'group'; inner: AsPathRegex }
  | { type: 'asn'; asn: number }
  | { type: 'as-set'; name: string }
  | { type: 'peeras' }
  | { type: 'wildcard' }
  | { type: 'class'; negated: boolean; members: AsPathClassMember[] }
  | { type: 'bol' }
  | { type: 'eol' }
  /** `*`, `+`, `?`, `{m}`, `{m,n}`, `{m,}`; `sameAs` for the `~` forms (same AS repeated). */
  | { type: 'repeat'; inner: AsPathRegex; min: number; max: number | null; sameAs: boolean };

export type AsPathClassMember =
  | { type: 'asn'; asn: number }
  | { type: 'range'; from: number; to: number }
  | { type: 'as-set'; name: string }
  | { type: 'peeras' }
  | { type: 'wildcard' };
