/** Bytes ↔ values (src/value/encode.ts, decode.ts): tags (direct and niche, E20), invalid bit patterns, pointees. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RustValue } from '../../../src/model/value.js';
import { decodeValue, encodeValue } from '../../../src/value/codec.js';
import { debugValue } from '../../../src/value/debug.js';
import { valuesEqual } from '../../../src/value/equal.js';
import { MemoryArena } from '../../../src/value/memory.js';
import { fromHex, hex, parse, session, typeOf } from './helpers.js';

function enc(type: string, text: string, target = 'x86_64', mem?: MemoryArena): string {
  const { ty, layout } = typeOf(type, target);
  const r = encodeValue(parse(type, text, target), ty, layout, session(target).cx, mem === undefined ? {} : { memory: mem });
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return hex(r.value);
}

function dec(type: string, bytes: string, target = 'x86_64', mem?: MemoryArena): string {
  const { ty, layout } = typeOf(type, target);
  const r = decodeValue(fromHex(bytes), ty, layout, session(target).cx, mem === undefined ? {} : { memory: mem });
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return debugValue(r.value, { crateName: 'dbg' });
}

test('direct tags, payload offsets, padding zero', () => {
  assert.equal(enc('Option<u32>', 'Some(42)'), '010000002a000000');
  assert.equal(enc('Option<u32>', 'None'), '0000000000000000');
  assert.equal(enc('Result<usize, Error>', 'Err(EINVAL)'), '01000000eaffffff0000000000000000'); // Err payload at 4
  assert.equal(enc('Result<usize, Error>', 'Ok(5)'), '00000000000000000500000000000000'); // Ok payload at 8
  assert.equal(enc('Result<usize, Error>', 'Err(EINVAL)', 'wasm32'), '01000000eaffffff');
  assert.equal(enc('Small', 'Small::Z'), 'fa');
  assert.equal(enc('Neg', 'Neg::M'), 'fd');
  assert.equal(enc('Ordering', 'Less'), 'ff');
  assert.equal(enc('Tagged', 'Tagged::B(7)'), '0900' + '0700');
  assert.equal(enc('CS', 'CS { a: 1, b: 2 }'), '01000000' + '02000000');
  assert.equal(enc('Pair', 'Pair(1, 2)'), '02000000' + '01000000'); // fields reordered: i32 first
});

test('niche tags (E20): the untagged variant writes nothing, the others (i − lo) + niche_start', () => {
  assert.equal(enc('Result<(), Error>', 'Ok(())'), '00000000');
  assert.equal(enc('Result<(), Error>', 'Err(ENOENT)'), 'feffffff');
  assert.equal(enc('Option<bool>', 'None'), '02');
  assert.equal(enc('Option<Option<bool>>', 'Some(None)'), '02');
  assert.equal(enc('Option<Option<bool>>', 'None'), '03');
  assert.equal(enc('Niche', 'Niche::Q'), '02');
  assert.equal(enc('Niche', 'Niche::R'), '03');
  assert.equal(enc('Option<Duration>', 'None'), '0000000000000000' + '00ca9a3b00000000'); // nanos = 1_000_000_000
  assert.equal(enc('Option<NonZeroU8>', 'Some(7)'), '07');
  assert.equal(enc('Option<&u8>', 'None'), '0000000000000000');
  assert.equal(enc('Option<Ordering>', 'None'), '02');
});

test('decoding niche tags: r = (tag − niche_start) mod 2^bits selects lo + r, else the untagged variant', () => {
  assert.equal(dec('Option<Option<bool>>', '00'), 'Some(Some(false))');
  assert.equal(dec('Option<Option<bool>>', '02'), 'Some(None)');
  assert.equal(dec('Option<Option<bool>>', '03'), 'None');
  assert.equal(dec('Option<Option<bool>>', '07'), 'Some(Some(<invalid: bool 0x07>))');
  assert.equal(dec('Result<(), Error>', '00000000'), 'Ok(())');
  assert.equal(dec('Result<(), Error>', 'eaffffff'), 'Err(EINVAL)');
  assert.equal(dec('Result<(), Error>', '16000000'), 'Err(-EINVAL)'); // a positive stored errno: errname(-22)
  assert.equal(dec('Option<Ordering>', '02'), 'None');
  assert.equal(dec('Option<Ordering>', '05'), '<invalid: tag 0x5 is no variant of `Ordering`>'.replace('<invalid', 'Some(<invalid').replace('`>', '`>)'));
  assert.equal(dec('Option<char>', '00001100'), 'None');
  assert.equal(dec('Option<char>', '01001100'), 'Some(<invalid: char 0x110001 is not a Unicode scalar value>)');
});

test('invalid bit patterns become invalid nodes, never wrong values', () => {
  assert.equal(dec('bool', '07'), '<invalid: bool 0x07>');
  assert.equal(dec('char', '00d80000'), '<invalid: char 0xd800 is not a Unicode scalar value>');
  assert.equal(dec('Small', '02'), '<invalid: tag 0x2 is no variant of `Small`>');
  assert.equal(dec('NonZeroU32', '00000000'), '<invalid: `NonZero<u32>` 0x0 is outside its valid range 1..=4294967295>');
  assert.equal(dec('Error', '00000000'), 'Error(<invalid: `NonZero<i32>` 0x0 is outside its valid range 1..=4294967295>)');
  assert.equal(dec('Duration', '0000000000000000' + '00ca9a3b00000000'), 'Duration { secs: 0, nanos: <invalid: `Nanoseconds` 0x3b9aca00 is outside its valid range 0..=999999999> }');
  assert.equal(dec('&u8', '0000000000000000'), '<invalid: null reference `&u8`>');
  assert.equal(dec('fn()', '0000000000000000'), '<invalid: null fn pointer>');
  assert.equal(dec('!', ''), '<invalid: a value of type `!` cannot exist>');
  assert.equal(dec('Void', ''), '<invalid: a value of type `Void` cannot exist>');
  assert.equal(dec('WithVoid', '05000000'), 'A(5)');
  const { ty, layout } = typeOf('u32');
  const short = decodeValue(new Uint8Array(2), ty, layout, session().cx);
  assert.ok(!short.ok);
});

test('pointees: references, Box, Vec and String through memory; only the address without it', () => {
  const mem = new MemoryArena();
  const bytes = enc('(&u16, Box<[u8]>, Vec<i8>, String, Option<Rc<u8>>)', '(&7, Box::new([1, 2]), vec![-1, 2], "hé", Some(Rc::new(9)))', 'x86_64', mem);
  const type = '(&u16, Box<[u8]>, Vec<i8>, String, Option<Rc<u8>>)';
  assert.equal(dec(type, bytes, 'x86_64', mem), '(7, [1, 2], [-1, 2], "hé", Some(9))');
  assert.match(dec(type, bytes), /^\(<unread 0x[0-9a-f]+>, <unread 0x[0-9a-f]+>, <unread 0x[0-9a-f]+>, <unread 0x[0-9a-f]+>, Some\(<unread 0x[0-9a-f]+>\)\)$/);
  // Vec keeps its capacity; an empty Vec points at a dangling, aligned address.
  const v = parse('Vec<u32>', 'Vec::with_capacity(4)');
  assert.equal(enc('Vec<u32>', 'Vec::with_capacity(4)').slice(0, 32), '0400000000000000' + '0400000000000000');
  assert.equal(v.kind, 'slice');
  // Option<Vec<u8>>: None is the cap niche 2^63.
  assert.equal(enc('Option<Vec<u8>>', 'None'), '0000000000000080' + '0'.repeat(32));
  // Invalid UTF-8 behind a &str.
  const m2 = new MemoryArena();
  const at = m2.alloc(new Uint8Array([0xff, 0xfe]), 1);
  const b = new Uint8Array(16);
  new DataView(b.buffer).setBigUint64(0, at, true);
  new DataView(b.buffer).setBigUint64(8, 2n, true);
  assert.equal(dec('&str', hex(b), 'x86_64', m2), '<invalid: str is not valid UTF-8>');
  // A pointee that is not mapped: the address is kept.
  new DataView(b.buffer).setBigUint64(0, 0xdead0000n, true);
  assert.equal(dec('&str', hex(b), 'x86_64', m2), '<unread 0xdead0000>');
});

test('encode errors: ranges, variants, addresses', () => {
  const { ty, layout } = typeOf('u8');
  const cx = session().cx;
  const bad = encodeValue({ kind: 'int', value: 300n, int: 'I8', signed: false }, ty, layout, cx);
  assert.ok(!bad.ok && String(bad.errors[0]?.code) === 'value/out-of-range');
  const wrong = encodeValue({ kind: 'bool', value: true }, ty, layout, cx);
  assert.ok(!wrong.ok && String(wrong.errors[0]?.code) === 'value/type-mismatch');
  const r = typeOf('&u8');
  const noMem = encodeValue(parse('&u8', '&5'), r.ty, r.layout, cx);
  assert.ok(!noMem.ok && String(noMem.errors[0]?.code) === 'value/no-address');
  const w = typeOf('WithVoid');
  const absent: RustValue = { kind: 'enum', name: 'WithVoid', variant: 'B', variantIndex: 1, shape: 'tuple', fields: [] };
  const un = encodeValue(absent, w.ty, w.layout, cx);
  assert.ok(!un.ok && String(un.errors[0]?.code) === 'value/uninhabited');
  const nz = typeOf('NonZeroU32');
  const zero = encodeValue({ kind: 'int', value: 0n, int: 'I32', signed: false }, nz.ty, nz.layout, cx);
  assert.ok(!zero.ok && String(zero.errors[0]?.code) === 'value/out-of-range');
});

test('unions keep their bytes; MaybeUninit holds its value', () => {
  assert.equal(dec('U', '01000000'), '<union U: 01 00 00 00>');
  assert.equal(enc('MaybeUninit<u32>', 'MaybeUninit::new(5)'), '05000000');
  const u = parse('MaybeUninit<u16>', 'MaybeUninit::new(258)');
  assert.ok(u.kind === 'union' && hex(u.bytes) === '0201');
});

test('round trip on every target: decode(encode(v)) == v', () => {
  const cases: readonly (readonly [string, string])[] = [
    ['Result<usize, Error>', 'Err(EINVAL)'], ['Option<Vec<u8>>', 'Some(vec![1])'], ['Result<Vec<u8>, u32>', 'Err(5)'],
    ['(u8, u128, f32, char)', '(1, 2, 1.5, \'x\')'], ['E2<Option<i16>>', 'E2::Two(None, Some(-3))'], ['CE', 'CE::B { f: -0.0 }'],
    ['Big', "Big::C('\\u{10ffff}')"], ['[Niche; 3]', '[Niche::P(true), Niche::Q, Niche::R]'], ['Option<&str>', 'Some("ü")'],
    ['Result<KBox<u64>, Error>', 'Ok(KBox::new(9, GFP_KERNEL))'], ['KVec<u16>', 'vec![1, 2, 3]'], ['Option<Arc<String>>', 'Some(Arc::new("s"))'],
  ];
  for (const target of ['x86_64', 'aarch64', 'riscv64', 'wasm32', 'aarch64-kernel']) {
    for (const [type, text] of cases) {
      const mem = new MemoryArena();
      const v = parse(type, text, target);
      const { ty, layout } = typeOf(type, target);
      const cx = session(target).cx;
      const b = encodeValue(v, ty, layout, cx, { memory: mem });
      assert.ok(b.ok, `${target} ${type}`);
      const d = decodeValue(b.value, ty, layout, cx, { memory: mem });
      assert.ok(d.ok && valuesEqual(v, d.value), `${target} ${type} = ${text}: ${d.ok ? debugValue(d.value) : ''}`);
    }
  }
});
