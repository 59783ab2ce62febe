/**
 * What the call harness knows about each ISA, as data (one entry per architecture, one table): the
 * register file with the names a probe uses (Linux `struct pt_regs` fields), the stack and program
 * counter, where a call leaves its return address, and the stack alignment at a call.
 *
 * Register names: x86_64 psABI 1.0 §3.2.1 / arch/x86/include/asm/ptrace.h; AAPCS64 §6.1 /
 * arch/arm64/include/asm/ptrace.h (`regs[0..30]`, `sp`, `pc`, `pstate`); RISC-V psABI "Register
 * Convention" / arch/riscv/include/asm/ptrace.h (`epc`, `ra`, `sp`, …, ABI names).
 */
import type { EmuArch } from './engine.js';

export type RegisterClass = 'gpr' | 'sp' | 'pc' | 'flags' | 'float' | 'vector';

export interface RegisterDef {
  /** The ISA name the harness uses (`rax`, `x0`, `a0`, `xmm0`, `v0`, `fa0`). */
  readonly name: string;
  /** Bytes the engine reads and writes. */
  readonly size: number;
  readonly class: RegisterClass;
  /** The Linux `struct pt_regs` field, or null (float/vector registers are not in pt_regs). */
  readonly ptRegs: string | null;
  /** Other names of the same register (`x10` for `a0`, `lr` for `x30`, `q0` for `v0`). */
  readonly aliases: readonly string[];
}

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

function reg(name: string, size: number, cls: RegisterClass, ptRegs: string | null, aliases: readonly string[] = []): RegisterDef {
  return { name, size, class: cls, ptRegs, aliases };
}

const X86_GPR: readonly (readonly [string, string])[] = [
  ['rax', 'ax'], ['rbx', 'bx'], ['rcx', 'cx'], ['rdx', 'dx'], ['rsi', 'si'], ['rdi', 'di'], ['rbp', 'bp'],
  ['r8', 'r8'], ['r9', 'r9'], ['r10', 'r10'], ['r11', 'r11'], ['r12', 'r12'], ['r13', 'r13'], ['r14', 'r14'], ['r15', 'r15'],
];

const x86_64: IsaSpec = {
  arch: 'x86_64',
  sp: 'rsp',
  pc: 'rip',
  returnAddress: { kind: 'stack' },
  stackAlign: 16,
  trap: Uint8Array.of(0x0f, 0x0b), // ud2
  registers: [
    ...X86_GPR.map(([n, pt]) => reg(n, 8, 'gpr', pt)),
    reg('rsp', 8, 'sp', 'sp'),
    reg('rip', 8, 'pc', 'ip'),
    reg('eflags', 8, 'flags', 'flags'),
    ...Array.from({ length: 16 }, (_, i) => reg(`xmm${i}`, 16, 'vector', null)),
  ],
};

const aarch64: IsaSpec = {
  arch: 'aarch64',
  sp: 'sp',
  pc: 'pc',
  returnAddress: { kind: 'register', reg: 'x30' },
  stackAlign: 16,
  trap: Uint8Array.of(0x00, 0x00, 0x20, 0xd4), // brk #0
  registers: [
    ...Array.from({ length: 31 }, (_, i) => reg(`x${i}`, 8, 'gpr', `regs[${i}]`, i === 29 ? ['fp'] : i === 30 ? ['lr'] : [])),
    reg('sp', 8, 'sp', 'sp'),
    reg('pc', 8, 'pc', 'pc'),
    reg('pstate', 8, 'flags', 'pstate'),
    ...Array.from({ length: 32 }, (_, i) => reg(`v${i}`, 16, 'vector', null, [`q${i}`])),
  ],
};

/** RISC-V integer registers x1..x31 by ABI name (x0 is hard-wired zero and not in pt_regs). */
const RV_ABI = ['ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7',
  's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'];
const RV_FP = ['ft0', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5', 'ft6', 'ft7', 'fs0', 'fs1', 'fa0', 'fa1', 'fa2', 'fa3', 'fa4', 'fa5',
  'fa6', 'fa7', 'fs2', 'fs3', 'fs4', 'fs5', 'fs6', 'fs7', 'fs8', 'fs9', 'fs10', 'fs11', 'ft8', 'ft9', 'ft10', 'ft11'];

const riscv64: IsaSpec = {
  arch: 'riscv64',
  sp: 'sp',
  pc: 'pc',
  returnAddress: { kind: 'register', reg: 'ra' },
  stackAlign: 16,
  trap: Uint8Array.of(0x73, 0x00, 0x10, 0x00), // ebreak
  registers: [
    ...RV_ABI.map((n, i) => reg(n, 8, n === 'sp' ? 'sp' : 'gpr', n, n === 's0' ? [`x${i + 1}`, 'fp'] : [`x${i + 1}`])),
    reg('pc', 8, 'pc', 'epc'),
    ...RV_FP.map((n, i) => reg(n, 8, 'float', null, [`f${i}`])),
  ],
};

export const ISAS: Readonly<Record<EmuArch, IsaSpec>> = { x86_64, aarch64, riscv64 } satisfies Record<EmuArch, IsaSpec>;

/** Name → register definition, including aliases and pt_regs names, for one ISA. */
export function registerIndex(isa: IsaSpec): ReadonlyMap<string, RegisterDef> {
  const m = new Map<string, RegisterDef>();
  for (const r of isa.registers) {
    m.set(r.name, r);
    for (const a of r.aliases) m.set(a, r);
  }
  return m;
}
