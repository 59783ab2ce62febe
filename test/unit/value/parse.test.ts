/** Reading Rust literal syntax against a type (src/value/parse.ts, parse-std.ts, syntax.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RustValue } from '../../../src/model/value.js';
import { parseExpr } from '../../../src/value/syntax.js';
import { dbg, parse, parseError } from './helpers.js';

test('the examples of the issue', () => {
  assert.deepEqual(parse('Option<u32>', 'Some(42)'), {
    kind: 'enum', name: 'Option', variant: 'Some', variantIndex: 1, shape: 'tuple',
    fields: [{ name: '0', value: { kind: 'int', value: 42n, int: 'I32', signed: false } }],
    ty: (parse('Option<u32>', 'Some(42)') as RustValue & { kind: 'enum' }).ty,
  });
  assert.equal(dbg('E1', 'E1::C { x: 1, y: true }'), 'C { x: 1, y: true }');
  assert.equal(dbg('Result<(), Error>', 'Err(Error(-22))'), 'Err(EINVAL)');
  assert.equal(dbg('Result<(), Error>', 'Err(EINVAL)'), 'Err(EINVAL)');
  assert.equal(dbg('Result<(), Error>', 'Err(kernel::error::code::EPERM)'), 'Err(EPERM)');
  assert.equal(dbg('[u8; 2]', '[1, 2]'), '[1, 2]');
  assert.equal(dbg('char', "'x'"), "'x'");
  assert.equal(dbg('f64', '-1.5'), '-1.5');
  assert.equal(dbg('(u8, bool)', '(1, true)'), '(1, true)');
  assert.equal(dbg('()', '()'), '()');
  assert.equal(dbg('u32', '0x10'), '16');
  assert.equal(dbg('S', 'S { x: 1 }'), 'S { x: 1 }');
  assert.equal(dbg('Pair', 'Pair(1, 2)'), 'Pair(1, 2)');
  assert.equal(dbg('Option<u8>', 'None'), 'None');
  assert.equal(dbg('Result<(), u8>', 'Ok(())'), 'Ok(())');
  assert.equal(dbg('NonZeroU32', 'NonZeroU32(5)'), '5');
  assert.equal(dbg('NonZeroU32', '5'), '5');
  assert.equal(dbg('NonZeroU32', 'NonZeroU32::new(5).unwrap()'), '5');
});

test('numbers: suffixes, MIN/MAX, byte literals, float constants, ranges', () => {
  assert.equal(dbg('i8', '-128'), '-128');
  assert.equal(dbg('i8', '-0x80'), '-128');
  assert.equal(dbg('u8', "b'a'"), '97');
  assert.equal(dbg('u64', 'u64::MAX'), '18446744073709551615');
  assert.equal(dbg('i128', 'i128::MIN'), '-170141183460469231731687303715884105728');
  assert.equal(dbg('usize', '1_000usize'), '1000');
  assert.equal(dbg('usize', 'usize::MAX', 'wasm32'), '4294967295');
  assert.equal(dbg('f32', 'f32::NAN'), 'NaN');
  assert.equal(dbg('f64', '-f64::INFINITY'), '-inf');
  assert.equal(dbg('f64', 'inf'), 'inf');
  assert.equal(dbg('f32', '1e16f32'), '1e16');
  assert.equal(dbg('f64', 'f64::from_bits(0x3ff8000000000000)'), '1.5');
  assert.equal(dbg('f16', '0.1'), '0.1');
  assert.equal(dbg('Duration', '1.5s'), '1.5s');
  assert.equal(dbg('Duration', 'Duration::new(1, 2_000_000_000)'), '3s');
  assert.equal(parseError('u8', '256').code, 'value/out-of-range');
  assert.equal(parseError('usize', '-1').code, 'value/out-of-range');
  assert.equal(parseError('usize', '0x1_0000_0000', 'wasm32').code, 'value/out-of-range');
  assert.equal(parseError('u8', '5u16').code, 'value/type-mismatch');
  assert.equal(parseError('f32', '1.5f64').code, 'value/type-mismatch');
  assert.equal(parseError('u32', '1.5').code, 'value/type-mismatch');
  assert.equal(parseError('NonZeroU8', '0').code, 'value/out-of-range');
  assert.equal(parseError('Error', 'Error(0)').code, 'value/out-of-range');
  assert.equal(parseError('Error', 'EFOO').code, 'value/unknown-errno');
});

test('lenient spellings: references without &, String from a literal, Box of a value', () => {
  assert.equal(dbg('&u8', '5'), '5');
  assert.equal(dbg('&&str', '"x"'), '"x"');
  assert.equal(dbg('String', '"a\\tb"'), '"a\\tb"');
  assert.equal(dbg('String', 'String::new()'), '""');
  assert.equal(dbg('Vec<u8>', 'Vec::new()'), '[]');
  assert.equal(dbg('Vec<u8>', '[1; 3]'), '[1, 1, 1]');
  assert.equal(dbg('Box<u8>', '5'), '5');
  assert.equal(dbg('Option<&[u8]>', 'Some(&[1, 2])'), 'Some([1, 2])');
  assert.equal(dbg('Gen<u8>', 'Gen::<u8> { y: 2, x: 1 }'), 'Gen { x: 1, y: 2 }');
  assert.equal(dbg('PhantomData<u8>', 'PhantomData::<u8>'), 'PhantomData<u8>');
  assert.equal(dbg('PhantomData<u8>', 'PhantomData<u8>'), 'PhantomData<u8>');
  assert.equal(dbg('Cell<u8>', 'Cell { value: 5 }'), 'Cell { value: 5 }');
  assert.equal(dbg('ManuallyDrop<u8>', 'ManuallyDrop { value: MaybeDangling(5) }'), 'ManuallyDrop { value: MaybeDangling(5) }');
  assert.equal(dbg('Ordering', 'core::cmp::Ordering::Equal'), 'Equal');
  assert.equal(dbg('&u32', '0x1000 as &u32'), '<unread 0x1000>');
});

test('errors carry a code and a span', () => {
  const e = parseError('Option<u8>', 'Maybe(1)');
  assert.equal(e.code, 'value/unknown-variant');
  assert.deepEqual([e.span?.start, e.span?.end], [0, 8]);
  assert.match(e.help ?? '', /`None`, `Some`/);
  const f = parseError('E1', 'E1::C { x: 1, z: 2 }');
  assert.equal(f.code, 'value/unknown-field');
  assert.equal(f.span?.source.text.slice(f.span.start, f.span.end), 'z: 2');
  assert.equal(parseError('E1', 'E1::C { x: 1 }').code, 'value/missing-field');
  assert.equal(parseError('E1', 'E1::C { x: 1, x: 2, y: true }').code, 'value/unknown-field');
  assert.equal(parseError('Option<u8>', 'Some(1, 2)').code, 'value/arity');
  assert.equal(parseError('E1', 'E1::B').code, 'value/arity');
  assert.equal(parseError('E1', 'E1::C(1, true)').code, 'value/type-mismatch');
  assert.equal(parseError('(u8,)', '(1)').code, 'value/type-mismatch');
  assert.equal(parseError('[u8; 2]', '[1]').code, 'value/arity');
  assert.equal(parseError('S', 'T { x: 1 }').code, 'value/type-mismatch');
  assert.equal(parseError('bool', '1').code, 'value/type-mismatch');
  assert.equal(parseError('!', '()').code, 'value/uninhabited');
  assert.equal(parseError('&dyn Tr', '5').code, 'value/unsupported');
  const s = parseError('Option<u8>', 'Some(1');
  assert.equal(s.code, 'value/syntax');
  assert.equal(s.span?.start, 6);
  assert.equal(parseError('u8', '1 2').code, 'value/syntax');
  assert.equal(parseError('char', "'ab'").code, 'value/syntax');
  assert.equal(parseError('char', "'\\u{d800}'").code, 'value/syntax');
});

test('the expression syntax', () => {
  const e = parseExpr({ name: 't', text: 'E::V { a: (1,), b: [x; 2] }.clone() as T' });
  assert.ok(e.ok);
  assert.equal(e.value.k, 'cast');
  const deep = parseExpr({ name: 't', text: 'Some('.repeat(300) + '1' + ')'.repeat(300) });
  assert.ok(!deep.ok);
  assert.equal(deep.errors[0]?.code, 'value/syntax');
  assert.ok(!parseExpr({ name: 't', text: '"unterminated' }).ok);
});
