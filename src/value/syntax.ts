/**
 * Value expressions: the subset of Rust expression syntax a value is written in (`Some(42)`,
 * `E::V { a: 1 }`, `[1, 2]`, `(1,)`, `-1.5`, `'x'`, `"s"`, `&5`, `vec![1]`, `Duration::new(1, 5)`,
 * `NonZeroU32::new(5).unwrap()`, `0x10 as *const u8`), tokenised by the input lexer and parsed into a
 * small tree with spans. Types are not consulted here; parse.ts reads the tree against a type.
 */
import type { Diagnostic, Outcome, Source, Span } from '../model/diagnostics.js';
import { fail, ok } from '../model/diagnostics.js';
import { TokenKind, lex, tokenKindName } from '../input/lexer.js';
import type { Tokens } from '../input/lexer.js';
import { valueError } from './codes.js';

const K = TokenKind;

export type Expr =
  | { readonly k: 'int'; readonly text: string; readonly span: Span }
  | { readonly k: 'float'; readonly text: string; readonly span: Span }
  | { readonly k: 'char'; readonly text: string; readonly span: Span }
  | { readonly k: 'str'; readonly text: string; readonly span: Span }
  | { readonly k: 'neg'; readonly e: Expr; readonly span: Span }
  | { readonly k: 'ref'; readonly e: Expr; readonly span: Span }
  /** `None`, `E::A`, `f64::NAN`, `true` (generic arguments `::<…>` are dropped). */
  | { readonly k: 'path'; readonly segs: readonly string[]; readonly span: Span }
  | { readonly k: 'call'; readonly segs: readonly string[]; readonly args: readonly Expr[]; readonly span: Span }
  | { readonly k: 'struct'; readonly segs: readonly string[]; readonly fields: readonly FieldExpr[]; readonly span: Span }
  | { readonly k: 'tuple'; readonly elems: readonly Expr[]; readonly span: Span }
  | { readonly k: 'array'; readonly elems: readonly Expr[]; readonly span: Span }
  | { readonly k: 'repeat'; readonly e: Expr; readonly count: Expr; readonly span: Span }
  /** `vec![…]` (elements or repeat). */
  | { readonly k: 'macro'; readonly name: string; readonly body: Expr; readonly span: Span }
  | { readonly k: 'method'; readonly recv: Expr; readonly name: string; readonly args: readonly Expr[]; readonly span: Span }
  /** `e as T`: the type text is kept for messages; the expected type decides. */
  | { readonly k: 'cast'; readonly e: Expr; readonly type: string; readonly span: Span };

export interface FieldExpr {
  readonly name: string;
  readonly e: Expr;
  readonly span: Span;
}

const MAX_DEPTH = 200;

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly t: Tokens, private readonly source: Source) {}

  private kind(at = this.i): number {
    return this.t.kinds[Math.min(at, this.t.count - 1)] as number;
  }
  private text(at = this.i): string {
    const j = Math.min(at, this.t.count - 1);
    return this.source.text.slice(this.t.starts[j], this.t.ends[j]);
  }
  private start(at = this.i): number {
    return this.t.starts[Math.min(at, this.t.count - 1)] as number;
  }
  private end(at: number): number {
    return this.t.ends[Math.min(at, this.t.count - 1)] as number;
  }
  private span(from: number): Span {
    return { source: this.source, start: this.start(from), end: this.end(Math.max(from, this.i - 1)) };
  }
  private err(msg: string): Diagnostic {
    const s: Span = { source: this.source, start: this.start(), end: Math.max(this.start() + 1, this.end(this.i)) };
    return valueError('value/syntax', msg, this.kind() === K.Eof ? { source: this.source, start: this.source.text.length, end: this.source.text.length } : s);
  }
  private found(): string {
    return this.kind() === K.Eof ? 'end of input' : `\`${this.text()}\``;
  }
  private eat(kind: number): boolean {
    if (this.kind() !== kind) return false;
    this.i++;
    return true;
  }
  private expect(kind: number, what: string): void {
    if (!this.eat(kind)) throw this.err(`expected ${what}, found ${this.found()}`);
  }

  top(): Expr {
    const e = this.expr();
    if (this.kind() !== K.Eof) throw this.err(`expected the end of the value, found ${this.found()}`);
    return e;
  }

  private expr(): Expr {
    if (++this.depth > MAX_DEPTH) throw this.err('value nests too deeply');
    try {
      const from = this.i;
      let e = this.prefix();
      for (;;) {
        if (this.kind() === K.Dot && this.kind(this.i + 1) === K.Ident) {
          this.i++;
          const name = this.text();
          this.i++;
          this.skipTurbofish();
          this.expect(K.OpenParen, '`(` after a method name');
          const args = this.list(K.CloseParen, ')');
          e = { k: 'method', recv: e, name, args, span: this.span(from) };
        } else if (this.kind() === K.Ident && this.text() === 'as') {
          this.i++;
          const tfrom = this.i;
          this.skipType();
          e = { k: 'cast', e, type: this.source.text.slice(this.start(tfrom), this.end(this.i - 1)), span: this.span(from) };
        } else {
          return e;
        }
      }
    } finally {
      this.depth--;
    }
  }

  private prefix(): Expr {
    const from = this.i;
    if (this.eat(K.Minus)) {
      const e = this.prefix();
      return { k: 'neg', e, span: this.span(from) };
    }
    if (this.kind() === K.And || this.kind() === K.AndAnd) {
      const double = this.kind() === K.AndAnd;
      this.i++;
      if (this.kind() === K.Ident && this.text() === 'mut') this.i++;
      const e = this.prefix();
      const inner: Expr = { k: 'ref', e, span: this.span(from) };
      return double ? { k: 'ref', e: inner, span: this.span(from) } : inner;
    }
    return this.primary();
  }

  private list(close: number, closeText: string): Expr[] {
    const out: Expr[] = [];
    while (!this.eat(close)) {
      out.push(this.expr());
      if (this.eat(close)) break;
      this.expect(K.Comma, `\`,\` or \`${closeText}\``);
    }
    return out;
  }

  private primary(): Expr {
    const from = this.i;
    const k = this.kind();
    const span = (): Span => this.span(from);
    switch (k) {
      case K.Int: case K.Float: {
        const text = this.text();
        this.i++;
        return { k: k === K.Int ? 'int' : 'float', text, span: span() };
      }
      case K.Char: case K.Byte: {
        const text = this.text();
        this.i++;
        return k === K.Char ? { k: 'char', text, span: span() } : { k: 'int', text, span: span() };
      }
      case K.Str: case K.RawStr: {
        const text = this.text();
        this.i++;
        return { k: 'str', text, span: span() };
      }
      case K.OpenParen: {
        this.i++;
        if (this.eat(K.CloseParen)) return { k: 'tuple', elems: [], span: span() };
        const first = this.expr();
        if (this.eat(K.CloseParen)) return first; // parenthesised
        this.expect(K.Comma, '`,` or `)`');
        const rest = this.list(K.CloseParen, ')');
        return { k: 'tuple', elems: [first, ...rest], span: span() };
      }
      case K.OpenBracket: return this.bracket(from);
      case K.Ident: case K.PathSep: case K.Lt: return this.pathExpr(from);
      default:
        throw this.err(`expected a value, found ${this.kind() === K.Eof ? 'end of input' : `\`${this.text()}\` (${tokenKindName(k)})`}`);
    }
  }

  private bracket(from: number): Expr {
    this.expect(K.OpenBracket, '`[`');
    if (this.eat(K.CloseBracket)) return { k: 'array', elems: [], span: this.span(from) };
    const first = this.expr();
    if (this.eat(K.Semi)) {
      const count = this.expr();
      this.expect(K.CloseBracket, '`]`');
      return { k: 'repeat', e: first, count, span: this.span(from) };
    }
    if (this.eat(K.CloseBracket)) return { k: 'array', elems: [first], span: this.span(from) };
    this.expect(K.Comma, '`,` or `]`');
    const rest = this.list(K.CloseBracket, ']');
    return { k: 'array', elems: [first, ...rest], span: this.span(from) };
  }

  private skipTurbofish(): void {
    if (this.kind() === K.PathSep && this.kind(this.i + 1) === K.Lt) {
      this.i++;
      this.skipAngles();
    }
  }

  /** Skips `<…>` with nesting (`>>` closes two). */
  private skipAngles(): void {
    let depth = 0;
    do {
      const k = this.kind();
      if (k === K.Eof) throw this.err('unclosed `<`');
      if (k === K.Lt) depth++;
      else if (k === K.Shl) depth += 2;
      else if (k === K.Gt) depth--;
      else if (k === K.Shr) depth -= 2;
      this.i++;
    } while (depth > 0);
  }

  /** A type after `as`: tokens up to a `,` `)` `]` `}` `.` at depth 0. */
  private skipType(): void {
    const start = this.i;
    let depth = 0;
    for (;;) {
      const k = this.kind();
      if (k === K.Eof) break;
      if (depth === 0 && (k === K.Comma || k === K.CloseParen || k === K.CloseBracket || k === K.CloseBrace || k === K.Dot)) break;
      if (k === K.Lt || k === K.OpenParen || k === K.OpenBracket) depth++;
      if (k === K.Gt || k === K.CloseParen || k === K.CloseBracket) depth--;
      if (k === K.Shr) depth -= 2;
      this.i++;
    }
    if (this.i === start) throw this.err(`expected a type after \`as\`, found ${this.found()}`);
  }

  private pathExpr(from: number): Expr {
    const segs: string[] = [];
    if (this.kind() === K.Lt) throw this.err('qualified paths (`<T as Trait>::…`) are not values');
    this.eat(K.PathSep);
    for (;;) {
      if (this.kind() !== K.Ident && this.kind() !== K.RawIdent) throw this.err(`expected a name, found ${this.found()}`);
      segs.push(this.text().replace(/^r#/, ''));
      this.i++;
      if (this.kind() === K.PathSep && this.kind(this.i + 1) === K.Lt) { this.skipTurbofish(); }
      // `PhantomData<u32>` (how Debug prints it): generic arguments without `::`.
      else if (this.kind() === K.Lt) this.skipAngles();
      if (this.kind() === K.PathSep && (this.kind(this.i + 1) === K.Ident || this.kind(this.i + 1) === K.RawIdent)) { this.i++; continue; }
      break;
    }
    if (segs.length === 1 && (segs[0] === 'true' || segs[0] === 'false')) return { k: 'path', segs, span: this.span(from) };
    if (this.kind() === K.Not && segs.length === 1) {
      this.i++;
      const open = this.kind();
      if (open !== K.OpenBracket && open !== K.OpenParen) throw this.err(`expected \`[\` after \`${segs[0] ?? ''}!\`, found ${this.found()}`);
      const body = open === K.OpenBracket ? this.bracket(this.i) : this.parenMacro();
      return { k: 'macro', name: segs[0] as string, body, span: this.span(from) };
    }
    if (this.eat(K.OpenParen)) return { k: 'call', segs, args: this.list(K.CloseParen, ')'), span: this.span(from) };
    if (this.kind() === K.OpenBrace) return this.structExpr(segs, from);
    return { k: 'path', segs, span: this.span(from) };
  }

  private parenMacro(): Expr {
    const from = this.i;
    this.expect(K.OpenParen, '`(`');
    return { k: 'array', elems: this.list(K.CloseParen, ')'), span: this.span(from) };
  }

  private structExpr(segs: string[], from: number): Expr {
    this.expect(K.OpenBrace, '`{`');
    const fields: FieldExpr[] = [];
    while (!this.eat(K.CloseBrace)) {
      const f = this.i;
      if (this.kind() !== K.Ident && this.kind() !== K.Int) throw this.err(`expected a field name, found ${this.found()}`);
      const name = this.text();
      this.i++;
      this.expect(K.Colon, '`:` after the field name');
      const e = this.expr();
      fields.push({ name, e, span: this.span(f) });
      if (this.eat(K.CloseBrace)) break;
      this.expect(K.Comma, '`,` or `}`');
    }
    return { k: 'struct', segs, fields, span: this.span(from) };
  }
}

/** Parses a value expression (no type needed yet). */
export function parseExpr(source: Source): Outcome<Expr> {
  const lexed = lex(source);
  // Lexical errors (an unterminated string, a bad escape) are syntax errors of the value.
  if (lexed.errors.length > 0) return fail(...lexed.errors.map((d) => valueError('value/syntax', d.message, d.span)));
  const p = new Parser(lexed.tokens, source);
  try {
    return ok(p.top());
  } catch (e) {
    if (e instanceof Error) throw e;
    return fail(e as Diagnostic);
  }
}
