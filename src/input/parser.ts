/**
 * The input parser's entry points: Rust text → the syntax tree of ast.ts.
 *
 * Lexing runs first (lexer.ts); any lexical error fails the parse. The recursive-descent parser
 * (parser-items.ts, parser-types.ts, parser-const.ts, parser-attrs.ts over the Cursor of
 * parser-core.ts) stops at the first syntax error. The result is always an Outcome: never a throw,
 * never a partial tree with `ok: true`. Nesting beyond MAX_DEPTH is `input/too-deep`.
 */
import type { Outcome, Source } from '../model/diagnostics.js';
import { fail, ok } from '../model/diagnostics.js';
import type { FnItem, Item, SourceFile, TypeExpr } from './ast.js';
import { lex } from './lexer.js';
import { parseOuterAttrs, skipVisibility } from './parser-attrs.js';
import { Cursor, ParseAbort } from './parser-core.js';
import { parseFn, parseItems } from './parser-items.js';
import { parseType } from './parser-types.js';

export { MAX_DEPTH } from './parser-core.js';

/** Lexes `source` and runs `body` on a cursor, turning the first error into a failed Outcome. */
function run<T>(source: Source, body: (p: Cursor) => T): Outcome<T> {
  const lexed = lex(source);
  if (lexed.errors.length > 0) return fail(...lexed.errors);
  const p = new Cursor(lexed.tokens);
  try {
    return ok(body(p));
  } catch (e) {
    if (e instanceof ParseAbort) return fail(e.diagnostic);
    throw e;
  }
}

/** A whole `.rs` file. */
export function parseSourceFile(source: Source): Outcome<SourceFile> {
  return run(source, (p) => {
    const items: Item[] = [];
    parseItems(p, items, false);
    return { items };
  });
}

/** Exactly one type expression (`Option<Result<(u8, &'static [u32]), Vec<Box<dyn Tr>>>>`). */
export function parseTypeExpr(source: Source): Outcome<TypeExpr> {
  return run(source, (p) => {
    if (p.atEof()) p.fail('input/empty', 'expected a type, found empty input', p.span(0, source.text.length));
    const ty = parseType(p);
    if (!p.atEof()) p.failExpected('end of input after the type');
    return ty;
  });
}

/** One function signature (`pub unsafe extern "C" fn g(a: &mut T);`); a `{ … }` body is skipped. */
export function parseFnSignature(source: Source): Outcome<FnItem> {
  return run(source, (p) => {
    if (p.atEof()) p.fail('input/empty', 'expected a function signature, found empty input', p.span(0, source.text.length));
    const attrs = parseOuterAttrs(p);
    const start = p.start;
    skipVisibility(p);
    const fn = parseFn(p, attrs, start, { externAbi: null, bodyOptional: true });
    if (!p.atEof()) p.failExpected('end of input after the signature');
    return fn;
  });
}

