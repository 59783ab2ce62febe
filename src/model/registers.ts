/**
 * The register files of the probe-able ISAs, as data: every register a snapshot may name, with its
 * Linux `struct pt_regs` field and other spellings. Shared by the value decoder (which accepts ISA and
 * pt_regs names) and the emulator harness (which snapshots registers by every name).
 *
 * Sources: x86_64 psABI 1.0 §3.2.1 / arch/x86/include/asm/ptrace.h; AAPCS64 §6.1 /
 * arch/arm64/include/asm/ptrace.h (`regs[0..30]`, `sp`, `pc`, `pstate`); RISC-V psABI "Register
 * Convention" / arch/riscv/include/asm/ptrace.h (`epc`, `ra`, `sp`, …, ABI names).
 */
export type RegisterArch = 'x86_64' | 'aarch64' | 'riscv64';

export type RegisterClass = 'gpr' | 'sp' | 'pc' | 'flags' | 'float' | 'vector';

export interface RegisterDef {
  /** The ISA name register maps use (`rax`, `x0`, `a0`, `xmm0`, `v0`, `fa0`). */
  readonly name: string;
  /** Bytes the register holds. */
  readonly size: number;
  readonly class: RegisterClass;
  /** The Linux `struct pt_regs` field, or null (float/vector registers are not in pt_regs). */
  readonly ptRegs: string | null;
  /** Other names of the same register (`x10` for `a0`, `lr` for `x30`, `q0` for `v0`). */
  readonly aliases: readonly string[];
}

function reg(name: string, size: number, cls: RegisterClass, ptRegs: string | null, aliases: readonly string[] = []): RegisterDef {
  return { name, size, class: cls, ptRegs, aliases };
}

const X86_GPR: readonly (readonly [string, string])[] = [
  ['rax', 'ax'], ['rbx', 'bx'], ['rcx', 'cx'], ['rdx', 'dx'], ['rsi', 'si'], ['rdi', 'di'], ['rbp', 'bp'],
  ['r8', 'r8'], ['r9', 'r9'], ['r10', 'r10'], ['r11', 'r11'], ['r12', 'r12'], ['r13', 'r13'], ['r14', 'r14'], ['r15', 'r15'],
];

/** RISC-V integer registers x1..x31 by ABI name (x0 is hard-wired zero and not in pt_regs). */
const RV_ABI = ['ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7',
  's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6'];
const RV_FP = ['ft0', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5', 'ft6', 'ft7', 'fs0', 'fs1', 'fa0', 'fa1', 'fa2', 'fa3', 'fa4', 'fa5',
  'fa6', 'fa7', 'fs2', 'fs3', 'fs4', 'fs5', 'fs6', 'fs7', 'fs8', 'fs9', 'fs10', 'fs11', 'ft8', 'ft9', 'ft10', 'ft11'];

/** Registers per ISA, in snapshot order. */
export const REGISTER_FILES: Readonly<Record<RegisterArch, readonly RegisterDef[]>> = {
  x86_64: [
    ...X86_GPR.map(([n, pt]) => reg(n, 8, 'gpr', pt)),
    reg('rsp', 8, 'sp', 'sp'),
    reg('rip', 8, 'pc', 'ip'),
    reg('eflags', 8, 'flags', 'flags'),
    ...Array.from({ length: 16 }, (_, i) => reg(`xmm${i}`, 16, 'vector', null)),
  ],
  aarch64: [
    ...Array.from({ length: 31 }, (_, i) => reg(`x${i}`, 8, 'gpr', `regs[${i}]`, i === 29 ? ['fp'] : i === 30 ? ['lr'] : [])),
    reg('sp', 8, 'sp', 'sp'),
    reg('pc', 8, 'pc', 'pc'),
    reg('pstate', 8, 'flags', 'pstate'),
    ...Array.from({ length: 32 }, (_, i) => reg(`v${i}`, 16, 'vector', null, [`q${i}`])),
  ],
  riscv64: [
    ...RV_ABI.map((n, i) => reg(n, 8, n === 'sp' ? 'sp' : 'gpr', n, n === 's0' ? [`x${i + 1}`, 'fp'] : [`x${i + 1}`])),
    reg('pc', 8, 'pc', 'epc'),
    ...RV_FP.map((n, i) => reg(n, 8, 'float', null, [`f${i}`])),
  ],
};

/** Name → register, by ISA name and aliases (pt_regs names are added by `registerLookup`). */
export function registerIndex(registers: readonly RegisterDef[]): ReadonlyMap<string, RegisterDef> {
  const m = new Map<string, RegisterDef>();
  for (const r of registers) {
    m.set(r.name, r);
    for (const a of r.aliases) m.set(a, r);
  }
  return m;
}

/** Every name a user may write for a register (ISA name, aliases, pt_regs field), lower case → register. */
export function registerLookup(arch: RegisterArch): ReadonlyMap<string, RegisterDef> {
  const m = new Map<string, RegisterDef>();
  for (const r of REGISTER_FILES[arch]) {
    if (r.ptRegs !== null) m.set(r.ptRegs.toLowerCase(), r);
    for (const a of r.aliases) m.set(a.toLowerCase(), r);
    m.set(r.name.toLowerCase(), r);
  }
  return m;
}
