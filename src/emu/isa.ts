/**
 * What the call harness knows about each ISA, as data (one entry per architecture, one table): the
 * register file with the names a probe uses (Linux `struct pt_regs` fields), the stack and program
 * counter, where a call leaves its return address, and the stack alignment at a call.
 *
 * Register names: x86_64 psABI 1.0 §3.2.1 / arch/x86/include/asm/ptrace.h; AAPCS64 §6.1 /
 * arch/arm64/include/asm/ptrace.h (`regs[0..30]`, `sp`, `pc`, `pstate`); RISC-V psABI "Register
 * Convention" / arch/riscv/include/asm/ptrace.h (`epc`, `ra`, `sp`, …, ABI names).
 */
import type { RegisterDef } from '../model/registers.js';
import { REGISTER_FILES, registerIndex as indexRegisters } from '../model/registers.js';
import type { EmuArch } from './engine.js';

export type { RegisterClass, RegisterDef } from '../model/registers.js';

export interface IsaSpec {
  readonly arch: EmuArch;
  readonly sp: string;
  readonly pc: string;
  /** x86_64 `call` pushes the return address; AArch64 (`bl`) and RISC-V (`jal`) put it in a register. */
  readonly returnAddress: { readonly kind: 'stack' } | { readonly kind: 'register'; readonly reg: string };
  /** Alignment of the stack pointer at the call instruction (before x86_64 pushes the return address). */
  readonly stackAlign: number;
  /** One trap instruction, little-endian, filled into the sentinel page (never executed: the run stops there). */
  readonly trap: Uint8Array;
  /** Registers in snapshot order. */
  readonly registers: readonly RegisterDef[];
}

const x86_64: IsaSpec = {
  arch: 'x86_64',
  sp: 'rsp',
  pc: 'rip',
  returnAddress: { kind: 'stack' },
  stackAlign: 16,
  trap: Uint8Array.of(0x0f, 0x0b), // ud2
  registers: REGISTER_FILES.x86_64,
};

const aarch64: IsaSpec = {
  arch: 'aarch64',
  sp: 'sp',
  pc: 'pc',
  returnAddress: { kind: 'register', reg: 'x30' },
  stackAlign: 16,
  trap: Uint8Array.of(0x00, 0x00, 0x20, 0xd4), // brk #0
  registers: REGISTER_FILES.aarch64,
};

const riscv64: IsaSpec = {
  arch: 'riscv64',
  sp: 'sp',
  pc: 'pc',
  returnAddress: { kind: 'register', reg: 'ra' },
  stackAlign: 16,
  trap: Uint8Array.of(0x73, 0x00, 0x10, 0x00), // ebreak
  registers: REGISTER_FILES.riscv64,
};

export const ISAS: Readonly<Record<EmuArch, IsaSpec>> = { x86_64, aarch64, riscv64 } satisfies Record<EmuArch, IsaSpec>;

/** Name → register definition, including aliases, for one ISA. */
export function registerIndex(isa: IsaSpec): ReadonlyMap<string, RegisterDef> {
  return indexRegisters(isa.registers);
}
