import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Attr } from '../../../src/input/ast.js';
import { parseFnSignature, parseSourceFile, parseTypeExpr } from '../../../src/input/parser.js';
import { PRELUDE_RS } from '../../../src/prelude/core-rs.js';
import { readCorpus } from '../../support/corpus.js';
import { err, file, fileErr, items, pattr, pc, pfn, pt, ty, tyErr } from './ast-text.js';

// ---- types

test('paths, generic arguments, prefixes', () => {
  assert.equal(ty('u8'), 'u8');
  assert.equal(ty('Vec<u8>'), 'Vec<u8>');
  assert.equal(ty('Vec::<u8>'), 'Vec<u8>');
  assert.equal(ty('core::num::NonZeroU32'), 'core::num::NonZeroU32');
  assert.equal(ty('::core::option::Option<u8>'), '::core::option::Option<u8>');
  assert.equal(ty('crate::a::B'), 'crate::a::B');
  assert.equal(ty('self::B'), 'self::B');
  assert.equal(ty('super::super::B'), 'super::super::B');
  assert.equal(ty("Type<'a, T>"), 'Type<T>');
  assert.equal(ty("Cow<'static, str>"), 'Cow<str>');
  assert.equal(ty('Foo<{ 4 }, 3, -1, b\'a\', true, { N + 1 }>'), 'Foo<{4}, {3}, {(-1)}, {97u8}, {1bool}, {(N + 1)}>');
  assert.equal(ty('Vec<Vec<Vec<u8>>>'), 'Vec<Vec<Vec<u8>>>');
  assert.equal(ty('r#type::r#struct'), 'type::struct');
  assert.equal(ty("Option<Result<(u8, &'static [u32]), Vec<Box<dyn Tr>>>>"), "Option<Result<(u8, &'static [u32]), Vec<Box<dyn Tr>>>>");
});

test('tuples, parentheses, arrays, slices', () => {
  assert.equal(ty('()'), '()');
  assert.equal(ty('(u8,)'), '(u8,)');
  assert.equal(ty('(u8)'), 'u8');
  assert.equal(ty('((u8))'), 'u8');
  assert.equal(ty('(u8, u16, )'), '(u8, u16)');
  assert.equal(ty('[u8; 4]'), '[u8; 4]');
  assert.equal(ty('[u8; N]'), '[u8; N]');
  assert.equal(ty('[[u8; 2 * 3]; 0x10usize]'), '[[u8; (2 * 3)]; 16usize]');
  assert.equal(ty('[u8; 1 + 2 * 3 - (4 << 1) | 1 & 3 ^ 2]'), '[u8; (((1 + (2 * 3)) - (4 << 1)) | ((1 & 3) ^ 2))]');
  assert.equal(ty('[u8; 8 >> 1]'), '[u8; (8 >> 1)]');
  assert.equal(ty('[u8; { Self::LEN }]'), '[u8; Self::LEN]');
  assert.equal(ty('[T]'), '[T]');
});

test('references (`&&` split), raw pointers, never', () => {
  assert.equal(ty('&T'), '&T');
  assert.equal(ty("&'a mut T"), "&'a mut T");
  assert.equal(ty('&&T'), '&&T');
  assert.equal(ty("&&'a mut &&&T"), "&&'a mut &&&T");
  assert.equal(ty('*const u8'), '*const u8');
  assert.equal(ty('*mut *const [u8]'), '*mut *const [u8]');
  assert.equal(ty('!'), '!');
  assert.equal(ty('Result<!, E>'), 'Result<!, E>');
  const r = parseTypeExpr({ name: 't', text: '&&u8' });
  assert.ok(r.ok && r.value.kind === 'ref' && r.value.pointee.kind === 'ref');
  if (r.ok && r.value.kind === 'ref') {
    assert.deepEqual([r.value.span.start, r.value.span.end], [0, 4]);
    assert.deepEqual([r.value.pointee.span.start, r.value.pointee.span.end], [1, 4]);
  }
});

test('fn pointers and trait objects', () => {
  assert.equal(ty('fn()'), 'fn()');
  assert.equal(ty('fn(A, B) -> R'), 'fn(A, B) -> R');
  assert.equal(ty('fn(len: usize, _: u8) -> !'), 'fn(usize, u8) -> !');
  assert.equal(ty('unsafe extern "C" fn(i32, ...) -> i32'), 'unsafe extern "C" fn(i32) -> i32');
  assert.equal(ty('extern fn()'), 'extern "C" fn()');
  assert.equal(ty('extern "system" fn()'), 'extern "system" fn()');
  assert.equal(ty("for<'a> fn(&'a u8) -> &'a u8"), "fn(&'a u8) -> &'a u8");
  assert.equal(ty('Option<fn(u8) -> u8>'), 'Option<fn(u8) -> u8>');
  assert.equal(ty("dyn Trait + Send + 'a"), 'dyn Trait + Send');
  assert.equal(ty('dyn Tr<T>'), 'dyn Tr<T>');
  assert.equal(ty('Box<dyn Fn(u8)->u8+Send>'), 'Box<dyn Fn(u8) -> u8 + Send>');
  assert.equal(ty("Box<dyn for<'a> FnMut(&'a mut T) + 'static>"), "Box<dyn for<'a> FnMut(&'a mut T)>");
  assert.equal(ty('Box<dyn Iterator<Item = u8>>'), 'Box<dyn Iterator<Item = u8>>');
  assert.equal(ty('&(dyn A + B)'), '&dyn A + B');
  assert.equal(ty('&dyn core::any::Any'), '&dyn core::any::Any');
});

test('type errors: what was expected, what was found, exact span', () => {
  assert.equal(tyErr('Vec<u8;'), 'input/expected expected `,` or `>`, found `;` @6..7');
  assert.equal(tyErr('Option<u8'), 'input/expected expected `,` or `>`, found end of input @9..9');
  assert.equal(tyErr('(u8, u16'), 'input/expected expected `,` or `)`, found end of input @8..8');
  assert.equal(tyErr('[u8; 4'), 'input/expected expected `]`, found end of input @6..6');
  assert.equal(tyErr('u8 u16'), 'input/expected expected end of input after the type, found `u16` @3..6');
  assert.equal(tyErr('*u8'), 'input/expected expected `mut` or `const` keyword in raw pointer type, found `u8` @1..3');
  assert.equal(tyErr('struct'), 'input/expected expected a type, found keyword `struct` @0..6');
  assert.equal(tyErr('Vec<struct>'), 'input/expected expected a type, found keyword `struct` @4..10');
  assert.equal(tyErr('dyn'), 'input/expected at least one trait is required for an object type @0..3');
  assert.equal(tyErr('_'), 'input/unsupported the placeholder `_` is not allowed within types @0..1');
  assert.equal(tyErr('Vec<_>'), 'input/unsupported the placeholder `_` is not allowed within types @4..5');
  assert.equal(tyErr('impl Trait'), 'input/unsupported `impl Trait` is not supported here: an opaque type has no layout to compute @0..4');
  assert.equal(tyErr('<T as Tr>::X'), 'input/unsupported qualified paths (`<T as Trait>::Name`) are not supported @0..1');
  assert.equal(tyErr('[u8; N as usize]'), 'input/unsupported casts (`as`) are not supported in constant expressions @7..9');
  assert.equal(tyErr('[u8; size_of::<T>()]'), 'input/unsupported generic paths are not supported in constant expressions @12..14');
  assert.equal(tyErr('[u8; f(1)]'), 'input/unsupported function calls are not supported in constant expressions @6..7');
  assert.equal(tyErr('[u8; 1.5]'), 'input/unsupported floating-point literals are not supported in constant expressions @5..8');
  assert.equal(tyErr('[u8; 1u7]'), 'input/invalid-literal invalid suffix `u7` for number literal @5..8');
  assert.equal(tyErr('Vec<"x>'), 'input/unterminated unterminated double quote string @4..5');
  assert.equal(tyErr('u8 € '), 'input/unexpected-char unknown start of token: € @3..4');
  assert.equal(tyErr(''), 'input/empty expected a type, found empty input @0..0');
  assert.equal(tyErr('  /* only a comment */ '), 'input/empty expected a type, found empty input @0..23');
});

// ---- items

test('structs: named, tuple, unit, generics, where clauses, ?Sized', () => {
  assert.deepEqual(items(`
    pub struct A { a: u8, pub b: Vec<u8>, pub(crate) c: [u32; 4], }
    struct B(pub u8, pub(crate) u16, pub (u8, u8));
    struct C;
    struct D {}
    struct E<'a, T: Copy + 'a, const N: usize = 4>(&'a [T; N]) where T: Send;
  `), [
    'struct A named [a: u8, b: Vec<u8>, c: [u32; 4]]',
    'struct B tuple [_: u8, _: u16, _: (u8, u8)]',
    'struct C unit []',
    'struct D named []',
    "struct E tuple [_: &'a [T; N]]",
  ]);
  const f = file(`
    struct P<T: ?Sized, U>(Box<T>, U);
    struct Q<T, U: ?Sized + Send> where T: ?Sized, U: 'static { t: Box<T>, u: Box<U> }
    struct R<T> where Vec<T>: Clone, for<'a> &'a T: Send { t: T }
  `);
  const gens = f.items.map((it) => (it.kind === 'struct' ? it.generics.map((g) => (g.kind === 'type' ? `${g.ident.name}${g.maybeUnsized ? '?' : ''}` : g.ident.name)).join(',') : ''));
  assert.deepEqual(gens, ['T?,U', 'T?,U?', 'T']);
  const e = file('struct E<\'a, T = u8, const N: usize = { 2 }>(T);').items[0];
  assert.ok(e?.kind === 'struct');
  assert.deepEqual(e.generics.map((g) => g.kind), ['lifetime', 'type', 'const']);
  const [lt, t, n] = e.generics;
  assert.equal(lt?.ident.name, "'a");
  assert.ok(t?.kind === 'type' && t.default !== null && pt(t.default) === 'u8');
  assert.ok(n?.kind === 'const' && pt(n.ty) === 'usize' && n.default !== null && pc(n.default) === '2');
});

test('enums: variant shapes, discriminants as const expressions', () => {
  assert.deepEqual(items(`
    #[repr(i8)]
    enum Ordering { Less = -1, Equal = 0, Greater = 1 }
    enum E<T> { A, B(T, u8), C { x: u32, y: Option<T> }, }
    #[repr(u32)]
    enum D { A = 0x10u32, B = (1 << 4) + 2, C = !0, D = -(3), E = 2 * (N - 1), F = b'a' }
    enum Empty {}
  `), [
    'enum Ordering [Less/unit = (-1), Equal/unit = 0, Greater/unit = 1]',
    'enum E [A/unit, B/tuple(T, u8), C/named(u32, Option<T>)]',
    'enum D [A/unit = 16u32, B/unit = ((1 << 4) + 2), C/unit = (!0), D/unit = (-3), E/unit = (2 * (N - 1)), F/unit = 97u8]',
    'enum Empty []',
  ]);
  const e = file('enum X { A = -0x7fff_ffff_i32 }').items[0];
  assert.ok(e?.kind === 'enum');
  const d = e.variants[0]?.discriminant;
  assert.ok(d?.kind === 'unary' && d.expr.kind === 'lit');
  assert.equal(d.expr.value, 0x7fffffffn);
  assert.equal(d.expr.suffix, 'i32');
  assert.deepEqual([d.span.start, d.span.end], [13, 29]);
});

test('unions and type aliases (generics and defaults)', () => {
  assert.deepEqual(items(`
    #[repr(C)] pub union U<T: Copy> { a: u32, b: T }
    pub type Result<T = ()> = core::result::Result<T, Error>;
    type Pair<T> where T: Copy = (T, T);
    type Bytes = [u8; 16];
    type Cb = Option<unsafe extern "C" fn(*mut c_void) -> i32>;
  `), [
    'union U [a: u32, b: T]',
    'type Result = core::result::Result<T, Error>',
    'type Pair = (T, T)',
    'type Bytes = [u8; 16]',
    'type Cb = Option<unsafe extern "C" fn(*mut c_void) -> i32>',
  ]);
  const a = file('pub type Result<T = ()> = core::result::Result<T, Error>;').items[0];
  assert.ok(a?.kind === 'alias' && a.generics[0]?.kind === 'type' && a.generics[0].default !== null);
  assert.equal(pt(a.generics[0].default), '()');
});

test('fn items: qualifiers, receivers, patterns, return types, where, bodies', () => {
  assert.deepEqual(items(`
    fn a() {}
    pub fn b(x: u8) -> u8 { x + 1 }
    pub(crate) const unsafe fn c<T: Copy>(mut x: T, (a, b): (u8, u8), _: &mut [T]) -> Option<T> where T: Send { let _ = { { x } }; None }
    extern "C" fn d(p: *mut u8);
    extern fn e();
    async fn f(&self) {}
    unsafe extern "C-unwind" fn g(&mut self, Point { x, .. }: Point) -> ! { loop {} }
    fn h(&'a mut self) {}
    fn i(self, v: Vec<u8>) {}
    fn j(mut self) {}
    fn k(self: Box<Self>) {}
    fn l(mut self: Pin<&mut Self>) -> impl Iterator<Item = u8> + '_ { todo!() }
    fn m(x: impl AsRef<str>, f: &dyn Fn(u8) -> u8) {}
    fn n(fmt: *const c_char, ...) -> c_int;
  `), [
    'fn a()',
    'fn b(x: u8) -> u8',
    'unsafe fn c(mut x: T, (a, b): (u8, u8), _: &mut [T]) -> Option<T>',
    'extern "C" fn d(p: *mut u8)',
    'extern "C" fn e()',
    'fn f(&self)',
    'unsafe extern "C-unwind" fn g(&mut self, Point { x, .. }: Point) -> !',
    'fn h(&mut self)',
    'fn i(self, v: Vec<u8>)',
    'fn j(self)',
    'fn k(self: Box<Self>)',
    'fn l(self: Pin<&mut Self>) -> impl Iterator<Item = u8>',
    'fn m(x: impl AsRef<str>, f: &dyn Fn(u8) -> u8)',
    'fn n(fmt: *const c_char) -> c_int',
  ]);
  const c = file('fn c<T>(x: T) -> T where T: ?Sized {}').items[0];
  assert.ok(c?.kind === 'fn' && c.generics[0]?.kind === 'type' && c.generics[0].maybeUnsized);
});

test('parseFnSignature: one signature, body optional', () => {
  const sig = (text: string) => {
    const r = parseFnSignature({ name: 'sig', text });
    if (!r.ok) assert.fail(`${text}: ${r.errors[0]?.message}`);
    return pfn(r.value);
  };
  assert.equal(sig('fn f(x: u8) -> u8'), 'fn f(x: u8) -> u8');
  assert.equal(sig('pub unsafe extern "C" fn g(a: &mut T);'), 'unsafe extern "C" fn g(a: &mut T)');
  assert.equal(sig('#[no_mangle] pub fn h(&self) -> Result<()> { self.0.h()?; Ok(()) }'), 'fn h(&self) -> Result<()>');
  assert.equal(sig('fn init(module: &\'static ThisModule) -> impl PinInit<Self, Error>'), "fn init(module: &'static ThisModule) -> impl PinInit<Self, Error>");
  const r = parseFnSignature({ name: 'sig', text: '#[inline] pub fn h()' });
  assert.ok(r.ok && r.value.attrs[0]?.path === 'inline');
  assert.equal(err(parseFnSignature({ name: 'sig', text: 'fn f(x: u8) u8' })), 'input/expected expected `->`, `where`, `;` or `{`, found `u8` @12..14');
  assert.equal(err(parseFnSignature({ name: 'sig', text: 'fn f(x u8)' })), 'input/expected expected `:`, found `)` @9..10');
  assert.equal(err(parseFnSignature({ name: 'sig', text: 'fn f() {} fn g() {}' })), 'input/expected expected end of input after the signature, found keyword `fn` @10..12');
  assert.equal(err(parseFnSignature({ name: 'sig', text: 'struct S;' })), 'input/expected expected `fn`, found keyword `struct` @0..6');
  assert.equal(err(parseFnSignature({ name: 'sig', text: '' })), 'input/empty expected a function signature, found empty input @0..0');
});

test('impl blocks: inherent and trait impls keep their fns; other members are skipped', () => {
  assert.deepEqual(items(`
    impl<T: ?Sized> Foo<T> {
      #![allow(dead_code)]
      const N: usize = 4;
      type Out = u8;
      pub fn new() -> Self { Self { x: [0; 4] } }
      pub(crate) fn get(&self) -> &T { &self.x }
      foo!();
    }
    unsafe impl<T> Send for Foo<T> {}
    impl<'a, T> core::ops::Deref for Wrapper<'a, T> where T: Clone { type Target = T; fn deref(&self) -> &T { self.0 } }
    impl !Sync for Bar {}
    impl dyn Any + Send { fn is(&self) -> bool { true } }
    impl<T> From<Vec<T>> for Bag<T> { default fn from(v: Vec<T>) -> Self { Bag(v) } }
  `), [
    'impl Foo<T> { new, get }',
    'impl Send for Foo<T> {  }',
    'impl core::ops::Deref for Wrapper<T> { deref }',
    'impl !Sync for Bar {  }',
    'impl dyn Any + Send { is }',
    'impl From<Vec<T>> for Bag<T> { from }',
  ]);
  const im = file('impl<T> Tr<u8> for S<T> { fn f(&self) {} }').items[0];
  assert.ok(im?.kind === 'impl' && im.generics.length === 1 && im.trait === 'Tr<u8>');
});

test('modules recurse; extern blocks keep their fns with their ABI', () => {
  assert.deepEqual(items(`
    mod a { struct S; mod b { enum E { X } } }
    mod c;
    pub mod d {}
    extern "C" { fn strlen(s: *const c_char) -> usize; static errno: c_int; type Opaque; pub safe fn abs(x: i32) -> i32; }
    unsafe extern "C" { pub fn puts(s: *const c_char) -> c_int; }
    extern { fn f(); }
    extern "system" { fn g(); }
  `), [
    'mod a { struct S unit []; mod b { enum E [X/unit] } }',
    'skipped module declaration',
    'mod d {  }',
    'unsafe extern "C" fn strlen(s: *const c_char) -> usize',
    'skipped foreign static',
    'skipped foreign type',
    'extern "C" fn abs(x: i32) -> i32',
    'unsafe extern "C" fn puts(s: *const c_char) -> c_int',
    'unsafe extern "C" fn f()',
    'unsafe extern "system" fn g()',
  ]);
});

test('skipped items: use, trait, const, static, macros, extern crate', () => {
  assert.deepEqual(items(`
    use kernel::prelude::*;
    pub use core::{mem, ptr::{self, NonNull}};
    extern crate alloc;
    pub trait Tr<T>: Send where T: Copy { fn f(&self) -> u8 { 1 } type X; }
    unsafe trait U {}
    trait Alias = Send + Sync;
    pub const N: usize = { let x = 4; x * 2 };
    const _: () = assert!(N == 8);
    static mut COUNTER: u32 = 0;
    macro_rules! m { ($x:expr) => { $x }; }
    macro_rules! p ( () => () );
    foo!(a, b);
    kernel::module_platform_driver! { type: X, }
    bar![1, 2];
    baz! { }
  `), [
    'skipped use declaration', 'skipped use declaration', 'skipped extern crate', 'skipped trait definition',
    'skipped trait definition', 'skipped trait definition', 'skipped const item', 'skipped const item', 'skipped static item',
    'skipped macro definition', 'skipped macro definition', 'skipped macro invocation', 'skipped macro invocation',
    'skipped macro invocation', 'skipped macro invocation',
  ]);
  const s = file('  use a::b;').items[0];
  assert.ok(s?.kind === 'skipped');
  assert.deepEqual([s.span.start, s.span.end], [2, 11]);
});

test('attributes: paths, meta lists, name = value, literals; inner attributes skipped; doc comments ignored', () => {
  const f = file(`
    #![no_std]
    #![feature(never_type)]
    /// A documented struct.
    /** More docs. */
    #[repr(C, packed(2), align(8))]
    #[derive(Clone, Copy, Debug)]
    #[doc = "hidden \\"text\\""]
    #[cfg(all(target_pointer_width = "64", not(feature = "x")))]
    #[rustc_layout_scalar_valid_range_start(1)]
    #[rustc_layout_scalar_valid_range_end(0x7fff_ffff)]
    #[lang = "phantom_data"]
    #[clippy::must_use]
    #[allow(clippy::too_many_arguments)]
    #[test_case(1 + 2 => 3)]
    #[doc = include_str!("x.md")]
    #[unsafe(no_mangle)]
    #[x(-1, 'c', b'd', 1.5, r"raw", true)]
    pub struct S { #[doc(hidden)] a: u8 }
  `);
  const s = f.items[0];
  assert.ok(s?.kind === 'struct');
  assert.deepEqual(s.attrs.map(pattr), [
    'repr(C, packed(2n), align(8n))',
    'derive(Clone, Copy, Debug)',
    'doc="hidden \\"text\\""',
    'cfg(all(target_pointer_width="64", not(feature="x")))',
    'rustc_layout_scalar_valid_range_start(1n)',
    'rustc_layout_scalar_valid_range_end(2147483647n)',
    'lang="phantom_data"',
    'clippy::must_use',
    'allow(clippy::too_many_arguments)',
    'test_case',
    'doc',
    'unsafe(no_mangle)',
    'x(-1n, "c", 100n, "1.5", "raw", true)',
  ]);
  assert.deepEqual(s.fields[0]?.attrs.map(pattr), ['doc(hidden)']);
  const a = s.attrs[0] as Attr;
  assert.equal(f.items.length, 1);
  assert.equal(a.span.source.text.slice(a.span.start, a.span.end), '#[repr(C, packed(2), align(8))]');
  // The attributes the resolver reads must be well-formed.
  assert.equal(fileErr('#[repr(C +)] struct S;'), 'input/expected expected `,` or `)`, found `+` @9..10');
  assert.equal(fileErr('#[cfg = x] struct S;'), 'input/expected expected a literal, found `x` @8..9');
});

test('item errors: expected/found with the offending token\'s span', () => {
  assert.equal(fileErr('struct S { a: u8 b: u16 }'), 'input/expected expected `,` or `}`, found `b` @17..18');
  assert.equal(fileErr('struct S(u8) struct T;'), 'input/expected expected `where` or `;`, found keyword `struct` @13..19');
  assert.equal(fileErr('struct fn;'), 'input/expected expected a struct name, found keyword `fn` @7..9');
  assert.equal(fileErr('enum E { A = }'), 'input/expected expected a constant expression, found `}` @13..14');
  assert.equal(fileErr('type A = ;'), 'input/expected expected a type, found `;` @9..10');
  assert.equal(fileErr('type A = u8'), 'input/expected expected `;`, found end of input @11..11');
  assert.equal(fileErr('fn f() { ( }'), 'input/expected mismatched closing delimiter: expected `)`, found `}` @11..12');
  assert.equal(fileErr('fn f() { {\n'), 'input/unterminated unclosed delimiter `{` @9..10');
  assert.equal(fileErr('let x = 1;'), 'input/expected expected an item, found keyword `let` @0..3');
  assert.equal(fileErr(';'), 'input/expected expected an item, found `;` @0..1');
  assert.equal(fileErr('}'), 'input/expected expected an item, found `}` @0..1');
  assert.equal(fileErr('#[repr(C)]'), 'input/expected expected an item after attributes, found end of input @10..10');
  assert.equal(fileErr('mod m { struct S; '), 'input/expected expected `}`, found end of input @18..18');
  assert.equal(fileErr('foo!(x)'), 'input/expected expected `;`, found end of input @7..7');
  assert.equal(fileErr('struct S { a: "unterminated }'), 'input/unterminated unterminated double quote string @14..15');
  const r = parseSourceFile({ name: 'e.rs', text: 'struct A; struct B { x: Vec<u8 }' });
  assert.equal(r.ok, false); // never a partial tree
});

test('the prelude and the golden corpus parse', () => {
  const p = file(PRELUDE_RS);
  assert.ok(p.items.length > 60);
  const kinds = new Set(p.items.map((i) => i.kind));
  assert.deepEqual([...kinds].sort(), ['alias', 'enum', 'struct', 'union']);
  const { source, cases } = readCorpus();
  assert.ok(file(source).items.length > 100);
  for (const c of cases) {
    const r = parseTypeExpr({ name: c.name, text: c.type });
    assert.ok(r.ok, `${c.name}: ${c.type}`);
  }
});
