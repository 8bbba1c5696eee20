/**
 * An aut-num written again over its stored version with some policy attributes changed
 * (issue 22: a tier-1's 28,000 rules, one line edited): its attributes are compared with the
 * stored text by content, so only the attributes that are new are parsed, only the rules of
 * attributes that went away are dropped, and the rules of attributes that stay keep their
 * rows, renumbered where lines moved. Identical text (`raw`, name and continuation lines
 * included) gives identical rules: a rule depends on its attribute, its owner (the same
 * object) and the sets it names, which the store keeps current for every rule alike.
 */
import { readAttributes } from '../rpsl/read.js';
import { opensAttribute, type AttributeSink } from '../rpsl/assembler.js';
import type { RpslAttribute, RpslObject } from '../rpsl/types.js';
import { policyAttributeName } from '../policy/attributes.js';
import type { RuleMove } from '../store/store.js';

export interface RewritePlan {
  /** Lines of the stored policy attributes that went away: their rules are dropped. */
  removedLines: number[];
  /** Stretches of stored lines whose rules move (attributes that stay, at other lines or indexes). */
  moves: RuleMove[];
  /** The new policy attributes: `at` in object.attributes, `attrIndex` among its policy attributes. */
  added: { at: number; attrIndex: number }[];
}

/** Past this many stretches of moved lines, writing the object whole is as quick (each is one statement over its rules). */
const MAX_MOVES = 16;

interface Stored {
  raw: string;
  line: number;
  attrIndex: number;
}

/** The policy attributes of a stretch of stored text starting at `firstLine`, the first numbered `attrIndex`; undefined unless it reads as at most one object. */
function storedPolicies(text: string, firstLine: number, attrIndex: number): Stored[] | undefined {
  const out: Stored[] = [];
  let objects = 0;
  const sink: AttributeSink = {
    attribute(a: RpslAttribute) {
      if (policyAttributeName(a.name)) out.push({ raw: a.raw, line: a.line, attrIndex: attrIndex++ });
    },
    endObject() {
      objects++;
    },
  };
  readAttributes(text, sink, 'stored', firstLine);
  return objects <= 1 ? out : undefined;
}

/**
 * Which of `keys` (stored lines, -1 for none) form the longest strictly increasing chain
 * (O(n log n)): the attributes that stay in the order they had.
 */
function longestChain(keys: readonly number[]): boolean[] {
  const tails: number[] = [];
  const prev = new Int32Array(keys.length).fill(-1);
  keys.forEach((key, i) => {
    if (key < 0) return;
    let lo = 0, hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[tails[mid]!]! < key) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  });
  const out = new Array<boolean>(keys.length).fill(false);
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) out[i] = true;
  return out;
}

/** Lines of an attribute's text. */
function lineCount(raw: string): number {
  let n = 1;
  for (let i = raw.indexOf('\n'); i >= 0; i = raw.indexOf('\n', i + 1)) n++;
  return n;
}

/** `\n`s in text[from, to). */
function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Length of the common start of `a` and `b` (compared a block at a time: a tier-1's text is megabytes). */
function commonStart(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  for (let step = 65536; step >= 1; step >>= 4) {
    while (i + step <= max && a.slice(i, i + step) === b.slice(i, i + step)) i += step;
  }
  return i;
}

/** Length of the common end of `a` and `b`, at most `max`. */
function commonEnd(a: string, b: string, max: number): number {
  let n = 0;
  for (let step = 65536; step >= 1; step >>= 4) {
    while (n + step <= max && a.slice(a.length - n - step, a.length - n) === b.slice(b.length - n - step, b.length - n)) n += step;
  }
  return n;
}

/** The line of `text` starting at `at`. */
function lineAt(text: string, at: number): string {
  const end = text.indexOf('\n', at);
  return text.slice(at, end < 0 ? text.length : end);
}

/**
 * What writing `object` (its text `text` from `firstLine`, as objectText makes it) over the
 * stored text (`stored`, from `storedFirstLine`) changes, or undefined when the object is
 * better written whole: its text would not keep its attributes' line numbers (an object made
 * in code whose attribute spans more lines than its numbering leaves), or its attributes moved
 * about too much. Only the stretch between the texts' common start and end (cut at lines
 * opening an attribute in both) is read attribute by attribute.
 */
export function planRewrite(stored: string, storedFirstLine: number, text: string, firstLine: number, object: RpslObject): RewritePlan | undefined {
  // Every attribute at its line in `text` (objectText leaves it there when there is room).
  let room = object.attributes[0]?.line ?? firstLine;
  for (const a of object.attributes) {
    if (a.line < room) return undefined;
    room = a.line + lineCount(a.raw);
  }
  // The common start, back to a line opening an attribute in both texts: the attributes
  // before it are whole and the same in both.
  let head = commonStart(stored, text);
  head = head === 0 ? 0 : stored.lastIndexOf('\n', head - 1) + 1;
  while (head > 0 && !(opensAttribute(lineAt(stored, head)) && opensAttribute(lineAt(text, head)))) head = head >= 2 ? stored.lastIndexOf('\n', head - 2) + 1 : 0;
  // The common end, on to a line opening an attribute: a line start in both texts, then the
  // same lines in both.
  const shift = text.length - stored.length;
  let oldTail = stored.length - commonEnd(stored, text, Math.min(stored.length, text.length) - head);
  const nextLine = (at: number) => (stored.indexOf('\n', at) + 1) || stored.length;
  if ((oldTail > 0 && stored.charCodeAt(oldTail - 1) !== 10) || (oldTail + shift > 0 && text.charCodeAt(oldTail + shift - 1) !== 10)) oldTail = nextLine(oldTail);
  while (oldTail < stored.length && !opensAttribute(lineAt(stored, oldTail))) oldTail = nextLine(oldTail);
  const tail = stored.length - oldTail;
  const newTail = text.length - tail;
  // Lines and policy attributes before the stretch, and the stretch's lines in either text.
  const headLines = newlines(stored, 0, head);
  const oldLines = newlines(stored, head, oldTail);
  const newLines = newlines(text, head, newTail);
  const oldFrom = storedFirstLine + headLines;
  const newFrom = firstLine + headLines;
  let headPolicies = 0;
  let at = 0;
  const attrs = object.attributes;
  for (; at < attrs.length && attrs[at]!.line < newFrom; at++) if (policyAttributeName(attrs[at]!.name)) headPolicies++;
  const middle = storedPolicies(stored.slice(head, oldTail), oldFrom, headPolicies);
  if (!middle) return undefined;
  // Stored attributes of the stretch by text, each list in line order.
  const byRaw = new Map<string, Stored[]>();
  for (const s of middle) {
    const list = byRaw.get(s.raw);
    if (list) list.push(s);
    else byRaw.set(s.raw, [s]);
  }
  const moves: RuleMove[] = [];
  const added: RewritePlan['added'] = [];
  let run: RuleMove | undefined;
  const keep = (from: number, to: number, line: number, attr: number) => {
    if (run && run.line === line && run.attr === attr) run.to = to;
    else moves.push((run = { from, to, line, attr }));
  };
  // What comes before the stretch moves with the object's first line.
  if (head > 0) keep(storedFirstLine, oldFrom - 1, firstLine - storedFirstLine, 0);
  // The stretch's new policy attributes, each paired with a stored one of the same text (the
  // k-th of a text with the k-th); the longest chain of pairs in the same order in both stays
  // (what stays keeps its order), the rest is dropped and added.
  const fresh: { at: number; index: number; line: number; s: Stored | undefined }[] = [];
  const taken = new Map<string, number>();
  let attrIndex = headPolicies;
  for (; at < attrs.length && attrs[at]!.line < newFrom + newLines; at++) {
    const a = attrs[at]!;
    if (!policyAttributeName(a.name)) continue;
    const k = taken.get(a.raw) ?? 0;
    const s = byRaw.get(a.raw)?.[k];
    if (s) taken.set(a.raw, k + 1);
    fresh.push({ at, index: attrIndex++, line: a.line, s });
  }
  const chain = longestChain(fresh.map((f) => f.s?.line ?? -1));
  const kept = new Set<Stored>();
  fresh.forEach((f, i) => {
    if (!chain[i]) {
      added.push({ at: f.at, attrIndex: f.index });
      return;
    }
    kept.add(f.s!);
    keep(f.s!.line, f.s!.line, f.line - f.s!.line, f.index - f.s!.attrIndex);
  });
  // What comes after it moves by the lines and policy attributes the stretch gained.
  if (tail > 0) keep(oldFrom + oldLines, Number.MAX_SAFE_INTEGER, newFrom + newLines - (oldFrom + oldLines), attrIndex - (headPolicies + middle.length));
  const removedLines = middle.filter((s) => !kept.has(s)).map((s) => s.line);
  const moved = moves.filter((m) => m.line !== 0 || m.attr !== 0);
  if (moved.length > MAX_MOVES) return undefined;
  return { removedLines, moves: moved, added };
}
