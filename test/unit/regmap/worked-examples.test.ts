/**
 * The worked examples of the callconv reference digest (§9), whose expected side was read off rustc
 * 1.95's compiled assembly: register tables for arguments and return values on every target.
 * Notation: arguments separated by `;`, pieces of one argument by `,`; `[sp+N]` a stack slot at entry;
 * `pN` a wasm parameter; `sret:X>Y` the hidden return pointer (X at entry, Y at return or `stash`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { abiOfSignature } from '../../../src/query/abi.js';
import type { Loc } from '../../../src/model/abi.js';

const DEFS = `
pub trait Tr {}
pub enum E16 { A(u32, u32), B(u64) }
pub enum E12 { A(u32, u32), B(u16), C }
pub enum E8 { A(u8, u16), B(u32) }
pub struct S8 { a: u8, b: u16, c: u32 }
#[repr(C)] pub struct CUU { a: u64, b: u64 }
#[repr(C)] pub struct CU3 { a: u64, b: u64, c: u64 }
#[repr(C)] pub struct CDU { a: f64, b: u32 }
#[repr(C)] pub struct CUD { a: u64, b: f64 }
#[repr(C)] pub struct CFD { a: f32, b: f64 }
#[repr(C)] pub struct CF2 { a: f32, b: f32 }
#[repr(C)] pub struct CF3 { a: f32, b: f32, c: f32 }
#[repr(C)] pub struct CF4 { a: f32, b: f32, c: f32, d: f32 }
#[repr(C)] pub struct CD2 { a: f64, b: f64 }
#[repr(C)] pub struct CD4 { a: f64, b: f64, c: f64, d: f64 }
#[repr(C)] pub struct CS8 { a: u8, b: u16, c: u32 }
#[repr(C)] pub struct CS12 { a: u32, b: u32, c: u32 }
#[repr(C, align(16))] pub struct CA16 { a: u64, b: u64 }
#[repr(C)] pub struct CW128 { a: u128 }
#[repr(C, packed)] pub struct CP5 { a: u8, b: u32 }
`;

function loc(l: Loc): string {
  if ('reg' in l) return l.reg;
  if ('stack' in l) return `[sp+${l.stack}]`;
  return `p${l.param}`;
}

function render(target: string, sig: string): { args: string; ret: string } {
  const r = abiOfSignature(sig, { target, defs: [{ name: 'defs.rs', text: DEFS }] });
  if (!r.ok) throw new Error(`${sig}: ${r.errors[0]?.message}`);
  const a = r.value.abi;
  const args = a.args.filter((x) => x.mode.kind !== 'ignore').map((x) => x.pieces.map((p) => loc(p.loc)).join(',')).join(';');
  const ret = a.sret !== null
    ? `sret:${loc(a.sret.atEntry)}>${a.sret.atReturn === null ? 'stash' : loc(a.sret.atReturn)}`
    : a.ret.pieces.map((p) => loc(p.loc)).join(',');
  return { args, ret };
}

const u64s = (n: number): string => Array.from({ length: n }, (_, i) => `a${i}: u64`).join(', ');
const f64s = (n: number): string => Array.from({ length: n }, (_, i) => `f${i}: f64`).join(', ');
const regs = (prefix: string, n: number, from = 0): string => Array.from({ length: n }, (_, i) => `${prefix}${from + i}`).join(';');

// [target, signature, args, ret]
const CASES: readonly (readonly [string, string, string, string])[] = [
  // 9.1 x86_64
  ['x86_64', 'fn f(x: usize) -> usize', 'rdi', 'rax'],
  ['x86_64', 'fn f(x: Option<usize>) -> Option<usize>', 'rdi,rsi', 'rax,rdx'],
  ['x86_64', 'fn f(x: Option<&u8>) -> Option<&u8>', 'rdi', 'rax'],
  ['x86_64', 'fn f(x: Option<NonZeroU32>) -> Option<NonZeroU32>', 'rdi', 'rax'],
  ['x86_64', 'fn f(x: Result<u32, i32>) -> Result<u32, i32>', 'rdi,rsi', 'rax,rdx'],
  ['x86_64', 'fn f(x: Result<(), Error>) -> Result<(), Error>', 'rdi', 'rax'],
  ['x86_64', 'fn f(x: Result<usize, Error>) -> Result<usize, Error>', 'rsi', 'sret:rdi>rax'],
  ['x86_64', 'fn f(x: Result<u32, Error>) -> Result<u32, Error>', 'rdi,rsi', 'rax,rdx'],
  ['x86_64', 'fn f(x: (u64, u64)) -> (u64, u64)', 'rdi,rsi', 'rax,rdx'],
  ['x86_64', 'fn f(x: (u64, u64, u64)) -> (u64, u64, u64)', 'rsi', 'sret:rdi>rax'],
  ['x86_64', 'fn f(x: [u32; 3]) -> [u32; 3]', 'rsi', 'sret:rdi>rax'],
  ['x86_64', 'fn f(x: [u8; 16]) -> [u8; 16]', 'rsi', 'sret:rdi>rax'],
  ['x86_64', 'fn f(x: S8) -> S8', 'rdi', 'rax'],
  ['x86_64', 'fn f(x: f64) -> f64', 'xmm0', 'xmm0'],
  ['x86_64', 'fn f(x: (f32, f32)) -> (f32, f32)', 'xmm0,xmm1', 'xmm0,xmm1'],
  ['x86_64', 'fn f(x: Option<f64>) -> Option<f64>', 'rdi,xmm0', 'rax,xmm0'],
  ['x86_64', 'fn f(x: u128) -> u128', 'rdi,rsi', 'rax,rdx'],
  ['x86_64', 'fn f(x: &[u8]) -> &[u8]', 'rdi,rsi', 'rax,rdx'],
  ['x86_64', 'fn f(x: &str) -> &str', 'rdi,rsi', 'rax,rdx'],
  ['x86_64', 'fn f(x: &dyn Tr) -> &dyn Tr', 'rdi,rsi', 'rax,rdx'],
  ['x86_64', 'fn f(x: bool) -> bool', 'rdi', 'rax'],
  ['x86_64', 'fn f(x: char) -> char', 'rdi', 'rax'],
  ['x86_64', 'fn f(x: ())', '', ''],
  ['x86_64', `fn f(${u64s(9)}) -> u64`, 'rdi;rsi;rdx;rcx;r8;r9;[sp+8];[sp+16];[sp+24]', 'rax'],
  ['x86_64', 'fn f(x: E16) -> E16', 'rsi', 'sret:rdi>rax'],
  ['x86_64', 'fn f(x: E12) -> E12', 'rsi', 'sret:rdi>rax'],
  ['x86_64', 'fn f(x: E8) -> E8', 'rdi', 'rax'],
  ['x86_64', 'fn f(a: u64, x: u128) -> u128', 'rdi;rsi,rdx', 'rax,rdx'],
  ['x86_64', `fn f(${u64s(5)}, p: (u64, u64), z: u64) -> (u64, u64)`, 'rdi;rsi;rdx;rcx;r8;r9,[sp+8];[sp+16]', 'rax,rdx'],
  ['x86_64', 'fn f(x: Option<u8>) -> Option<u8>', 'rdi,rsi', 'rax,rdx'],
  ['x86_64', 'fn f(x: f32, y: f64, z: u32) -> f32', 'xmm0;xmm1;rdi', 'xmm0'],
  ['x86_64', 'fn f(x: Option<u128>) -> Option<u128>', 'rsi,rdx,rcx,r8', 'sret:rdi>rax'],
  ['x86_64', 'fn f(x: [u64; 5])', 'rdi', ''],
  ['x86_64', 'fn f(x: Option<(u64, u64)>) -> Option<(u64, u64)>', 'rsi', 'sret:rdi>rax'],
  ['x86_64', 'fn f(a: u64, x: Option<f64>, b: f64) -> f64', 'rdi;rsi,xmm0;xmm1', 'xmm0'],
  ['x86_64', 'fn f(s: &str, o: Option<usize>, r: Result<(), Error>, n: u32) -> u32', 'rdi,rsi;rdx,rcx;r8;r9', 'rax'],
  ['x86_64', `fn f(${u64s(6)}, p: (u64, u64), z: u64)`, 'rdi;rsi;rdx;rcx;r8;r9;[sp+8],[sp+16];[sp+24]', ''],
  ['x86_64', `fn f(${f64s(9)}, a: u64)`, 'xmm0;xmm1;xmm2;xmm3;xmm4;xmm5;xmm6;xmm7;[sp+8];rdi', ''],
  ['x86_64', `fn f(${u64s(5)}, x: u128, z: u64)`, 'rdi;rsi;rdx;rcx;r8;[sp+8],[sp+16];r9', ''],
  // 9.2 aarch64
  ['aarch64', 'fn f(x: Option<usize>) -> Option<usize>', 'x0,x1', 'x0,x1'],
  ['aarch64', 'fn f(x: Result<usize, Error>) -> Result<usize, Error>', 'x0', 'sret:x8>stash'],
  ['aarch64', 'fn f(x: (u64, u64, u64)) -> (u64, u64, u64)', 'x0', 'sret:x8>stash'],
  ['aarch64', 'fn f(x: S8) -> S8', 'x0', 'x0'],
  ['aarch64', 'fn f(x: f64) -> f64', 'v0', 'v0'],
  ['aarch64', 'fn f(x: (f32, f32)) -> (f32, f32)', 'v0,v1', 'v0,v1'],
  ['aarch64', 'fn f(x: Option<f64>) -> Option<f64>', 'x0,v0', 'x0,v0'],
  ['aarch64', 'fn f(x: u128) -> u128', 'x0,x1', 'x0,x1'],
  ['aarch64', `fn f(${u64s(9)}) -> u64`, 'x0;x1;x2;x3;x4;x5;x6;x7;[sp+0]', 'x0'],
  ['aarch64', 'fn f(a: u64, x: u128) -> u128', 'x0;x2,x3', 'x0,x1'],
  ['aarch64', `fn f(${u64s(5)}, p: (u64, u64), z: u64) -> (u64, u64)`, 'x0;x1;x2;x3;x4;x5,x6;x7', 'x0,x1'],
  ['aarch64', `fn f(${u64s(7)}, p: (u64, u64), z: u64)`, 'x0;x1;x2;x3;x4;x5;x6;x7,[sp+0];[sp+8]', ''],
  ['aarch64', 'fn f(x: f32, y: f64, z: u32) -> f32', 'v0;v1;x0', 'v0'],
  ['aarch64', 'fn f(x: Option<u128>) -> Option<u128>', 'x0,x1,x2,x3', 'sret:x8>stash'],
  ['aarch64', 'fn f(a: u64, x: Option<f64>, b: f64) -> f64', 'x0;x1,v0;v1', 'v0'],
  ['aarch64', 'fn f(s: &str, o: Option<usize>, r: Result<(), Error>, n: u32)', 'x0,x1;x2,x3;x4;x5', ''],
  ['aarch64', `fn f(${u64s(7)}, x: u128, z: u64)`, 'x0;x1;x2;x3;x4;x5;x6;[sp+0],[sp+8];[sp+16]', ''],
  ['aarch64', `fn f(${f64s(9)}, a: u64)`, 'v0;v1;v2;v3;v4;v5;v6;v7;[sp+0];x0', ''],
  ['aarch64', `fn f(${u64s(8)}, x: [u64; 4])`, 'x0;x1;x2;x3;x4;x5;x6;x7;[sp+0]', ''],
  // 9.3 riscv64
  ['riscv64', 'fn f(x: Option<usize>) -> Option<usize>', 'a0,a1', 'a0,a1'],
  ['riscv64', 'fn f(x: Result<usize, Error>) -> Result<usize, Error>', 'a1', 'sret:a0>stash'],
  ['riscv64', 'fn f(x: f64) -> f64', 'fa0', 'fa0'],
  ['riscv64', 'fn f(x: (f32, f32)) -> (f32, f32)', 'fa0,fa1', 'fa0,fa1'],
  ['riscv64', 'fn f(a: u64, x: Option<f64>, b: f64) -> f64', 'a0;a1,fa0;fa1', 'fa0'],
  ['riscv64', 'fn f(a: u64, x: u128)', 'a0;a1,a2', ''],
  ['riscv64', `fn f(${u64s(7)}, x: u128, z: u64)`, 'a0;a1;a2;a3;a4;a5;a6;a7,[sp+0];[sp+8]', ''],
  ['riscv64', `fn f(${u64s(7)}, p: (u64, u64), z: u64)`, 'a0;a1;a2;a3;a4;a5;a6;a7,[sp+0];[sp+8]', ''],
  ['riscv64', `fn f(${f64s(9)}, a: u64)`, 'fa0;fa1;fa2;fa3;fa4;fa5;fa6;fa7;a0;a1', ''],
  // 9.4 wasm32
  ['wasm32', 'fn f(x: Option<usize>) -> Option<usize>', 'p1,p2', 'sret:p0>stash'],
  ['wasm32', 'fn f(x: Option<&u8>) -> Option<&u8>', 'p0', 'result'],
  ['wasm32', 'fn f(x: (u64, u64)) -> (u64, u64)', 'p1,p2', 'sret:p0>stash'],
  ['wasm32', 'fn f(x: u128) -> u128', 'p1,p2', 'sret:p0>stash'],
  ['wasm32', 'fn f(x: (u64, u64, u64)) -> (u64, u64, u64)', 'p1', 'sret:p0>stash'],
  ['wasm32', 'fn f(x: S8) -> S8', 'p1', 'sret:p0>stash'],
  ['wasm32', 'fn f(x: f64) -> f64', 'p0', 'result'],
  ['wasm32', 'fn f(x: Option<f64>) -> Option<f64>', 'p1,p2', 'sret:p0>stash'],
  ['wasm32', `fn f(${u64s(9)}) -> u64`, 'p0;p1;p2;p3;p4;p5;p6;p7;p8', 'result'],
  // 9.5 kernel flavours
  ['x86_64-kernel', 'fn f(x: f64) -> f64', 'rdi', 'rax'],
  ['x86_64-kernel', 'fn f(x: (f32, f32)) -> (f32, f32)', 'rdi,rsi', 'rax,rdx'],
  ['x86_64-kernel', 'fn f(x: Option<f64>) -> Option<f64>', 'rdi,rsi', 'rax,rdx'],
  ['x86_64-kernel', 'fn f(x: f32, y: f64, z: u32) -> f32', 'rdi;rsi;rdx', 'rax'],
  ['x86_64-kernel', `fn f(${f64s(9)}, a: u64)`, 'rdi;rsi;rdx;rcx;r8;r9;[sp+8];[sp+16];[sp+24];[sp+32]', ''],
  ['aarch64-kernel', 'fn f(x: f64) -> f64', 'x0', 'x0'],
  ['aarch64-kernel', 'fn f(x: (f32, f32)) -> (f32, f32)', 'x0', 'x0'],
  ['aarch64-kernel', 'fn f(x: Option<f64>) -> Option<f64>', 'x0', 'sret:x8>stash'],
  ['aarch64-kernel', 'fn f(x: f32, y: f64, z: u32) -> f32', 'x0;x1;x2', 'x0'],
  ['aarch64-kernel', 'fn f(a: u64, x: Option<f64>, b: f64) -> f64', 'x0;x1;x2', 'x0'],
  ['aarch64-kernel', `fn f(${f64s(9)}, a: u64)`, 'x0;x1;x2;x3;x4;x5;x6;x7;[sp+0];[sp+8]', ''],
  ['riscv64-kernel', 'fn f(x: f64) -> f64', 'a0', 'a0'],
  ['riscv64-kernel', 'fn f(x: Option<f64>) -> Option<f64>', 'a0,a1', 'a0,a1'],
  ['riscv64-kernel', 'fn f(a: u64, x: Option<f64>, b: f64) -> f64', 'a0;a1,a2;a3', 'a0'],
  ['riscv64-kernel', `fn f(${f64s(9)}, a: u64)`, 'a0;a1;a2;a3;a4;a5;a6;a7;[sp+0];[sp+8]', ''],
  // 9.6 extern "C", x86_64 (the digest's table; rows marked asm re-read from rustc 1.95 -O asm, e.g.
  // `extern "C" fn t(a0..a6: u64, s: CA16, z: u64) -> u64 { s.b }` → `movq 32(%rsp), %rax`).
  ['x86_64', 'extern "C" fn f(x: CUU) -> CUU', 'rdi,rsi', 'rax,rdx'],
  ['x86_64', 'extern "C" fn f(x: CU3) -> CU3', '[sp+8]', 'sret:rdi>rax'],
  ['x86_64', 'extern "C" fn f(x: CDU) -> CDU', 'xmm0,rdi', 'xmm0,rax'],
  ['x86_64', 'extern "C" fn f(x: CUD) -> CUD', 'rdi,xmm0', 'rax,xmm0'],
  ['x86_64', 'extern "C" fn f(x: CF2) -> CF2', 'xmm0', 'xmm0'],
  ['x86_64', 'extern "C" fn f(x: CF3) -> CF3', 'xmm0,xmm1', 'xmm0,xmm1'],
  ['x86_64', 'extern "C" fn f(x: CD4) -> CD4', '[sp+8]', 'sret:rdi>rax'],
  ['x86_64', 'extern "C" fn f(x: CS8) -> CS8', 'rdi', 'rax'],
  ['x86_64', 'extern "C" fn f(x: u8) -> u8', 'rdi', 'rax'],
  ['x86_64', 'extern "C" fn f(x: Option<usize>) -> Option<usize>', 'rdi,rsi', 'rax,rdx'],
  ['x86_64', `extern "C" fn f(${u64s(5)}, p: CUU, z: u64)`, 'rdi;rsi;rdx;rcx;r8;[sp+8];r9', ''],
  ['x86_64', `extern "C" fn f(${u64s(7)}, p: CUU, z: u64)`, 'rdi;rsi;rdx;rcx;r8;r9;[sp+8];[sp+16];[sp+32]', ''],
  ['x86_64', 'extern "C" fn f(a: u64, p: CA16, b: u64)', 'rdi;rsi,rdx;rcx', ''],
  ['x86_64', `extern "C" fn f(${u64s(7)}, p: CA16, z: u64)`, 'rdi;rsi;rdx;rcx;r8;r9;[sp+8];[sp+24];[sp+40]', ''], // asm
  ['x86_64', 'extern "C" fn f(p: CP5, z: u64)', '[sp+8];rdi', ''], // asm: packed → MEMORY
  ['x86_64', 'extern "C" fn f(s: CU3, d: CD4, z: u64)', '[sp+8];[sp+32];rdi', ''], // asm
  ['x86_64', `extern "C" fn f(${f64s(7)}, s: CD2, z: f64)`, `${regs('xmm', 7)};[sp+8];xmm7`, ''], // asm: 1 xmm left < 2
  ['x86_64', 'extern "C" fn f(a: u64, s: CF3, z: f32)', 'rdi;xmm0,xmm1;xmm2', ''], // asm
  ['x86_64', `extern "C" fn f(${u64s(5)}, x: u128, z: u64)`, 'rdi;rsi;rdx;rcx;r8;[sp+8],[sp+16];r9', ''], // asm
  // 9.5/C6 kernel x86_64: rustc classifies SSE as on user space, LLVM soft-float moves each piece to a GPR.
  ['x86_64-kernel', 'extern "C" fn f(x: CD2) -> CD2', 'rdi,rsi', 'rax,rdx'],
  ['x86_64-kernel', 'extern "C" fn f(x: CF4) -> CF4', 'rdi,rsi', 'rax,rdx'],
  ['x86_64-kernel', `extern "C" fn f(${u64s(5)}, d: CD2, z: u64)`, 'rdi;rsi;rdx;rcx;r8;r9,[sp+8];[sp+16]', ''], // asm
  ['x86_64-kernel', 'extern "C" fn f(a: u64, s: CF3, z: f32)', 'rdi;rsi,rdx;rcx', ''], // asm
  ['x86_64-kernel', `extern "C" fn f(${f64s(7)}, s: CD2, z: f64)`, 'rdi;rsi;rdx;rcx;r8;r9;[sp+8];[sp+16];[sp+32]', ''], // asm
  ['x86_64-kernel', `extern "C" fn f(${u64s(7)}, p: CA16, z: u64)`, 'rdi;rsi;rdx;rcx;r8;r9;[sp+8];[sp+24];[sp+40]', ''], // asm
  // 9.6 extern "C", aarch64 (asm rows: e.g. `t(a: u64, s: CA16, b: u64) -> u64 { s.b }` → `mov x0, x2`; the
  // digest's "x0; x2, x3; x4" for that signature is not what rustc 1.95 emits: only an i128 unit gets an even pair).
  ['aarch64', 'extern "C" fn f(x: CUU) -> CUU', 'x0,x1', 'x0,x1'],
  ['aarch64', 'extern "C" fn f(x: CU3) -> CU3', 'x0', 'sret:x8>stash'],
  ['aarch64', 'extern "C" fn f(x: CDU) -> CDU', 'x0,x1', 'x0,x1'],
  ['aarch64', 'extern "C" fn f(x: CUD) -> CUD', 'x0,x1', 'x0,x1'],
  ['aarch64', 'extern "C" fn f(x: CF2) -> CF2', 'v0,v1', 'v0,v1'],
  ['aarch64', 'extern "C" fn f(x: CF3) -> CF3', 'v0,v1,v2', 'v0,v1,v2'],
  ['aarch64', 'extern "C" fn f(x: CD4) -> CD4', 'v0,v1,v2,v3', 'v0,v1,v2,v3'],
  ['aarch64', 'extern "C" fn f(x: CS8) -> CS8', 'x0', 'x0'],
  ['aarch64', 'extern "C" fn f(x: Option<usize>) -> Option<usize>', 'x0,x1', 'x0,x1'],
  ['aarch64', `extern "C" fn f(${u64s(5)}, p: CUU, z: u64)`, 'x0;x1;x2;x3;x4;x5,x6;x7', ''],
  ['aarch64', `extern "C" fn f(${u64s(7)}, p: CUU, z: u64)`, `${regs('x', 7)};[sp+0],[sp+8];[sp+16]`, ''],
  ['aarch64', 'extern "C" fn f(a: u64, p: CA16, b: u64)', 'x0;x1,x2;x3', ''], // asm
  ['aarch64', 'extern "C" fn f(a: u64, p: CW128, b: u64)', 'x0;x2,x3;x4', ''], // asm: i128 unit
  ['aarch64', `extern "C" fn f(${f64s(6)}, s: CF4, z: f64)`, `${regs('v', 6)};[sp+0],[sp+4],[sp+8],[sp+12];[sp+16]`, ''], // asm
  ['aarch64', `extern "C" fn f(${f64s(6)}, s: CF3, z: CF2)`, `${regs('v', 6)};[sp+0],[sp+4],[sp+8];[sp+16],[sp+20]`, ''], // asm
  ['aarch64', `extern "C" fn f(${f64s(7)}, s: CF3, z: f32)`, `${regs('v', 7)};[sp+0],[sp+4],[sp+8];[sp+16]`, ''], // asm
  ['aarch64', `extern "C" fn f(${u64s(7)}, s: CS12, z: u64)`, `${regs('x', 7)};[sp+0],[sp+8];[sp+16]`, ''], // asm
  // 9.5 kernel arm64 (softfloat: no HFAs)
  ['aarch64-kernel', 'extern "C" fn f(x: CD2) -> CD2', 'x0,x1', 'x0,x1'],
  ['aarch64-kernel', 'extern "C" fn f(x: CF4) -> CF4', 'x0,x1', 'x0,x1'],
  ['aarch64-kernel', 'extern "C" fn f(x: CD4) -> CD4', 'x0', 'sret:x8>stash'],
  // 9.6 extern "C", riscv64 (the digest's prose; asm rows as above)
  ['riscv64', 'extern "C" fn f(x: CDU) -> CDU', 'fa0,a0', 'fa0,a0'],
  ['riscv64', 'extern "C" fn f(x: CF2) -> CF2', 'fa0,fa1', 'fa0,fa1'],
  ['riscv64', 'extern "C" fn f(x: CF3) -> CF3', 'a0,a1', 'a0,a1'],
  ['riscv64', 'extern "C" fn f(x: CF4) -> CF4', 'a0,a1', 'a0,a1'],
  ['riscv64', 'extern "C" fn f(x: CD4) -> CD4', 'a1', 'sret:a0>stash'],
  ['riscv64', 'extern "C" fn f(a: u64, x: CU3) -> CU3', 'a1;a2', 'sret:a0>stash'], // asm
  ['riscv64', `extern "C" fn f(${u64s(7)}, p: CUU, z: u64)`, `${regs('a', 7)};a7,[sp+0];[sp+8]`, ''],
  ['riscv64', `extern "C" fn f(${f64s(8)}, s: CDU, z: u64)`, `${regs('fa', 8)};a0,a1;a2`, ''], // no FPR left
  ['riscv64', `extern "C" fn f(${u64s(7)}, p: CA16, z: u64)`, `${regs('a', 7)};a7,[sp+0];[sp+8]`, ''], // asm
  ['riscv64', `extern "C" fn f(${u64s(8)}, p: CA16, z: u64)`, `${regs('a', 8)};[sp+0],[sp+8];[sp+16]`, ''], // asm
  ['riscv64', 'extern "C" fn f(a: u64, s: CFD, z: f64)', 'a0;fa0,fa1;fa2', ''], // asm
  ['riscv64', `extern "C" fn f(${f64s(7)}, s: CD2, z: f64)`, `${regs('fa', 7)};a0,a1;fa7`, ''], // asm
  ['riscv64', `extern "C" fn f(${u64s(7)}, s: CS12, z: u64)`, `${regs('a', 7)};a7,[sp+0];[sp+8]`, ''], // asm
  // riscv64 kernel (lp64: no flattening)
  ['riscv64-kernel', 'extern "C" fn f(a: u64, s: CDU, z: f64)', 'a0;a1,a2;a3', ''], // asm
  ['riscv64-kernel', `extern "C" fn f(${f64s(7)}, s: CD2, z: f64)`, `${regs('a', 7)};a7,[sp+0];[sp+8]`, ''], // asm
  ['riscv64-kernel', `extern "C" fn f(${f64s(8)}, s: CDU, z: u64)`, `${regs('a', 8)};[sp+0],[sp+8];[sp+16]`, ''], // asm
  // wasm32 C (asm `.functype`): aggregates by pointer, i128 (also a C cast to it) returned through sret
  ['wasm32', 'extern "C" fn f(x: CW128) -> CW128', 'p1,p2', 'sret:p0>stash'],
  ['wasm32', 'extern "C" fn f(x: u128) -> u128', 'p1,p2', 'sret:p0>stash'],
  ['wasm32', 'extern "C" fn f(x: CUU) -> CUU', 'p1', 'sret:p0>stash'],
  ['wasm32', 'extern "C" fn f(x: CF2, a: f64) -> f64', 'p0;p1', 'result'],
];

for (const [target, sig, args, ret] of CASES) {
  test(`${target}: ${sig}`, () => {
    assert.deepEqual(render(target, sig), { args, ret });
  });
}

test('the seed: detect_func on x86_64 and aarch64', () => {
  const sig = 'fn detect_func(x: usize, y: usize, z: Option<usize>) -> Option<usize>';
  assert.deepEqual(render('x86_64', sig), { args: 'rdi;rsi;rdx,rcx', ret: 'rax,rdx' });
  assert.deepEqual(render('aarch64', sig), { args: 'x0;x1;x2,x3', ret: 'x0,x1' });
});
