/**
 * Hand-written cases for what the c++filt oracle (demangle-oracle.test.ts) does not reach: the Mach-O
 * prefix, suffixes, non-Rust input, and v0 forms rustc 1.95 emits only on nightly features. Expected strings
 * follow the v0 grammar and rustc-demangle's printing (https://doc.rust-lang.org/rustc/symbol-mangling/v0.html).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demangleRust } from '../../../src/symbols/demangle.js';
import { SYMBOL_CODES } from '../../../src/symbols/codes.js';
import { REPO_ROOT } from '../../support/corpus.js';

test('Mach-O underscore, ThinLTO .llvm. suffix, other suffixes kept', () => {
  assert.equal(demangleRust('__RNvC7mycrate3foo'), 'mycrate::foo');
  assert.equal(demangleRust('__ZN7mycrate3foo17h0123456789abcdefE'), 'mycrate::foo');
  assert.equal(demangleRust('_RNvC7mycrate3foo.llvm.4719209380927354335'), 'mycrate::foo');
  assert.equal(demangleRust('_ZN7mycrate3foo17h0123456789abcdefE.llvm.123'), 'mycrate::foo');
  assert.equal(demangleRust('_RNvC7mycrate3foo.cold'), 'mycrate::foo.cold');
  assert.equal(demangleRust('_ZN7mycrate3foo17h0123456789abcdefE.constprop.0', { hash: true }), 'mycrate::foo::h0123456789abcdef.constprop.0');
});

test('not Rust: null', () => {
  for (const s of ['', 'main', '_R', '_ZN', '_Z3foov', '_ZN3foo3barE', '_ZN3foo3barEv', '_RNvC7mycrate3foo1', '_RNvC7mycrate3foo_', 'R', '___RNvC1a1f', '_rNvC1a1f', '_RNvC7mycrate3foo.llvm.x y']) {
    assert.equal(demangleRust(s), null, JSON.stringify(s));
  }
});

test('legacy escapes and ..', () => {
  assert.equal(demangleRust('_ZN4core3ptr85drop_in_place$LT$std..rt..lang_start$LT$$LP$$RP$$GT$..$u7b$$u7b$closure$u7d$$u7d$$GT$17h0123456789abcdefE'),
    'core::ptr::drop_in_place<std::rt::lang_start<()>::{{closure}}>');
  assert.equal(demangleRust('_ZN5alloc21$SP$$BP$$RF$$C$$u20$x17h0123456789abcdefE'), 'alloc::@*&, x');
  // An unknown escape: the rest of the segment verbatim.
  assert.equal(demangleRust('_ZN3foo8a$QQ$b.c17h0123456789abcdefE'), 'foo::a$QQ$b.c');
});

test('v0 forms beyond the fixture: shims, unknown namespaces, lifetimes, str and ADT constants', () => {
  assert.equal(demangleRust('_RNSNvC1a1f6vtable'), 'a::f::{shim:vtable#0}');
  assert.equal(demangleRust('_RNXNvC1a1fs_3foo'), 'a::f::{X:foo#1}');
  assert.equal(demangleRust('_RNCNvC1a1fs0_0'), 'a::f::{closure#2}');
  assert.equal(demangleRust('_RINvC1a1fRL_hE'), 'a::f::<&u8>');
  assert.equal(demangleRust('_RINvC1a1fFG0_RL1_hRL0_hEuE'), "a::f::<for<'a, 'b> fn(&'a u8, &'b u8)>");
  assert.equal(demangleRust('_RINvC1a1fKRe616263_E'), 'a::f::<"abc">');
  assert.equal(demangleRust('_RINvC1a1fKAh1_h2_EE'), 'a::f::<{[1, 2]}>');
  assert.equal(demangleRust('_RINvC1a1fKVNtC1a1SS1xh1_EE'), 'a::f::<{a::S { x: 1 }}>');
  assert.equal(demangleRust('_RINvC1a1fKpE'), 'a::f::<_>');
  assert.equal(demangleRust('_RINvC1a1fKj123456789abcdef0123_E'), 'a::f::<0x123456789abcdef0123>');
  assert.equal(demangleRust('_RINvCs1_1a1fKj1_E', { hash: true }), 'a[3]::f::<1: usize>');
  // Punycode (RFC 3492 test vector "bücher" → "bcher-kva").
  assert.equal(demangleRust('_RNvC1au9bcher_kva'), 'a::bücher');
});

test('every symbol/ code is in the docs/diagnostics.md catalogue', () => {
  const doc = readFileSync(join(REPO_ROOT, 'docs', 'diagnostics.md'), 'utf8');
  for (const code of SYMBOL_CODES) assert.match(doc, new RegExp(`^\\| \`${code}\` \\| error \\|`, 'm'), code);
});
