/**
 * Trees for chains of binary operators, built so that their depth stays small whatever the
 * input (see "Depth" in ast.ts).
 *
 * A chain of up to CHAIN_FOLD operands is folded to the left, as written (`a OR b OR c` =
 * `(a OR b) OR c`); a longer chain of one associative operator (OR, AND) becomes a balanced
 * binary tree, depth ⌈log₂ n⌉. A long chain mixing AND and EXCEPT (left-associative, one
 * precedence level) is rewritten to the equal `(x₁ AND … AND xₖ) EXCEPT (y₁ OR … OR yₘ)`,
 * where the xᵢ are the first operand and those after AND, the yⱼ those after EXCEPT
 * (intersection and difference commute). All of this keeps the meaning; the printer prints
 * chains of one operator flat, so the text round-trips.
 */

/** Chains up to this many operands keep their left-folded shape. */
export const CHAIN_FOLD = 16;

type Bin<N, T extends string> = { type: T; left: N; right: N };

/** Left fold for short chains, balanced tree for long ones. `items` is not empty. */
export function chain<N, T extends string>(type: T, items: N[]): N | Bin<N, T> {
  if (items.length <= CHAIN_FOLD) {
    let acc: N | Bin<N, T> = items[0];
    for (let i = 1; i < items.length; i++) acc = { type, left: acc as N, right: items[i] };
    return acc;
  }
  const build = (lo: number, hi: number): N | Bin<N, T> => {
    if (hi - lo === 1) return items[lo];
    const mid = lo + Math.ceil((hi - lo) / 2);
    return { type, left: build(lo, mid) as N, right: build(mid, hi) as N };
  };
  return build(0, items.length);
}

/**
 * `x₀ op₁ x₁ op₂ x₂ …` with op ∈ {and, except}, left-associative. `ops[i]` joins
 * `items[i]` and `items[i + 1]`.
 */
export function andExceptChain<N>(items: N[], ops: ('and' | 'except')[]): N | Bin<N, 'and' | 'except'> {
  if (!ops.includes('except')) return chain('and', items);
  if (items.length <= CHAIN_FOLD) {
    let acc: N | Bin<N, 'and' | 'except'> = items[0];
    for (let i = 0; i < ops.length; i++) acc = { type: ops[i], left: acc as N, right: items[i + 1] };
    return acc;
  }
  const kept = [items[0]];
  const removed: N[] = [];
  ops.forEach((op, i) => (op === 'and' ? kept : removed).push(items[i + 1]));
  return { type: 'except', left: chain('and', kept) as N, right: chain('or', removed) as N };
}
