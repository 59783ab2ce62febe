/** parseKallsyms / resolveSymbol on a small hand-made table; expectations written from the format and the rules. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseKallsyms, resolveSymbol, splitPath, type ResolvedSymbol, type SymbolError } from '../../../src/symbols/kallsyms.js';

// v0 names built by hand from the grammar (crate roots without disambiguators), one legacy name, C symbols.
const KALLSYMS = [
  'ffffffff81000000 T _stext',
  'ffffffff81001000 t do_one_initcall',
  'ffffffff81002000 T _ZN6kernel5print11call_printk17h0123456789abcdefE',
  'ffffffffc0a01000 t _RNvNtNtC6kernel4sync4lock9spin_lock',
  'ffffffffc0a02000 t _RNvMNtNtC6kernel4sync4lockINtNtNtC6kernel4sync4lock5MutexmE3get',
  'ffffffffc0a03000 t _RNvXNtC7rustmod3impNtC7rustmod6DeviceNtNtC6kernel6driver6Driver5probe\t[rustmod]',
  'ffffffffc0a04000 t _RINvNtC6kernel5alloc8allocatehE',
  'ffffffffc0a05000 t _RINvNtC6kernel5alloc8allocatetE',
  'ffffffffc0a06000 t _RNCNvC7rustmod4init0\t[rustmod]',
  'ffffffffc0a07000 t _RNvNtC7rustmod4lock9spin_lock\t[rustmod]',
  'ffffffffc0a08000 t _RNvC1a1b',
  'ffffffffc0a09000 t _RNvNtC1x1a1b',
  'ffffffffc0a0a000 t _RNvC7rustmod6helper.llvm.4719209380927354335\t[rustmod]',
  'ffffffffc0b00000 t dup_fn\t[mod_a]',
  'ffffffffc0c00000 t dup_fn\t[mod_b]',
  'ffffffffc0a0b000 t _RNvMNtC7rustmod3impNtC7rustmod6Device5probe\t[rustmod]',
  'this line is not a symbol',
  '',
].join('\n');

const table = parseKallsyms(KALLSYMS);

const show = (r: unknown): string => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `0x${v.toString(16)}` : v));

function ok(r: ResolvedSymbol | SymbolError): ResolvedSymbol {
  assert.ok(!('code' in r), `expected a symbol, got ${show(r)}`);
  return r;
}

function err(r: ResolvedSymbol | SymbolError, code: SymbolError['code']): SymbolError {
  assert.ok('code' in r, `expected ${code}, got ${show(r)}`);
  assert.equal(r.code, code);
  return r;
}

test('parseKallsyms reads address, type, name, module and the demangled path', () => {
  assert.equal(table.entries.length, 16);
  assert.deepEqual(table.skippedLines, [17]);
  assert.deepEqual(table.entries[0], { address: 0xffffffff81000000n, type: 'T', name: '_stext', path: null });
  const probe = table.entries[5];
  assert.equal(probe?.module, 'rustmod');
  assert.equal(probe?.path, '<rustmod::Device as kernel::driver::Driver>::probe');
  assert.equal(table.entries[2]?.path, 'kernel::print::call_printk');
  assert.equal(table.entries[12]?.path, 'rustmod::helper');
});

test('System.map lines and unprivileged (all-zero) addresses', () => {
  const t = parseKallsyms('0000000000000000 T startup_64\n0000000000000000 t _RNvC6kernel4init [kernel_mod]\nffffffff81000000 D  some_data \n');
  assert.deepEqual(t.skippedLines, []);
  assert.deepEqual(t.entries.map((e) => [e.address, e.type, e.name, e.module, e.path]), [
    [0n, 'T', 'startup_64', undefined, null],
    [0n, 't', '_RNvC6kernel4init', 'kernel_mod', 'kernel::init'],
    [0xffffffff81000000n, 'D', 'some_data', undefined, null],
  ]);
  assert.deepEqual(resolveSymbol(t, 'kernel::init'), { symbol: '_RNvC6kernel4init', address: 0n, path: 'kernel::init', module: 'kernel_mod' });
});

test('a raw name resolves to itself', () => {
  assert.deepEqual(resolveSymbol(table, 'do_one_initcall'), { symbol: 'do_one_initcall', address: 0xffffffff81001000n, path: null });
  assert.equal(ok(resolveSymbol(table, '_RNvNtNtC6kernel4sync4lock9spin_lock')).path, 'kernel::sync::lock::spin_lock');
});

test('a Rust path resolves exactly, or by a suffix on :: boundaries', () => {
  assert.equal(ok(resolveSymbol(table, 'kernel::sync::lock::spin_lock')).address, 0xffffffffc0a01000n);
  assert.equal(ok(resolveSymbol(table, 'sync::lock::spin_lock')).symbol, '_RNvNtNtC6kernel4sync4lock9spin_lock');
  assert.equal(ok(resolveSymbol(table, 'print::call_printk')).symbol, '_ZN6kernel5print11call_printk17h0123456789abcdefE');
  // `ock::spin_lock` is not a suffix on a boundary.
  err(resolveSymbol(table, 'ock::spin_lock'), 'symbol/unknown');
  // An exact path wins over a longer path it is a suffix of.
  assert.equal(ok(resolveSymbol(table, 'a::b')).symbol, '_RNvC1a1b');
  assert.equal(ok(resolveSymbol(table, 'x::a::b')).symbol, '_RNvNtC1x1a1b');
  assert.equal(ok(resolveSymbol(table, 'rustmod::helper')).symbol, '_RNvC7rustmod6helper.llvm.4719209380927354335');
  assert.equal(ok(resolveSymbol(table, 'init::{closure#0}')).path, 'rustmod::init::{closure#0}');
});

test('impl methods: Type::method, <Type>::method, <Type as Trait>::method, generic arguments optional', () => {
  assert.equal(ok(resolveSymbol(table, 'Mutex::get')).path, '<kernel::sync::lock::Mutex<u32>>::get');
  assert.equal(ok(resolveSymbol(table, 'kernel::sync::lock::Mutex::get')).symbol, '_RNvMNtNtC6kernel4sync4lockINtNtNtC6kernel4sync4lock5MutexmE3get');
  assert.equal(ok(resolveSymbol(table, 'lock::Mutex<u32>::get')).address, 0xffffffffc0a02000n);
  assert.equal(ok(resolveSymbol(table, '<kernel::sync::lock::Mutex<u32>>::get')).address, 0xffffffffc0a02000n);
  err(resolveSymbol(table, 'Mutex<u64>::get'), 'symbol/unknown');
  // Device::probe is both an inherent method and a trait method: ambiguous until the trait is named.
  const amb = err(resolveSymbol(table, 'Device::probe'), 'symbol/ambiguous');
  assert.deepEqual(amb.candidates, [
    '<rustmod::Device as kernel::driver::Driver>::probe (_RNvXNtC7rustmod3impNtC7rustmod6DeviceNtNtC6kernel6driver6Driver5probe) [rustmod]',
    '<rustmod::Device>::probe (_RNvMNtC7rustmod3impNtC7rustmod6Device5probe) [rustmod]',
  ]);
  assert.equal(ok(resolveSymbol(table, '<rustmod::Device as kernel::driver::Driver>::probe')).address, 0xffffffffc0a03000n);
  assert.equal(ok(resolveSymbol(table, '<rustmod::Device>::probe')).address, 0xffffffffc0a0b000n);
  assert.equal(ok(resolveSymbol(table, '<rustmod::Device as kernel::driver::Driver>::probe ')).module, 'rustmod');
});

test('crate:: stands for any one crate root', () => {
  assert.equal(ok(resolveSymbol(table, 'crate::lock::spin_lock')).symbol, '_RNvNtC7rustmod4lock9spin_lock');
  err(resolveSymbol(table, 'crate::spin_lock'), 'symbol/unknown');
  err(resolveSymbol(table, 'crate::Device::probe'), 'symbol/ambiguous');
});

test('ambiguity: several monomorphizations, the same name in two crates or two modules', () => {
  const gen = err(resolveSymbol(table, 'kernel::alloc::allocate'), 'symbol/ambiguous');
  assert.deepEqual(gen.candidates, ['kernel::alloc::allocate::<u16> (_RINvNtC6kernel5alloc8allocatetE)', 'kernel::alloc::allocate::<u8> (_RINvNtC6kernel5alloc8allocatehE)']);
  assert.equal(ok(resolveSymbol(table, 'alloc::allocate::<u8>')).address, 0xffffffffc0a04000n);
  const spin = err(resolveSymbol(table, 'lock::spin_lock'), 'symbol/ambiguous');
  assert.equal(spin.candidates?.length, 2);
  assert.match(spin.message, /lock::spin_lock/);
  assert.deepEqual(err(resolveSymbol(table, 'dup_fn'), 'symbol/ambiguous').candidates, ['dup_fn [mod_a]', 'dup_fn [mod_b]']);
});

test('an unknown name suggests the closest ones', () => {
  assert.deepEqual(err(resolveSymbol(table, 'do_one_initcal'), 'symbol/unknown').candidates, ['do_one_initcall']);
  assert.deepEqual(err(resolveSymbol(table, 'kernel::sync::lock::spin_lok'), 'symbol/unknown').candidates, ['kernel::sync::lock::spin_lock']);
  assert.deepEqual(err(resolveSymbol(table, 'Mutex::gett'), 'symbol/unknown').candidates, ['<kernel::sync::lock::Mutex<u32>>::get']);
  const none = err(resolveSymbol(table, 'completely_unrelated_function_name'), 'symbol/unknown');
  assert.equal(none.candidates, undefined);
  assert.match(none.message, /completely_unrelated_function_name/);
  err(resolveSymbol(table, ''), 'symbol/unknown');
  err(resolveSymbol(table, 'kernel::'), 'symbol/unknown');
});

test('splitPath keeps brackets, turbofish and fn arrows together', () => {
  assert.deepEqual(splitPath('<a::B<c::D> as e::F>::g::<u8>'), ['<a::B<c::D> as e::F>', 'g::<u8>']);
  assert.deepEqual(splitPath('x::y::<fn(u8) -> u8>::{closure#0}'), ['x', 'y::<fn(u8) -> u8>', '{closure#0}']);
  assert.deepEqual(splitPath('core::array::<impl core::ops::index::Index<I> for [T; N]>::index'), ['core', 'array', '<impl core::ops::index::Index<I> for [T; N]>', 'index']);
});
