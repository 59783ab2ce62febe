/**
 * wasm32 register maps confirmed two ways against rustc 1.95's own output for wasm32-unknown-unknown:
 * (1) the function type of every export of test/emu/fixtures/wasm-calls.rs (read with
 * @webassemblyjs/wasm-parser) equals what rustabi's FnAbi predicts (sret = i32 param 0 and no result
 * for Pair/Indirect returns, then one param per piece, one result for a Direct/Cast return) and what
 * rustc-callconv.md §9.4 lists; (2) running each export in Node's WebAssembly with the arguments placed
 * where rustabi says gives the right answer (every result depends on every argument).
 */
import type { TestContext } from 'node:test';
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FnAbi } from '../../src/model/abi.js';
import type { Layout } from '../../src/model/layout.js';
import type { LayoutSession } from '../../src/query/layout.js';
import { createLayoutSession } from '../../src/query/layout.js';
import { fnAbiOf } from '../../src/query/abi.js';
import { PRELUDE_RS } from '../../src/prelude/core-rs.js';
import type { WasmFuncType, WasmInstance, WasmMemory } from '../../src/emu/wasm.js';
import { buildWasmFixture, callWasm, instantiateWasm, predictedWasmFuncType, wasmExportSignatures } from '../../src/emu/wasm.js';
import { requireRustc } from '../support/env.js';
import { REPO_ROOT } from '../support/corpus.js';
import { enumBytes, f32Bits, f64Bits, le, readLe, structBytes, structField, variantField, variantOf } from './values.js';

const FIXTURE_RS = readFileSync(join(REPO_ROOT, 'test', 'emu', 'fixtures', 'wasm-calls.rs'), 'utf8');

interface Rig {
  readonly session: LayoutSession;
  readonly sigs: Map<string, WasmFuncType>;
  readonly instance: WasmInstance;
  abi(name: string): FnAbi;
}

let rigP: Promise<Rig> | null = null;
function rig(): Promise<Rig> {
  rigP ??= (async () => {
    const s = createLayoutSession({ target: 'wasm32', defs: [{ name: 'test/emu/fixtures/wasm-calls.rs', text: FIXTURE_RS }] });
    if (!s.ok) throw new Error(`wasm-calls.rs does not resolve for wasm32: ${s.errors.map((e) => e.message).join('; ')}`);
    const fx = await buildWasmFixture({ source: `${PRELUDE_RS}\n${FIXTURE_RS}` });
    const session = s.value;
    return {
      session,
      sigs: wasmExportSignatures(fx.bytes),
      instance: await instantiateWasm(fx.bytes),
      abi(name: string): FnAbi {
        const r = fnAbiOf(session, name);
        if (!r.ok) throw new Error(`rustabi has no wasm32 map for ${name}: ${r.errors.map((e) => e.message).join('; ')}`);
        return r.value.abi;
      },
    };
  })();
  return rigP;
}

const show = (f: WasmFuncType): string => `(${f.params.join(',')})->(${f.results.join(',')})`;

/** rustc-callconv.md §9.4 (and the extra cases this file adds), as `(params)->(results)`. */
const CASES: readonly (readonly [fn: string, signature: string, functype: string])[] = [
  ['w_opt_usize', 'Option<usize> -> Option<usize>', '(i32,i32,i32)->()'],
  ['w_opt_ref', 'Option<&u8> -> Option<&u8>', '(i32)->(i32)'],
  ['w_opt_nz', 'Option<NonZeroU32> -> Option<NonZeroU32>', '(i32)->(i32)'],
  ['w_bool', 'bool -> bool', '(i32)->(i32)'],
  ['w_char', 'char -> char', '(i32)->(i32)'],
  ['w_pair_u64', '(u64,u64) -> (u64,u64)', '(i32,i64,i64)->()'],
  ['w_u128', 'u128 -> u128', '(i32,i64,i64)->()'],
  ['w_triple', '(u64,u64,u64) -> (u64,u64,u64)', '(i32,i32)->()'],
  ['w_arr', '[u32;3] -> [u32;3]', '(i32,i32)->()'],
  ['w_s8', 'S8 {a:u8,b:u16,c:u32} -> S8', '(i32,i32)->()'],
  ['w_f64', 'f64 -> f64', '(f64)->(f64)'],
  ['w_f32_pair', '(f32,f32) -> (f32,f32)', '(i32,f32,f32)->()'],
  ['w_opt_f64', 'Option<f64> -> Option<f64>', '(i32,i64,f64)->()'],
  ['w_sum9', 'fn(a1..a9: u64) -> u64', '(i64,i64,i64,i64,i64,i64,i64,i64,i64)->(i64)'],
  ['detect_func', 'fn(x: usize, y: usize, z: Option<usize>) -> Option<usize>', '(i32,i32,i32,i32,i32)->()'],
  ['w_result_usize', 'fn(x: usize, code: i32) -> Result<usize, Error>', '(i32,i32,i32)->()'],
  ['w_result_arg', 'fn(r: Result<usize, Error>, k: usize) -> usize', '(i32,i32,i32)->(i32)'],
];

async function ready(t: TestContext): Promise<Rig | null> {
  if (requireRustc(t) === null) return null;
  return rig();
}

describe('wasm32: export signatures equal rustabi\'s map', () => {
  for (const [fn, signature, expected] of CASES) {
    test(`${fn}: ${signature} is ${expected}`, async (t) => {
      const g = await ready(t);
      if (g === null) return;
      const actual = g.sigs.get(fn);
      assert.ok(actual !== undefined, `the fixture exports ${fn}`);
      const abi = g.abi(fn);
      const predicted = predictedWasmFuncType(abi);
      assert.equal(show(actual), expected, `rustc's wasm functype of ${fn} (rustc-callconv.md §9.4)`);
      assert.equal(show(predicted), show(actual), `rustabi's prediction of ${fn}`);
      // The param numbers rustabi names run 0, 1, 2, … in order (sret first).
      const params = [...(abi.sret !== null && 'param' in abi.sret.atEntry ? [abi.sret.atEntry.param] : []),
        ...abi.args.flatMap((a) => a.pieces.map((p) => ('param' in p.loc ? p.loc.param : -1)))];
      assert.deepEqual(params, params.map((_, i) => i), 'wasm parameter indices');
      if (abi.sret === null) assert.deepEqual(abi.ret.pieces.map((p) => p.loc), abi.ret.pieces.map(() => ({ reg: 'result' })));
    });
  }
});

// ---- execution ----

const SOME = 1;
const NONE = 0;
const OK = 0;
const ERR = 1;

function call(g: Rig, name: string, args: readonly Uint8Array[]): Uint8Array {
  const abi = g.abi(name);
  const r = callWasm(g.instance, name, abi, args);
  if (r.sretAddr !== null) assert.ok(r.sretWritten, `${name} wrote its sret buffer (it really ran)`);
  return r.ret;
}

function argLayout(g: Rig, name: string, i: number): Layout {
  const l = g.abi(name).args[i]?.layout;
  assert.ok(l !== undefined);
  return l;
}

const f64At = (b: Uint8Array, off: number): number => new DataView(b.buffer, b.byteOffset, b.byteLength).getFloat64(off, true);
const f32At = (b: Uint8Array, off: number): number => new DataView(b.buffer, b.byteOffset, b.byteLength).getFloat32(off, true);
const u32 = (v: bigint | number): Uint8Array => le(BigInt(v), 4);
const u64 = (v: bigint | number): Uint8Array => le(BigInt(v), 8);

describe('wasm32: the fixtures run in Node with arguments where rustabi puts them', () => {
  test('detect_func(x, y, z: Option<usize>) -> Option<usize>: Some(5+7+100) is tag 1 payload 112; None is tag 0', async (t) => {
    const g = await ready(t);
    if (g === null) return;
    const opt = g.abi('detect_func').ret.layout;
    const some = call(g, 'detect_func', [u32(5), u32(7), enumBytes(opt, SOME, [[4, 100n]])]);
    assert.equal(variantOf(opt, some), SOME);
    assert.equal(readLe(some, 0, 4), 1n, 'tag word');
    assert.equal(variantField(opt, SOME, 0, some, 4), 112n);
    const none = call(g, 'detect_func', [u32(5), u32(7), enumBytes(opt, NONE)]);
    assert.equal(variantOf(opt, none), NONE);
    assert.equal(readLe(none, 0, 4), 0n, 'tag word');
  });

  test('Option<usize>, Option<NonZeroU32>, Option<&u8>', async (t) => {
    const g = await ready(t);
    if (g === null) return;
    const ou = g.abi('w_opt_usize').ret.layout;
    const s = call(g, 'w_opt_usize', [enumBytes(ou, SOME, [[4, 10n]])]);
    assert.equal(variantOf(ou, s), SOME);
    assert.equal(variantField(ou, SOME, 0, s, 4), 31n);
    assert.equal(variantOf(ou, call(g, 'w_opt_usize', [enumBytes(ou, NONE)])), NONE);

    assert.equal(readLe(call(g, 'w_opt_nz', [u32(20)]), 0, 4), 41n);
    assert.equal(readLe(call(g, 'w_opt_nz', [u32(0)]), 0, 4), 0n, 'None is 0');

    // A byte in linear memory well above the scratch area callWasm uses.
    const mem = g.instance.exports.memory as WasmMemory;
    const addr = mem.buffer.byteLength - 64;
    const view = new Uint8Array(mem.buffer);
    view[addr] = 9;
    assert.equal(readLe(call(g, 'w_opt_ref', [u32(addr)]), 0, 4), BigInt(addr), 'Some(r) with *r != 0 comes back');
    view[addr] = 0;
    assert.equal(readLe(call(g, 'w_opt_ref', [u32(addr)]), 0, 4), 0n, 'Some(r) with *r == 0 becomes None');
    assert.equal(readLe(call(g, 'w_opt_ref', [u32(0)]), 0, 4), 0n);
  });

  test('bool and char', async (t) => {
    const g = await ready(t);
    if (g === null) return;
    assert.deepEqual([...call(g, 'w_bool', [le(1n, 1)])], [0]);
    assert.deepEqual([...call(g, 'w_bool', [le(0n, 1)])], [1]);
    assert.equal(readLe(call(g, 'w_char', [u32(0x61)]), 0, 4), 0x7an);
    assert.equal(readLe(call(g, 'w_char', [u32(0x71)]), 0, 4), 0x71n);
  });

  test('(u64,u64), u128, (u64,u64,u64), [u32;3], S8', async (t) => {
    const g = await ready(t);
    if (g === null) return;
    const p = call(g, 'w_pair_u64', [structBytes(argLayout(g, 'w_pair_u64', 0), [[8, 2n], [8, 3n]])]);
    const pl = g.abi('w_pair_u64').ret.layout;
    assert.deepEqual([structField(pl, 0, p, 8), structField(pl, 1, p, 8)], [9n, 17n]);

    const x = (0x12345n << 64n) | 0x8000_0000_0000_0001n;
    const r = call(g, 'w_u128', [le(x, 16)]);
    assert.equal(readLe(r, 0, 16), BigInt.asUintN(128, 2n * x + 0x5_0000_0000_0000_0003n));

    const tr = call(g, 'w_triple', [structBytes(argLayout(g, 'w_triple', 0), [[8, 1n], [8, 2n], [8, 3n]])]);
    const tl = g.abi('w_triple').ret.layout;
    assert.deepEqual([0, 1, 2].map((i) => structField(tl, i, tr, 8)), [5n, 11n, 8n]);

    const a = call(g, 'w_arr', [new Uint8Array([...u32(1), ...u32(2), ...u32(3)])]);
    assert.deepEqual([0, 4, 8].map((o) => readLe(a, o, 4)), [4n, 5n, 7n]);

    const sl = argLayout(g, 'w_s8', 0);
    const s = call(g, 'w_s8', [structBytes(sl, [[1, 5n], [2, 7n], [4, 11n]])]);
    assert.deepEqual([structField(sl, 0, s, 1), structField(sl, 1, s, 2), structField(sl, 2, s, 4)], [6n, 19n, 40n]);
  });

  test('f64, (f32,f32), Option<f64>', async (t) => {
    const g = await ready(t);
    if (g === null) return;
    assert.equal(f64At(call(g, 'w_f64', [u64(f64Bits(1.25))]), 0), 3);
    const fp = call(g, 'w_f32_pair', [structBytes(argLayout(g, 'w_f32_pair', 0), [[4, f32Bits(1.5)], [4, f32Bits(2)]])]);
    const fl = g.abi('w_f32_pair').ret.layout;
    assert.deepEqual([f32At(fp, Number(fl.fields.kind === 'arbitrary' ? fl.fields.offsets[0] : 0)),
      f32At(fp, Number(fl.fields.kind === 'arbitrary' ? fl.fields.offsets[1] : 4))], [3, 5]);
    const ol = g.abi('w_opt_f64').ret.layout;
    const o = call(g, 'w_opt_f64', [enumBytes(ol, SOME, [[8, f64Bits(2)]])]);
    assert.equal(variantOf(ol, o), SOME);
    const v = ol.variants.kind === 'multiple' && ol.variants.variants[SOME]?.fields.kind === 'arbitrary' ? ol.variants.variants[SOME].fields.offsets[0] ?? 8 : 8;
    assert.equal(f64At(o, v), 8.25);
    assert.equal(variantOf(ol, call(g, 'w_opt_f64', [enumBytes(ol, NONE)])), NONE);
  });

  test('nine u64 arguments', async (t) => {
    const g = await ready(t);
    if (g === null) return;
    const r = call(g, 'w_sum9', [1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => u64(i)));
    assert.equal(readLe(r, 0, 8), 285n);
  });

  test('Result<usize, Error> (Error = NonZeroI32 newtype) returned and passed', async (t) => {
    const g = await ready(t);
    if (g === null) return;
    const rl = g.abi('w_result_usize').ret.layout;
    const ok = call(g, 'w_result_usize', [u32(20), u32(0)]);
    assert.equal(variantOf(rl, ok), OK);
    assert.equal(variantField(rl, OK, 0, ok, 4), 41n);
    const err = call(g, 'w_result_usize', [u32(20), le(-3n, 4)]);
    assert.equal(variantOf(rl, err), ERR);
    assert.equal(variantField(rl, ERR, 0, err, 4), BigInt.asUintN(32, -3n));
    const al = argLayout(g, 'w_result_arg', 0);
    assert.equal(readLe(call(g, 'w_result_arg', [enumBytes(al, OK, [[4, 4n]]), u32(3)]), 0, 4), 11n);
    assert.equal(readLe(call(g, 'w_result_arg', [enumBytes(al, ERR, [[4, 5n]]), u32(3)]), 0, 4), 18n);
  });
});
