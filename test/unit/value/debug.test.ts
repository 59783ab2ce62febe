/** `{:?}` printing (src/value/debug.ts, errno.ts, unicode.ts); the oracle test checks it against rustc. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RustValue } from '../../../src/model/value.js';
import { debugChar, debugDuration, debugStr, debugValue } from '../../../src/value/debug.js';
import { debugKernelError, errnoName, errnoOf } from '../../../src/value/errno.js';
import { needsUnicodeEscape } from '../../../src/value/unicode.js';
import { dbg, parse } from './helpers.js';

test('chars and strs escape as escape_debug_ext does', () => {
  assert.equal(debugChar(0x0a), "'\\n'");
  assert.equal(debugChar(0x27), "'\\''");
  assert.equal(debugChar(0x22), "'\"'");
  assert.equal(debugChar(0x7f), "'\\u{7f}'");
  assert.equal(debugChar(0x301), "'\\u{301}'"); // grapheme extender
  assert.equal(debugChar(0), "'\\0'");
  assert.equal(debugChar(0x1f600), "'😀'");
  assert.equal(debugStr('"\''), '"\\"\'"');
  assert.equal(debugStr('\u0301a\u0301'), '"\\u{301}a\\u{301}"'); // every position, not only the first
  assert.equal(debugStr('\0\x01\u200b\ufeff\u00ad'), '"\\0\\u{1}\\u{200b}\\u{feff}\\u{ad}"');
  assert.equal(debugStr('héllo\t'), '"héllo\\t"');
  assert.ok(needsUnicodeEscape(0xe000)); // private use
  assert.ok(!needsUnicodeEscape(0x41));
  assert.ok(needsUnicodeEscape(0x10ffff));
});

test('Duration prints like core::time (every significant fractional digit)', () => {
  assert.equal(debugDuration(1n, 500_000_000n), '1.5s');
  assert.equal(debugDuration(0n, 12_000_000n), '12ms');
  assert.equal(debugDuration(0n, 100n), '100ns');
  assert.equal(debugDuration(0n, 1_001n), '1.001µs');
  assert.equal(debugDuration(0n, 0n), '0ns');
  assert.equal(debugDuration(5n, 1n), '5.000000001s');
  assert.equal(debugDuration(0n, 1_500_000n), '1.5ms');
  assert.equal(dbg('Duration', 'Duration::from_micros(1500)'), '1.5ms');
});

test('kernel Error: the errno name, Error(N) when unnamed, -NAME for a positive stored value', () => {
  assert.equal(errnoName(22), 'EINVAL');
  assert.equal(errnoName(133), 'EHWPOISON');
  assert.equal(errnoName(34), 'ERANGE');
  assert.equal(errnoName(35), 'EDEADLK');
  assert.equal(errnoName(41), null);
  assert.equal(errnoName(512), 'ERESTARTSYS');
  assert.equal(errnoName(517), 'EPROBE_DEFER');
  assert.equal(errnoName(520), null);
  assert.equal(errnoName(530), 'ERECALLCONFLICT');
  assert.equal(errnoName(531), null);
  assert.equal(errnoOf('EWOULDBLOCK'), 11);
  assert.equal(errnoOf('ENOGRACE'), 531);
  assert.equal(debugKernelError(-22n), 'EINVAL');
  assert.equal(debugKernelError(-600n), 'Error(600)');
  assert.equal(debugKernelError(-531n), 'Error(531)');
  assert.equal(debugKernelError(22n), '-EINVAL');
  assert.equal(debugKernelError(-22n, false), 'Error(22)');
  assert.equal(dbg('Result<(), kernel::error::Error>', 'Err(EINVAL)'), 'Err(EINVAL)');
  assert.equal(dbg('kernel::error::Result<usize>', 'Err(Error(-12))'), 'Err(ENOMEM)');
  assert.equal(dbg('Result<u8, Error>', 'Ok(7)'), 'Ok(7)');
});

test('std types: pointers, cells, PhantomData, MaybeUninit, ManuallyDrop', () => {
  assert.equal(dbg('*const u8', '0x1234 as *const u8'), '0x1234');
  assert.equal(dbg('*const u8', 'std::ptr::null()'), '0x0');
  assert.equal(dbg('*const [u8]', 'ptr::slice_from_raw_parts(0x1234 as *const u8, 5)'), 'Pointer { addr: 0x1234, metadata: 5 }');
  assert.equal(dbg('NonNull<u64>', 'NonNull::dangling()'), '0x8');
  assert.equal(dbg('Cell<u8>', 'Cell::new(5)'), 'Cell { value: 5 }');
  assert.equal(dbg('RefCell<u8>', 'RefCell::new(5)'), 'RefCell { value: 5 }');
  assert.equal(dbg('UnsafeCell<u8>', 'UnsafeCell::new(5)'), 'UnsafeCell { .. }');
  assert.equal(dbg('ManuallyDrop<u8>', 'ManuallyDrop::new(5)'), 'ManuallyDrop { value: MaybeDangling(5) }');
  assert.equal(dbg('MaybeUninit<String>', 'MaybeUninit::uninit()'), 'MaybeUninit<alloc::string::String>');
  assert.equal(dbg('PhantomData<(u8, Gen<&str>)>', 'PhantomData'), 'PhantomData<(u8, dbg::Gen<&str>)>');
  assert.equal(dbg('Ordering', 'Greater'), 'Greater');
  assert.equal(dbg('NonZeroU32', '5'), '5');
  assert.equal(dbg('AtomicUsize', 'AtomicUsize::new(3)'), '3');
  const borrowed: RustValue = { ...parse('RefCell<u8>', 'RefCell::new(5)') };
  if (borrowed.kind !== 'struct') throw new Error('struct expected');
  const mutBorrowed: RustValue = { ...borrowed, fields: [{ name: 'borrow', value: { kind: 'int', value: -1n, int: 'size', signed: true } }, borrowed.fields[1] as never] };
  assert.equal(debugValue(mutBorrowed), 'RefCell { value: <borrowed> }');
});

test('derived Debug shapes: unit, empty braces and parens, 1-tuples, nested enums, arrays', () => {
  assert.equal(dbg('Unit', 'Unit'), 'Unit');
  assert.equal(dbg('Empty', 'Empty {}'), 'Empty');
  assert.equal(dbg('Tup', 'Tup()'), 'Tup');
  assert.equal(dbg('(u8,)', '(1,)'), '(1,)');
  assert.equal(dbg('()', '()'), '()');
  assert.equal(dbg('Option<Result<E1, ()>>', 'Some(Ok(E1::C { x: -1, y: false }))'), 'Some(Ok(C { x: -1, y: false }))');
  assert.equal(dbg('[Option<u8>; 2]', '[None, Some(3)]'), '[None, Some(3)]');
  assert.equal(dbg('Pair', 'Pair(1, -2)'), 'Pair(1, -2)');
  assert.equal(dbg('Vec<&str>', 'vec!["a", "b"]'), '["a", "b"]');
  assert.equal(dbg('Box<[u16]>', '[1, 2]'), '[1, 2]');
});

test('what Rust cannot print: unread pointees, invalid bit patterns, unions', () => {
  assert.equal(debugValue({ kind: 'ref', address: 0x1000n }), '<unread 0x1000>');
  assert.equal(debugValue({ kind: 'str', address: 0x20n, len: 3n }), '<unread 0x20>');
  assert.equal(debugValue({ kind: 'invalid', reason: 'bool 0x07', path: [] }), '<invalid: bool 0x07>');
  assert.equal(debugValue({ kind: 'union', name: 'U', bytes: new Uint8Array([1, 0, 0, 0]) }), '<union U: 01 00 00 00>');
});
