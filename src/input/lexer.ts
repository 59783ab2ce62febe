/**
 * The lexer: Rust source text → a flat token stream. Kinds and UTF-16 offsets live in typed arrays
 * (no object per token), which keeps lexing well above 10 MB/s. The token rules follow rustc_lexer:
 * lifetimes vs char literals, number literals with `.`/exponent lookahead, raw strings, nested block
 * comments. Literal *values* are decoded later (literal.ts), only where the parser needs them.
 * Lexical errors become diagnostics; lexing always runs to the end of the text.
 */
import type { Diagnostic, Source } from '../model/diagnostics.js';
import { error } from '../model/diagnostics.js';

export const TokenKind = {
  Eof: 0,
  /** Identifiers and keywords (`_` included); the parser tells keywords apart by text. */
  Ident: 1,
  RawIdent: 2,
  Lifetime: 3,
  Int: 4, Float: 5, Char: 6, Byte: 7,
  Str: 8, ByteStr: 9, CStr: 10, RawStr: 11, RawByteStr: 12, RawCStr: 13,
  // Comments are only emitted with `{ comments: true }`.
  LineComment: 14, BlockComment: 15, DocComment: 16, InnerDocComment: 17,
  Semi: 20, Comma: 21, Dot: 22, DotDot: 23, DotDotDot: 24, DotDotEq: 25,
  OpenParen: 26, CloseParen: 27, OpenBrace: 28, CloseBrace: 29, OpenBracket: 30, CloseBracket: 31,
  At: 32, Pound: 33, Tilde: 34, Question: 35, Colon: 36, PathSep: 37, Dollar: 38,
  Eq: 39, EqEq: 40, Ne: 41, Not: 42, Lt: 43, Le: 44, Shl: 45, ShlEq: 46, Gt: 47, Ge: 48, Shr: 49, ShrEq: 50,
  Minus: 51, MinusEq: 52, RArrow: 53, FatArrow: 54, And: 55, AndAnd: 56, AndEq: 57, Or: 58, OrOr: 59, OrEq: 60,
  Plus: 61, PlusEq: 62, Star: 63, StarEq: 64, Slash: 65, SlashEq: 66, Caret: 67, CaretEq: 68, Percent: 69, PercentEq: 70,
} as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

const K = TokenKind;

/** The fixed text of each punctuation kind (for messages). */
export const PUNCT_TEXT: Readonly<Record<number, string>> = {
  [K.Semi]: ';', [K.Comma]: ',', [K.Dot]: '.', [K.DotDot]: '..', [K.DotDotDot]: '...', [K.DotDotEq]: '..=',
  [K.OpenParen]: '(', [K.CloseParen]: ')', [K.OpenBrace]: '{', [K.CloseBrace]: '}', [K.OpenBracket]: '[', [K.CloseBracket]: ']',
  [K.At]: '@', [K.Pound]: '#', [K.Tilde]: '~', [K.Question]: '?', [K.Colon]: ':', [K.PathSep]: '::', [K.Dollar]: '$',
  [K.Eq]: '=', [K.EqEq]: '==', [K.Ne]: '!=', [K.Not]: '!', [K.Lt]: '<', [K.Le]: '<=', [K.Shl]: '<<', [K.ShlEq]: '<<=',
  [K.Gt]: '>', [K.Ge]: '>=', [K.Shr]: '>>', [K.ShrEq]: '>>=', [K.Minus]: '-', [K.MinusEq]: '-=', [K.RArrow]: '->',
  [K.FatArrow]: '=>', [K.And]: '&', [K.AndAnd]: '&&', [K.AndEq]: '&=', [K.Or]: '|', [K.OrOr]: '||', [K.OrEq]: '|=',
  [K.Plus]: '+', [K.PlusEq]: '+=', [K.Star]: '*', [K.StarEq]: '*=', [K.Slash]: '/', [K.SlashEq]: '/=',
  [K.Caret]: '^', [K.CaretEq]: '^=', [K.Percent]: '%', [K.PercentEq]: '%=',
};

/** A lexed text. Token `count - 1` is always Eof (an empty span at the end of the text). */
export interface Tokens {
  readonly source: Source;
  readonly count: number;
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

export interface LexOptions {
  /** Emit comment tokens (the parser never asks for them). */
  readonly comments?: boolean;
}

export interface LexResult {
  readonly tokens: Tokens;
  readonly errors: readonly Diagnostic[];
}

/** One token as an object: for tests and tools; the parser reads the arrays directly. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const MAX_ERRORS = 100;

// ASCII character classes.
const WS = 1;
const ID_START = 2;
const ID_CONT = 4;
const DIGIT = 8;
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (c === 9 || c === 10 || c === 11 || c === 12 || c === 13 || c === 32) CLASS[c] = WS;
  else if (/[A-Za-z_]/.test(ch)) CLASS[c] = ID_START | ID_CONT;
  else if (/[0-9]/.test(ch)) CLASS[c] = DIGIT | ID_CONT;
}
const XID_START = /\p{XID_Start}/u;
const XID_CONTINUE = /\p{XID_Continue}/u;

const C_QUOTE = 34; // "
const C_APOS = 39; // '
const C_HASH = 35;
const C_BSLASH = 92;
const C_SLASH = 47;
const C_STAR = 42;
const C_DOT = 46;
const C_LF = 10;

/** Non-ASCII Pattern_White_Space (rustc_lexer::is_whitespace). */
function isUnicodeSpace(c: number): boolean {
  return c === 0x85 || c === 0x200e || c === 0x200f || c === 0x2028 || c === 0x2029;
}

export function lex(source: Source, options: LexOptions = {}): LexResult {
  return new Lexer(source, options.comments === true).run();
}

/** The tokens as objects (Eof excluded). */
export function tokenList(tokens: Tokens): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.count - 1; i++) {
    const start = tokens.starts[i] as number;
    const end = tokens.ends[i] as number;
    out.push({ kind: tokens.kinds[i] as TokenKind, text: tokens.source.text.slice(start, end), start, end });
  }
  return out;
}

/** The name of a token kind (`Ident`, `Shr`…). */
export function tokenKindName(kind: number): string {
  for (const [name, k] of Object.entries(TokenKind)) if (k === kind) return name;
  return `#${kind}`;
}

class Lexer {
  private readonly text: string;
  private readonly len: number;
  private kinds: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private n = 0;
  private readonly errors: Diagnostic[] = [];

  constructor(private readonly source: Source, private readonly comments: boolean) {
    this.text = source.text;
    this.len = source.text.length;
    // Rust averages well over 3 characters per token; the arrays grow if not.
    const cap = (this.len >> 2) + 16;
    this.kinds = new Uint8Array(cap);
    this.starts = new Int32Array(cap);
    this.ends = new Int32Array(cap);
  }

  run(): LexResult {
    const t = this.text;
    const len = this.len;
    let i = 0;
    if (t.charCodeAt(0) === 0xfeff) i = 1;
    // A shebang line, unless `#![` starts an inner attribute.
    if (t.startsWith('#!', i) && !/^\s*\[/.test(t.slice(i + 2, i + 130))) {
      const nl = t.indexOf('\n', i);
      i = nl < 0 ? len : nl;
    }
    while (i < len) {
      const c = t.charCodeAt(i);
      if (c < 128) {
        const cls = CLASS[c] as number;
        if (cls & WS) { i++; continue; }
        if (cls & ID_START) { i = this.identOrPrefixed(i, c); continue; }
        if (cls & DIGIT) { i = this.number(i); continue; }
        if (c === C_QUOTE) { i = this.quoted(i, i, K.Str); continue; }
        if (c === C_APOS) { i = this.lifetimeOrChar(i); continue; }
        if (c === C_SLASH) {
          const c1 = t.charCodeAt(i + 1);
          if (c1 === C_SLASH) { i = this.lineComment(i); continue; }
          if (c1 === C_STAR) { i = this.blockComment(i); continue; }
        }
        i = this.punct(i, c);
        continue;
      }
      if (isUnicodeSpace(c)) { i++; continue; }
      const cp = t.codePointAt(i) as number;
      if (XID_START.test(String.fromCodePoint(cp))) { i = this.emit(K.Ident, i, this.identEnd(i)); continue; }
      const w = cp > 0xffff ? 2 : 1;
      this.error('input/unexpected-char', `unknown start of token: ${describeChar(cp)}`, i, i + w);
      i += w;
    }
    this.push(K.Eof, len, len);
    const tokens: Tokens = { source: this.source, count: this.n, kinds: this.kinds, starts: this.starts, ends: this.ends };
    return { tokens, errors: this.errors };
  }

  private push(kind: number, start: number, end: number): void {
    if (this.n === this.kinds.length) {
      const cap = this.n * 2;
      const kinds = new Uint8Array(cap);
      kinds.set(this.kinds);
      const starts = new Int32Array(cap);
      starts.set(this.starts);
      const ends = new Int32Array(cap);
      ends.set(this.ends);
      this.kinds = kinds;
      this.starts = starts;
      this.ends = ends;
    }
    this.kinds[this.n] = kind;
    this.starts[this.n] = start;
    this.ends[this.n] = end;
    this.n++;
  }

  /** Pushes a token and returns its end (the position to continue from). */
  private emit(kind: number, start: number, end: number): number {
    this.push(kind, start, end);
    return end;
  }

  private error(code: 'input/unexpected-char' | 'input/unterminated' | 'input/invalid-literal', message: string, start: number, end: number): void {
    if (this.errors.length < MAX_ERRORS) this.errors.push(error(code, message, { source: this.source, start, end }));
  }

  private isIdStart(i: number): boolean {
    const c = this.text.charCodeAt(i);
    if (c < 128) return ((CLASS[c] as number) & ID_START) !== 0;
    if (Number.isNaN(c)) return false;
    return XID_START.test(String.fromCodePoint(this.text.codePointAt(i) as number));
  }

  /** The end of the identifier characters starting at `i` (which the caller has checked). */
  private identEnd(i: number): number {
    const t = this.text;
    const len = this.len;
    while (i < len) {
      const c = t.charCodeAt(i);
      if (c < 128) {
        if (((CLASS[c] as number) & ID_CONT) === 0) break;
        i++;
      } else {
        const cp = t.codePointAt(i) as number;
        if (!XID_CONTINUE.test(String.fromCodePoint(cp))) break;
        i += cp > 0xffff ? 2 : 1;
      }
    }
    return i;
  }

  /** A literal suffix (`u8`, `f32`, or an invalid one the parser reports) after a literal ending at `i`. */
  private suffixEnd(i: number): number {
    return this.isIdStart(i) ? this.identEnd(i) : i;
  }

  /** Identifiers, raw identifiers, and the prefixed literals `b"` `b'` `br"` `r"` `r#"` `c"` `cr"`. */
  private identOrPrefixed(i: number, c: number): number {
    const t = this.text;
    const c1 = t.charCodeAt(i + 1);
    if (c === 98 /* b */) {
      if (c1 === C_QUOTE) return this.quoted(i, i + 1, K.ByteStr);
      if (c1 === C_APOS) return this.charLiteral(i, i + 1, K.Byte);
      if (c1 === 114 /* r */ && isRawOpen(t.charCodeAt(i + 2))) return this.rawQuoted(i, i + 2, K.RawByteStr);
    } else if (c === 99 /* c */) {
      if (c1 === C_QUOTE) return this.quoted(i, i + 1, K.CStr);
      if (c1 === 114 && isRawOpen(t.charCodeAt(i + 2))) return this.rawQuoted(i, i + 2, K.RawCStr);
    } else if (c === 114 /* r */) {
      if (c1 === C_QUOTE) return this.rawQuoted(i, i + 1, K.RawStr);
      if (c1 === C_HASH) {
        if (this.isIdStart(i + 2)) return this.emit(K.RawIdent, i, this.identEnd(i + 2));
        return this.rawQuoted(i, i + 1, K.RawStr);
      }
    }
    return this.emit(K.Ident, i, this.identEnd(i + 1));
  }

  /** `"…"` with escapes; `q` is the opening quote, `start` the literal's start (before any prefix). */
  private quoted(start: number, q: number, kind: number): number {
    const t = this.text;
    const len = this.len;
    let j = q + 1;
    while (j < len) {
      const c = t.charCodeAt(j);
      if (c === C_QUOTE) return this.emit(kind, start, this.suffixEnd(j + 1));
      j += c === C_BSLASH ? 2 : 1;
    }
    const what = kind === K.ByteStr ? 'double quote byte string' : kind === K.CStr ? 'C string' : 'double quote string';
    this.error('input/unterminated', `unterminated ${what}`, start, q + 1);
    return len;
  }

  /** `r#"…"#` (with `hashes` counted from `h`, the first character after the `r`). */
  private rawQuoted(start: number, h: number, kind: number): number {
    const t = this.text;
    let q = h;
    while (t.charCodeAt(q) === C_HASH) q++;
    const hashes = q - h;
    if (t.charCodeAt(q) !== C_QUOTE) {
      const bad = q < this.len ? q : start;
      this.error('input/unexpected-char', 'found invalid character; only `#` is allowed in raw string delimitation', bad, Math.min(bad + 1, this.len));
      return Math.max(q, start + 1);
    }
    if (hashes > 255) this.error('input/invalid-literal', 'too many `#` symbols: raw strings may be delimited by up to 255 `#` symbols', start, q + 1);
    let j = q + 1;
    for (;;) {
      const close = t.indexOf('"', j);
      if (close < 0) break;
      let k = close + 1;
      while (k - close - 1 < hashes && t.charCodeAt(k) === C_HASH) k++;
      if (k - close - 1 === hashes) return this.emit(kind, start, this.suffixEnd(k));
      j = close + 1;
    }
    this.error('input/unterminated', 'unterminated raw string', start, q + 1);
    return this.len;
  }

  /** `'x'`, `'\n'`, `'\u{1F600}'` (or `b'x'`): `q` is the opening quote. */
  private charLiteral(start: number, q: number, kind: number): number {
    const t = this.text;
    let j = q + 1;
    const c = t.charCodeAt(j);
    if (c === C_BSLASH) {
      // `\n`, `\'`, `\x7f`, `\u{1F600}`: a bounded scan to the closing quote (escapes are checked when decoded).
      j += 2;
      const stop = Math.min(j + 12, this.len);
      while (j < stop && t.charCodeAt(j) !== C_APOS && t.charCodeAt(j) !== C_LF) j++;
    } else if (c === C_APOS) {
      this.error('input/invalid-literal', kind === K.Byte ? 'empty unicode escape' : 'empty character literal', start, j + 1);
      return j + 1;
    } else if (j < this.len && c !== C_LF) {
      j += (t.codePointAt(j) as number) > 0xffff ? 2 : 1;
    }
    if (t.charCodeAt(j) === C_APOS) return this.emit(kind, start, this.suffixEnd(j + 1));
    this.error('input/unterminated', kind === K.Byte ? 'unterminated byte constant' : 'unterminated character literal', start, Math.min(j, this.len));
    return Math.max(Math.min(j, this.len), q + 1);
  }

  /** After `'`: a lifetime (`'a`, `'static`, `'r#a`) or a char literal, decided as rustc_lexer does. */
  private lifetimeOrChar(i: number): number {
    const t = this.text;
    const c1 = t.charCodeAt(i + 1);
    if (c1 === C_BSLASH || Number.isNaN(c1)) return this.charLiteral(i, i, K.Char);
    const w = (t.codePointAt(i + 1) as number) > 0xffff ? 2 : 1;
    // `'x'` is a char even when x could start a lifetime.
    if (t.charCodeAt(i + 1 + w) === C_APOS && c1 !== C_APOS) return this.charLiteral(i, i, K.Char);
    const digit = c1 < 128 && ((CLASS[c1] as number) & DIGIT) !== 0;
    if (!digit && !this.isIdStart(i + 1)) return this.charLiteral(i, i, K.Char);
    let end: number;
    if (c1 === 114 /* r */ && t.charCodeAt(i + 2) === C_HASH && this.isIdStart(i + 3)) end = this.identEnd(i + 3);
    else end = this.identEnd(i + 1);
    if (t.charCodeAt(end) === C_APOS) {
      this.error('input/invalid-literal', 'character literal may only contain one codepoint', i, end + 1);
      return this.emit(K.Char, i, end + 1);
    }
    if (digit) this.error('input/invalid-literal', 'lifetimes cannot start with a number', i, end);
    return this.emit(K.Lifetime, i, end);
  }

  /** Integer and float literals, with rustc_lexer's lookahead for `1..2`, `1.foo()` and exponents. */
  private number(i: number): number {
    const t = this.text;
    const start = i;
    let j = i + 1;
    let float = false;
    let based = false;
    if (t.charCodeAt(i) === 48 /* 0 */) {
      const c = t.charCodeAt(j);
      if (c === 120 /* x */) { based = true; j = this.hexDigits(j + 1); }
      else if (c === 111 /* o */ || c === 98 /* b */) { based = true; j = this.decDigits(j + 1); }
    }
    if (!based) {
      j = this.decDigits(j);
      const c = t.charCodeAt(j);
      const c1 = t.charCodeAt(j + 1);
      if (c === C_DOT && c1 !== C_DOT && !this.isIdStart(j + 1)) {
        float = true;
        j++;
        if (c1 >= 48 && c1 <= 57) {
          j = this.decDigits(j);
          const e = t.charCodeAt(j);
          if (e === 101 || e === 69) j = this.exponent(start, j);
        }
      } else if (c === 101 /* e */ || c === 69 /* E */) {
        float = true;
        j = this.exponent(start, j);
      }
    }
    return this.emit(float ? K.Float : K.Int, start, this.suffixEnd(j));
  }

  private decDigits(j: number): number {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(j);
      if ((c >= 48 && c <= 57) || c === 95) j++;
      else return j;
    }
  }

  private hexDigits(j: number): number {
    const t = this.text;
    for (;;) {
      const c = t.charCodeAt(j);
      if ((c >= 48 && c <= 57) || c === 95 || (c >= 97 && c <= 102) || (c >= 65 && c <= 70)) j++;
      else return j;
    }
  }

  /** `e`/`E` at `j`, an optional sign, then digits (at least one). */
  private exponent(start: number, j: number): number {
    const t = this.text;
    j++;
    const s = t.charCodeAt(j);
    if (s === 43 || s === 45) j++;
    const d = j;
    j = this.decDigits(j);
    if (!/[0-9]/.test(t.slice(d, j))) this.error('input/invalid-literal', 'expected at least one digit in exponent', start, j);
    return j;
  }

  private lineComment(i: number): number {
    const t = this.text;
    const nl = t.indexOf('\n', i + 2);
    const end = nl < 0 ? this.len : nl;
    if (this.comments) {
      const c2 = t.charCodeAt(i + 2);
      const kind = c2 === 33 /* ! */ ? K.InnerDocComment : c2 === C_SLASH && t.charCodeAt(i + 3) !== C_SLASH ? K.DocComment : K.LineComment;
      this.push(kind, i, end);
    }
    return end;
  }

  // A block comment, nested ones included. An unterminated comment points at its opening `/*`.
  private blockComment(i: number): number {
    const t = this.text;
    const len = this.len;
    let depth = 1;
    let j = i + 2;
    while (j < len) {
      const c = t.charCodeAt(j);
      if (c === C_SLASH && t.charCodeAt(j + 1) === C_STAR) { depth++; j += 2; }
      else if (c === C_STAR && t.charCodeAt(j + 1) === C_SLASH) {
        j += 2;
        if (--depth === 0) break;
      } else j++;
    }
    if (depth > 0) {
      this.error('input/unterminated', 'unterminated block comment', i, i + 2);
      return len;
    }
    if (this.comments) {
      const c2 = t.charCodeAt(i + 2);
      const c3 = t.charCodeAt(i + 3);
      // `/**/` and `/***` start plain comments; `/**` and `/*!` start doc comments.
      const kind = c2 === 33 ? K.InnerDocComment : c2 === C_STAR && c3 !== C_STAR && c3 !== C_SLASH ? K.DocComment : K.BlockComment;
      this.push(kind, i, j);
    }
    return j;
  }

  /** Punctuation, longest match first. */
  private punct(i: number, c: number): number {
    const t = this.text;
    const c1 = t.charCodeAt(i + 1);
    const eq = c1 === 61; // `=` follows
    switch (c) {
      case 59: return this.emit(K.Semi, i, i + 1);
      case 44: return this.emit(K.Comma, i, i + 1);
      case 40: return this.emit(K.OpenParen, i, i + 1);
      case 41: return this.emit(K.CloseParen, i, i + 1);
      case 123: return this.emit(K.OpenBrace, i, i + 1);
      case 125: return this.emit(K.CloseBrace, i, i + 1);
      case 91: return this.emit(K.OpenBracket, i, i + 1);
      case 93: return this.emit(K.CloseBracket, i, i + 1);
      case 64: return this.emit(K.At, i, i + 1);
      case 35: return this.emit(K.Pound, i, i + 1);
      case 126: return this.emit(K.Tilde, i, i + 1);
      case 63: return this.emit(K.Question, i, i + 1);
      case 36: return this.emit(K.Dollar, i, i + 1);
      case C_DOT:
        if (c1 !== C_DOT) return this.emit(K.Dot, i, i + 1);
        if (t.charCodeAt(i + 2) === C_DOT) return this.emit(K.DotDotDot, i, i + 3);
        if (t.charCodeAt(i + 2) === 61) return this.emit(K.DotDotEq, i, i + 3);
        return this.emit(K.DotDot, i, i + 2);
      case 58: return c1 === 58 ? this.emit(K.PathSep, i, i + 2) : this.emit(K.Colon, i, i + 1);
      case 61:
        if (eq) return this.emit(K.EqEq, i, i + 2);
        return c1 === 62 ? this.emit(K.FatArrow, i, i + 2) : this.emit(K.Eq, i, i + 1);
      case 33: return eq ? this.emit(K.Ne, i, i + 2) : this.emit(K.Not, i, i + 1);
      case 60:
        if (c1 === 60) return t.charCodeAt(i + 2) === 61 ? this.emit(K.ShlEq, i, i + 3) : this.emit(K.Shl, i, i + 2);
        return eq ? this.emit(K.Le, i, i + 2) : this.emit(K.Lt, i, i + 1);
      case 62:
        if (c1 === 62) return t.charCodeAt(i + 2) === 61 ? this.emit(K.ShrEq, i, i + 3) : this.emit(K.Shr, i, i + 2);
        return eq ? this.emit(K.Ge, i, i + 2) : this.emit(K.Gt, i, i + 1);
      case 45:
        if (c1 === 62) return this.emit(K.RArrow, i, i + 2);
        return eq ? this.emit(K.MinusEq, i, i + 2) : this.emit(K.Minus, i, i + 1);
      case 38:
        if (c1 === 38) return this.emit(K.AndAnd, i, i + 2);
        return eq ? this.emit(K.AndEq, i, i + 2) : this.emit(K.And, i, i + 1);
      case 124:
        if (c1 === 124) return this.emit(K.OrOr, i, i + 2);
        return eq ? this.emit(K.OrEq, i, i + 2) : this.emit(K.Or, i, i + 1);
      case 43: return eq ? this.emit(K.PlusEq, i, i + 2) : this.emit(K.Plus, i, i + 1);
      case C_STAR: return eq ? this.emit(K.StarEq, i, i + 2) : this.emit(K.Star, i, i + 1);
      case C_SLASH: return eq ? this.emit(K.SlashEq, i, i + 2) : this.emit(K.Slash, i, i + 1);
      case 94: return eq ? this.emit(K.CaretEq, i, i + 2) : this.emit(K.Caret, i, i + 1);
      case 37: return eq ? this.emit(K.PercentEq, i, i + 2) : this.emit(K.Percent, i, i + 1);
      default:
        this.error('input/unexpected-char', `unknown start of token: ${describeChar(c)}`, i, i + 1);
        return i + 1;
    }
  }
}

function isRawOpen(c: number): boolean {
  return c === C_QUOTE || c === C_HASH;
}

function describeChar(cp: number): string {
  if (cp < 32 || cp === 127 || (cp >= 0x80 && cp < 0xa0)) return `\\u{${cp.toString(16)}}`;
  return String.fromCodePoint(cp);
}
