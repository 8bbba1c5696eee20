/**
 * Canonical RPSL text of a policy AST: one line, keywords in RFC case, explicit `OR`,
 * parentheses only where precedence needs them. Chains of OR or AND print flat however the
 * tree groups them (both are associative), without recursion along the chain; an EXCEPT
 * operand of an AND chain keeps parentheses. Parsing the printed text gives the same AST
 * again up to the grouping of OR/AND chains (and `text` fields, which quote the source as
 * written), and printing that AST gives the same text.
 */
import type {
  Action, ActionValue, AfiSpec, AsExpression, AsPathClassMember, AsPathRegex, DefaultPolicy, Filter, Peering,
  PeeringAction, PolicyAst, PolicyAttributeName, PolicyExpression, PolicyFactor, PrefixRange, RangeOperator,
  RouterExpression,
} from './ast.js';

const isImport = (a: PolicyAttributeName) => a.includes('import');

export function printPolicy(ast: PolicyAst): string {
  const parts: string[] = [];
  if (ast.protocol) parts.push(`protocol ${ast.protocol}`);
  if (ast.into) parts.push(`into ${ast.into}`);
  if (ast.afis) parts.push(printAfis(ast.afis));
  parts.push(ast.body.type === 'default' ? printDefault(ast.body) : printExpression(ast.body, isImport(ast.attribute)));
  return parts.join(' ');
}

function printAfis(afis: AfiSpec[]): string {
  return `afi ${afis.map((a) => (a.safi ? `${a.afi}.${a.safi}` : a.afi)).join(', ')}`;
}

function printDefault(d: DefaultPolicy): string {
  let s = `to ${printPeering(d.peering)}`;
  if (d.actions.length) s += ` ${printActions(d.actions)}`;
  if (d.networks) s += ` networks ${printFilter(d.networks)}`;
  return s;
}

function printExpression(e: PolicyExpression, imp: boolean): string {
  if (e.type === 'term') return printTerm(e.factors, e.braced, imp, false);
  const kw = e.type === 'except' ? 'EXCEPT' : 'REFINE';
  const afis = e.afis ? `${printAfis(e.afis)} ` : '';
  return `${printLeft(e.left, imp)} ${kw} ${afis}${printExpression(e.right, imp)}`;
}

/** The left operand of REFINE/EXCEPT: a term, or (written inside braces) a structured policy. */
function printLeft(e: PolicyExpression, imp: boolean): string {
  if (e.type === 'term') return printTerm(e.factors, e.braced, imp, true);
  const inner = e.left.type === 'term' ? e.left.factors.map((f) => `${printFactor(f, imp)}; `).join('') : `${printLeft(e.left, imp)} `;
  const kw = e.type === 'except' ? 'EXCEPT' : 'REFINE';
  const afis = e.afis ? `${printAfis(e.afis)} ` : '';
  return `{ ${inner}${kw} ${afis}${printExpression(e.right, imp)} }`;
}

function printTerm(factors: PolicyFactor[], braced: boolean, imp: boolean, beforeOperator: boolean): string {
  if (braced || factors.length !== 1) {
    return factors.length ? `{ ${factors.map((f) => `${printFactor(f, imp)};`).join(' ')} }` : '{ }';
  }
  return printFactor(factors[0], imp) + (beforeOperator ? ';' : '');
}

export function printFactor(f: PolicyFactor, imp: boolean): string {
  const peerings = f.peerings.map((p) => printPeeringAction(p, imp)).join(' ');
  return `${peerings} ${imp ? 'accept' : 'announce'} ${printFilter(f.filter)}`;
}

function printPeeringAction(p: PeeringAction, imp: boolean): string {
  let s = `${p.via ? `${printPeering(p.via)} ` : ''}${imp ? 'from' : 'to'} ${printPeering(p.peering)}`;
  if (p.actions.length) s += ` ${printActions(p.actions)}`;
  return s;
}

export function printPeering(p: Peering): string {
  if (p.type === 'peering-set') return p.name;
  let s = printAs(p.as);
  if (p.remoteRouter) s += ` ${printRouter(p.remoteRouter)}`;
  if (p.localRouter) s += ` at ${printRouter(p.localRouter)}`;
  return s;
}

// Binary levels: OR 0, AND/EXCEPT 1; operands 2. Left-associative.
type Bin<N> = { type: 'and' | 'or' | 'except'; left: N; right: N };
function level(t: string): number {
  return t === 'or' ? 0 : t === 'and' || t === 'except' ? 1 : 2;
}

/**
 * The operands of a chain of one associative operator (`type`), left to right, without
 * recursion: `a OR (b OR c)` and `(a OR b) OR c` both give [a, b, c]. Chains are printed
 * flat, so a 10⁵-operand filter prints (and never overflows the stack).
 */
export function chainOperands<N extends { type: string }>(e: N, type: string): N[] {
  const out: N[] = [];
  const stack: N[] = [e];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === type) {
      const b = n as unknown as Bin<N>;
      stack.push(b.right, b.left);
    } else out.push(n);
  }
  return out;
}

function printBinary<N extends { type: string }>(e: Bin<N>, print: (n: N) => string): string {
  const l = level(e.type);
  if (e.type === 'except') {
    const left = level(e.left.type) < l ? `(${print(e.left)})` : print(e.left);
    const right = level(e.right.type) <= l ? `(${print(e.right)})` : print(e.right);
    return `${left} EXCEPT ${right}`;
  }
  // AND/OR chains flat; an EXCEPT inside an AND chain keeps its parentheses.
  const kw = ` ${e.type.toUpperCase()} `;
  return chainOperands(e as unknown as N, e.type).map((o) => (level(o.type) <= l ? `(${print(o)})` : print(o))).join(kw);
}

export function printAs(e: AsExpression): string {
  switch (e.type) {
    case 'asn': return `AS${e.asn}`;
    case 'as-set': return e.name;
    case 'as-any': return 'AS-ANY';
    case 'peeras': return 'PeerAS';
    default: return printBinary(e, printAs);
  }
}

function printRouter(e: RouterExpression): string {
  switch (e.type) {
    case 'address': return e.address;
    case 'dns': return e.name;
    case 'rtrs-set': return e.name;
    case 'not': return `NOT ${e.operand.type === 'address' || e.operand.type === 'dns' || e.operand.type === 'rtrs-set' || e.operand.type === 'not' ? printRouter(e.operand) : `(${printRouter(e.operand)})`}`;
    default: return printBinary(e, printRouter);
  }
}

function printActions(actions: Action[]): string {
  return `action ${actions.map((a) => `${printAction(a)};`).join(' ')}`;
}

function printAction(a: Action): string {
  if (a.type === 'assign') return `${a.attribute} ${a.operator} ${printValue(a.value)}`;
  return `${a.attribute}.${a.method}(${a.args.map(printValue).join(', ')})`;
}

/** An action value as written canonically (`AS1`, `{1:2, 3:4}`); the parser uses it for method-call arguments. */
export function printValue(v: ActionValue): string {
  switch (v.type) {
    case 'number': return String(v.value);
    case 'asn': return `AS${v.asn}`;
    case 'word': return v.value;
    case 'list': return `{${v.items.map(printValue).join(', ')}}`;
  }
}

function printOp(op: RangeOperator | undefined): string {
  if (!op) return '';
  switch (op.type) {
    case 'minus': return '^-';
    case 'plus': return '^+';
    case 'exact': return `^${op.n}`;
    case 'range': return `^${op.n}-${op.m}`;
  }
}

function printPrefix(p: PrefixRange): string {
  return p.prefix + printOp(p.op);
}

// Filter levels: OR 0, AND 1, NOT 2, operands 3.
function filterLevel(f: Filter): number {
  return f.type === 'or' ? 0 : f.type === 'and' ? 1 : f.type === 'not' ? 2 : 3;
}

export function printFilter(f: Filter): string {
  switch (f.type) {
    case 'any': return 'ANY';
    case 'as-any': return 'AS-ANY';
    case 'rs-any': return 'RS-ANY';
    case 'peeras': return `PeerAS${printOp(f.op)}`;
    case 'asn': return `AS${f.asn}${printOp(f.op)}`;
    case 'as-set':
    case 'route-set': return f.name + printOp(f.op);
    case 'filter-set': return f.name;
    case 'prefix-set': return (f.prefixes.length ? `{ ${f.prefixes.map(printPrefix).join(', ')} }` : '{ }') + printOp(f.op);
    case 'as-path': return `<${printAsPathRegex(f.regex)}>`;
    case 'community': {
      if (f.method === '==') return `community == {${f.args.join(', ')}}`;
      return `community${f.method ? `.${f.method}` : ''}(${f.args.join(', ')})`;
    }
    case 'not': return `NOT ${filterLevel(f.operand) < 2 ? `(${printFilter(f.operand)})` : printFilter(f.operand)}`;
    case 'and':
    case 'or': {
      const l = filterLevel(f);
      const kw = ` ${f.type.toUpperCase()} `;
      return chainOperands(f, f.type).map((o) => (filterLevel(o) <= l ? `(${printFilter(o)})` : printFilter(o))).join(kw);
    }
  }
}

function printMember(m: AsPathClassMember): string {
  switch (m.type) {
    case 'asn': return `AS${m.asn}`;
    case 'range': return `AS${m.from}-AS${m.to}`;
    case 'as-set': return m.name;
    case 'peeras': return 'PeerAS';
    case 'wildcard': return '.';
  }
}

function printRepeat(min: number, max: number | null, sameAs: boolean): string {
  const prefix = sameAs ? '~' : '';
  if (max === null && min === 0) return `${prefix}*`;
  if (max === null && min === 1) return `${prefix}+`;
  if (!sameAs && min === 0 && max === 1) return '?';
  if (max === null) return `${prefix}{${min},}`;
  return min === max ? `${prefix}{${min}}` : `${prefix}{${min},${max}}`;
}

export function printAsPathRegex(r: AsPathRegex): string {
  switch (r.type) {
    case 'seq': return r.items.map(printAsPathRegex).join(' ');
    case 'alt': return r.alternatives.map(printAsPathRegex).join(' | ');
    case 'group': return `(${printAsPathRegex(r.inner)})`;
    case 'asn': return `AS${r.asn}`;
    case 'as-set': return r.name;
    case 'peeras': return 'PeerAS';
    case 'wildcard': return '.';
    case 'class': return `[${r.negated ? '^' : ''}${r.members.map(printMember).join(' ')}]`;
    case 'bol': return '^';
    case 'eol': return '$';
    case 'repeat': {
      const inner = r.inner.type === 'seq' || r.inner.type === 'alt' ? `(${printAsPathRegex(r.inner)})` : printAsPathRegex(r.inner);
      return inner + printRepeat(r.min, r.max, r.sameAs);
    }
  }
}
