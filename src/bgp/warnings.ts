/**
 * Counted warnings of a reader: real archives contain damaged records, and each one is
 * skipped and counted, never thrown. A few examples (with the byte offset or line number)
 * are kept per kind so that a user can look at the damage; the rest are only counted, so
 * memory stays bounded whatever the input.
 */
export class ReaderWarnings {
  readonly counts = new Map<string, number>();
  readonly examples: string[] = [];
  constructor(private readonly keepExamples = 5) {}

  add(kind: string, detail?: string): void {
    const n = (this.counts.get(kind) ?? 0) + 1;
    this.counts.set(kind, n);
    if (n === 1 && detail !== undefined && this.examples.length < this.keepExamples * 4) this.examples.push(`${kind}: ${detail}`);
  }

  get total(): number {
    let t = 0;
    for (const n of this.counts.values()) t += n;
    return t;
  }

  /** `3 truncated record, 1 bad attribute` — empty when there were none; past `maxKinds` kinds, the rest as `…, 4 other`. */
  summary(maxKinds = Infinity): string {
    const all = [...this.counts].sort((a, b) => b[1] - a[1]);
    // One kind left over is named rather than called "other".
    const cut = all.length > maxKinds + 1 ? maxKinds : all.length;
    const words = all.slice(0, cut).map(([k, n]) => `${n.toLocaleString('en-US')} ${k}`);
    const rest = all.slice(cut).reduce((t, [, n]) => t + n, 0);
    return [...words, ...(rest ? [`${rest.toLocaleString('en-US')} other`] : [])].join(', ');
  }

  toJSON(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
