/**
 * The parser's cursor over a token stream: lookahead, expectations with `expected X, found Y`
 * diagnostics, token splitting (`>>` closing two generic lists, `&&` as two references), the nesting
 * limit, and balanced skipping of bodies the parser does not model.
 *
 * Errors abort the parse by throwing a ParseAbort, which the entry points (parser.ts) turn into an
 * Outcome: the first error wins and no partial tree escapes.
 */
import type { Diagnostic, DiagnosticCode, Source, Span } from '../model/diagnostics.js';
import { error } from '../model/diagnostics.js';
import type { Ident } from './ast.js';
import type { Tokens } from './lexer.js';
import { PUNCT_TEXT, TokenKind as K, lex } from './lexer.js';
import { stringLiteral } from './literal.js';

/** Types, const expressions, nested modules and delimiters may nest this deep, no deeper. */
export const MAX_DEPTH = 256;

/**
 * The one empty list every node without attributes, generics or arguments shares: a 10 MB file has
 * millions of them, and allocating each separately doubles the garbage collector's work.
 */
export const NONE: readonly never[] = Object.freeze([]);

export class ParseAbort {
  constructor(readonly diagnostic: Diagnostic) {}
}

/** Strict and reserved keywords (2018+ editions): never identifiers, except as `r#raw`. */
const KEYWORDS: ReadonlySet<string> = new Set([
  'as', 'break', 'const', 'continue', 'crate', 'else', 'enum', 'extern', 'false', 'fn', 'for', 'if', 'impl', 'in',
  'let', 'loop', 'match', 'mod', 'move', 'mut', 'pub', 'ref', 'return', 'self', 'Self', 'static', 'struct', 'super',
  'trait', 'true', 'type', 'unsafe', 'use', 'where', 'while', 'async', 'await', 'dyn', 'abstract', 'become', 'box',
  'do', 'final', 'macro', 'override', 'priv', 'typeof', 'unsized', 'virtual', 'yield', 'try', 'gen',
]);

export function isKeyword(word: string): boolean {
  return KEYWORDS.has(word);
}

const MAX_NAME_SLOTS = 4096;

function isOpen(k: number): boolean {
  return k === K.OpenParen || k === K.OpenBracket || k === K.OpenBrace;
}
function isClose(k: number): boolean {
  return k === K.CloseParen || k === K.CloseBracket || k === K.CloseBrace;
}
function closerOf(k: number): number {
  return k === K.OpenParen ? K.CloseParen : k === K.OpenBracket ? K.CloseBracket : K.CloseBrace;
}

export class Cursor {
  readonly source: Source;
  readonly text: string;
  private readonly kinds: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  /** Index of the Eof token. */
  private readonly eof: number;
  pos = 0;
  /** End offset of the last consumed token (or token part, after a split). */
  prevEnd = 0;
  depth = 0;
  /** `impl Trait` is accepted in fn signatures only. */
  allowImpl = false;
  /** Interned identifier names: the same few names recur thousands of times in a large file. */
  private readonly names: (string | undefined)[];
  private readonly nameMask: number;

  constructor(tokens: Tokens) {
    this.source = tokens.source;
    this.text = tokens.source.text;
    this.kinds = tokens.kinds;
    this.starts = tokens.starts;
    this.ends = tokens.ends;
    this.eof = tokens.count - 1;
    // Sized to the input: a one-line type should not pay for a table meant for a 10 MB file.
    let slots = 32;
    while (slots < MAX_NAME_SLOTS && slots * 4 < tokens.count) slots *= 2;
    this.names = new Array<string | undefined>(slots);
    this.nameMask = slots - 1;
  }

  get kind(): number {
    return this.kinds[this.pos] as number;
  }
  get start(): number {
    return this.starts[this.pos] as number;
  }
  get end(): number {
    return this.ends[this.pos] as number;
  }
  kindAt(offset: number): number {
    const i = this.pos + offset;
    return i < this.eof ? (this.kinds[i] as number) : K.Eof;
  }
  is(kind: number): boolean {
    return this.kinds[this.pos] === kind;
  }
  atEof(): boolean {
    return this.pos >= this.eof;
  }
  tokenText(offset = 0): string {
    const i = Math.min(this.pos + offset, this.eof);
    return this.text.slice(this.starts[i], this.ends[i]);
  }
  /** Is the token at `offset` the identifier or keyword `word`? (no allocation) */
  isWord(word: string, offset = 0): boolean {
    const i = this.pos + offset;
    if (i >= this.eof || this.kinds[i] !== K.Ident) return false;
    const s = this.starts[i] as number;
    return (this.ends[i] as number) - s === word.length && this.text.startsWith(word, s);
  }
  /** An identifier token that is not a keyword (raw identifiers count). */
  isPlainIdent(offset = 0): boolean {
    const k = this.kindAt(offset);
    return k === K.RawIdent || (k === K.Ident && !KEYWORDS.has(this.tokenText(offset)));
  }

  bump(): void {
    if (this.pos < this.eof) {
      this.prevEnd = this.ends[this.pos] as number;
      this.pos++;
    }
  }
  eat(kind: number): boolean {
    if (this.kinds[this.pos] !== kind) return false;
    this.bump();
    return true;
  }
  eatWord(word: string): boolean {
    if (!this.isWord(word)) return false;
    this.bump();
    return true;
  }
  expect(kind: number, what?: string): void {
    if (!this.eat(kind)) this.failExpected(what ?? `\`${PUNCT_TEXT[kind] ?? '?'}\``);
  }
  expectWord(word: string): void {
    if (!this.eatWord(word)) this.failExpected(`\`${word}\``);
  }

  /** Consumes the first character of a glued token (`>>` → `>` + `>`), leaving the rest as `rest`. */
  private splitFirst(rest: number): void {
    const s = (this.starts[this.pos] as number) + 1;
    this.prevEnd = s;
    this.starts[this.pos] = s;
    this.kinds[this.pos] = rest;
  }
  /** Eats a `>` that may be the start of `>>`, `>=` or `>>=`. */
  eatGt(): boolean {
    switch (this.kind) {
      case K.Gt: this.bump(); return true;
      case K.Shr: this.splitFirst(K.Gt); return true;
      case K.Ge: this.splitFirst(K.Eq); return true;
      case K.ShrEq: this.splitFirst(K.Ge); return true;
      default: return false;
    }
  }
  /** Eats a `&` that may be the start of `&&`. */
  eatAnd(): boolean {
    if (this.kind === K.And) { this.bump(); return true; }
    if (this.kind === K.AndAnd) { this.splitFirst(K.And); return true; }
    return false;
  }

  span(start: number, end: number = this.prevEnd): Span {
    return { source: this.source, start, end: Math.max(start, end) };
  }
  tokenSpan(): Span {
    return { source: this.source, start: this.start, end: this.end };
  }

  describe(): string {
    const k = this.kind;
    if (k === K.Eof) return 'end of input';
    let t = this.tokenText();
    if (t.length > 40) t = `${t.slice(0, 37)}...`;
    if (k === K.Ident && KEYWORDS.has(t)) return `keyword \`${t}\``;
    return `\`${t}\``;
  }

  fail(code: DiagnosticCode, message: string, span: Span = this.tokenSpan()): never {
    throw new ParseAbort(error(code, message, span));
  }
  failExpected(what: string): never {
    this.fail('input/expected', `expected ${what}, found ${this.describe()}`);
  }

  enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail('input/too-deep', `nesting deeper than ${MAX_DEPTH} levels`);
  }
  leave(): void {
    this.depth--;
  }

  /** The text of the current token, interned when short. */
  name(): string {
    const t = this.text;
    const start = this.starts[this.pos] as number;
    const end = this.ends[this.pos] as number;
    const len = end - start;
    if (len > 32) return t.slice(start, end);
    let h = len;
    for (let i = start; i < end; i++) h = (Math.imul(h, 31) + t.charCodeAt(i)) | 0;
    const slot = h & this.nameMask;
    const cached = this.names[slot];
    if (cached !== undefined && cached.length === len && t.startsWith(cached, start)) return cached;
    const s = t.slice(start, end);
    this.names[slot] = s;
    return s;
  }

  /** A name: a non-keyword identifier or a raw identifier (`r#type` → `type`). */
  ident(what = 'an identifier'): Ident {
    const k = this.kind;
    if (k === K.RawIdent) {
      const name = this.text.slice(this.start + 2, this.end);
      const span = this.tokenSpan();
      this.bump();
      return { name, span };
    }
    if (k !== K.Ident) this.failExpected(what);
    const name = this.name();
    if (KEYWORDS.has(name) || name === '_') this.failExpected(what);
    const span = this.tokenSpan();
    this.bump();
    return { name, span };
  }

  /** The value of a string literal token (for `extern "C"`), consumed. */
  stringValue(): string {
    const r = stringLiteral(this.tokenText());
    if (!r.ok) this.fail('input/invalid-literal', r.message);
    this.bump();
    return r.value;
  }

  /** Skips a delimited group `( … )`, `[ … ]` or `{ … }` starting at the current token, checking nesting. */
  skipGroup(): void {
    const closers: number[] = [];
    const openers: number[] = [];
    do {
      const k = this.kind;
      if (isOpen(k)) {
        if (this.depth + closers.length >= MAX_DEPTH) this.fail('input/too-deep', `delimiters nest deeper than ${MAX_DEPTH} levels`);
        closers.push(closerOf(k));
        openers.push(this.start);
      } else if (isClose(k)) {
        if (k !== closers[closers.length - 1]) {
          this.fail('input/expected', `mismatched closing delimiter: expected \`${PUNCT_TEXT[closers[closers.length - 1] as number] ?? '?'}\`, found ${this.describe()}`);
        }
        closers.pop();
        openers.pop();
      } else if (k === K.Eof) {
        const at = openers[openers.length - 1] as number;
        this.fail('input/unterminated', `unclosed delimiter \`${this.text[at] ?? '?'}\``, this.span(at, at + 1));
      }
      this.bump();
    } while (closers.length > 0);
  }

  /** Skips to and past a `;` outside any delimiters (for `use`, `const`, `static`, associated items). */
  skipPastSemi(): void {
    for (;;) {
      const k = this.kind;
      if (k === K.Semi) { this.bump(); return; }
      if (isOpen(k)) this.skipGroup();
      else if (isClose(k) || k === K.Eof) this.failExpected('`;`');
      else this.bump();
    }
  }

  /** Skips to the end of an item that ends with a `{ … }` body or a `;` (traits, `macro` items). */
  skipPastBodyOrSemi(): void {
    for (;;) {
      const k = this.kind;
      if (k === K.Semi) { this.bump(); return; }
      if (k === K.OpenBrace) { this.skipGroup(); return; }
      if (isOpen(k)) this.skipGroup();
      else if (isClose(k) || k === K.Eof) this.failExpected('`{` or `;`');
      else this.bump();
    }
  }

  /**
   * The tokens of source range [start, end) as canonical text: single spaces only between words, after
   * `,` and `;`, and around `+`, `->`, `=`. `dyn` trait lists and impl trait names are keyed by this text.
   */
  canonicalText(start: number, end: number): string {
    const { tokens } = lex({ name: this.source.name, text: this.text.slice(start, end) });
    let out = '';
    let prev: number = K.Eof;
    for (let i = 0; i < tokens.count - 1; i++) {
      const k = tokens.kinds[i] as number;
      const t = tokens.source.text.slice(tokens.starts[i], tokens.ends[i]);
      if (i > 0 && needsSpace(prev, k)) out += ' ';
      out += t;
      prev = k;
    }
    return out;
  }
}

function isWordLike(k: number): boolean {
  return k >= K.Ident && k <= K.RawCStr;
}
function isSpaced(k: number): boolean {
  return k === K.Plus || k === K.RArrow || k === K.Eq || k === K.FatArrow;
}
function needsSpace(prev: number, k: number): boolean {
  if (isWordLike(prev) && isWordLike(k)) return true;
  if (prev === K.Comma || prev === K.Semi) return true;
  if (isSpaced(prev) || isSpaced(k)) return true;
  return prev === K.Gt && isWordLike(k);
}
