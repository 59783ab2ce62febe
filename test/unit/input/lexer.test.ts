import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenKind as K, lex, tokenKindName, tokenList } from '../../../src/input/lexer.js';
import { charLiteral, intLiteral, stringLiteral } from '../../../src/input/literal.js';

/** `Kind:text` for every token. */
function toks(text: string, comments = false): string[] {
  const r = lex({ name: 't.rs', text }, { comments });
  assert.deepEqual(r.errors.map((e) => e.message), [], `unexpected lex errors in ${text}`);
  return tokenList(r.tokens).map((t) => `${tokenKindName(t.kind)}:${t.text}`);
}

function errs(text: string): { code: string; message: string; start: number; end: number }[] {
  return lex({ name: 't.rs', text }).errors.map((e) => ({ code: e.code, message: e.message, start: e.span?.start ?? -1, end: e.span?.end ?? -1 }));
}

test('identifiers, keywords, raw identifiers, unicode', () => {
  assert.deepEqual(toks('struct Foo _x _ r#type r#fn héllo 日本 self'), [
    'Ident:struct', 'Ident:Foo', 'Ident:_x', 'Ident:_', 'RawIdent:r#type', 'RawIdent:r#fn', 'Ident:héllo', 'Ident:日本', 'Ident:self',
  ]);
  // `r`, `b`, `c`, `br` on their own are identifiers.
  assert.deepEqual(toks('r b c br cr rb'), ['Ident:r', 'Ident:b', 'Ident:c', 'Ident:br', 'Ident:cr', 'Ident:rb']);
});

test('lifetimes versus char literals', () => {
  assert.deepEqual(toks("'a 'static 'x' '\\n' '\\u{1F600}' '😀' '\\'' 'ab_c '_ 'r#raw"), [
    "Lifetime:'a", "Lifetime:'static", "Char:'x'", "Char:'\\n'", "Char:'\\u{1F600}'", "Char:'😀'", "Char:'\\''", "Lifetime:'ab_c", "Lifetime:'_", "Lifetime:'r#raw",
  ]);
  assert.deepEqual(toks("&'a T"), ['And:&', "Lifetime:'a", 'Ident:T']);
  assert.deepEqual(toks("' '"), ["Char:' '"]);
  assert.deepEqual(toks("b'x' b'\\xff' b'\\''"), ["Byte:b'x'", "Byte:b'\\xff'", "Byte:b'\\''"]);
  assert.deepEqual(toks("fn f<'a>(x: &'a u8) -> char { 'a' }"), [
    'Ident:fn', 'Ident:f', 'Lt:<', "Lifetime:'a", 'Gt:>', 'OpenParen:(', 'Ident:x', 'Colon::', 'And:&', "Lifetime:'a", 'Ident:u8',
    'CloseParen:)', 'RArrow:->', 'Ident:char', 'OpenBrace:{', "Char:'a'", 'CloseBrace:}',
  ]);
});

test('integer literals: bases, separators, suffixes', () => {
  assert.deepEqual(toks('0 42 0x7fff_ffff 0o17 0b1010_u8 1_000usize 255u8 1i128 0xFFu16 0x1f32'), [
    'Int:0', 'Int:42', 'Int:0x7fff_ffff', 'Int:0o17', 'Int:0b1010_u8', 'Int:1_000usize', 'Int:255u8', 'Int:1i128', 'Int:0xFFu16', 'Int:0x1f32',
  ]);
  const v = (s: string) => { const r = intLiteral(s); return r.ok ? [r.value.value, r.value.suffix] : r.message; };
  assert.deepEqual(v('0x7fff_ffff'), [0x7fffffffn, null]);
  assert.deepEqual(v('0b1010_u8'), [10n, 'u8']);
  assert.deepEqual(v('0o17'), [15n, null]);
  assert.deepEqual(v('1_000usize'), [1000n, 'usize']);
  assert.deepEqual(v('0xFFu16'), [255n, 'u16']);
  assert.deepEqual(v('0x1f32'), [0x1f32n, null]); // hex digits, not an f32 suffix
  assert.deepEqual(v('340282366920938463463374607431768211455u128'), [(1n << 128n) - 1n, 'u128']);
  assert.equal(v('1u7'), 'invalid suffix `u7` for number literal');
  assert.equal(v('0b102'), 'invalid digit for a base 2 literal');
  assert.equal(v('0o8'), 'invalid digit for a base 8 literal');
  assert.equal(v('0x'), 'no valid digits found for number');
  assert.equal(v('1f32'), 'floating-point literals are not supported here');
});

test('float literals and the `.` lookahead', () => {
  assert.deepEqual(toks('1.0 1e10 2.5E-3f64 1. 3f32 6.02e+23'), ['Float:1.0', 'Float:1e10', 'Float:2.5E-3f64', 'Float:1.', 'Int:3f32', 'Float:6.02e+23']);
  assert.deepEqual(toks('1..2'), ['Int:1', 'DotDot:..', 'Int:2']);
  assert.deepEqual(toks('0..=9'), ['Int:0', 'DotDotEq:..=', 'Int:9']);
  assert.deepEqual(toks('1.foo()'), ['Int:1', 'Dot:.', 'Ident:foo', 'OpenParen:(', 'CloseParen:)']);
  assert.deepEqual(toks('x.0'), ['Ident:x', 'Dot:.', 'Int:0']);
  assert.equal(errs('1e')[0]?.message, 'expected at least one digit in exponent');
});

test('strings: plain, raw, byte, C; escapes decoded on demand', () => {
  assert.deepEqual(toks('"a\\"b" r"x\\" r#"a"b"# r##"a"#b"## b"x" br#"y"# c"z" cr"w" "multi\nline"'), [
    'Str:"a\\"b"', 'RawStr:r"x\\"', 'RawStr:r#"a"b"#', 'RawStr:r##"a"#b"##', 'ByteStr:b"x"', 'RawByteStr:br#"y"#', 'CStr:c"z"', 'RawCStr:cr"w"', 'Str:"multi\nline"',
  ]);
  const s = (t: string) => { const r = stringLiteral(t); return r.ok ? r.value : `error: ${r.message}`; };
  assert.equal(s('"a\\"b\\n\\t\\\\\\0"'), 'a"b\n\t\\\0');
  assert.equal(s('"\\u{1F600}\\x41"'), '😀A');
  assert.equal(s('"a\\\n    b"'), 'ab');
  assert.equal(s('r#"a"b"#'), 'a"b');
  assert.equal(s('b"\\xff"'), '\xff');
  assert.equal(s('"\\q"'), 'error: unknown character escape: `q`');
  assert.equal(s('"\\xff"'), 'error: out of range hex escape: must be a character in the range [\\x00-\\x7f]');
  assert.equal(s('"\\u{D800}"'), 'error: invalid unicode character escape: not a Unicode scalar value');
  assert.equal(s('"x"suffix'), 'error: invalid suffix `suffix` for string literal');
  const c = (t: string) => { const r = charLiteral(t); return r.ok ? r.value : `error: ${r.message}`; };
  assert.equal(c("'x'"), 120);
  assert.equal(c("'\\u{1F600}'"), 0x1f600);
  assert.equal(c("'😀'"), 0x1f600);
  assert.equal(c("b'\\xff'"), 255);
  assert.equal(c("'\\n'"), 10);
});

test('punctuation: longest match, every multi-character token', () => {
  assert.deepEqual(toks(':: -> => << >> <<= >>= <= >= == != && || += -= *= /= %= ^= &= |= .. ... ..= # $ ? ~ @'), [
    'PathSep:::', 'RArrow:->', 'FatArrow:=>', 'Shl:<<', 'Shr:>>', 'ShlEq:<<=', 'ShrEq:>>=', 'Le:<=', 'Ge:>=', 'EqEq:==', 'Ne:!=',
    'AndAnd:&&', 'OrOr:||', 'PlusEq:+=', 'MinusEq:-=', 'StarEq:*=', 'SlashEq:/=', 'PercentEq:%=', 'CaretEq:^=', 'AndEq:&=', 'OrEq:|=',
    'DotDot:..', 'DotDotDot:...', 'DotDotEq:..=', 'Pound:#', 'Dollar:$', 'Question:?', 'Tilde:~', 'At:@',
  ]);
  assert.deepEqual(toks('Vec<Vec<u8>>'), ['Ident:Vec', 'Lt:<', 'Ident:Vec', 'Lt:<', 'Ident:u8', 'Shr:>>']);
  assert.deepEqual(toks('a:b'), ['Ident:a', 'Colon::', 'Ident:b']);
});

test('comments: dropped by default; kinds and nesting with { comments: true }', () => {
  assert.deepEqual(toks('a // x\n/* /* nested */ still */ b /** doc */ c'), ['Ident:a', 'Ident:b', 'Ident:c']);
  assert.deepEqual(toks('/// outer\n//! inner\n//// plain\n// plain\n/** d */ /*! i */ /**/ /*** p */ /* /* n */ */', true), [
    'DocComment:/// outer', 'InnerDocComment://! inner', 'LineComment://// plain', 'LineComment:// plain',
    'DocComment:/** d */', 'InnerDocComment:/*! i */', 'BlockComment:/**/', 'BlockComment:/*** p */', 'BlockComment:/* /* n */ */',
  ]);
});

test('every token has exact start/end offsets; Eof is an empty span at the end', () => {
  const r = lex({ name: 't', text: "  pub x: &'a u8, // c\n" });
  assert.deepEqual(tokenList(r.tokens).map((t) => [t.start, t.end]), [[2, 5], [6, 7], [7, 8], [9, 10], [10, 12], [13, 15], [15, 16]]);
  const last = r.tokens.count - 1;
  assert.equal(r.tokens.kinds[last], K.Eof);
  assert.equal(r.tokens.starts[last], 22);
  assert.equal(r.tokens.ends[last], 22);
});

test('BOM and shebang are skipped; `#![` is not a shebang', () => {
  assert.deepEqual(toks('\ufeffstruct'), ['Ident:struct']);
  assert.deepEqual(toks('#!/usr/bin/env run-cargo-script\nfn'), ['Ident:fn']);
  assert.deepEqual(toks('#![no_std]'), ['Pound:#', 'Not:!', 'OpenBracket:[', 'Ident:no_std', 'CloseBracket:]']);
});

test('unterminated literals and comments are diagnostics with spans, never throws', () => {
  assert.deepEqual(errs('x "abc'), [{ code: 'input/unterminated', message: 'unterminated double quote string', start: 2, end: 3 }]);
  assert.deepEqual(errs('b"abc'), [{ code: 'input/unterminated', message: 'unterminated double quote byte string', start: 0, end: 2 }]);
  assert.deepEqual(errs('a /* /* */ b'), [{ code: 'input/unterminated', message: 'unterminated block comment', start: 2, end: 4 }]);
  assert.deepEqual(errs('r##"abc"#'), [{ code: 'input/unterminated', message: 'unterminated raw string', start: 0, end: 4 }]);
  assert.deepEqual(errs("'\\n"), [{ code: 'input/unterminated', message: 'unterminated character literal', start: 0, end: 3 }]);
  assert.deepEqual(errs("b'x"), [{ code: 'input/unterminated', message: 'unterminated byte constant', start: 0, end: 3 }]);
  assert.equal(errs("''")[0]?.message, 'empty character literal');
  assert.equal(errs("'ab'")[0]?.message, 'character literal may only contain one codepoint');
  assert.equal(errs('r#"x"')[0]?.code, 'input/unterminated');
  assert.equal(errs('r# x')[0]?.message, 'found invalid character; only `#` is allowed in raw string delimitation');
});

test('stray characters are input/unexpected-char and lexing continues', () => {
  const r = lex({ name: 't', text: 'a \\ b € c 😀 d \u0007' });
  assert.deepEqual(r.errors.map((e) => [e.code, e.message, e.span?.start, e.span?.end]), [
    ['input/unexpected-char', 'unknown start of token: \\', 2, 3],
    ['input/unexpected-char', 'unknown start of token: €', 6, 7],
    ['input/unexpected-char', 'unknown start of token: 😀', 10, 12],
    ['input/unexpected-char', 'unknown start of token: \\u{7}', 15, 16],
  ]);
  assert.deepEqual(tokenList(r.tokens).map((t) => t.text), ['a', 'b', 'c', 'd']);
});

test('a large input lexes in linear time (typed arrays grow)', () => {
  const unit = 'pub struct S { a: u8, b: [u32; 4] } // comment\n';
  const text = unit.repeat(20000);
  const t0 = performance.now();
  const r = lex({ name: 'big', text });
  const ms = performance.now() - t0;
  assert.equal(r.errors.length, 0);
  assert.equal(r.tokens.count, 20000 * 16 + 1);
  assert.ok(ms < 2000, `lexing ${text.length} chars took ${ms} ms`);
});
