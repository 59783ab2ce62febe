/**
 * Fetches as text in each emitter's syntax: tracefs fetch-args (Documentation/trace/kprobetrace.rst:
 * `%REG`, `+OFFS(FETCHARG)`, `:u64`/`:x64`), bpftrace expressions (`reg("di")`, `*(uint64 *)(…)`),
 * and C over `struct pt_regs *regs` (`regs->di`, `regs->regs[0]`).
 */
import type { RegisterArch } from '../model/registers.js';
import { REGISTER_FILES } from '../model/registers.js';
import type { Fetch, ProbeFn } from './plan.js';

/** The pt_regs field of an ISA register name (`rdi` → `di`, `x0` → `regs[0]`, `a0` → `a0`). */
export function ptRegsField(arch: RegisterArch, reg: string): string {
  const def = REGISTER_FILES[arch].find((r) => r.name === reg);
  if (def === undefined || def.ptRegs === null) throw new Error(`internal: ${reg} is not in pt_regs on ${arch}`);
  return def.ptRegs;
}

/** bpftrace's register name (src/arch/*.cpp): x86_64 `di`, aarch64 `r0`…`r30`/`sp`, riscv64 `a0`. */
export function bpftraceReg(arch: RegisterArch, reg: string): string {
  const pt = ptRegsField(arch, reg);
  const m = /^regs\[(\d+)\]$/.exec(pt);
  return m === null ? pt : `r${m[1]}`;
}

export function fetchById(fn: ProbeFn): Map<string, Fetch> {
  return new Map(fn.fetches.map((f) => [f.id, f]));
}

/** tracefs: the fetch-arg without its type (`%di`, `+8(%sp)`, `+0(+16(%dx))`). */
export function tracefsExpr(arch: RegisterArch, f: Fetch, all: ReadonlyMap<string, Fetch>): string {
  if (f.src.kind === 'reg') return `%${ptRegsField(arch, f.src.reg).replace(/^regs\[(\d+)\]$/, 'x$1')}`;
  const base = all.get(f.src.base);
  if (base === undefined) throw new Error(`internal: fetch ${f.id} reads behind unknown ${f.src.base}`);
  if (base.phase !== f.phase) throw new Error(`internal: fetch ${f.id} needs a stash`);
  return `+${f.src.offset}(${tracefsExpr(arch, base, all)})`;
}

const BPF_TYPES = { 1: 'uint8', 2: 'uint16', 4: 'uint32', 8: 'uint64' } as const;

/** bpftrace: the expression; an entry fetch read at return comes from its per-thread map. */
export function bpftraceExpr(arch: RegisterArch, f: Fetch, all: ReadonlyMap<string, Fetch>, phase: 'entry' | 'return', mapOf: (f: Fetch) => string): string {
  if (f.phase !== phase) return `${mapOf(f)}[tid]`;
  if (f.src.kind === 'reg') return `reg("${bpftraceReg(arch, f.src.reg)}")`;
  const base = all.get(f.src.base);
  if (base === undefined) throw new Error(`internal: fetch ${f.id} reads behind unknown ${f.src.base}`);
  const b = bpftraceExpr(arch, base, all, phase, mapOf);
  return `*(${BPF_TYPES[f.size]} *)(${b} + ${f.src.offset})`;
}
