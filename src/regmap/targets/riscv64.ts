/**
 * RISC-V LP64D (RISC-V psABI 1.0, "Integer Calling Convention" / "Hardware Floating-point Calling
 * Convention") as LLVM applies it to rustc's IR: integer pieces in a0–a7, float pieces in fa0–fa7 and,
 * when those run out, the next free GPR, then 8-byte stack slots from sp at entry. A 128-bit integer
 * takes two consecutive GPRs (no alignment); with only a7 left its low half goes in a7 and the high half
 * on the stack. Hidden return pointer: a0 at entry (shifting the arguments), not preserved. The kernel
 * flavour (lp64, no F/D) passes floats as integers.
 */
import type { Loc } from '../../model/abi.js';
import type { TargetDataLayout } from '../../model/target.js';
import type { IrPiece } from '../pieces.js';
import type { Allocation, CallingConvention, ProbeNames } from './types.js';

export const riscv64: CallingConvention = {
  arch: 'riscv64',
  spec: 'RISC-V psABI 1.0 calling convention (LP64D; kernel: LP64); rustc 1.95 callconv/riscv.rs',
  rustHook: () => 'riscv-extend',
  allocate(args: readonly (readonly IrPiece[])[], ret: readonly IrPiece[], sret: boolean, dl: TargetDataLayout): Allocation {
    let gpr = sret ? 1 : 0;
    let fpr = 0;
    let stack = 0;
    const toStack = (size: number): Loc[] => {
      const align = size > 8 ? 16 : 8;
      stack = Math.ceil(stack / align) * align;
      const s = stack;
      stack += Math.max(8, Math.ceil(size / 8) * 8);
      return size > 8 ? [{ stack: s }, { stack: s + 8 }] : [{ stack: s }];
    };
    const out = args.map((pieces) => pieces.map((p): Loc[] => {
      if (p.class === 'float' && !dl.softFloat && p.size <= 8) {
        if (fpr < 8) return [{ reg: `fa${fpr++}` }];
        if (gpr < 8) return [{ reg: `a${gpr++}` }];
        return toStack(p.size);
      }
      if (p.size > 8) {
        if (gpr + 2 <= 8) { gpr += 2; return [{ reg: `a${gpr - 2}` }, { reg: `a${gpr - 1}` }]; }
        if (gpr === 7) { gpr = 8; const s = stack; stack += 8; return [{ reg: 'a7' }, { stack: s }]; }
        return toStack(p.size);
      }
      if (gpr < 8) return [{ reg: `a${gpr++}` }];
      return toStack(p.size);
    }));
    let ri = 0;
    let rf = 0;
    const retLocs = ret.map((p): Loc[] => {
      if (p.class === 'float' && !dl.softFloat && p.size <= 8) return [{ reg: `fa${rf++}` }];
      if (p.size > 8) { ri += 2; return [{ reg: `a${ri - 2}` }, { reg: `a${ri - 1}` }]; }
      return [{ reg: `a${ri++}` }];
    });
    return { args: out, ret: retLocs, sret: sret ? { atEntry: { reg: 'a0' }, atReturn: null } : null };
  },
  names(loc: Loc): ProbeNames {
    if ('reg' in loc) {
      const m = /^a(\d)$/.exec(loc.reg);
      if (m === null) return { ptRegs: null, fetcharg: null, bpftrace: null };
      return { ptRegs: loc.reg, fetcharg: `%${loc.reg}`, bpftrace: loc.reg };
    }
    if ('stack' in loc) return { ptRegs: null, fetcharg: `$stack${loc.stack / 8}`, bpftrace: `*(uint64 *)(reg("sp") + ${loc.stack})` };
    return { ptRegs: null, fetcharg: null, bpftrace: null };
  },
};
