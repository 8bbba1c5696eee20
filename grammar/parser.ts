/**
 * RPSL policy grammar (RFC 2622 §5–6, RFC 4012 §2, draft-snijders-rpsl-via) as a Chevrotain
 * embedded-actions parser: the rules build the typed AST of ast.ts directly (no CST pass),
 * one rule per production.
 *
 * Semantic checks (AS number range, asdot, prefixes, range operators, from/to and
 * accept/announce matching the attribute, afi where RPSL has none) do not stop the parse:
 * they are collected as `Problem`s with their offset, and the caller decides what an error
 * means for the AST.
 *
 * Every computation on token images runs inside ACTION() or behind `RECORDING_PHASE`:
 * Chevrotain records the grammar once by running the rules with placeholder tokens.
 */
import { EmbeddedActionsParser, EOF, type IOrAlt, type IParserErrorMessageProvider, type IToken, type TokenType } from 'chevrotain';
import type {
  Action as ActionNode, ActionOperator, ActionValue, AfiSpec, AsExpression, DefaultPolicy, Filter, Peering,
  PeeringAction, PolicyAttributeName, PolicyExpression, PolicyFactor, RangeOperator, RouterExpression,
} from './ast.js';
import { allowsAfi, isImport, isVia } from './attribute-kinds.js';
import { andExceptChain, chain } from './chains.js';
import type { Problem, ProblemSink } from './problems.js';
import { MAX_NESTING, MAX_PROBLEMS, NestingTooDeep, quote } from './problems.js';
import { parseAsPathRegex } from './regex.js';
import * as T from './tokens.js';
import { checkAsn, checkIpv4Prefix, checkIpv6Prefix, checkRangeOp, normaliseAddress, shortRangeWarning } from './values.js';
import { printValue } from './print.js';
import { reservedAsnReason, setName } from './names.js';
import { checkAction } from './dictionary.js';
import { afiMask, ALL_FAMILIES_MASK, emptyScopeMessage, hasScopes } from './scopes.js';

export interface PolicyHeader {
  protocol?: string;
  into?: string;
  afis?: AfiSpec[];
  /** Offset of the `afi` keyword, for diagnostics. */
  afiOffset?: number;
}

/** Tokens a router operand starts with (routerOperand's alternatives). */
const ROUTER_START: ReadonlySet<TokenType> = new Set([T.Ipv4Address, T.Ipv6Address, T.RtrsSetName, T.Not, T.Word]);

function describe(tok: IToken): string {
  return tok.tokenType === EOF ? 'the end of the value' : quote(tok.image);
}

function label(t: TokenType): string {
  return t.LABEL ?? t.name;
}

function oneOf(types: TokenType[]): string {
  const labels = [...new Set(types.map(label))];
  if (labels.length <= 1) return labels[0] ?? 'something else';
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

/** Concise messages: what was expected (by label), what was found. */
const messages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual }) => `expected ${label(expected)} but found ${describe(actual)}`,
  buildNotAllInputParsedMessage: ({ firstRedundant }) => {
    const hint = firstRedundant.tokenType === T.From || firstRedundant.tokenType === T.To
      ? ' (several factors must be written in braces: { from … accept …; from … accept …; })'
      : '';
    return `unexpected ${describe(firstRedundant)} after the end of the policy${hint}`;
  },
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual }) =>
    `expected ${oneOf(expectedPathsPerAlt.flat().map((p) => p[0]).filter(Boolean))} but found ${describe(actual[0])}`,
  buildEarlyExitMessage: ({ expectedIterationPaths, actual }) =>
    `expected ${oneOf(expectedIterationPaths.map((p) => p[0]).filter(Boolean))} but found ${describe(actual[0])}`,
};


export class PolicyParser extends EmbeddedActionsParser {
  /** The value being parsed and the attribute it belongs to; set by `parse`. */
  private text = '';
  private attribute: PolicyAttributeName = 'import';
  problems: Problem[] = [];
  /** Problems past MAX_PROBLEMS: counted, not kept. */
  suppressed = { errors: 0, warnings: 0, firstOffset: 0 };
  /** Current nesting (parentheses, NOT, braces, REFINE/EXCEPT, value lists). */
  private depth = 0;
  /** Families in scope where the parse is (grammar/scopes.ts), and EXCEPT right operands entered. */
  private scope = ALL_FAMILIES_MASK;
  private exceptDepth = 0;
  /** Set when the attribute's REFINE scopes leave it no family at all (it yields nothing). */
  emptyScope = false;
  /** The regex parser reports through the same cap. */
  private readonly sink: ProblemSink = { push: (p) => this.problem(p.offset, p.severity, p.message) };
  /** Alternatives of each OR, built once: Chevrotain's advice for hot rules. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private alts: Record<string, IOrAlt<any>[]> = {};

  constructor(validate = false) {
    super(T.allTokens, { recoveryEnabled: false, maxLookahead: 2, skipValidations: !validate, errorMessageProvider: messages });
    this.performSelfAnalysis();
  }

  /** Prepares a parse of `text` (already lexed into `tokens`). */
  begin(attribute: PolicyAttributeName, text: string, tokens: IToken[]): void {
    this.attribute = attribute;
    this.text = text;
    this.problems = [];
    this.suppressed = { errors: 0, warnings: 0, firstOffset: 0 };
    this.depth = 0;
    this.scope = ALL_FAMILIES_MASK;
    this.exceptDepth = 0;
    this.emptyScope = false;
    this.input = tokens;
  }

  private problem(offset: number, severity: Problem['severity'], message: string): void {
    // The EOF token has no offset: such problems sit at the end of the value.
    const at = Number.isNaN(offset) ? this.text.length : offset;
    if (this.problems.length < MAX_PROBLEMS) {
      this.problems.push({ offset: at, severity, message });
      return;
    }
    const s = this.suppressed;
    if (s.errors + s.warnings === 0) s.firstOffset = at;
    if (severity === 'error') s.errors++;
    else s.warnings++;
  }

  /** One level deeper at `tok` (call inside ACTION); throws past MAX_NESTING. */
  private enter(tok: IToken): void {
    if (++this.depth > MAX_NESTING) throw new NestingTooDeep(Number.isNaN(tok.startOffset) ? this.text.length : tok.startOffset);
  }

  private leave(): void {
    this.depth--;
  }

  private slice(first: IToken, last: IToken): string {
    return this.text.slice(first.startOffset, last.startOffset + last.image.length);
  }

  private asn(tok: IToken): number {
    const c = checkAsn(tok.image);
    if (!c.ok) {
      this.problem(tok.startOffset, 'error', c.error);
      return -1;
    }
    if (c.warning) this.problem(tok.startOffset, 'warning', c.warning);
    return c.value;
  }

  /** An AS number in a peering: AS0 and AS_TRANS are kept, with a warning that no link is drawn to them. */
  private peerAsn(tok: IToken): number {
    const asn = this.asn(tok);
    const reserved = reservedAsnReason(asn);
    if (reserved) this.problem(tok.startOffset, 'warning', `${reserved}: it cannot be a BGP neighbour, so no link is inferred to it`);
    return asn;
  }

  private rangeOp(tok: IToken | undefined, maxLength?: number): RangeOperator | undefined {
    if (!tok) return undefined;
    const c = checkRangeOp(tok.image, maxLength);
    if (!c.ok) {
      this.problem(tok.startOffset, 'error', c.error);
      return undefined;
    }
    return c.value;
  }

  /** `from`/`to` and `accept`/`announce` must match the attribute's direction. */
  private direction(tok: IToken, importKw: TokenType, exportKw: TokenType): void {
    const wantImport = isImport(this.attribute);
    const want = wantImport ? importKw : exportKw;
    if (tok.tokenType !== want) {
      this.problem(tok.startOffset, 'error', `${this.attribute}: expected ${label(want)} but found ${quote(tok.image)}`);
    }
  }

  /** RFC 2622's import/export/default have no afi; RFC 4012 and the -via drafts do. */
  private checkAfiAllowed(offset: number): void {
    if (allowsAfi(this.attribute)) return;
    this.problem(offset, 'warning', `'afi' is not part of ${this.attribute}: (RFC 2622); write mp-${this.attribute}: for other address families`);
  }

  /** Scopes the right operand of REFINE/EXCEPT `kw` (afi list `afis`); warns when none is left. */
  private enterScope(kw: IToken, afis: AfiSpec[] | undefined): void {
    const except = kw.tokenType === T.Except;
    if (except) this.exceptDepth++;
    if (!afis || !hasScopes(this.attribute)) return;
    const inner = this.scope & afiMask(afis);
    if (inner === 0 && this.scope !== 0) {
      const { message, whole } = emptyScopeMessage(except ? 'except' : 'refine', this.attribute, this.exceptDepth > (except ? 1 : 0));
      if (whole) this.emptyScope = true;
      this.problem(kw.startOffset, 'warning', message);
    }
    this.scope = inner;
  }

  // ---- top level -------------------------------------------------------------------------

  /** `[protocol P1] [into P2] [afi <list>]` */
  header = this.RULE('header', (): PolicyHeader => {
    const h: PolicyHeader = {};
    this.OPTION(() => {
      this.CONSUME(T.Protocol);
      const p = this.CONSUME(T.Word);
      this.ACTION(() => { h.protocol = p.image.toUpperCase(); });
    });
    this.OPTION2(() => {
      this.CONSUME(T.Into);
      const p = this.CONSUME2(T.Word);
      this.ACTION(() => { h.into = p.image.toUpperCase(); });
    });
    this.OPTION3(() => {
      const kw = this.CONSUME(T.Afi);
      const afis = this.SUBRULE(this.afiList);
      this.ACTION(() => {
        h.afis = afis;
        h.afiOffset = kw.startOffset;
        this.checkAfiAllowed(kw.startOffset);
      });
    });
    return h;
  });

  afiList = this.RULE('afiList', (): AfiSpec[] => {
    const list: AfiSpec[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const t = this.OR((this.alts.afi ??= [{ ALT: () => this.CONSUME(T.AfiValue) }, { ALT: () => this.CONSUME(T.Any) }]));
        this.ACTION(() => {
          const [afi, safi] = t.image.toLowerCase().split('.') as [AfiSpec['afi'], AfiSpec['safi']];
          list.push(safi ? { afi, safi } : { afi });
        });
      },
    });
    return list;
  });

  /** import/export(-via) value: header, then a policy expression. */
  policy = this.RULE('policy', () => {
    const header = this.SUBRULE(this.header);
    this.ACTION(() => { this.scope = hasScopes(this.attribute) ? afiMask(header.afis) : ALL_FAMILIES_MASK; });
    const body = this.SUBRULE(this.expression);
    return { header, body };
  });

  /** default/mp-default value: `[afi …] to <peering> [action …] [networks <filter>]`. */
  defaultPolicy = this.RULE('defaultPolicy', () => {
    const header = this.SUBRULE(this.header);
    const kw = this.OR((this.alts.defaultKw ??= [{ ALT: () => this.CONSUME(T.To) }, { ALT: () => this.CONSUME(T.From) }]));
    this.ACTION(() => {
      if (kw.tokenType !== T.To) this.problem(kw.startOffset, 'error', `${this.attribute}: expected 'to' but found ${quote(kw.image)}`);
    });
    const peering = this.SUBRULE(this.peering);
    let actions: ActionNode[] = [];
    let networks: Filter | undefined;
    this.OPTION(() => { actions = this.SUBRULE(this.actions); });
    this.OPTION2(() => {
      this.CONSUME(T.Networks);
      networks = this.SUBRULE(this.filter);
    });
    this.OPTION3(() => this.CONSUME(T.Semi));
    const body: DefaultPolicy = { type: 'default', peering, actions };
    this.ACTION(() => { if (networks) body.networks = networks; });
    return { header, body };
  });

  // ---- policy expressions ----------------------------------------------------------------

  /** `term [EXCEPT|REFINE [afi …] expression]`: right-recursive as in RFC 2622/4012's BNF. */
  expression = this.RULE('expression', (): PolicyExpression => {
    const left = this.SUBRULE(this.term);
    let result = left;
    this.OPTION(() => {
      const s = this.SUBRULE(this.structuredTail);
      this.ACTION(() => { result = { ...s, left }; });
    });
    return result;
  });

  /** `EXCEPT|REFINE [afi …] expression`; `left` is filled in by the caller. */
  structuredTail = this.RULE('structuredTail', () => {
    const kw = this.OR((this.alts.structured ??= [{ ALT: () => this.CONSUME(T.Except) }, { ALT: () => this.CONSUME(T.Refine) }]));
    this.ACTION(() => this.enter(kw));
    let afis: AfiSpec[] | undefined;
    this.OPTION(() => {
      const a = this.CONSUME(T.Afi);
      afis = this.SUBRULE(this.afiList);
      this.ACTION(() => this.checkAfiAllowed(a.startOffset));
    });
    const outer = this.scope;
    this.ACTION(() => this.enterScope(kw, afis));
    const right = this.SUBRULE(this.expression);
    return this.ACTION(() => {
      this.leave();
      this.scope = outer;
      if (kw.tokenType === T.Except) this.exceptDepth--;
      const type = kw.tokenType === T.Except ? ('except' as const) : ('refine' as const);
      return afis ? { type, afis, right } : { type, right };
    })!;
  });

  /**
   * `factor [;]` or `{ factor; … }`. Inside braces a structured tail is accepted too, as in
   * RFC 2622 §6.6's example (`accept as-foo; except { from AS2 …; except { … } }`).
   */
  term = this.RULE('term', (): PolicyExpression => {
    return this.OR((this.alts.term ??= [
      { ALT: () => this.SUBRULE(this.bracedTerm) },
      {
        ALT: () => {
          const f = this.SUBRULE(this.factor);
          this.OPTION(() => this.CONSUME(T.Semi));
          return { type: 'term' as const, braced: false, factors: [f] };
        },
      },
    ]));
  });

  bracedTerm = this.RULE('bracedTerm', (): PolicyExpression => {
    const open = this.CONSUME(T.LCurly);
    this.ACTION(() => this.enter(open));
    const factors: PolicyFactor[] = [];
    let tail: ReturnType<typeof this.structuredTail> | undefined;
    this.MANY(() => {
      const f = this.SUBRULE(this.factor);
      factors.push(f);
      const semi = this.OPTION(() => this.CONSUME(T.Semi));
      this.ACTION(() => {
        if (!semi) this.problem(this.LA(1).startOffset, 'warning', `missing ';' after ${quote(f.text)} inside '{ … }'`);
      });
    });
    this.OPTION2(() => { tail = this.SUBRULE(this.structuredTail); });
    this.CONSUME(T.RCurly);
    this.ACTION(() => this.leave());
    this.OPTION3(() => this.CONSUME2(T.Semi));
    const block: PolicyExpression = { type: 'term', braced: true, factors };
    return tail ? { ...tail, left: block } : block;
  });

  /** One or more peering-actions, then `accept`/`announce <filter>`. */
  factor = this.RULE('factor', (): PolicyFactor => {
    const first = this.LA(1);
    const peerings: PeeringAction[] = [];
    this.AT_LEAST_ONE(() => { peerings.push(this.SUBRULE(this.peeringAction)); });
    const kw = this.OR((this.alts.acceptKw ??= [{ ALT: () => this.CONSUME(T.Accept) }, { ALT: () => this.CONSUME(T.Announce) }]));
    const filter = this.SUBRULE(this.filter);
    return this.ACTION(() => {
      this.direction(kw, T.Accept, T.Announce);
      return { peerings, filter, text: this.slice(first, this.LA(0)) };
    })!;
  });

  /** `[<via-peering>] from|to <peering> [action …]` */
  peeringAction = this.RULE('peeringAction', (): PeeringAction => {
    let via: Peering | undefined;
    this.OPTION(() => { via = this.SUBRULE(this.peering); });
    const kw = this.OR((this.alts.fromKw ??= [{ ALT: () => this.CONSUME(T.From) }, { ALT: () => this.CONSUME(T.To) }]));
    const peering = this.SUBRULE2(this.peering);
    let actions: ActionNode[] = [];
    this.OPTION2(() => { actions = this.SUBRULE(this.actions); });
    return this.ACTION(() => {
      this.direction(kw, T.From, T.To);
      const viaAttribute = isVia(this.attribute);
      if (viaAttribute && !via) this.problem(kw.startOffset, 'error', `${this.attribute}: expected the intermediate AS (e.g. 'AS6777 ${kw.image} …') before ${quote(kw.image)}`);
      if (!viaAttribute && via) this.problem(kw.startOffset - 1, 'error', `${this.attribute}: unexpected ${quote(via.text)} before ${quote(kw.image)} (only import-via/export-via name an intermediate AS)`);
      return via ? { peering, actions, via } : { peering, actions };
    })!;
  });

  // ---- peerings --------------------------------------------------------------------------

  /** `<as-expression> [<router-expression>] [at <router-expression>]` or a prng- set. */
  peering = this.RULE('peering', (): Peering => {
    return this.OR((this.alts.peering ??= [
      {
        ALT: () => {
          const t = this.CONSUME(T.PeeringSetName);
          return this.ACTION(() => ({ type: 'peering-set' as const, name: setName(t.image), text: t.image }))!;
        },
      },
      { ALT: () => this.SUBRULE(this.asPeering) },
    ]));
  });

  asPeering = this.RULE('asPeering', (): Peering => {
    const first = this.LA(1);
    const as = this.SUBRULE(this.asExpression);
    let remoteRouter: RouterExpression | undefined;
    let localRouter: RouterExpression | undefined;
    // A '(' after the AS expression opens a router expression only when a router follows it:
    // in `export-via` the next peering's AS expression may start with one (`AS1 to AS2 (AS3 OR
    // AS4) to AS5`), which printPolicy writes so.
    this.OPTION({ GATE: () => this.routerAhead(), DEF: () => { remoteRouter = this.SUBRULE(this.routerExpression); } });
    this.OPTION2(() => {
      this.CONSUME(T.At);
      localRouter = this.SUBRULE2(this.routerExpression);
    });
    return this.ACTION(() => {
      const p: Peering = { type: 'peering', as, text: this.slice(first, this.LA(0)) };
      if (remoteRouter) p.remoteRouter = remoteRouter;
      if (localRouter) p.localRouter = localRouter;
      return p;
    })!;
  });

  /** OR binds loosest; AND and EXCEPT share a level, left-associative (as IRRToolSet). */
  // Chains: the operand list is only allocated when there is a second operand (the common
  // case has one), and built outside ACTION: during grammar recording `items` stays unset.
  asExpression = this.RULE('asExpression', (): AsExpression => {
    const first = this.SUBRULE(this.asTerm);
    let items: AsExpression[] | undefined;
    this.MANY(() => {
      this.CONSUME(T.Or);
      const next = this.SUBRULE2(this.asTerm);
      this.ACTION(() => { (items ??= [first]).push(next); });
    });
    return items ? chain('or', items) : first;
  });

  asTerm = this.RULE('asTerm', (): AsExpression => {
    const first = this.SUBRULE(this.asOperand);
    let items: AsExpression[] | undefined;
    const ops: ('and' | 'except')[] = [];
    this.MANY(() => {
      const op = this.OR((this.alts.asOp ??= [
        {
          ALT: () => {
            this.CONSUME(T.And);
            // `AS-FOO and not AS2` (RFC 2622 §5.6's example; its grammar has only EXCEPT) = EXCEPT.
            const not = this.OPTION(() => this.CONSUME(T.Not));
            return { type: not ? 'except' as const : 'and' as const, not };
          },
        },
        { ALT: () => { this.CONSUME(T.Except); return { type: 'except' as const, not: undefined }; } },
      ]));
      const next = this.SUBRULE2(this.asOperand);
      this.ACTION(() => {
        if (op.not) this.problem(op.not.startOffset, 'warning', "'and not' in a peering is not in RFC 2622's grammar; read as EXCEPT");
        (items ??= [first]).push(next);
        ops.push(op.type);
      });
    });
    return items ? andExceptChain(items, ops) : first;
  });

  asOperand = this.RULE('asOperand', (): AsExpression => {
    return this.OR((this.alts.asOperand ??= [
      { ALT: () => { const t = this.CONSUME(T.Asn); return this.ACTION(() => ({ type: 'asn' as const, asn: this.peerAsn(t), text: t.image }))!; } },
      { ALT: () => { const t = this.CONSUME(T.AsSetName); return this.ACTION(() => ({ type: 'as-set' as const, name: setName(t.image) }))!; } },
      { ALT: () => { this.CONSUME(T.AsAny); return { type: 'as-any' as const }; } },
      { ALT: () => { this.CONSUME(T.PeerAs); return { type: 'peeras' as const }; } },
      {
        ALT: () => {
          const open = this.CONSUME(T.LParen);
          this.ACTION(() => this.enter(open));
          const e = this.SUBRULE(this.asExpression);
          this.CONSUME(T.RParen);
          this.ACTION(() => this.leave());
          return e;
        },
      },
    ]));
  });

  /** Whether the next tokens, past any '(', start a router operand (an address, rtrs- set, `not` or a name). */
  private routerAhead(): boolean {
    let k = 1;
    while (this.LA(k).tokenType === T.LParen) k++;
    return ROUTER_START.has(this.LA(k).tokenType);
  }

  routerExpression = this.RULE('routerExpression', (): RouterExpression => {
    const first = this.SUBRULE(this.routerTerm);
    let items: RouterExpression[] | undefined;
    this.MANY(() => {
      this.CONSUME(T.Or);
      const next = this.SUBRULE2(this.routerTerm);
      this.ACTION(() => { (items ??= [first]).push(next); });
    });
    return items ? chain('or', items) : first;
  });

  routerTerm = this.RULE('routerTerm', (): RouterExpression => {
    const first = this.SUBRULE(this.routerOperand);
    let items: RouterExpression[] | undefined;
    const ops: ('and' | 'except')[] = [];
    this.MANY(() => {
      const op = this.OR((this.alts.rtrOp ??= [{ ALT: () => this.CONSUME(T.And) }, { ALT: () => this.CONSUME(T.Except) }]));
      const next = this.SUBRULE2(this.routerOperand);
      this.ACTION(() => {
        (items ??= [first]).push(next);
        ops.push(op.tokenType === T.And ? 'and' : 'except');
      });
    });
    return items ? andExceptChain(items, ops) : first;
  });

  routerOperand = this.RULE('routerOperand', (): RouterExpression => {
    return this.OR((this.alts.routerOperand ??= [
      { ALT: () => { const t = this.CONSUME(T.Ipv4Address); return this.ACTION(() => this.address(t))!; } },
      { ALT: () => { const t = this.CONSUME(T.Ipv6Address); return this.ACTION(() => this.address(t))!; } },
      { ALT: () => { const t = this.CONSUME(T.RtrsSetName); return this.ACTION(() => ({ type: 'rtrs-set' as const, name: setName(t.image) }))!; } },
      {
        ALT: () => {
          const t = this.CONSUME(T.Not);
          this.ACTION(() => this.enter(t));
          const operand = this.SUBRULE2(this.routerOperand);
          return this.ACTION(() => {
            this.leave();
            this.problem(t.startOffset, 'warning', "'not' in a router expression is not in RFC 2622's grammar (its §5.6 example uses it); kept as written");
            return { type: 'not' as const, operand };
          })!;
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.Word);
          return this.ACTION(() => {
            // RFC 2622 §9: an inet-rtr name is a DNS name, and one label is one (`rtr1`,
            // `AS65000---XYZ---mx01-fra1`). Keywords are tokens of their own, so a word
            // here can only be a router; a ':' cannot be in a DNS name.
            if (t.image.includes(':')) this.problem(t.startOffset, 'error', `expected a router address, DNS name or rtrs- set but found ${quote(t.image)} (a DNS name has no ':')`);
            return { type: 'dns' as const, name: t.image.toLowerCase() };
          })!;
        },
      },
      {
        ALT: () => {
          const open = this.CONSUME(T.LParen);
          this.ACTION(() => this.enter(open));
          const e = this.SUBRULE(this.routerExpression);
          this.CONSUME(T.RParen);
          this.ACTION(() => this.leave());
          return e;
        },
      },
    ]));
  });

  private address(t: IToken): RouterExpression {
    const a = normaliseAddress(t.image);
    if (!a) this.problem(t.startOffset, 'error', `${quote(t.image)} is not a valid router address`);
    return { type: 'address', address: a ?? t.image };
  }

  // ---- actions ---------------------------------------------------------------------------

  /** `action a; b; …` (RFC 2622 §6.1.1); a missing final ';' is tolerated with a warning. */
  actions = this.RULE('actions', (): ActionNode[] => {
    this.CONSUME(T.Action);
    const list: ActionNode[] = [];
    this.AT_LEAST_ONE(() => {
      const first = this.LA(1);
      const a = this.SUBRULE(this.action);
      list.push(a);
      const semi = this.OPTION(() => this.CONSUME(T.Semi));
      this.ACTION(() => {
        const misfit = checkAction(a);
        if (misfit) this.problem(first.startOffset, 'warning', misfit);
        if (!semi) this.problem(this.LA(1).startOffset, 'warning', `missing ';' after action ${quote(a.text)}`);
      });
    });
    return list;
  });

  /** `attr op value` or `attr.method(args)`. */
  action = this.RULE('action', (): ActionNode => {
    this.CONSUME(T.Word);
    // The alternatives are cached, so they read the name token back instead of capturing it.
    return this.OR((this.alts.action ??= [
      {
        ALT: () => {
          const name = this.LA(0);
          const op = this.CONSUME(T.Operator);
          const value = this.SUBRULE(this.actionValue);
          return this.ACTION(() => ({
            type: 'assign' as const, attribute: name.image.toLowerCase(), operator: op.image as ActionOperator, value,
            text: this.slice(name, this.LA(0)),
          }))!;
        },
      },
      {
        ALT: () => {
          const name = this.LA(0);
          const args = this.SUBRULE(this.argumentList);
          return this.ACTION((): ActionNode => {
            const text = this.slice(name, this.LA(0));
            const dot = name.image.lastIndexOf('.');
            if (dot < 0) {
              this.problem(name.startOffset, 'error', `expected 'attribute.method(…)' or an operator after ${quote(name.image)}`);
              return { type: 'call', attribute: name.image.toLowerCase(), method: '', args, text };
            }
            return { type: 'call', attribute: name.image.slice(0, dot).toLowerCase(), method: name.image.slice(dot + 1).toLowerCase(), args, text };
          })!;
        },
      },
    ]));
  });

  argumentList = this.RULE('argumentList', (): ActionValue[] => {
    const args: ActionValue[] = [];
    this.CONSUME(T.LParen);
    this.MANY_SEP({ SEP: T.Comma, DEF: () => { args.push(this.SUBRULE(this.actionValue)); } });
    this.CONSUME(T.RParen);
    return args;
  });

  actionValue = this.RULE('actionValue', (): ActionValue => {
    return this.OR((this.alts.actionValue ??= [
      { ALT: () => { const t = this.CONSUME(T.Num); return this.ACTION(() => ({ type: 'number' as const, value: Number(t.image) }))!; } },
      { ALT: () => { const t = this.CONSUME(T.Asn); return this.ACTION(() => ({ type: 'asn' as const, asn: this.asn(t) }))!; } },
      {
        ALT: () => {
          const t = this.OR2((this.alts.word ??= [
            { ALT: () => this.CONSUME(T.Word) },
            { ALT: () => this.CONSUME(T.CommunityValue) },
            { ALT: () => this.CONSUME(T.Ipv4Address) },
            { ALT: () => this.CONSUME(T.Ipv6Address) },
            { ALT: () => this.CONSUME(T.AsSetName) },
          ]));
          return this.ACTION(() => ({ type: 'word' as const, value: t.image }))!;
        },
      },
      {
        ALT: () => {
          const items: ActionValue[] = [];
          const open = this.CONSUME(T.LCurly);
          this.ACTION(() => this.enter(open));
          this.MANY_SEP({ SEP: T.Comma, DEF: () => { items.push(this.SUBRULE(this.actionValue)); } });
          this.CONSUME(T.RCurly);
          this.ACTION(() => this.leave());
          return { type: 'list' as const, items };
        },
      },
    ]));
  });

  // ---- filters ---------------------------------------------------------------------------

  /** NOT > AND > OR; juxtaposition is OR; chains as in chains.ts (short ones left-folded). */
  filter = this.RULE('filter', (): Filter => {
    const first = this.SUBRULE(this.filterTerm);
    let items: Filter[] | undefined;
    this.MANY(() => {
      this.OPTION(() => this.CONSUME(T.Or));
      const next = this.SUBRULE2(this.filterTerm);
      this.ACTION(() => { (items ??= [first]).push(next); });
    });
    return items ? chain('or', items) : first;
  });

  filterTerm = this.RULE('filterTerm', (): Filter => {
    const first = this.SUBRULE(this.filterFactor);
    let items: Filter[] | undefined;
    this.MANY(() => {
      this.CONSUME(T.And);
      const next = this.SUBRULE2(this.filterFactor);
      this.ACTION(() => { (items ??= [first]).push(next); });
    });
    return items ? chain('and', items) : first;
  });

  filterFactor = this.RULE('filterFactor', (): Filter => {
    return this.OR((this.alts.filterFactor ??= [
      {
        ALT: () => {
          const t = this.CONSUME(T.Not);
          this.ACTION(() => this.enter(t));
          const operand = this.SUBRULE(this.filterFactor);
          this.ACTION(() => this.leave());
          return { type: 'not' as const, operand };
        },
      },
      { ALT: () => this.SUBRULE(this.filterOperand) },
    ]));
  });

  filterOperand = this.RULE('filterOperand', (): Filter => {
    return this.OR((this.alts.filterOperand ??= [
      {
        ALT: () => {
          const open = this.CONSUME(T.LParen);
          this.ACTION(() => this.enter(open));
          const f = this.SUBRULE(this.filter);
          this.CONSUME(T.RParen);
          this.ACTION(() => this.leave());
          return f;
        },
      },
      { ALT: () => { this.CONSUME(T.Any); return { type: 'any' as const }; } },
      { ALT: () => { this.CONSUME(T.AsAny); return { type: 'as-any' as const }; } },
      { ALT: () => { this.CONSUME(T.RsAny); return { type: 'rs-any' as const }; } },
      {
        ALT: () => {
          this.CONSUME(T.PeerAs);
          const op = this.OPTION(() => this.CONSUME(T.RangeOp));
          return this.ACTION(() => withOp({ type: 'peeras' }, this.rangeOp(op)))!;
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.Asn);
          const op = this.OPTION2(() => this.CONSUME2(T.RangeOp));
          return this.ACTION(() => withOp({ type: 'asn', asn: this.asn(t) }, this.rangeOp(op)))!;
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.AsSetName);
          const op = this.OPTION3(() => this.CONSUME3(T.RangeOp));
          return this.ACTION(() => withOp({ type: 'as-set', name: setName(t.image) }, this.rangeOp(op)))!;
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.RouteSetName);
          const op = this.OPTION4(() => this.CONSUME4(T.RangeOp));
          return this.ACTION(() => withOp({ type: 'route-set', name: setName(t.image) }, this.rangeOp(op)))!;
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.FilterSetName);
          return this.ACTION(() => ({ type: 'filter-set' as const, name: setName(t.image) }))!;
        },
      },
      { ALT: () => this.SUBRULE(this.prefixSet) },
      {
        ALT: () => {
          const t = this.CONSUME(T.AsPathRegex);
          return this.ACTION((): Filter => {
            const regex = parseAsPathRegex(t.image.slice(1, -1), t.startOffset + 1, this.sink);
            return { type: 'as-path', regex: regex ?? { type: 'seq', items: [] }, text: t.image };
          })!;
        },
      },
      { ALT: () => this.SUBRULE(this.communityFilter) },
    ]));
  });

  /**
   * `{ prefix[^op], … }[^op]`; may be empty and may mix families. Lenient, with a warning:
   * a trailing comma, host bits set, a range operator below the prefix length.
   */
  prefixSet = this.RULE('prefixSet', (): Filter => {
    const prefixes: Filter & { type: 'prefix-set' } = { type: 'prefix-set', prefixes: [] };
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      const p = this.OR((this.alts.prefix ??= [{ ALT: () => this.CONSUME(T.Ipv4Prefix) }, { ALT: () => this.CONSUME(T.Ipv6Prefix) }]));
      const op = this.OPTION(() => this.CONSUME(T.RangeOp));
      const comma = this.OPTION2(() => this.CONSUME(T.Comma));
      this.ACTION(() => {
        const c = p.tokenType === T.Ipv4Prefix ? checkIpv4Prefix(p.image) : checkIpv6Prefix(p.image);
        if (!c.ok) this.problem(p.startOffset, 'error', c.error);
        else {
          if (c.warning) this.problem(p.startOffset, 'warning', c.warning);
          const range = c.value;
          const r = this.rangeOp(op, range.family === 'ipv4' ? 32 : 128);
          if (r) {
            range.op = r;
            const short = shortRangeWarning(r, op!.image, range.prefix, range.length);
            if (short) this.problem(op!.startOffset, 'warning', short);
          }
          prefixes.prefixes.push(range);
        }
        const next = this.LA(1);
        if (comma && next.tokenType === T.RCurly) this.problem(comma.startOffset, 'warning', "trailing ',' in a prefix set; ignored");
        else if (!comma && next.tokenType !== T.RCurly) this.problem(next.startOffset, 'error', `expected ',' or '}' but found ${describe(next)}`);
      });
    });
    this.CONSUME(T.RCurly);
    const op = this.OPTION3(() => this.CONSUME2(T.RangeOp));
    return this.ACTION(() => {
      const r = this.rangeOp(op);
      // An operator on the set applies to every member (RFC 2622 §5.4).
      const short = r && prefixes.prefixes.map((p) => shortRangeWarning(r, op!.image, p.prefix, p.length)).find(Boolean);
      if (short) this.problem(op!.startOffset, 'warning', short);
      return withOp(prefixes, r);
    })!;
  });

  /** `community(…)`, `community.contains(…)`, `community == {…}` (RFC 2622 §7 dictionary). */
  communityFilter = this.RULE('communityFilter', (): Filter => {
    const name = this.CONSUME(T.Word);
    const args: string[] = [];
    let method: string | undefined;
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.MANY_SEP({ SEP: T.Comma, DEF: () => { const v = this.SUBRULE(this.actionValue); this.ACTION(() => args.push(printValue(v))); } });
          this.CONSUME(T.RParen);
        },
      },
      {
        ALT: () => {
          const op = this.CONSUME(T.EqEq);
          const v = this.SUBRULE2(this.actionValue);
          this.ACTION(() => {
            method = op.image;
            if (v.type === 'list') args.push(...v.items.map(printValue));
            else args.push(printValue(v));
          });
        },
      },
    ]);
    return this.ACTION((): Filter => {
      const lower = name.image.toLowerCase();
      const dot = lower.indexOf('.');
      const attr = dot < 0 ? lower : lower.slice(0, dot);
      if (attr !== 'community') this.problem(name.startOffset, 'error', `expected a filter but found ${quote(name.image)}`);
      if (dot >= 0) {
        if (method) this.problem(name.startOffset, 'error', `unexpected ${quote(name.image)} before '=='`);
        method = lower.slice(dot + 1);
      }
      const f: Filter = { type: 'community', args, text: this.slice(name, this.LA(0)) };
      if (method) f.method = method;
      return f;
    })!;
  });
}

function withOp<F extends Filter & { op?: RangeOperator }>(f: F, op: RangeOperator | undefined): F {
  if (op) f.op = op;
  return f;
}

