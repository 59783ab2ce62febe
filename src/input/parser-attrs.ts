/**
 * Attributes, visibility, generic parameter lists and where clauses: the parts every item shares.
 */
import type { Attr, ConstExpr, GenericParam, Ident, Meta, TypeExpr } from './ast.js';
import { TokenKind as K } from './lexer.js';
import { charLiteral, intLiteral, stringLiteral } from './literal.js';
import { parseConstArg } from './parser-const.js';
import type { Cursor } from './parser-core.js';
import { NONE, ParseAbort } from './parser-core.js';
import { parseBounds, parseType } from './parser-types.js';

/**
 * Attributes the resolver interprets: their arguments must be well-formed meta items, and a malformed
 * one is an error. Any other attribute whose arguments are not meta syntax (`#[test_case(1 + 2 => 3)]`,
 * `#[doc = include_str!("x.md")]`) is kept with `args` and `value` null.
 */
const STRICT_ATTRS: ReadonlySet<string> = new Set([
  'repr', 'cfg', 'derive', 'lang', 'rustc_layout_scalar_valid_range_start', 'rustc_layout_scalar_valid_range_end',
]);

/** Outer attributes `#[…]`; inner attributes `#![…]` met on the way are skipped. */
export function parseOuterAttrs(p: Cursor): readonly Attr[] {
  if (!p.is(K.Pound)) return NONE;
  const attrs: Attr[] = [];
  while (p.is(K.Pound)) {
    if (p.kindAt(1) === K.Not) {
      skipInnerAttr(p);
      continue;
    }
    attrs.push(parseAttr(p));
  }
  return attrs;
}

/** Skips `#![…]` attributes (at the start of a file, module, impl or extern block). */
export function skipInnerAttrs(p: Cursor): void {
  while (p.is(K.Pound) && p.kindAt(1) === K.Not) skipInnerAttr(p);
}

function skipInnerAttr(p: Cursor): void {
  p.bump();
  p.bump();
  if (!p.is(K.OpenBracket)) p.failExpected('`[`');
  p.skipGroup();
}

function parseAttr(p: Cursor): Attr {
  const start = p.start;
  p.bump();
  p.expect(K.OpenBracket);
  const names: string[] = [];
  for (;;) {
    // Any identifier, keywords included (`#[unsafe(no_mangle)]`, `#[r#type]`).
    if (p.is(K.RawIdent)) names.push(p.ident().name);
    else if (p.is(K.Ident)) {
      names.push(p.tokenText());
      p.bump();
    } else p.failExpected('an attribute path');
    if (!p.eat(K.PathSep)) break;
  }
  const path = names.join('::');
  const strict = STRICT_ATTRS.has(path);
  let args: Meta[] | null = null;
  let value: string | bigint | null = null;
  if (p.is(K.OpenParen)) {
    const at = p.pos;
    const depth = p.depth;
    try {
      args = metaList(p);
    } catch (e) {
      if (strict || !(e instanceof ParseAbort)) throw e;
      // Not meta syntax: rewind and keep the attribute without arguments.
      p.pos = at;
      p.depth = depth;
      p.skipGroup();
      args = null;
    }
  } else if (p.eat(K.Eq)) {
    const lit = metaLit(p);
    if (lit !== null) value = lit;
    else if (strict) p.failExpected('a literal');
    else skipToCloseBracket(p);
  } else if (p.is(K.OpenBracket) || p.is(K.OpenBrace)) {
    if (strict) p.failExpected('`(` or `=`');
    p.skipGroup();
  }
  p.expect(K.CloseBracket);
  return { path, args, value, span: p.span(start) };
}

function skipToCloseBracket(p: Cursor): void {
  while (!p.is(K.CloseBracket)) {
    if (p.is(K.OpenParen) || p.is(K.OpenBracket) || p.is(K.OpenBrace)) p.skipGroup();
    else if (p.is(K.CloseParen) || p.is(K.CloseBrace) || p.atEof()) p.failExpected('`]`');
    else p.bump();
  }
}

/** `(meta, meta, …)` */
function metaList(p: Cursor): Meta[] {
  p.bump();
  p.enter();
  const out: Meta[] = [];
  while (!p.is(K.CloseParen)) {
    out.push(metaItem(p));
    if (!p.eat(K.Comma)) break;
  }
  p.expect(K.CloseParen, '`,` or `)`');
  p.leave();
  return out;
}

function metaItem(p: Cursor): Meta {
  const start = p.start;
  const lit = metaLit(p);
  if (lit !== null) return { kind: 'lit', value: lit, span: p.span(start) };
  const names: string[] = [];
  for (;;) {
    if (p.is(K.RawIdent)) names.push(p.ident().name);
    else if (p.is(K.Ident)) {
      names.push(p.tokenText());
      p.bump();
    } else p.failExpected('a meta item (a name, `name = value`, `name(…)` or a literal)');
    if (!p.eat(K.PathSep)) break;
  }
  const name = names.join('::');
  if (p.is(K.OpenParen)) {
    const args = metaList(p);
    return { kind: 'word', name, args, span: p.span(start) };
  }
  if (p.eat(K.Eq)) {
    const value = metaLit(p);
    if (value === null) p.failExpected('a literal');
    return { kind: 'nameValue', name, value, span: p.span(start) };
  }
  return { kind: 'word', name, args: null, span: p.span(start) };
}

/** A literal in an attribute: strings decode to their contents, integers (also `-1`, `b'x'`) to bigints. */
function metaLit(p: Cursor): string | bigint | null {
  const k = p.kind;
  const text = p.tokenText();
  switch (k) {
    case K.Str: case K.RawStr: case K.ByteStr: case K.RawByteStr: case K.CStr: case K.RawCStr: {
      const r = stringLiteral(text);
      if (!r.ok) p.fail('input/invalid-literal', r.message);
      p.bump();
      return r.value;
    }
    case K.Int: {
      const r = intLiteral(text);
      if (!r.ok) p.fail('input/invalid-literal', r.message);
      p.bump();
      return r.value.value;
    }
    case K.Minus:
      if (p.kindAt(1) !== K.Int) return null;
      p.bump();
      return -(metaLit(p) as bigint);
    case K.Char: case K.Byte: {
      const r = charLiteral(text);
      if (!r.ok) p.fail('input/invalid-literal', r.message);
      p.bump();
      return k === K.Byte ? BigInt(r.value) : String.fromCodePoint(r.value);
    }
    case K.Float:
      p.bump();
      return text;
    default:
      return null;
  }
}

/** `pub`, `pub(crate)`, `pub(self)`, `pub(super)`, `pub(in path)`: parsed and dropped. */
export function skipVisibility(p: Cursor): void {
  if (!p.eatWord('pub')) return;
  if (!p.is(K.OpenParen)) return;
  // `pub (u8, u8)` in a tuple struct is a public field of tuple type, not a restriction.
  if ((p.isWord('crate', 1) || p.isWord('self', 1) || p.isWord('super', 1)) && p.kindAt(2) === K.CloseParen) {
    p.bump();
    p.bump();
    p.bump();
  } else if (p.isWord('in', 1)) {
    p.bump();
    p.bump();
    while (!p.is(K.CloseParen)) {
      if (p.is(K.Ident) || p.is(K.RawIdent) || p.is(K.PathSep)) p.bump();
      else p.failExpected('a path or `)`');
    }
    p.bump();
  }
}

/** A type parameter while its where clause may still mark it `?Sized`. */
interface TypeParamDraft {
  kind: 'type';
  ident: Ident;
  maybeUnsized: boolean;
  default: TypeExpr | null;
}
export type GenericsDraft = readonly (TypeParamDraft | GenericParam)[];

/** `<'a: 'b, T: ?Sized + Tr = u8, const N: usize = 4>`, or nothing. */
export function parseGenericParams(p: Cursor): GenericsDraft {
  if (!p.is(K.Lt)) return NONE;
  const params: (TypeParamDraft | GenericParam)[] = [];
  p.bump();
  for (;;) {
    if (p.eatGt()) return params;
    parseOuterAttrs(p);
    if (p.is(K.Lifetime)) {
      const ident = { name: p.tokenText(), span: p.tokenSpan() };
      p.bump();
      if (p.eat(K.Colon)) skipLifetimeBounds(p);
      params.push({ kind: 'lifetime', ident });
    } else if (p.eatWord('const')) {
      const ident = p.ident('a const parameter name');
      p.expect(K.Colon);
      const ty = parseType(p);
      const def: ConstExpr | null = p.eat(K.Eq) ? parseConstArg(p) : null;
      params.push({ kind: 'const', ident, ty, default: def });
    } else {
      const ident = p.ident('a generic parameter');
      const maybeUnsized = p.eat(K.Colon) ? parseBounds(p, true, false).maybeUnsized : false;
      const def = p.eat(K.Eq) ? parseType(p) : null;
      params.push({ kind: 'type', ident, maybeUnsized, default: def });
    }
    if (p.eatGt()) return params;
    p.expect(K.Comma, '`,` or `>`');
  }
}

function skipLifetimeBounds(p: Cursor): void {
  while (p.is(K.Lifetime)) {
    p.bump();
    if (!p.eat(K.Plus)) return;
  }
}

/**
 * `where T: ?Sized, 'a: 'b, for<'x> F: Fn(&'x u8), Vec<T>: Clone`. Marks type parameters bounded by
 * `?Sized`; stops before `{`, `;` or `=`.
 */
export function parseWhereClause(p: Cursor, params: GenericsDraft): void {
  if (!p.eatWord('where')) return;
  while (!p.is(K.OpenBrace) && !p.is(K.Semi) && !p.is(K.Eq) && !p.atEof()) {
    if (p.is(K.Lifetime)) {
      p.bump();
      p.expect(K.Colon);
      skipLifetimeBounds(p);
    } else {
      if (p.isWord('for') && p.kindAt(1) === K.Lt) {
        p.bump();
        p.bump();
        while (!p.eatGt()) {
          if (p.is(K.Lifetime) || p.is(K.Comma) || p.is(K.Colon) || p.is(K.Plus)) p.bump();
          else p.failExpected('a lifetime or `>`');
        }
      }
      const ty = parseType(p);
      p.expect(K.Colon);
      const bounds = parseBounds(p, true, false);
      const seg = ty.kind === 'path' && ty.segments.length === 1 ? ty.segments[0] : undefined;
      if (bounds.maybeUnsized && seg !== undefined && seg.args.length === 0) {
        for (const g of params) if (g.kind === 'type' && g.ident.name === seg.ident.name) (g as TypeParamDraft).maybeUnsized = true;
      }
    }
    if (!p.eat(K.Comma)) break;
  }
}

