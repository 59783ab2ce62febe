/**
 * extern "C" pass modes per target. Every expected mode below is what rustc 1.95's `#[rustc_abi(debug)]`
 * printed for the same signature (no_core crate, the types of DEFS), transcribed:
 *   `direct` / `direct zext` · `ignore` · `indirect` (pointer / sret) · `byval` (x86_64 on_stack)
 *   `cast [prefix] unit/total @rest_offset !` — registers as kind+bits (i64, f32, v64), `!` = is_consecutive.
 * The random counterpart, against a live rustc, is test/property/regmap.property.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abiOfSignature } from '../../../src/query/abi.js';
import type { PassMode, Reg } from '../../../src/model/abi.js';

const DEFS = `
#[repr(C)] pub struct F2 { a: f32, b: f32 }
#[repr(C)] pub struct F3 { a: f32, b: f32, c: f32 }
#[repr(C)] pub struct F4 { a: f32, b: f32, c: f32, d: f32 }
#[repr(C)] pub struct FD { a: f32, b: f64 }
#[repr(C)] pub struct DU { a: f64, b: u32 }
#[repr(C)] pub struct UU { a: u64, b: u64 }
#[repr(C)] pub struct U3 { a: u64, b: u64, c: u64 }
#[repr(C)] pub struct D4 { a: f64, b: f64, c: f64, d: f64 }
#[repr(C)] pub struct S12 { a: u32, b: u32, c: u32 }
#[repr(C, align(16))] pub struct A16 { a: u64, b: u64 }
#[repr(C, packed)] pub struct P5 { a: u8, b: u32 }
#[repr(C)] pub struct U8x3 { a: u8, b: u8, c: u8 }
#[repr(C)] pub struct Big128 { a: u128 }
#[repr(C)] pub struct ZF { a: f32, z: [u64; 0], b: f32 }
#[repr(C)] pub struct Nest { a: (f32, f32), b: [f32; 2] }
#[repr(simd)] pub struct V4([f32; 4]);
#[repr(simd)] pub struct V2([u32; 2]);
#[repr(C)] pub struct HV { a: V4, b: V4 }
#[repr(C)] pub struct WithV { a: V2, b: u64 }
pub union UI { a: u32, b: f32 }
#[repr(transparent)] pub union TU { a: f64 }
pub enum RE { A(f64), B(f64) }
#[repr(C)] pub enum CE { A(f32), B(f32) }
pub enum Void {}
pub struct HasNever(Void, u32, [u8; 4]);
`;

function reg(r: Reg): string {
  return `${r.kind === 'int' ? 'i' : r.kind === 'float' ? 'f' : 'v'}${r.size * 8}`;
}

function mode(m: PassMode): string {
  switch (m.kind) {
    case 'ignore': return 'ignore';
    case 'direct': return m.ext === null ? 'direct' : `direct ${m.ext}`;
    case 'pair': return `pair ${m.ext[0] ?? '-'} ${m.ext[1] ?? '-'}`;
    case 'indirect': return m.onStack ? 'byval' : 'indirect';
    case 'cast': {
      const c = m.cast;
      return `cast [${c.prefix.map(reg).join(',')}] ${reg(c.unit)}/${c.total}${c.restOffset === undefined ? '' : ` @${c.restOffset}`}${c.consecutive === true ? ' !' : ''}`;
    }
  }
}

/** The modes of the parameters, then `->` and the return's. */
function modes(target: string, sig: string): string {
  const r = abiOfSignature(sig, { target, defs: [{ name: 'defs.rs', text: DEFS }] });
  if (!r.ok) throw new Error(`${sig}: ${r.errors[0]?.message}`);
  return `${r.value.abi.args.map((a) => mode(a.mode)).join('; ')} -> ${mode(r.value.abi.ret.mode)}`;
}

const C = (params: string, ret = '()'): string => `extern "C" fn f(${params}) -> ${ret}`;
const f64s = (n: number): string => Array.from({ length: n }, (_, i) => `f${i}: f64`).join(', ');
const u64s = (n: number): string => Array.from({ length: n }, (_, i) => `a${i}: u64`).join(', ');
const rep = (s: string, n: number): string => Array.from({ length: n }, () => s).join('; ');

// [target, signature, modes]
const CASES: readonly (readonly [string, string, string])[] = [
  // x86_64 SysV: eightbytes, args < 32 bits extended (returns not), MEMORY → byval / sret
  ['x86_64', C('a: u8, b: i16, c: u32, d: bool, e: u128', 'u8'), 'direct zext; direct sext; direct; direct zext; direct -> direct'],
  ['x86_64', C('a: F2, b: FD, c: DU, d: UU', 'F2'), 'cast [] f64/8; cast [f64] f64/8; cast [f64] i64/8; cast [i64] i64/8 -> cast [] f64/8'],
  ['x86_64', C('a: U3, b: F3, c: F4, d: D4', 'U3'), 'byval; cast [f64] f32/4; cast [f64] f64/8; byval -> indirect'],
  ['x86_64', C('a: S12, b: A16, c: P5, d: U8x3', 'S12'), 'cast [i64] i32/4; cast [i64] i64/8; byval; cast [] i24/3 -> cast [i64] i32/4'],
  ['x86_64', C('a: Option<u8>, b: &str, c: [u64; 2], d: Option<f64>, e: RE, g: CE'), 'cast [] i16/2; cast [i64] i64/8; cast [i64] i64/8; cast [i64] f64/8; byval; byval -> ignore'],
  ['x86_64', C('a: UI, b: TU, c: V4, d: WithV, e: HV'), 'cast [] i32/4; direct; direct; cast [f64] i64/8; byval -> ignore'],
  ['x86_64', C(`${f64s(9)}, y: F2, z: DU, w: UU`), `${rep('direct', 9)}; byval; byval; cast [i64] i64/8 -> ignore`],
  ['x86_64', C(`${u64s(7)}, x: UU, y: DU, z: u8`), `${rep('direct', 7)}; byval; byval; direct zext -> ignore`],
  ['x86_64-kernel', C('a: F2, b: DU, c: f64', 'FD'), 'cast [] f64/8; cast [f64] i64/8; direct -> cast [f64] f64/8'],
  // aarch64 AAPCS64: no extension, HFAs consecutive, i128 units only for 16-aligned (unadjusted) args
  ['aarch64', C('a: u8, b: i16, c: bool, d: u128', 'u8'), 'direct; direct; direct zext; direct -> direct'],
  ['aarch64', C('a: F2, b: F3, c: D4, d: Nest', 'F4'), 'cast [] f32/8 !; cast [] f32/12 !; cast [] f64/32 !; cast [] f32/16 ! -> cast [] f32/16 !'],
  ['aarch64', C('a: FD, b: S12, c: A16, d: P5, e: U3', 'DU'), 'cast [] i64/16; cast [] i64/12; cast [] i64/16; cast [] i64/5; indirect -> cast [] i64/16'],
  ['aarch64', C('a: Big128, b: Option<u8>, c: UI, d: TU, e: [u32; 1]', 'Big128'), 'cast [] i128/16; cast [] i64/2; cast [] i64/4; direct; cast [] i64/4 -> cast [] i64/16'],
  ['aarch64', C('a: HV, b: V4, c: [f32; 1], d: ZF', 'D4'), 'indirect; direct; cast [] f32/4 !; cast [] i64/16 -> cast [] f64/32 !'],
  ['aarch64-kernel', C('a: f32, b: f64, c: F2, d: F4', 'f64'), 'cast [] i32/4; cast [] i64/8; cast [] i64/8; cast [] i64/16 -> cast [] i64/8'],
  // riscv64 LP64D: flattening with rest_offset, extension to XLEN (also returns), register counting
  ['riscv64', C('a: u8, b: i16, c: u32, d: char, e: bool, g: f32, h: f64, k: u128', 'u8'), 'direct zext; direct sext; direct sext; direct sext; direct zext; cast [] f32/4; cast [] f64/8; direct -> direct zext'],
  ['riscv64', C('a: F2, b: FD, c: DU, d: UU, e: ZF, g: (f32, u8)', 'DU'), 'cast [f32] f32/4 @4; cast [f32] f64/8 @8; cast [f64] i32/4 @8; cast [] i64/16; cast [f32] f32/4 @8; cast [f32] i8/1 @4 -> cast [f64] i32/4 @8'],
  ['riscv64', C('a: F3, b: A16, c: U8x3, d: S12, e: TU, g: UI, h: Nest', 'A16'), 'cast [] i64/16; cast [] i128/16; cast [] i64/8; cast [] i64/16; cast [] f64/8; cast [] i64/8; cast [] i64/16 -> cast [] i64/16'],
  ['riscv64', C('a: V4, b: V2, c: HV, d: U3', 'V4'), 'cast [] i128/16; cast [] i64/8; indirect; indirect -> cast [] i64/16'],
  ['riscv64', C(`${f64s(9)}, y: F2, z: DU`), `${rep('cast [] f64/8', 8)}; direct; cast [] i64/8; cast [] i64/16 -> ignore`],
  ['riscv64', C(`${u64s(7)}, x: UU, y: DU, z: u8`, 'i16'), `${rep('direct', 7)}; cast [] i64/16; cast [] i64/16; direct -> direct sext`],
  ['riscv64-kernel', C('a: f32, b: F2, c: DU, d: u32', 'f64'), 'direct; cast [] i64/8; cast [] i64/16; direct sext -> direct'],
  // wasm32: one-scalar aggregates unwrapped, other aggregates indirect, i128 returns via sret
  ['wasm32', C('a: u8, b: i16, c: u128, d: F2, e: [f32; 1], g: (f64,), h: Big128, k: TU', 'i16'), 'direct zext; direct sext; direct; indirect; cast [] f32/4; direct; cast [] i128/16; direct -> direct sext'],
  ['wasm32', C('a: &str, b: Option<usize>', 'u128'), 'indirect; indirect -> indirect'],
  // ZSTs are ignored; "C-unwind" and "system" are "C"
  ['x86_64', 'extern "C-unwind" fn f(a: (), b: u8) -> u8', 'ignore; direct zext -> direct'],
  ['riscv64', 'extern "system" fn f(a: u8) -> u8', 'direct zext -> direct zext'],
];

for (const [target, sig, expected] of CASES) {
  test(`${target}: ${sig}`, () => {
    assert.equal(modes(target, sig), expected);
  });
}

test('riscv64: rustc 1.95 crashes when its float-flattening walk reaches a `!`, and rustabi says so', () => {
  // rustc: "entered unreachable code: aggregates can't have `FieldsShape::Primitive`" (callconv/riscv.rs).
  const opts = { defs: [{ name: 'defs.rs', text: DEFS }] };
  const r = abiOfSignature(C('a: (Void, u32, [u8; 4])'), { ...opts, target: 'riscv64' });
  assert.ok(!r.ok);
  assert.equal(r.errors[0]?.code, 'regmap/unsupported');
  // rustc gives up on HasNever (u32 first, then a u8: two integers) before it reaches the `!`.
  assert.equal(modes('riscv64', C('a: HasNever')), 'cast [] i64/8 -> ignore');
  // The other targets never look there.
  assert.ok(abiOfSignature(C('a: (Void, u32, [u8; 4])'), { ...opts, target: 'x86_64' }).ok);
});
