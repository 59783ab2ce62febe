// The rustc layout oracle against the real rustc 1.95: facts from shared/reference/rustc-layout.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import type { LayoutJson } from '../../src/model/layout-json.js';
import { TARGETS } from '../../src/model/target.js';
import type { OracleLayoutResult } from '../../src/testing/oracle.js';
import { findRustc, rustcLayouts, rustcVersion } from '../../src/testing/oracle.js';

const rustc = findRustc();
const onCi = process.env['CI'] === 'true';
const skip = rustc === null && !onCi ? 'rustc not found (PATH, $HOME/.cargo/bin): oracle tests skipped' : false;

test('rustc is available for the oracle', { skip }, async () => {
  // On CI a missing rustc is a failure, never a silent skip.
  assert.ok(rustc !== null, 'rustc 1.95 not found on PATH or in $HOME/.cargo/bin; the oracle tests need it (CI=true)');
  assert.match(await rustcVersion(rustc), /^rustc 1\.\d+\.\d+/);
});

// A tiny local prelude (rustc-layout.md §11); the real one lives in src/prelude.
const DEFS = String.raw`
#[lang = "phantom_data"] pub struct PhantomData<T: ?Sized>;
pub enum Option<T> { None, Some(T) }
pub enum Result<T, E> { Ok(T), Err(E) }
#[rustc_layout_scalar_valid_range_start(1)] #[repr(transparent)] pub struct NonZeroI32(i32);
#[repr(i8)] pub enum Ordering { Less = -1, Equal = 0, Greater = 1 }
pub union U { a: u32, b: u32 }
#[repr(simd)] pub struct F4([f32; 4]);
pub struct Tail { a: u8, b: [u16] }
pub struct List { head: u8, tail: List }
`;

const X86 = TARGETS.x86_64.triple;
const WASM = TARGETS.wasm32.triple;
const MAX64 = '18446744073709551615';

function layout(r: OracleLayoutResult | undefined): LayoutJson {
  assert.ok(r !== undefined && !('error' in r), `expected a layout, got ${JSON.stringify(r)}`);
  return r;
}

function layouts(triple: string, types: readonly string[]): Promise<OracleLayoutResult[]> {
  return rustcLayouts({ triple, defs: DEFS, types, cacheDir: null, ...(rustc === null ? {} : { rustc }) });
}

test('x86_64 layouts match the reference digest', { skip }, async () => {
  const types = [
    'Option<NonZeroI32>', '(u8, u64, u8)', 'Result<usize, NonZeroI32>', 'Option<char>', "&'static [u8]",
    'Ordering', 'U', 'F4', 'Tail', '!', 'u128', '[u32; 3]', 'PhantomData<u8>',
  ];
  const r = await layouts(X86, types);
  assert.equal(r.length, types.length);
  assert.deepEqual(r.map((x) => x.type), types);

  const onz = layout(r[0]);
  assert.equal(onz.target, X86);
  assert.deepEqual([onz.size, onz.align], [4, 4]);
  // The full range 1..=0 wraps: the enum's scalar is all of i32, so no niche is left.
  assert.deepEqual(onz.abi, { kind: 'scalar', scalars: [{ prim: 'i32', signed: true, start: '1', end: '0' }] });
  assert.equal(onz.largestNiche, null);
  assert.equal(onz.fields, null);
  assert.equal(onz.variants?.encoding, 'niche');
  assert.equal(onz.variants?.nicheStart, '0');
  assert.equal(onz.variants?.untaggedVariant, 1);
  assert.deepEqual(onz.variants?.nicheVariants, [0, 0]);
  assert.deepEqual(onz.variants?.list, [{ name: '', size: 0, fields: [] }, { name: '', size: 4, fields: [0] }]);

  const tup = layout(r[1]);
  assert.deepEqual([tup.size, tup.align, tup.fields], [16, 8, [8, 0, 9]]);
  assert.deepEqual(tup.abi, { kind: 'memory', scalars: [], sized: true });
  assert.equal(tup.variants, null);

  const res = layout(r[2]);
  assert.deepEqual([res.size, res.align], [16, 8]);
  assert.equal(res.variants?.encoding, 'direct');
  assert.deepEqual(res.variants?.tag, { offset: 0, scalar: { prim: 'i32', signed: false, start: '0', end: '1' } });
  assert.deepEqual(res.variants?.list.map((v) => v.fields), [[8], [4]]);
  assert.deepEqual(res.largestNiche, { offset: 0, scalar: { prim: 'i32', signed: false, start: '0', end: '1' } });

  const oc = layout(r[3]);
  assert.deepEqual([oc.size, oc.align], [4, 4]);
  assert.equal(oc.variants?.encoding, 'niche');
  assert.equal(oc.variants?.nicheStart, '1114112');
  assert.deepEqual(oc.variants?.tag.scalar, { prim: 'i32', signed: false, start: '0', end: '1114112' });

  const slice = layout(r[4]);
  assert.deepEqual([slice.size, slice.align, slice.fields], [16, 8, [0, 8]]);
  assert.deepEqual(slice.abi, { kind: 'scalarPair', scalars: [
    { prim: 'ptr', start: '1', end: MAX64 }, { prim: 'i64', signed: false, start: '0', end: MAX64 },
  ] });
  assert.deepEqual(slice.largestNiche, { offset: 0, scalar: { prim: 'ptr', start: '1', end: MAX64 } });

  // Ordering's tag range -1..=1 wraps: (..=1) | (255..) → start 255, end 1.
  const ord = layout(r[5]);
  assert.deepEqual(ord.variants?.tag.scalar, { prim: 'i8', signed: true, start: '255', end: '1' });
  assert.equal(ord.variants?.list.length, 3);

  const u = layout(r[6]);
  assert.deepEqual(u.abi, { kind: 'scalar', scalars: [{ prim: 'i32', signed: false }] }); // a Union scalar: no range
  assert.deepEqual(u.fields, [0, 0]);

  const f4 = layout(r[7]);
  assert.deepEqual(f4.abi, { kind: 'vector', scalars: [], elem: { prim: 'f32', start: '0', end: '4294967295' }, count: 4 });
  assert.deepEqual([f4.size, f4.align], [16, 16]);

  const tail = layout(r[8]);
  assert.equal(tail.sized, false);
  assert.deepEqual(tail.abi, { kind: 'memory', scalars: [], sized: false });

  const never = layout(r[9]);
  assert.deepEqual([never.size, never.align, never.uninhabited, never.fields, never.variants], [0, 1, true, null, null]);
  assert.deepEqual(layout(r[10]).abi.scalars, [{ prim: 'i128', signed: false, start: '0', end: String((1n << 128n) - 1n) }]);
  assert.deepEqual([layout(r[11]).size, layout(r[11]).fields], [12, null]);
  assert.deepEqual([layout(r[12]).size, layout(r[12]).fields], [0, []]);
});

test('wasm32: 4-byte pointers, u64 still align 8', { skip }, async () => {
  const r = await layouts(WASM, ["&'static [u8]", 'Result<u64, &\'static u8>', '(u8, u64)']);
  const slice = layout(r[0]);
  assert.deepEqual([slice.target, slice.size, slice.align], [WASM, 8, 4]);
  assert.deepEqual(slice.abi.scalars, [
    { prim: 'ptr', start: '1', end: '4294967295' }, { prim: 'i32', signed: false, start: '0', end: '4294967295' },
  ]);
  // rustc-layout.md §7: Memory 16/8 on wasm32 (u32 tag, payloads at 8 and 4).
  const res = layout(r[1]);
  assert.deepEqual([res.size, res.align, res.abi.kind], [16, 8, 'memory']);
  assert.deepEqual(res.variants?.tag.scalar, { prim: 'i32', signed: false, start: '0', end: '1' });
  assert.deepEqual(res.variants?.list.map((v) => v.fields), [[8], [4]]);
  assert.deepEqual([layout(r[2]).size, layout(r[2]).align], [16, 8]);
});

test('errors on a type line become that type\'s error; other types still get layouts', { skip }, async () => {
  const r = await layouts(X86, ['List', 'u8', 'Option<Str>', '[u8; 4611686018427387904]', '(u8, List)', 'Option<\nu16>']);
  assert.deepEqual(r[0], { type: 'List', error: { code: 'E0072', message: 'recursive type `List` has infinite size' } });
  assert.equal(layout(r[1]).size, 1);
  assert.ok(r[2] !== undefined && 'error' in r[2]);
  assert.equal(r[2].error.code, 'E0425');
  assert.match(r[2].error.message, /cannot find type `Str`/);
  assert.deepEqual(r[3], { type: '[u8; 4611686018427387904]', error: {
    code: 'rustc', message: 'values of the type `[u8; 4611686018427387904]` are too big for the target architecture',
  } });
  assert.deepEqual(r[4], { type: '(u8, List)', error: { code: 'E0072', message: 'recursive type `List` has infinite size' } });
  // A type written over two lines is folded onto its line; the caller's spelling is kept.
  assert.equal(layout(r[5]).type, 'Option<\nu16>');
  assert.equal(layout(r[5]).size, 4);
});

test('an error inside defs fails the whole batch with rustc\'s message and the source line', { skip }, async () => {
  const bad = `${DEFS}pub struct Broken { a: NoSuchType }\n`;
  await assert.rejects(
    rustcLayouts({ triple: X86, defs: bad, types: ['u8'], cacheDir: null, ...(rustc === null ? {} : { rustc }) }),
    (e: Error) => {
      assert.match(e.message, /E0425/);
      assert.match(e.message, /cannot find type `NoSuchType`/);
      assert.match(e.message, /pub struct Broken \{ a: NoSuchType \}/);
      return true;
    },
  );
});

test('batches of 1000 keep the order; the cache answers a repeated request', { skip }, async () => {
  const dir = await mkdtemp(`${tmpdir()}/rustabi-oracle-cache-`);
  try {
    const types = Array.from({ length: 1001 }, (_, i) => `[u8; ${i}]`);
    const opts = { triple: X86, defs: DEFS, types, cacheDir: dir, ...(rustc === null ? {} : { rustc }) };
    const first = await rustcLayouts(opts);
    assert.deepEqual(first.map((x) => layout(x).size), types.map((_, i) => i));
    assert.equal((await readdir(dir)).filter((f) => f.endsWith('.json')).length, 2);
    const again = await rustcLayouts(opts);
    assert.deepEqual(again, first);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
