import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  asBigInt, asInt, asList, asRange, asStruct, asTuple, field, flagNames, nameOf, parseDumpMessage, parseRustDebug,
} from '../../../src/testing/rustc-debug.js';

test('struct, tuple struct, unit and list, pretty with trailing commas', () => {
  const v = parseRustDebug(`Layout {
    size: Size(16 bytes),
    align: AbiAlign {
        abi: Align(8 bytes),
    },
    fields: Arbitrary {
        offsets: [
            Size(8 bytes),
            Size(0 bytes),
        ],
        in_memory_order: [],
    },
    largest_niche: None,
    uninhabited: false,
    tag_encoding: Direct,
}`);
  const s = asStruct(v, 'Layout');
  assert.equal(asInt(asTuple(field(s, 'size'), 'Size').items[0]), 16);
  assert.equal(asInt(asTuple(field(asStruct(field(s, 'align')), 'abi'), 'Align').items[0]), 8);
  const offs = asList(field(asStruct(field(s, 'fields'), 'Arbitrary'), 'offsets'));
  assert.deepEqual(offs.map((o) => asTuple(o, 'Size').items[0]), [8n, 0n]);
  assert.deepEqual(field(asStruct(field(s, 'fields')), 'in_memory_order'), []);
  assert.deepEqual(field(s, 'largest_niche'), { kind: 'unit', name: 'None' });
  assert.equal(field(s, 'uninhabited'), false);
  assert.equal(nameOf(field(s, 'tag_encoding')), 'Direct');
});

test('compact (non-pretty) form parses the same', () => {
  const v = parseRustDebug('Int(I32, true)');
  assert.deepEqual(v, { kind: 'tuple', name: 'Int', items: [{ kind: 'unit', name: 'I32' }, true] });
  assert.deepEqual(parseRustDebug('Niche { offset: Size(0 bytes), valid_range: 1..=255 }'), parseRustDebug(`Niche {
    offset: Size(
        0 bytes,
    ),
    valid_range: 1..=255,
}`));
});

test('integers beyond 2^53 stay exact (bigint)', () => {
  const v = parseRustDebug('[18446744073709551615, 340282366920938463463374607431768211455, -5, 0x7f]');
  assert.deepEqual(v, [18446744073709551615n, 340282366920938463463374607431768211455n, -5n, 127n]);
  assert.throws(() => asInt(18446744073709551615n), /exceeds 2\^53/);
  assert.equal(asBigInt(parseRustDebug('12')), 12n);
});

test('WrappingRange: plain and wrapped forms', () => {
  assert.deepEqual(asRange(parseRustDebug('0..=1114111')), { kind: 'range', start: 0n, end: 1114111n, inclusive: true });
  // start > end prints as `(..={end}) | ({start}..)`
  assert.deepEqual(asRange(parseRustDebug('(..=0) | (1..)')), { kind: 'range', start: 1n, end: 0n, inclusive: true });
  assert.deepEqual(asRange(parseRustDebug('(..=1) | (255..)')), { kind: 'range', start: 255n, end: 1n, inclusive: true });
  assert.deepEqual(parseRustDebug('{ r: 3..7 }'), {
    kind: 'map', entries: [[{ kind: 'unit', name: 'r' }, { kind: 'range', start: 3n, end: 7n, inclusive: false }]],
  });
  const s = asStruct(parseRustDebug('S { valid_range: (..=0) | (1..), niche_variants: 0..=0, }'));
  assert.deepEqual(asRange(field(s, 'valid_range')), { kind: 'range', start: 1n, end: 0n, inclusive: true });
});

test('Some/None, plain tuples, strings, chars, floats', () => {
  const v = parseRustDebug('[Some(Align(1 bytes)), None, (1, "a\\"b\\n\\u{1f600}"), \'x\', 1.5, -2e3]');
  assert.deepEqual(v, [
    { kind: 'tuple', name: 'Some', items: [{ kind: 'tuple', name: 'Align', items: [1n] }] },
    { kind: 'unit', name: 'None' },
    { kind: 'tuple', name: '', items: [1n, 'a"b\n\u{1f600}'] },
    { kind: 'char', value: 'x' },
    1.5,
    -2000,
  ]);
});

test('bitflags: several names, one name, and the empty set printed as nothing', () => {
  const s = asStruct(parseRustDebug(`ArgAttributes {
    regular: CapturesReadOnly | NoAlias | NonNull | ReadOnly | NoUndef,
    other: NoUndef,
    none: ,
    arg_ext: None,
}`));
  assert.deepEqual(flagNames(field(s, 'regular')), ['CapturesReadOnly', 'NoAlias', 'NonNull', 'ReadOnly', 'NoUndef']);
  assert.deepEqual(flagNames(field(s, 'other')), ['NoUndef']);
  assert.deepEqual(flagNames(field(s, 'none')), []);
  assert.equal(nameOf(field(s, 'arg_ext')), 'None');
});

test('`ty` fields keep Rust type syntax as raw text', () => {
  const s = asStruct(parseRustDebug(`TyAndLayout {
    ty: Option<&[u8]>,
    layout: Layout {
        size: Size(16 bytes),
    },
}`));
  assert.deepEqual(field(s, 'ty'), { kind: 'raw', text: 'Option<&[u8]>' });
  assert.equal(nameOf(field(s, 'layout')), 'Layout');
  assert.deepEqual(field(asStruct(parseRustDebug('X {\n    ty: (u8, u64, u8),\n}')), 'ty'), { kind: 'raw', text: '(u8, u64, u8)' });
});

test('parseDumpMessage splits query, subject and value', () => {
  const d = parseDumpMessage('layout_of(Option<dyn Iterator<Item = u8>>) = Layout {\n    size: Size(0 bytes),\n}');
  assert.equal(d.query, 'layout_of');
  assert.equal(d.subject, 'Option<dyn Iterator<Item = u8>>');
  assert.equal(nameOf(d.value), 'Layout');
  const f = parseDumpMessage('fn_abi_of(f) = FnAbi {\n    c_variadic: false,\n    conv: Rust,\n}');
  assert.equal(f.query, 'fn_abi_of');
  assert.equal(f.subject, 'f');
  assert.throws(() => parseDumpMessage('cannot find type `Str` in this scope'), /not a rustc debug dump/);
});

test('errors name the position', () => {
  assert.throws(() => parseRustDebug('Foo { a: 1 '), /parse error at 1:\d+/);
  assert.throws(() => parseRustDebug('Foo(1) extra'), /trailing text/);
  assert.throws(() => parseRustDebug('Foo { a: @ }'), /unexpected character/);
});
