/**
 * AS-path regular expressions (RFC 2622 §5.4), the text between `<` and `>`. A small
 * hand-written scanner + recursive descent: the language is tiny, and keeping it out of the
 * Chevrotain token set keeps that lexer's first-character tables small.
 *
 *   alt    := seq ('|' seq)*
 *   seq    := item*
 *   item   := atom postfix*          postfix := * + ? {m} {m,n} {m,} ~* ~+ ~{…}
 *   atom   := ASN | as-set | PeerAS | '.' | '[' '^'? member* ']' | '(' alt ')' | '^' | '$'
 *   member := ASN ['-' ASN] | as-set | PeerAS | '.'
 *
 * Canonical shape: a one-item seq is the item itself, a one-seq alt is the seq.
 */
import type { AsPathClassMember, AsPathRegex } from './ast.js';
import type { ProblemSink } from './problems.js';
import { MAX_NESTING } from './problems.js';
import { setName } from './names.js';
import { checkAsn } from './values.js';

// Sticky, so scanning stays linear in the length of the expression.
const HIER = /AS-|PEERAS:|AS\d+(?:\.\d+)?:/iy;
const ASN = /AS\d+(?:\.\d+)?/iy;

interface Tok {
  kind: 'asn' | 'set' | 'peeras' | 'num' | 'punct' | 'end';
  text: string;
  /** Offset in the policy value. */
  at: number;
}

class Failure extends Error {}

/** Repetition operators on one item (`AS1*+?`): each nests the item once more. */
const MAX_REPEATS = 8;

export class RegexParser {
  private toks: Tok[] = [];
  private i = 0;
  private depth = 0;

  /** `body` is the text inside `<…>`, `base` its offset in the policy value. */
  constructor(private readonly body: string, private readonly base: number, private readonly problems: ProblemSink) {}

  parse(): AsPathRegex | undefined {
    try {
      this.scan();
      const r = this.alt();
      if (this.peek().kind !== 'end') this.fail(this.peek(), `unexpected ${this.desc(this.peek())} in AS-path regular expression`);
      return r;
    } catch (e) {
      if (e instanceof Failure) return undefined;
      throw e;
    }
  }

  private fail(t: Tok, message: string): never {
    this.problems.push({ offset: t.at, severity: 'error', message });
    throw new Failure(message);
  }

  private desc(t: Tok): string {
    return t.kind === 'end' ? 'end of the expression' : `'${t.text}'`;
  }

  private scan(): void {
    const s = this.body;
    let p = 0;
    const name = /[\w:-]/;
    while (p < s.length) {
      const c = s[p];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') { p++; continue; }
      const at = this.base + p;
      HIER.lastIndex = p;
      ASN.lastIndex = p;
      if (HIER.test(s)) {
        // A set name, possibly hierarchical; a trailing '-' belongs to a class range.
        let q = p;
        while (q < s.length && name.test(s[q])) q++;
        while (s[q - 1] === '-') q--;
        this.toks.push({ kind: 'set', text: setName(s.slice(p, q)), at });
        p = q;
      } else if (ASN.test(s)) {
        this.toks.push({ kind: 'asn', text: s.slice(p, ASN.lastIndex), at });
        p = ASN.lastIndex;
      } else if (s.slice(p, p + 6).toUpperCase() === 'PEERAS' && !name.test(s[p + 6] ?? ' ')) {
        this.toks.push({ kind: 'peeras', text: s.slice(p, p + 6), at });
        p += 6;
      } else if (c >= '0' && c <= '9') {
        let q = p;
        while (q < s.length && s[q] >= '0' && s[q] <= '9') q++;
        this.toks.push({ kind: 'num', text: s.slice(p, q), at });
        p = q;
      } else if ('.[]^$()|*+?{},~-'.includes(c)) {
        this.toks.push({ kind: 'punct', text: c, at });
        p++;
      } else {
        let q = p;
        while (q < s.length && name.test(s[q])) q++;
        const t = { kind: 'punct' as const, text: s.slice(p, Math.max(q, p + 1)), at };
        this.fail(t, `unexpected '${t.text}' in AS-path regular expression (expected AS numbers, as-sets, PeerAS, '.', '[…]' or operators)`);
      }
    }
    this.toks.push({ kind: 'end', text: '', at: this.base + s.length });
  }

  private peek(k = 0): Tok {
    return this.toks[Math.min(this.i + k, this.toks.length - 1)];
  }

  private is(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'punct' && t.text === text;
  }

  private expect(text: string): Tok {
    const t = this.peek();
    if (!this.is(text)) this.fail(t, `expected '${text}' in AS-path regular expression but found ${this.desc(t)}`);
    this.i++;
    return t;
  }

  private alt(): AsPathRegex {
    if (++this.depth > MAX_NESTING) this.fail(this.peek(), `AS-path regular expression nested deeper than ${MAX_NESTING}`);
    const alternatives = [this.seq()];
    while (this.is('|')) {
      this.i++;
      alternatives.push(this.seq());
    }
    this.depth--;
    return alternatives.length === 1 ? alternatives[0] : { type: 'alt', alternatives };
  }

  private seq(): AsPathRegex {
    const items: AsPathRegex[] = [];
    while (this.peek().kind !== 'end' && !this.is('|') && !this.is(')')) items.push(this.item());
    return items.length === 1 ? items[0] : { type: 'seq', items };
  }

  private item(): AsPathRegex {
    const start = this.peek();
    let r = this.atom();
    for (let n = 0; ; n++) {
      const at = this.peek();
      const rep = this.postfix();
      if (!rep) return r;
      if (r.type === 'bol' || r.type === 'eol') this.fail(start, `nothing to repeat: '${start.text}' is an anchor`);
      // Each operator wraps the item once more: bounded like any other nesting.
      if (n >= MAX_REPEATS) this.fail(at, `more than ${MAX_REPEATS} repetition operators on one item in an AS-path regular expression`);
      r = { type: 'repeat', inner: r, ...rep };
    }
  }

  private asn(t: Tok): number {
    const c = checkAsn(t.text);
    if (!c.ok) this.fail(t, c.error);
    if (c.warning) this.problems.push({ offset: t.at, severity: 'warning', message: c.warning });
    return c.value;
  }

  private atom(): AsPathRegex {
    const t = this.peek();
    this.i++;
    switch (t.kind) {
      case 'asn': return { type: 'asn', asn: this.asn(t) };
      case 'set': return { type: 'as-set', name: t.text };
      case 'peeras': return { type: 'peeras' };
      case 'punct':
        switch (t.text) {
          case '.': return { type: 'wildcard' };
          case '^': return { type: 'bol' };
          case '$': return { type: 'eol' };
          case '(': {
            const inner = this.alt();
            this.expect(')');
            return { type: 'group', inner };
          }
          case '[': return this.cls();
        }
    }
    return this.fail(t, `expected an AS number, as-set, PeerAS, '.', '[', '(' , '^' or '$' in AS-path regular expression but found ${this.desc(t)}`);
  }

  private cls(): AsPathRegex {
    const negated = this.is('^');
    if (negated) this.i++;
    const members: AsPathClassMember[] = [];
    while (!this.is(']')) {
      const t = this.peek();
      this.i++;
      if (t.kind === 'asn') {
        const from = this.asn(t);
        if (this.is('-')) {
          this.i++;
          const u = this.peek();
          if (u.kind !== 'asn') this.fail(u, `expected an AS number after '-' in an AS-path range but found ${this.desc(u)}`);
          this.i++;
          const to = this.asn(u);
          if (to < from) this.fail(t, `AS-path range AS${from} - AS${to} is empty (the first AS number is larger)`);
          members.push({ type: 'range', from, to });
        } else members.push({ type: 'asn', asn: from });
      } else if (t.kind === 'set') members.push({ type: 'as-set', name: t.text });
      else if (t.kind === 'peeras') members.push({ type: 'peeras' });
      else if (t.kind === 'punct' && t.text === '.') members.push({ type: 'wildcard' });
      else this.fail(t, `expected an AS number, range, as-set, PeerAS, '.' or ']' in '[…]' but found ${this.desc(t)}`);
    }
    this.i++;
    return { type: 'class', negated, members };
  }

  private num(): number {
    const t = this.peek();
    if (t.kind !== 'num') this.fail(t, `expected a number in '{…}' repetition but found ${this.desc(t)}`);
    this.i++;
    return Number(t.text);
  }

  /** `{m}`, `{m,}`, `{m,n}` after the '{'. */
  private bounds(): { min: number; max: number | null } {
    const open = this.peek(-1);
    const min = this.num();
    let max: number | null = min;
    if (this.is(',')) {
      this.i++;
      max = this.is('}') ? null : this.num();
    }
    this.expect('}');
    if (max !== null && max < min) this.fail(open, `repetition {${min},${max}}: ${min} is greater than ${max}`);
    return { min, max };
  }

  private postfix(): { min: number; max: number | null; sameAs: boolean } | undefined {
    const t = this.peek();
    if (t.kind !== 'punct') return undefined;
    switch (t.text) {
      case '*': this.i++; return { min: 0, max: null, sameAs: false };
      case '+': this.i++; return { min: 1, max: null, sameAs: false };
      case '?': this.i++; return { min: 0, max: 1, sameAs: false };
      case '{': this.i++; return { ...this.bounds(), sameAs: false };
      case '~': {
        this.i++;
        const u = this.peek();
        if (this.is('*')) { this.i++; return { min: 0, max: null, sameAs: true }; }
        if (this.is('+')) { this.i++; return { min: 1, max: null, sameAs: true }; }
        if (this.is('{')) { this.i++; return { ...this.bounds(), sameAs: true }; }
        return this.fail(u, `expected '*', '+' or '{' after '~' but found ${this.desc(u)}`);
      }
    }
    return undefined;
  }
}

/** Parses the body of `<…>` at `base` in the policy value; problems are appended. */
export function parseAsPathRegex(body: string, base: number, problems: ProblemSink): AsPathRegex | undefined {
  return new RegexParser(body, base, problems).parse();
}
