/**
 * Items: `struct`, `enum`, `union`, `type`, `fn`, `impl`, `mod`, `extern` blocks. Everything else rustabi
 * does not model (`use`, `trait`, `const`, `static`, macros, `extern crate`) is skipped by balanced
 * delimiters and recorded as a SkippedItem, so the resolver can say what it did not read.
 */
import type {
  AliasItem, Attr, ConstItem, EnumItem, FieldDef, FieldsKind, FnItem, ImplItem, Item, ModItem, Param, SelfParam, SkippedItem,
  StructItem, TypeExpr, UnionItem, VariantDef,
} from './ast.js';
import { TokenKind as K } from './lexer.js';
import { parseOuterAttrs, parseGenericParams, parseWhereClause, skipInnerAttrs, skipVisibility } from './parser-attrs.js';
import { parseConstExpr } from './parser-const.js';
import type { Cursor } from './parser-core.js';
import { NONE, ParseAbort, isKeyword } from './parser-core.js';
import { parseBounds, parseType } from './parser-types.js';

/** Items up to the end of input, or up to the `}` closing a module (`inBraces`). */
export function parseItems(p: Cursor, out: Item[], inBraces: boolean): void {
  skipInnerAttrs(p);
  while (!p.atEof() && !(inBraces && p.is(K.CloseBrace))) parseItem(p, out);
}

function skipped(p: Cursor, what: string, start: number): SkippedItem {
  return { kind: 'skipped', what, span: p.span(start) };
}

function parseItem(p: Cursor, out: Item[]): void {
  const attrs = parseOuterAttrs(p);
  const start = p.start;
  if (attrs.length > 0 && (p.atEof() || p.is(K.CloseBrace))) p.failExpected('an item after attributes');
  skipVisibility(p);
  if (startsFn(p)) {
    out.push(parseFn(p, attrs, start, { externAbi: null, bodyOptional: false }));
    return;
  }
  if (p.is(K.Ident)) {
    switch (p.tokenText()) {
      case 'struct': out.push(parseStruct(p, attrs, start)); return;
      case 'enum': out.push(parseEnum(p, attrs, start)); return;
      case 'union':
        if (!p.isPlainIdent(1)) break; // `union!(…)` is a macro call
        out.push(parseUnion(p, attrs, start));
        return;
      case 'type': out.push(parseAlias(p, attrs, start)); return;
      case 'impl': out.push(parseImpl(p, attrs, start)); return;
      case 'mod': out.push(parseMod(p, attrs, start)); return;
      case 'use': p.skipPastSemi(); out.push(skipped(p, 'use declaration', start)); return;
      case 'const': out.push(parseConstItem(p, attrs, start)); return;
      case 'static': p.skipPastSemi(); out.push(skipped(p, 'static item', start)); return;
      case 'trait': p.skipPastBodyOrSemi(); out.push(skipped(p, 'trait definition', start)); return;
      case 'auto':
        if (!p.isWord('trait', 1)) break;
        p.skipPastBodyOrSemi();
        out.push(skipped(p, 'trait definition', start));
        return;
      case 'unsafe':
        if (p.isWord('impl', 1)) { out.push(parseImpl(p, attrs, start)); return; }
        if (p.isWord('trait', 1) || (p.isWord('auto', 1) && p.isWord('trait', 2))) {
          p.skipPastBodyOrSemi();
          out.push(skipped(p, 'trait definition', start));
          return;
        }
        if (p.isWord('extern', 1)) { parseExternBlock(p, out); return; }
        if (p.isWord('mod', 1)) { p.bump(); out.push(parseMod(p, attrs, start)); return; }
        break;
      case 'extern':
        if (p.isWord('crate', 1)) { p.skipPastSemi(); out.push(skipped(p, 'extern crate', start)); return; }
        parseExternBlock(p, out);
        return;
      case 'macro_rules':
        if (p.kindAt(1) !== K.Not) break;
        p.bump();
        p.bump();
        p.ident('a macro name');
        skipDelimited(p);
        out.push(skipped(p, 'macro definition', start));
        return;
      case 'macro':
        p.bump();
        p.ident('a macro name');
        p.skipPastBodyOrSemi(); // `macro m($x:expr) { … }` or `macro m { … }`
        out.push(skipped(p, 'macro definition', start));
        return;
    }
  }
  if (startsMacroCall(p)) {
    skipMacroCall(p);
    out.push(skipped(p, 'macro invocation', start));
    return;
  }
  p.failExpected('an item');
}

/** Qualifiers (`const`, `async`, `unsafe`, `safe`, `default`, `extern "ABI"`) followed by `fn`. */
function startsFn(p: Cursor): boolean {
  let i = 0;
  for (;;) {
    if (p.isWord('const', i) || p.isWord('async', i) || p.isWord('unsafe', i) || p.isWord('safe', i) || p.isWord('default', i)) i++;
    else if (p.isWord('extern', i)) {
      i++;
      if (p.kindAt(i) === K.Str || p.kindAt(i) === K.RawStr) i++;
    } else return p.isWord('fn', i);
  }
}

/** `path::to::mac!` followed by a delimiter. */
function startsMacroCall(p: Cursor): boolean {
  let i = p.kindAt(0) === K.PathSep ? 1 : 0;
  for (;;) {
    const k = p.kindAt(i);
    if (k !== K.RawIdent && !(k === K.Ident && (!isKeyword(p.tokenText(i)) || ['crate', 'self', 'super'].includes(p.tokenText(i))))) return false;
    i++;
    if (p.kindAt(i) !== K.PathSep) break;
    i++;
  }
  return p.kindAt(i) === K.Not;
}

function skipMacroCall(p: Cursor): void {
  while (!p.is(K.Not)) p.bump();
  p.bump();
  if (p.isPlainIdent()) p.bump(); // `foo! name { … }`
  skipDelimited(p);
}

/** A macro body: `{ … }` (optionally followed by `;`), or `( … );` / `[ … ];`. */
function skipDelimited(p: Cursor): void {
  if (!p.is(K.OpenParen) && !p.is(K.OpenBracket) && !p.is(K.OpenBrace)) p.failExpected('`(`, `[` or `{`');
  const brace = p.is(K.OpenBrace);
  p.skipGroup();
  if (brace) p.eat(K.Semi);
  else p.expect(K.Semi);
}

function parseStruct(p: Cursor, attrs: readonly Attr[], start: number): StructItem {
  p.bump();
  const ident = p.ident('a struct name');
  const generics = parseGenericParams(p);
  let shape: FieldsKind = 'unit';
  let fields: readonly FieldDef[] = NONE;
  if (p.is(K.OpenParen)) {
    fields = parseFields(p, 'tuple');
    parseWhereClause(p, generics);
    p.expect(K.Semi, '`where` or `;`');
    shape = 'tuple';
  } else {
    parseWhereClause(p, generics);
    if (p.is(K.OpenBrace)) {
      fields = parseFields(p, 'named');
      shape = 'named';
    } else if (!p.eat(K.Semi)) p.failExpected('`where`, `{`, `(`, or `;` after struct name');
  }
  return { kind: 'struct', ident, generics, attrs, span: p.span(start), shape, fields };
}

function parseEnum(p: Cursor, attrs: readonly Attr[], start: number): EnumItem {
  p.bump();
  const ident = p.ident('an enum name');
  const generics = parseGenericParams(p);
  parseWhereClause(p, generics);
  p.expect(K.OpenBrace, '`where` or `{`');
  const variants: VariantDef[] = [];
  while (!p.is(K.CloseBrace)) {
    const vattrs = parseOuterAttrs(p);
    const vstart = p.start;
    skipVisibility(p);
    const vident = p.ident('a variant name');
    let shape: FieldsKind = 'unit';
    let fields: readonly FieldDef[] = NONE;
    if (p.is(K.OpenBrace) || p.is(K.OpenParen)) {
      shape = p.is(K.OpenBrace) ? 'named' : 'tuple';
      fields = parseFields(p, shape);
    }
    const discriminant = p.eat(K.Eq) ? parseConstExpr(p) : null;
    variants.push({ ident: vident, shape, fields, discriminant, attrs: vattrs, span: p.span(vstart) });
    if (!p.eat(K.Comma)) break;
  }
  p.expect(K.CloseBrace, '`,` or `}`');
  return { kind: 'enum', ident, generics, attrs, span: p.span(start), variants };
}

function parseUnion(p: Cursor, attrs: readonly Attr[], start: number): UnionItem {
  p.bump();
  const ident = p.ident('a union name');
  const generics = parseGenericParams(p);
  parseWhereClause(p, generics);
  if (!p.is(K.OpenBrace)) p.failExpected('`where` or `{`');
  const fields = parseFields(p, 'named');
  return { kind: 'union', ident, generics, attrs, span: p.span(start), fields };
}

/** `{ a: T, pub b: U }` or `(T, pub(crate) U)`, trailing comma allowed. */
function parseFields(p: Cursor, shape: 'named' | 'tuple'): FieldDef[] {
  const close = shape === 'named' ? K.CloseBrace : K.CloseParen;
  p.bump();
  const fields: FieldDef[] = [];
  while (!p.is(close)) {
    const attrs = parseOuterAttrs(p);
    const start = p.start;
    skipVisibility(p);
    let ident = null;
    if (shape === 'named') {
      ident = p.ident('a field name');
      p.expect(K.Colon);
    }
    const ty = parseType(p);
    fields.push({ ident, ty, attrs, span: p.span(start) });
    if (!p.eat(K.Comma)) break;
  }
  p.expect(close, shape === 'named' ? '`,` or `}`' : '`,` or `)`');
  return fields;
}

function parseAlias(p: Cursor, attrs: readonly Attr[], start: number): AliasItem {
  p.bump();
  const ident = p.ident('a type alias name');
  const generics = parseGenericParams(p);
  if (p.eat(K.Colon)) parseBounds(p, true, false);
  parseWhereClause(p, generics);
  p.expect(K.Eq);
  const ty = parseType(p);
  parseWhereClause(p, generics);
  p.expect(K.Semi);
  return { kind: 'alias', ident, generics, attrs, span: p.span(start), ty };
}

/** `const N: usize = 4;` when the value is a constant expression; any other const item is skipped. */
function parseConstItem(p: Cursor, attrs: readonly Attr[], start: number): ConstItem | SkippedItem {
  const save = { pos: p.pos, prevEnd: p.prevEnd, depth: p.depth };
  try {
    p.bump();
    const ident = p.ident('a constant name');
    p.expect(K.Colon);
    const ty = parseType(p);
    p.expect(K.Eq);
    const expr = parseConstExpr(p);
    p.expect(K.Semi);
    return { kind: 'const', ident, ty, expr, attrs, span: p.span(start) };
  } catch (e) {
    if (!(e instanceof ParseAbort)) throw e;
    p.pos = save.pos;
    p.prevEnd = save.prevEnd;
    p.depth = save.depth;
    p.skipPastSemi();
    return skipped(p, 'const item', start);
  }
}

export interface FnOptions {
  /** The ABI of the enclosing `extern "…" { }` block (whose fns are unsafe unless `safe`), else null. */
  readonly externAbi: string | null;
  /** A lone signature (parseFnSignature): may end without `;` or a body. */
  readonly bodyOptional: boolean;
}

/** `pub const unsafe extern "C" fn name<G>(params) -> Ret where … { body skipped }` or `…;`. */
export function parseFn(p: Cursor, attrs: readonly Attr[], start: number, opts: FnOptions): FnItem {
  let unsafe = opts.externAbi !== null;
  let abi = opts.externAbi;
  for (;;) {
    if (p.eatWord('unsafe')) unsafe = true;
    else if (p.eatWord('safe')) unsafe = false;
    else if (p.eatWord('const') || p.eatWord('async') || p.eatWord('default')) continue;
    else if (p.eatWord('extern')) abi = p.is(K.Str) || p.is(K.RawStr) ? p.stringValue() : 'C';
    else break;
  }
  p.expectWord('fn');
  const ident = p.ident('a function name');
  const generics = parseGenericParams(p);
  p.expect(K.OpenParen);
  const allowImpl = p.allowImpl;
  p.allowImpl = true;
  const { selfParam, params } = parseParams(p);
  const ret = p.eat(K.RArrow) ? parseType(p) : null;
  p.allowImpl = allowImpl;
  parseWhereClause(p, generics);
  if (p.is(K.OpenBrace)) p.skipGroup();
  else if (!p.eat(K.Semi) && !(opts.bodyOptional && p.atEof())) {
    p.failExpected(ret === null ? '`->`, `where`, `;` or `{`' : '`where`, `;` or `{`');
  }
  return { kind: 'fn', ident, generics, attrs, span: p.span(start), unsafe, abi, selfParam, params, ret };
}

/** The parameter list after `(`, through `)`. */
function parseParams(p: Cursor): { selfParam: SelfParam | null; params: Param[] } {
  let selfParam: SelfParam | null = null;
  const params: Param[] = [];
  let first = true;
  while (!p.is(K.CloseParen)) {
    parseOuterAttrs(p);
    const start = p.start;
    if (first) {
      first = false;
      selfParam = parseSelfParam(p);
      if (selfParam !== null) {
        if (!p.eat(K.Comma)) break;
        continue;
      }
    }
    // C variadics (`...` or `args: ...`) end the list; they carry no type to lay out.
    if (p.eat(K.DotDotDot)) {
      if (!p.eat(K.Comma)) break;
      continue;
    }
    if (p.is(K.Colon)) p.failExpected('a parameter pattern');
    skipPattern(p);
    const pattern = p.text.slice(start, p.prevEnd);
    p.expect(K.Colon);
    if (p.eat(K.DotDotDot)) {
      if (!p.eat(K.Comma)) break;
      continue;
    }
    const ty = parseType(p);
    params.push({ pattern, ty, span: p.span(start) });
    if (!p.eat(K.Comma)) break;
  }
  p.expect(K.CloseParen, '`,` or `)`');
  return { selfParam, params };
}

/** `self`, `mut self`, `&self`, `&'a mut self`, `self: Box<Self>`, `mut self: Pin<&mut Self>`; else null. */
function parseSelfParam(p: Cursor): SelfParam | null {
  const start = p.start;
  let i = 0;
  const byRef = p.is(K.And);
  let mutable = false;
  if (byRef) {
    i = p.kindAt(1) === K.Lifetime ? 2 : 1;
    if (p.isWord('mut', i)) { mutable = true; i++; }
  } else if (p.isWord('mut')) i = 1;
  if (!p.isWord('self', i) || p.kindAt(i + 1) === K.PathSep) return null;
  for (let k = 0; k <= i; k++) p.bump();
  if (byRef) return { kind: 'ref', mutable, span: p.span(start) };
  if (p.eat(K.Colon)) {
    const ty: TypeExpr = parseType(p);
    return { kind: 'typed', ty, span: p.span(start) };
  }
  return { kind: 'value', span: p.span(start) };
}

/** A parameter pattern (`x`, `mut x`, `(a, b)`, `Point { x, .. }`): skipped up to its `:`. */
function skipPattern(p: Cursor): void {
  for (;;) {
    const k = p.kind;
    if (k === K.Colon) return;
    if (k === K.OpenParen || k === K.OpenBracket || k === K.OpenBrace) p.skipGroup();
    else if (k === K.CloseParen || k === K.CloseBracket || k === K.CloseBrace || k === K.Comma || k === K.Eof) p.failExpected('`:`');
    else p.bump();
  }
}

function parseImpl(p: Cursor, attrs: readonly Attr[], start: number): ImplItem {
  p.eatWord('unsafe');
  p.bump();
  const generics = parseGenericParams(p);
  p.eatWord('const');
  const negative = p.is(K.Not) && (p.kindAt(1) === K.Ident || p.kindAt(1) === K.RawIdent || p.kindAt(1) === K.PathSep);
  if (negative) p.bump();
  const traitStart = p.start;
  const first = parseType(p);
  let trait: string | null = null;
  let selfTy = first;
  if (p.isWord('for')) {
    trait = (negative ? '!' : '') + p.canonicalText(traitStart, p.prevEnd);
    p.bump();
    selfTy = parseType(p);
  } else if (negative) p.failExpected('`for`');
  parseWhereClause(p, generics);
  p.expect(K.OpenBrace, '`for`, `where` or `{`');
  skipInnerAttrs(p);
  const fns: FnItem[] = [];
  while (!p.is(K.CloseBrace) && !p.atEof()) {
    const mattrs = parseOuterAttrs(p);
    const mstart = p.start;
    skipVisibility(p);
    if (startsFn(p)) fns.push(parseFn(p, mattrs, mstart, { externAbi: null, bodyOptional: false }));
    else if (p.isWord('const') || p.isWord('type') || p.isWord('static') || p.isWord('default')) p.skipPastSemi();
    else if (startsMacroCall(p)) skipMacroCall(p);
    else p.failExpected('an associated item (`fn`, `const`, `type` or a macro call)');
  }
  p.expect(K.CloseBrace);
  return { kind: 'impl', generics, trait, selfTy, fns, attrs, span: p.span(start) };
}

function parseMod(p: Cursor, attrs: readonly Attr[], start: number): ModItem | SkippedItem {
  p.bump();
  const ident = p.ident('a module name');
  if (p.eat(K.Semi)) return skipped(p, 'module declaration', start);
  p.expect(K.OpenBrace, '`;` or `{`');
  p.enter();
  const items: Item[] = [];
  parseItems(p, items, true);
  p.leave();
  p.expect(K.CloseBrace);
  return { kind: 'mod', ident, items, attrs, span: p.span(start) };
}

/** `extern "C" { … }` (also `unsafe extern`): its fns join `out` with the block's ABI. */
function parseExternBlock(p: Cursor, out: Item[]): void {
  p.eatWord('unsafe');
  p.bump();
  const abi = p.is(K.Str) || p.is(K.RawStr) ? p.stringValue() : 'C';
  p.expect(K.OpenBrace, '`{` or `fn`');
  skipInnerAttrs(p);
  while (!p.is(K.CloseBrace) && !p.atEof()) {
    const attrs = parseOuterAttrs(p);
    const start = p.start;
    skipVisibility(p);
    if (startsFn(p)) out.push(parseFn(p, attrs, start, { externAbi: abi, bodyOptional: false }));
    else if (p.isWord('static') || ((p.isWord('safe') || p.isWord('unsafe')) && p.isWord('static', 1))) {
      p.skipPastSemi();
      out.push(skipped(p, 'foreign static', start));
    } else if (p.isWord('type')) {
      p.skipPastSemi();
      out.push(skipped(p, 'foreign type', start));
    } else if (startsMacroCall(p)) {
      skipMacroCall(p);
      out.push(skipped(p, 'macro invocation', start));
    } else p.failExpected('a foreign item (`fn`, `static` or `type`)');
  }
  p.expect(K.CloseBrace);
}
