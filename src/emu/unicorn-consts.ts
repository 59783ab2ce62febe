/**
 * Unicorn 2 constants (from /usr/include/unicorn/{unicorn,x86,arm64,riscv}.h of Debian's libunicorn-dev
 * 2.0.1.post1, read by compiling a C program that prints each enum value). Only the adapter uses them.
 * Register ids are keyed by the ISA names of isa.ts.
 */
import type { EmuArch } from './engine.js';

export const UC_ARCH: Readonly<Record<EmuArch, number>> = { aarch64: 2, x86_64: 4, riscv64: 8 };
/** UC_MODE_64 (x86), UC_MODE_ARM (arm64, little-endian), UC_MODE_RISCV64. */
export const UC_MODE: Readonly<Record<EmuArch, number>> = { x86_64: 8, aarch64: 0, riscv64: 8 };

/** uc_err, in enum order (UC_ERR_OK = 0 … UC_ERR_EXCEPTION = 21). */
export const UC_ERR_NAMES: readonly string[] = [
  'UC_ERR_OK', 'UC_ERR_NOMEM', 'UC_ERR_ARCH', 'UC_ERR_HANDLE', 'UC_ERR_MODE', 'UC_ERR_VERSION',
  'UC_ERR_READ_UNMAPPED', 'UC_ERR_WRITE_UNMAPPED', 'UC_ERR_FETCH_UNMAPPED', 'UC_ERR_HOOK', 'UC_ERR_INSN_INVALID',
  'UC_ERR_MAP', 'UC_ERR_WRITE_PROT', 'UC_ERR_READ_PROT', 'UC_ERR_FETCH_PROT', 'UC_ERR_ARG',
  'UC_ERR_READ_UNALIGNED', 'UC_ERR_WRITE_UNALIGNED', 'UC_ERR_FETCH_UNALIGNED', 'UC_ERR_HOOK_EXIST',
  'UC_ERR_RESOURCE', 'UC_ERR_EXCEPTION',
];

function range(prefix: string, count: number, first: number): [string, number][] {
  return Array.from({ length: count }, (_, i) => [`${prefix}${i}`, first + i] as [string, number]);
}

const X86: Readonly<Record<string, number>> = {
  rax: 35, rbp: 36, rbx: 37, rcx: 38, rdi: 39, rdx: 40, rip: 41, rsi: 43, rsp: 44, eflags: 25,
  r8: 106, r9: 107, r10: 108, r11: 109, r12: 110, r13: 111, r14: 112, r15: 113,
  ...Object.fromEntries(range('xmm', 16, 122)), // UC_X86_REG_XMM0 = 122
};

const ARM64: Readonly<Record<string, number>> = {
  ...Object.fromEntries(range('x', 29, 199)), // UC_ARM64_REG_X0 = 199 … X28 = 227
  x29: 1, x30: 2, sp: 4, pc: 260, pstate: 265,
  ...Object.fromEntries(range('v', 32, 228)), // UC_ARM64_REG_V0 = 228
};

const RV_ABI = ['ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7',
  's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'];
const RV_FP = ['ft0', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5', 'ft6', 'ft7', 'fs0', 'fs1', 'fa0', 'fa1', 'fa2', 'fa3', 'fa4', 'fa5',
  'fa6', 'fa7', 'fs2', 'fs3', 'fs4', 'fs5', 'fs6', 'fs7', 'fs8', 'fs9', 'fs10', 'fs11', 'ft8', 'ft9', 'ft10', 'ft11'];
const RISCV: Readonly<Record<string, number>> = {
  ...Object.fromEntries(RV_ABI.map((n, i) => [n, i + 2])), // UC_RISCV_REG_X0 = 1, so x1 (ra) = 2
  pc: 190,
  ...Object.fromEntries(RV_FP.map((n, i) => [n, 158 + i])), // UC_RISCV_REG_F0 = 158
  mstatus: 116,
};

export const UC_REGS: Readonly<Record<EmuArch, Readonly<Record<string, number>>>> = { x86_64: X86, aarch64: ARM64, riscv64: RISCV };

/** RISC-V mstatus.FS (bits 13–14): Unicorn starts with the FPU off, so F/D instructions would trap. */
export const RISCV_MSTATUS_FS_DIRTY = 0x6000n;
