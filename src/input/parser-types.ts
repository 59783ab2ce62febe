/**
 * Type expressions, paths with generic arguments, and trait bounds.
 * Bounds are kept only as canonical text (`dyn` trait lists, impl trait names) plus the one fact layout
 * needs from them: whether a type parameter is `?Sized`.
 */
import type { GenericArg, Ident, PathSegment, TypeExpr } from './ast.js';
import { TokenKind as K } from './lexer.js';
import { parseConstArg, parseConstExpr, startsConstArg } from './parser-const.js';
import type { Cursor } from './parser-core.js';
import { NONE, isKeyword } from './parser-core.js';

/** Keywords that may start or continue a path. */
const PATH_KEYWORDS: ReadonlySet<string> = new Set(['crate', 'self', 'super', 'Self']);

/** `allowPlus = false` where Rust's grammar wants TypeNoBounds (behind `&` and `*`, fn return types). */
export function parseType(p: Cursor, allowPlus = true): TypeExpr {
  p.enter();
  const t = typeInner(p, allowPlus);
  p.leave();
  return t;
}

function typeInner(p: Cursor, allowPlus: boolean): TypeExpr {
  const start = p.start;
  switch (p.kind) {
    case K.OpenParen: return parenType(p, start);
    case K.OpenBracket: {
      p.bump();
      const elem = parseType(p);
      if (p.eat(K.Semi)) {
        const len = parseConstExpr(p);
        p.expect(K.CloseBracket);
        return { kind: 'array', elem, len, span: p.span(start) };
      }
      p.expect(K.CloseBracket, '`;` or `]`');
      return { kind: 'slice', elem, span: p.span(start) };
    }
    case K.And:
    case K.AndAnd: {
      // `&&T` is lexed as one token: take one `&` here, the rest becomes the pointee's `&`.
      p.eatAnd();
      let lifetime: string | null = null;
      if (p.is(K.Lifetime)) {
        lifetime = p.tokenText();
        p.bump();
      }
      const mutable = p.eatWord('mut');
      const pointee = parseType(p, false);
      return { kind: 'ref', mutable, lifetime, pointee, span: p.span(start) };
    }
    case K.Star: {
      p.bump();
      const mutable = p.eatWord('mut');
      if (!mutable && !p.eatWord('const')) p.failExpected('`mut` or `const` keyword in raw pointer type');
      const pointee = parseType(p, false);
      return { kind: 'ptr', mutable, pointee, span: p.span(start) };
    }
    case K.Not:
      p.bump();
      return { kind: 'never', span: p.span(start) };
    case K.Lt:
    case K.Shl:
      return p.fail('input/unsupported', 'qualified paths (`<T as Trait>::Name`) are not supported');
    case K.PathSep:
    case K.RawIdent:
      return pathType(p, start);
    case K.Ident:
      return wordType(p, start, allowPlus);
    default:
      return p.failExpected('a type');
  }
}

function wordType(p: Cursor, start: number, allowPlus: boolean): TypeExpr {
  const w = p.tokenText();
  switch (w) {
    case 'fn': case 'unsafe': case 'extern': case 'for':
      return fnType(p, start);
    case 'dyn': {
      p.bump();
      const traits = parseBounds(p, allowPlus).traits;
      if (traits.length === 0) p.fail('input/expected', 'at least one trait is required for an object type', p.span(start));
      return { kind: 'dyn', traits, span: p.span(start) };
    }
    case 'impl': {
      if (!p.allowImpl) return p.fail('input/unsupported', '`impl Trait` is not supported here: an opaque type has no layout to compute');
      p.bump();
      const traits = parseBounds(p, allowPlus).traits;
      if (traits.length === 0) p.fail('input/expected', 'at least one trait must be specified', p.span(start));
      return { kind: 'dyn', traits, impl: true, span: p.span(start) };
    }
    case '_':
      return p.fail('input/unsupported', 'the placeholder `_` is not allowed within types');
    default:
      if (isKeyword(w) && !PATH_KEYWORDS.has(w)) return p.failExpected('a type');
      return pathType(p, start);
  }
}

function pathType(p: Cursor, start: number): TypeExpr {
  const segments = parsePath(p, false);
  if (p.is(K.Not)) p.fail('input/unsupported', 'macros in type position are not supported');
  // A one-word type (`u8`) shares its identifier's span object: fewer allocations in large files.
  const only = segments.length === 1 ? segments[0] : undefined;
  if (only !== undefined && only.args === NONE && only.ident.span.start === start && only.ident.span.end === p.prevEnd) {
    return { kind: 'path', segments, span: only.ident.span };
  }
  return { kind: 'path', segments, span: p.span(start) };
}

/** `()`, `(T,)`, `(A, B)`; `(T)` is just T in parentheses. */
function parenType(p: Cursor, start: number): TypeExpr {
  p.bump();
  if (p.eat(K.CloseParen)) return { kind: 'tuple', elems: [], span: p.span(start) };
  const first = parseType(p);
  const elems = [first];
  let tuple = false;
  while (p.eat(K.Comma)) {
    tuple = true;
    if (p.is(K.CloseParen)) break;
    elems.push(parseType(p));
  }
  p.expect(K.CloseParen, '`,` or `)`');
  return tuple ? { kind: 'tuple', elems, span: p.span(start) } : first;
}

/** `fn(A, B) -> R`, `unsafe extern "C" fn(i32, ...)`, `for<'a> fn(&'a u8)`. */
function fnType(p: Cursor, start: number): TypeExpr {
  if (p.eatWord('for')) skipAngleList(p);
  const unsafe = p.eatWord('unsafe');
  let abi: string | null = null;
  if (p.eatWord('extern')) abi = p.is(K.Str) || p.is(K.RawStr) ? p.stringValue() : 'C';
  p.expectWord('fn');
  p.expect(K.OpenParen);
  const params: TypeExpr[] = [];
  while (!p.is(K.CloseParen)) {
    while (p.is(K.Pound) && p.kindAt(1) === K.OpenBracket) { p.bump(); p.skipGroup(); }
    // C variadics: `...` stays visible in the span text, which is what fn pointer types are keyed by.
    if (p.eat(K.DotDotDot)) {
      if (!p.eat(K.Comma)) break;
      continue;
    }
    // Parameter names are allowed in fn pointer types: `fn(len: usize)`.
    if ((p.isPlainIdent() || p.isWord('_')) && p.kindAt(1) === K.Colon) { p.bump(); p.bump(); }
    params.push(parseType(p));
    if (!p.eat(K.Comma)) break;
  }
  p.expect(K.CloseParen, '`,` or `)`');
  const ret = p.eat(K.RArrow) ? parseType(p, false) : null;
  return { kind: 'fn', unsafe, abi, params, ret, span: p.span(start) };
}

/** Skips `<'a, 'b: 'a>` (a `for<…>` binder) or `<'a, T>` (precise capturing `use<…>`). */
function skipAngleList(p: Cursor): void {
  p.expect(K.Lt);
  while (!p.eatGt()) {
    if (p.is(K.Lifetime) || p.is(K.Ident) || p.is(K.Comma) || p.is(K.Colon) || p.is(K.Plus)) p.bump();
    else p.failExpected('a lifetime or `>`');
  }
}

function segmentIdent(p: Cursor): Ident {
  if (!p.is(K.Ident)) return p.ident();
  const name = p.name();
  if (name === '_' || (isKeyword(name) && !PATH_KEYWORDS.has(name))) p.failExpected('an identifier');
  const ident = { name, span: p.tokenSpan() };
  p.bump();
  return ident;
}

/**
 * A path: `a::b::C<T>`, `Vec::<u8>`, `::core::X`. A leading `::` is a segment named ''.
 * In bounds (`bound = true`), `Fn(A) -> R` argument sugar and `Item = T` bindings are accepted.
 */
export function parsePath(p: Cursor, bound: boolean): PathSegment[] {
  const segments: PathSegment[] = [];
  if (p.is(K.PathSep)) {
    segments.push({ ident: { name: '', span: p.tokenSpan() }, args: NONE });
    p.bump();
  }
  for (;;) {
    const ident = segmentIdent(p);
    let args: readonly GenericArg[] = NONE;
    if (p.is(K.Lt)) args = parseGenericArgs(p, bound);
    else if (p.is(K.PathSep) && p.kindAt(1) === K.Lt) {
      p.bump();
      args = parseGenericArgs(p, bound);
    } else if (p.is(K.Shl) || (p.is(K.PathSep) && p.kindAt(1) === K.Shl)) {
      p.fail('input/unsupported', 'qualified paths (`<T as Trait>::Name`) are not supported');
    } else if (bound && p.is(K.OpenParen)) args = fnSugarArgs(p);
    segments.push({ ident, args });
    if (p.is(K.PathSep) && (p.kindAt(1) === K.Ident || p.kindAt(1) === K.RawIdent)) {
      p.bump();
      continue;
    }
    return segments;
  }
}

/** `<u8, 'a, 4, { N }, T>`; lifetimes are dropped. */
function parseGenericArgs(p: Cursor, bound: boolean): GenericArg[] {
  p.bump();
  const args: GenericArg[] = [];
  for (;;) {
    if (p.eatGt()) return args;
    if (p.is(K.Lifetime)) p.bump();
    else if (startsConstArg(p)) args.push({ kind: 'const', expr: parseConstArg(p) });
    else if (bound && p.isPlainIdent() && (p.kindAt(1) === K.Eq || p.kindAt(1) === K.Colon)) {
      // `Iterator<Item = u8>`, `Deref<Target: ?Sized>`: part of the trait's text only.
      p.bump();
      if (p.eat(K.Eq)) {
        if (startsConstArg(p)) parseConstArg(p);
        else parseType(p);
      } else {
        p.bump();
        parseBounds(p, true, false);
      }
    } else args.push({ kind: 'type', ty: parseType(p) });
    if (p.eatGt()) return args;
    p.expect(K.Comma, '`,` or `>`');
  }
}

/** `Fn(A, B) -> R` in a bound: the inputs and output as type arguments. */
function fnSugarArgs(p: Cursor): GenericArg[] {
  p.bump();
  const args: GenericArg[] = [];
  while (!p.is(K.CloseParen)) {
    args.push({ kind: 'type', ty: parseType(p) });
    if (!p.eat(K.Comma)) break;
  }
  p.expect(K.CloseParen, '`,` or `)`');
  if (p.eat(K.RArrow)) args.push({ kind: 'type', ty: parseType(p, false) });
  return args;
}

export interface Bounds {
  /** Trait bounds as canonical text (`Send`, `Fn(u8) -> u8`, `?Sized`); lifetimes are dropped. */
  readonly traits: string[];
  /** `?Sized` is among them. */
  readonly maybeUnsized: boolean;
}

function startsBound(p: Cursor): boolean {
  const k = p.kind;
  if (k === K.Lifetime || k === K.Question || k === K.Tilde || k === K.OpenParen || k === K.PathSep || k === K.RawIdent) return true;
  if (k !== K.Ident) return false;
  const w = p.tokenText();
  if (w === '_') return false;
  return !isKeyword(w) || PATH_KEYWORDS.has(w) || w === 'for' || w === 'const' || w === 'async' || w === 'use';
}

/**
 * `Trait + 'a + ?Sized + for<'b> Fn(&'b u8)`, possibly empty (`T:` with nothing after).
 * `withText = false` when only `maybeUnsized` matters (generic parameters, where clauses): the
 * canonical text costs a re-lex of the bound.
 */
export function parseBounds(p: Cursor, allowPlus: boolean, withText = true): Bounds {
  const traits: string[] = [];
  let maybeUnsized = false;
  while (startsBound(p)) {
    const b = parseBound(p, withText);
    if (b !== null) {
      if (withText) traits.push(b.text);
      if (b.maybeSized) maybeUnsized = true;
    }
    if (!allowPlus || !p.eat(K.Plus)) break;
  }
  return { traits, maybeUnsized };
}

/** One bound; `null` for lifetimes and `use<…>`. */
function parseBound(p: Cursor, withText: boolean): { text: string; maybeSized: boolean } | null {
  if (p.is(K.Lifetime)) {
    p.bump();
    return null;
  }
  const start = p.start;
  if (p.is(K.OpenParen)) {
    p.bump();
    p.enter();
    const inner = parseBound(p, withText);
    p.leave();
    p.expect(K.CloseParen);
    return inner === null ? null : { text: withText ? p.canonicalText(start, p.prevEnd) : '', maybeSized: inner.maybeSized };
  }
  if (p.isWord('use') && p.kindAt(1) === K.Lt) {
    p.bump();
    skipAngleList(p);
    return null;
  }
  if (p.eatWord('for')) skipAngleList(p);
  let maybe = false;
  if (p.eat(K.Question)) maybe = true;
  else if (p.eat(K.Tilde)) p.expectWord('const');
  else p.eatWord('const');
  p.eatWord('async');
  if (p.eatWord('for')) skipAngleList(p);
  const segments = parsePath(p, true);
  const last = segments[segments.length - 1];
  const maybeSized = maybe && last !== undefined && last.ident.name === 'Sized' && last.args.length === 0;
  return { text: withText ? p.canonicalText(start, p.prevEnd) : '', maybeSized };
}
