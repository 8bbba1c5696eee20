/**
 * Confidence as a calibrated probability (issue 29). A link's evidence is summed up as a
 * *kind* — what each side's own lines say — and the confidence is the share of links of that
 * kind whose label was right on synthetic registries with planted defects (bench/synth), read
 * from the fitted table src/infer/confidence-table.ts (bench/synth/fit-confidence.ts writes it).
 *
 * A side's level (its own lines only, before the other side is read):
 *   S  strong lines that alone pin one relation (export and import, or a default)
 *   s  strong lines that leave two relations (only an import, or only an export)
 *   W  only weak lines naming the neighbour (an import of the full table)
 *   A  only AS-ANY lines
 *   O  an aut-num without any line about this neighbour
 *   N  no aut-num in the data
 * Kinds, per family (`.4`, `.6`): `pc.4:<provider side><customer side>` for a
 * provider–customer label, `pp.4:` for peers, `ss.4:` for siblings (the two levels sorted),
 * then `o` when a weak view of either side was overruled, `w` when a weak line picked the
 * relation, `m` when the provider's own as-set (`AS<n>:…`) lists the customer (for peers:
 * when either lists the other; the label is then the set's view — the lister as provider —
 * when that was the real relation more often, see ALTERNATIVE; then `f` when the two ASes'
 * lines of the other family say what the set says — the lister is the provider — so the
 * peering is written for this family alone: on the synthetic worlds such IPv6 peerings were
 * real, and those whose other family says peers too were the set's view) and `r` when the customer's
 * lists the provider; `amb<n>.4:<levels>` for ambiguous links (the confidence is then the chance that
 * the real relation is among the n candidates); `cf.4:<view>/<level>|<view>/<level>` when the
 * strong lines of the two sides
 * contradict (each side's own view): the table says how often each view was the real one,
 * and the label is the better-supported view when that share is at least CONFLICT_PICK,
 * else `conflict` with confidence 0.
 *
 * What a kind's links get right depends on how many defects the registry holds (at 0% a
 * one-sided link is right; at 5% often not), so the table keeps, per kind, its share right in
 * each fitted world beside that world's *disagreement level* — among links whose two ASes
 * both have an object, the share whose views differ or where one says nothing of the other,
 * which the engine measures on the data itself (every link of the link table, or a fixed
 * sample of the pairs from claims; InferenceEngine.disagreementLevel) — and a link's confidence is read at the
 * data's level, linearly between the fitted worlds (the nearest world outside them). Data
 * with fewer than 100 two-sided links cannot show its level: it is read as the
 * middle fitted world's (2% defects), neither the cleanest nor the worst.
 *
 * Sizes (`#0`–`#3` or `#s` after the kind, then on a one-sided link `t` for a transit
 * customer, `c` and `x` for a customer that peers widely and with much of the Internet, `u`
 * and `h` for a provider that sells to under a fifth and under half of its links): how the two ASes'
 * numbers of links in the family compare and what roles they play, settled when a link is read
 * like the level (a write elsewhere changes them). Providers have more links than their
 * customers (Gao's degree rule): a provider–customer label whose provider has fewer links than
 * its customer is wrong far more often than one whose provider has eight times as many; a
 * provider with no other customer (`#s`: named as one by this customer's lines alone) is often a
 * former provider or a peer written as one; and a one-sided link whose provider sells to few of
 * its links, above all to a customer that peers widely, is often a peering (sizeMark). Peerings get no sizes: splitting their kinds too left the
 * calibration noisier (more groups off on the reporting seeds) and bought no precision.
 *
 * A kind the fit never saw falls back to the kind without its sizes and marks, then to its
 * levels whatever the flags (`pc:NS*`), then to its class; nothing known: 0.5. Confidence is
 * kept within [0.01, 0.99]: registry text never makes a link certain.
 */
import * as TABLE from './confidence-table.js';

const { CONFLICT, RIGHT } = TABLE;
/** Share in the table → share right out of sample (absent before the first fit with it). */
const RECALIBRATION: readonly (readonly [number, number])[] = (TABLE as { RECALIBRATION?: readonly (readonly [number, number])[] }).RECALIBRATION ?? [];
/** Peer kinds with `m`: how often the set's view (the lister is the provider) was the real relation (absent before the first fit with it). */
const ALTERNATIVE: Record<string, readonly (readonly [number, number, number])[]> = (TABLE as { ALTERNATIVE?: Record<string, readonly (readonly [number, number, number])[]> }).ALTERNATIVE ?? {};

export type SideLevel = 'S' | 's' | 'W' | 'A' | 'O' | 'N';

/** A conflict's better view is taken as the label when it was right at least this often. */
export const CONFLICT_PICK = 0.6;

const LEVEL_ORDER = 'SsWAON';
/** Two levels in a fixed order (strongest first), for kinds where the sides are alike. */
export function sortedLevels(x: SideLevel, y: SideLevel): string {
  return LEVEL_ORDER.indexOf(x) <= LEVEL_ORDER.indexOf(y) ? x + y : y + x;
}

/** The share right of a kind (or of its fallbacks) at a registry's disagreement level. */
export function probabilityOf(kind: string, level = 0): number {
  const share = shareRight(RIGHT, kind, level);
  return share === undefined ? 0.5 : clamp(recalibrated(share));
}

/** Per-kind points, as the fitted table keeps them. */
export type KindPoints = Record<string, readonly (readonly [number, number, number])[]>;

/**
 * A kind's parents, each the fallback of the one before: without its sizes and marks
 * (`pc.4:NSw#3tu` → `pc.4:NSw`; not `pc.4:NSw#3`, which holds the links without the marks), */
export const bareKind = (kind: string) => kind.replace(/#[\ds][a-z]*$/, '');
/** … the same levels whatever the flags (`pc.4:NS*`, of a kind without sizes), … */
export const levelsKind = (kind: string) => kind.replace(/:(..)[owmrf]*$/, ':$1*');
/** … and its class (`pc.4:`). */
export const classOfKind = (kind: string) => kind.slice(0, kind.indexOf(':') + 1);
/** A kind's two side levels (`NS` of `pc.4:NSw#3`; conflicts name views there instead). */
export const sidesOfKind = (kind: string) => kind.slice(kind.indexOf(':') + 1, kind.indexOf(':') + 3);

/** The next fallback of a kind (undefined for a class): each parent above, in turn. */
export function parentKind(kind: string): string | undefined {
  if (kind === classOfKind(kind)) return undefined;
  if (kind.endsWith('*')) return classOfKind(kind);
  const bare = bareKind(kind);
  return bare !== kind ? bare : levelsKind(kind);
}

/** A kind's share right in a table (or its nearest fallback's), at a level; undefined when nothing fits. */
export function shareRight(table: KindPoints, kind: string, level: number): number | undefined {
  for (let k: string | undefined = kind; k !== undefined; k = parentKind(k)) {
    const points = table[k];
    if (points) return atLevel(points, level);
  }
  return undefined;
}

/**
 * The table's share mapped through the fitted recalibration (RECALIBRATION: what links given
 * that share out of sample were right, monotone), linear between its points.
 */
function recalibrated(share: number): number {
  return RECALIBRATION.length === 0 ? share : piecewise(RECALIBRATION, share);
}

/** An AS's links in a family and how many of them go up to its providers and down to its customers (as the link table counts them). */
export interface LinkSize {
  links: number;
  providers: number;
  customers: number;
}

/** Links neither up nor down from which an AS counts as one that peers widely (`c`), and as one that peers with a large part of the Internet (`x`). */
export const PEERS_WIDELY = 5;
export const PEERS_EVERYWHERE = 30;
/** Shares of its links that go to its customers below which a provider is mostly a peer (`u`: under a fifth; `h`: under half). */
export const SELLS_LITTLE = 0.2;
export const SELLS_HALF = 0.5;

/**
 * The sizes mark of a provider–customer kind, from the two ASes' sizes in the family (`a`'s
 * relation to `b`): `#s` when the provider has no other customer (a provider named by one
 * customer's lines alone: often a former provider, or a peer written as one), else `#0`–`#3`
 * by the provider's links over the customer's, below ½, below 2, below 8, 8 or more. When only
 * one side's lines speak of the link (a side of `kind` is N, O or A), then
 *   `t` when the customer sells transit itself or has two other providers,
 *   `c` when the customer peers widely (PEERS_WIDELY links neither to its providers nor to its
 *       customers), and `x` as well when it peers with PEERS_EVERYWHERE or more,
 *   `u` when under a fifth of the provider's links go to its customers, `h` when under half:
 * such a link is far more often a peer written as a provider, or a former neighbour still
 * written as one (a stale block), than a stub's link to an AS that mostly sells transit. On the
 * 5% worlds of seeds 1, 2, 5 and 6 (not ones the table is fitted on), a customer's lines naming
 * a provider without an aut-num, the customer selling transit and peering widely (IPv6,
 * `pc.6:NSw#<n>tc…`), were right 17% of the time when the provider had 2–4 customers and 95%
 * when it had 100 or more; 16% when under a fifth of the provider's links went to customers
 * and 92% when half or more did — the share separates them as well as the count, with fewer
 * kinds. Empty for other kinds, or when the sizes are unknown.
 */
export function sizeMark(kind: string, relation: string, a: LinkSize | undefined, b: LinkSize | undefined): string {
  if (a === undefined || b === undefined || (relation !== 'p2c' && relation !== 'c2p')) return '';
  const [provider, customer] = relation === 'p2c' ? [a, b] : [b, a];
  const r = Math.max(1, provider.links) / Math.max(1, customer.links);
  const ratio = provider.customers <= 1 ? 's' : r < 0.5 ? '0' : r < 2 ? '1' : r < 8 ? '2' : '3';
  if (!/[NOA]/.test(sidesOfKind(kind))) return `#${ratio}`;
  const busy = customer.customers >= 1 || customer.providers >= 3;
  const peers = customer.links - customer.providers - customer.customers;
  const sells = provider.customers / Math.max(1, provider.links);
  return `#${ratio}${busy ? 't' : ''}${peers >= PEERS_WIDELY ? 'c' : ''}${peers >= PEERS_EVERYWHERE ? 'x' : ''}${sells < SELLS_LITTLE ? 'u' : sells < SELLS_HALF ? 'h' : ''}`;
}

/** The fitted worlds' levels; a level that could not be measured (NaN) is read as the middle one's. */
const LEVELS = [...new Set(Object.values(RIGHT).flatMap((ps) => ps.map((p) => p[0])))].sort((x, y) => x - y);
export const UNKNOWN_LEVEL = LEVELS.length ? LEVELS[Math.floor(LEVELS.length / 2)]! : 0;

/**
 * What an answer should say of a measured level far beyond the sloppiest fitted world (half as
 * much again): its confidences are read at that world's level, an extrapolation that likely
 * overstates them. Undefined inside the fitted range, or when the level could not be measured.
 */
export function levelBeyondFit(level: number): string | undefined {
  const top = LEVELS[LEVELS.length - 1];
  if (top === undefined || Number.isNaN(level) || level <= top * 1.5) return undefined;
  return `confidence: this data's disagreement level is ${level.toFixed(2)} (the share of two-sided links whose objects disagree or where one is silent), beyond the synthetic registries the confidences were fitted on (${LEVELS[0]!.toFixed(3)}–${top.toFixed(3)}): they are read at ${top.toFixed(3)} and likely too high (README "Confidence")`;
}

/** Piecewise-linear in the level between the fitted worlds' points; the nearest point outside them. */
function atLevel(points: readonly (readonly [number, number, number])[], level: number): number {
  return piecewise(points, Number.isNaN(level) ? UNKNOWN_LEVEL : level);
}

/** y at x, linear between points sorted by x (each [x, y, …]); the nearest point's y outside them. */
function piecewise(points: readonly (readonly [number, number, ...number[]])[], x: number): number {
  if (x <= points[0]![0]) return points[0]![1];
  for (let i = 1; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    if (x <= x1) {
      const [x0, y0] = points[i - 1]!;
      return x1 === x0 ? y1 : y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return points[points.length - 1]![1];
}

/** For a peer kind whose lines one side's as-set contradicts: how often the set's view was the real relation, at a level (undefined: never seen). */
export function alternativeOf(kind: string, level = 0): number | undefined {
  const points = ALTERNATIVE[kind];
  return points ? atLevel(points, level) : undefined;
}

/** For a conflict kind: how often the first and the second view were right (undefined: never seen). */
export function conflictOdds(kind: string): readonly [number, number] | undefined {
  const c = CONFLICT[kind];
  return c ? [c[0], c[1]] : undefined;
}

export function clamp(p: number): number {
  return Math.round(Math.min(0.99, Math.max(0.01, p)) * 100) / 100;
}

/** Named levels of confidence, for readers (issue 19 point 6). */
export interface ConfidenceLevel {
  name: 'high' | 'good' | 'fair' | 'low' | 'none';
  /** What it means, in words. */
  meaning: string;
}

export function confidenceLevel(c: number): ConfidenceLevel {
  if (c <= 0) return { name: 'none', meaning: 'no relation claimed' };
  const n = Math.round(c * 100);
  const inHundred = `right about ${n} time${n === 1 ? '' : 's'} in 100`;
  if (c >= 0.95) return { name: 'high', meaning: inHundred };
  if (c >= 0.8) return { name: 'good', meaning: inHundred };
  if (c >= 0.5) return { name: 'fair', meaning: inHundred };
  // Below one half the label is more often wrong than right: said, not left to arithmetic.
  return { name: 'low', meaning: `${inHundred}, so more often wrong than right` };
}

/** `0.97 (high: right about 97 times in 100)`. */
export function confidenceText(c: number): string {
  const l = confidenceLevel(c);
  return `${c.toFixed(2)} (${l.name}: ${l.meaning})`;
}
