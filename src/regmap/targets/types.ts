/**
 * The contract every target file implements: its Rust-ABI hook, its register allocation of IR pieces,
 * and the names a probe uses for each register.
 */
import type { Loc, SretInfo } from '../../model/abi.js';
import type { Arch, TargetDataLayout } from '../../model/target.js';
import type { IrPiece } from '../pieces.js';
import type { RustAbiHook } from '../pass-mode.js';
import type { Conv } from '../signature.js';

export interface ProbeNames {
  /** pt_regs field (`di`, `regs[0]`, `a0`); null for registers not in pt_regs (floats, vectors). */
  readonly ptRegs: string | null;
  /** tracefs fetch-arg (`%di`, `%x0`, `$stack1`). */
  readonly fetcharg: string | null;
  /** bpftrace: `reg("di")` register name, or an expression for stack slots. */
  readonly bpftrace: string | null;
}

/** Locations per IR piece: one, or two when a 16-byte integer spans two registers or slots. */
export interface Allocation {
  readonly args: readonly (readonly (readonly Loc[])[])[];
  readonly ret: readonly (readonly Loc[])[];
  readonly sret: SretInfo | null;
}

export interface CallingConvention {
  readonly arch: Arch;
  /** Document, version and section the allocation follows. */
  readonly spec: string;
  rustHook(dl: TargetDataLayout): RustAbiHook;
  /**
   * Places the IR pieces of every argument and of the return value; `sret` when the return is indirect.
   * `conv` matters where LLVM treats rustc's C casts as one block (aarch64: a composite's GPRs or an
   * HFA's v-registers all or nothing) or where rustc passes a C aggregate `byval` (x86_64).
   */
  allocate(args: readonly (readonly IrPiece[])[], ret: readonly IrPiece[], sret: boolean, dl: TargetDataLayout, conv: Conv): Allocation;
  names(loc: Loc, dl: TargetDataLayout): ProbeNames;
}
