/**
 * Calling-convention vocabulary (rustc_target `PassMode`, `CastTarget`, `ArgAbi`, `FnAbi`) plus what
 * rustc leaves to LLVM and a probe needs: the concrete register or stack slot of every piece.
 */
import type { Layout } from './layout.js';
import type { Ty } from './ty.js';

export type RegKind = 'int' | 'float' | 'vector';

/** rustc `Reg`: a register-sized unit of a cast. */
export interface Reg {
  readonly kind: RegKind;
  readonly size: number;
}

/**
 * rustc `CastTarget`: the `prefix` registers laid out one after the other (C layout rules), then
 * `rest`: `total` bytes of `unit`s (rustc's `rest.total`, the prefix not included; the last unit may be
 * partly used), starting at `restOffset` when rustc gives one (riscv C `{f32, f64}`: 8), else right
 * after the prefix, aligned to the unit.
 */
export interface CastTarget {
  readonly prefix: readonly Reg[];
  readonly unit: Reg;
  readonly total: number;
  /** rustc's `rest_offset` (riscv C float/mixed pairs). */
  readonly restOffset?: number;
  /** rustc's `rest.is_consecutive`: all units in registers or all on the stack (aarch64 C HFAs). */
  readonly consecutive?: boolean;
}

export type ArgExtension = 'zext' | 'sext' | null;

export type PassMode =
  | { readonly kind: 'ignore' }
  | { readonly kind: 'direct'; readonly ext: ArgExtension }
  | { readonly kind: 'pair'; readonly ext: readonly [ArgExtension, ArgExtension] }
  | { readonly kind: 'cast'; readonly cast: CastTarget; readonly padI32: boolean }
  /** `onStack`: x86_64 C `byval` (the copy sits in the argument area, no pointer). */
  | { readonly kind: 'indirect'; readonly onStack: boolean; readonly metaPieces: number };

/** Where one piece lives: a named register, a stack offset from the stack pointer at entry, or a wasm param. */
export type Loc = { readonly reg: string } | { readonly stack: number } | { readonly param: number };

export interface Piece {
  /** Which bytes of the value (or of the pointer, for Indirect) this piece carries. */
  readonly offset: number;
  readonly size: number;
  readonly loc: Loc;
  readonly class: RegKind;
  /** pt_regs field (`di`, `regs[0]`, `a0`), tracefs fetch-arg (`%di`), bpftrace register; null when not in pt_regs. */
  readonly ptRegs: string | null;
  readonly fetcharg: string | null;
  readonly bpftrace: string | null;
}

export interface ArgAbi {
  readonly name: string | null;
  /** The type as written. */
  readonly type: string;
  readonly ty: Ty;
  readonly layout: Layout;
  readonly mode: PassMode;
  readonly pieces: readonly Piece[];
}

export interface SretInfo {
  readonly atEntry: Loc;
  /** Where the buffer address is at return (rax on x86_64), or null when the probe must stash it at entry. */
  readonly atReturn: Loc | null;
}

export interface FnAbi {
  readonly conv: 'rust' | 'c';
  readonly args: readonly ArgAbi[];
  readonly ret: ArgAbi;
  readonly sret: SretInfo | null;
}
