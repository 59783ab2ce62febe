/**
 * Const expressions: enum discriminants, array lengths, const generic arguments and defaults.
 * Integer arithmetic only (`-1`, `0x10u8`, `(1 << 4) + N`, `{ N * 2 }`); casts, calls and floats are
 * reported as unsupported rather than guessed at.
 */
import type { ConstExpr } from './ast.js';
import { TokenKind as K } from './lexer.js';
import { charLiteral, intLiteral } from './literal.js';
import type { Cursor } from './parser-core.js';
import { isKeyword } from './parser-core.js';

type BinaryOp = (ConstExpr & { kind: 'binary' })['op'];

/** Binding strength of Rust's integer operators (higher binds tighter). */
function binaryOp(kind: number): [number, BinaryOp] | null {
  switch (kind) {
    case K.Or: return [1, '|'];
    case K.Caret: return [2, '^'];
    case K.And: return [3, '&'];
    case K.Shl: return [4, '<<'];
    case K.Shr: return [4, '>>'];
    case K.Plus: return [5, '+'];
    case K.Minus: return [5, '-'];
    case K.Star: return [6, '*'];
    case K.Slash: return [6, '/'];
    case K.Percent: return [6, '%'];
    default: return null;
  }
}

export function parseConstExpr(p: Cursor): ConstExpr {
  p.enter();
  const e = binary(p, 1);
  p.leave();
  return e;
}

/** Precedence climbing; operators of one level associate to the left. */
function binary(p: Cursor, minPrec: number): ConstExpr {
  let left = unary(p);
  for (;;) {
    const op = binaryOp(p.kind);
    if (op === null || op[0] < minPrec) return left;
    p.bump();
    const right = binary(p, op[0] + 1);
    left = { kind: 'binary', op: op[1], left, right, span: p.span(left.span.start, right.span.end) };
  }
}

function unary(p: Cursor): ConstExpr {
  const start = p.start;
  if (p.is(K.Minus) || p.is(K.Not)) {
    const op = p.is(K.Minus) ? '-' : '!';
    p.bump();
    p.enter();
    const expr = unary(p);
    p.leave();
    return { kind: 'unary', op, expr, span: p.span(start) };
  }
  const e = primary(p);
  // Postfix forms that would change the value: refuse them instead of silently ignoring them.
  if (p.isWord('as')) p.fail('input/unsupported', 'casts (`as`) are not supported in constant expressions');
  if (p.is(K.Dot)) p.fail('input/unsupported', 'method calls and field access are not supported in constant expressions');
  if (p.is(K.OpenParen)) p.fail('input/unsupported', 'function calls are not supported in constant expressions');
  if (p.is(K.OpenBracket)) p.fail('input/unsupported', 'indexing is not supported in constant expressions');
  if (p.is(K.Not)) p.fail('input/unsupported', 'macros are not supported in constant expressions');
  return e;
}

function primary(p: Cursor): ConstExpr {
  const start = p.start;
  switch (p.kind) {
    case K.Int: return intLit(p);
    case K.Byte: {
      const r = charLiteral(p.tokenText());
      if (!r.ok) p.fail('input/invalid-literal', r.message);
      p.bump();
      return { kind: 'lit', value: BigInt(r.value), suffix: 'u8', span: p.span(start) };
    }
    case K.Float: return p.fail('input/unsupported', 'floating-point literals are not supported in constant expressions');
    case K.Char: return p.fail('input/unsupported', 'character literals are not supported in constant expressions');
    case K.OpenParen:
    case K.OpenBrace: {
      const close = p.is(K.OpenParen) ? K.CloseParen : K.CloseBrace;
      p.bump();
      const e = parseConstExpr(p);
      p.expect(close);
      return e;
    }
    case K.Ident:
      if (p.isWord('true') || p.isWord('false')) {
        const value = p.isWord('true') ? 1n : 0n;
        p.bump();
        return { kind: 'lit', value, suffix: 'bool', span: p.span(start) };
      }
      return path(p);
    case K.RawIdent:
    case K.PathSep:
      return path(p);
    default:
      return p.failExpected('a constant expression');
  }
}

function intLit(p: Cursor): ConstExpr {
  const start = p.start;
  const r = intLiteral(p.tokenText());
  if (!r.ok) p.fail('input/invalid-literal', r.message);
  p.bump();
  return { kind: 'lit', value: r.value.value, suffix: r.value.suffix, span: p.span(start) };
}

const PATH_KEYWORDS: ReadonlySet<string> = new Set(['crate', 'self', 'super', 'Self']);

/** `N`, `Self::LEN`, `crate::consts::MAX` → one `path` node with `::`-joined segments. */
function path(p: Cursor): ConstExpr {
  const start = p.start;
  const names: string[] = [];
  if (p.eat(K.PathSep)) names.push('');
  for (;;) {
    if (p.is(K.RawIdent)) names.push(p.ident().name);
    else {
      const t = p.tokenText();
      if (!p.is(K.Ident) || t === '_' || (isKeyword(t) && !PATH_KEYWORDS.has(t))) p.failExpected('a constant expression');
      names.push(t);
      p.bump();
    }
    if (p.is(K.PathSep) && (p.kindAt(1) === K.Ident || p.kindAt(1) === K.RawIdent)) { p.bump(); continue; }
    if (p.is(K.PathSep) && p.kindAt(1) === K.Lt) p.fail('input/unsupported', 'generic paths are not supported in constant expressions');
    break;
  }
  return { kind: 'path', name: names.join('::'), span: p.span(start) };
}

/**
 * A const generic argument or const parameter default: `{ expr }`, a literal, a negated literal,
 * `true`/`false`, or a bare path (`N`).
 */
export function parseConstArg(p: Cursor): ConstExpr {
  if (p.is(K.OpenBrace)) return parseConstExpr(p);
  if (p.is(K.Minus) && p.kindAt(1) === K.Int) {
    const start = p.start;
    p.bump();
    const lit = intLit(p);
    return { kind: 'unary', op: '-', expr: lit, span: p.span(start) };
  }
  return primary(p);
}

/** Can the current token start a const generic argument (as opposed to a type)? */
export function startsConstArg(p: Cursor): boolean {
  const k = p.kind;
  if (k === K.OpenBrace || k === K.Int || k === K.Byte || k === K.Float || k === K.Char) return true;
  if (k === K.Minus) return p.kindAt(1) === K.Int;
  return p.isWord('true') || p.isWord('false');
}
