/**
 * Counted warnings of a reader: real archives contain damaged records, and each one is
 * skipped and counted, never thrown. A few examples (with the byte offset or line number)
 * are kept per kind so that a user can look at the damage; the rest are only counted, so
 * memory stays bounded whatever the input.
 *
 * Notices are kept apart: records read after all, in a way worth saying (an ADD-PATH
 * message under a plain subtype). They are neither damage nor skipped, so `total` and
 * `summary` leave them out.
 */
export class ReaderWarnings {
  readonly counts = new Map<string, number>();
  readonly notices = new Map<string, number>();
  readonly examples: string[] = [];
  constructor(private readonly keepExamples = 5) {}

  add(kind: string, detail?: string): void {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    if (n === 1 && detail !== undefined && this.examples.length < this.keepExamples * 4) this.examples.push(`${kind}: ${detail}`);
  }

  /** A record read after all, in a way worth telling the user (not damage: it is not skipped). */
  notice(kind: string, detail?: string): void {
    const n = (this.notices.get(kind) ?? 0) + 1;
    this.notices.set(kind, n);
    if (n === 1 && detail !== undefined && this.examples.length < this.keepExamples * 4) this.examples.push(`${kind}: ${detail}`);
  }

  /** Records or lines skipped (notices not included). */
  get total(): number {
    return sum(this.counts);
  }

  get noticeTotal(): number {
    return sum(this.notices);
  }

  /** `3 truncated record, 1 bad attribute` — empty when there were none; past `maxKinds` kinds, the rest as `…, 4 other`. */
  summary(maxKinds = Infinity): string {
    return summaryOf(this.counts, maxKinds);
  }

  /** The notices the same way. */
  noticeSummary(): string {
    return summaryOf(this.notices);
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}

function sum(m: Map<string, number>): number {
  let t = 0;
  for (const n of m.values()) t += n;
  return t;
}

function summaryOf(m: Map<string, number>, maxKinds = Infinity): string {
  const all = [...m].sort((a, b) => b[1] - a[1]);
  // One kind left over is named rather than called "other".
  const cut = all.length > maxKinds + 1 ? maxKinds : all.length;
  const words = all.slice(0, cut).map(([k, n]) => `${n.toLocaleString('en-US')} ${k}`);
  const rest = all.slice(cut).reduce((t, [, n]) => t + n, 0);
  return [...words, ...(rest ? [`${rest.toLocaleString('en-US')} other`] : [])].join(', ');
}
