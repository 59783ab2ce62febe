/**
 * AArch64 AAPCS64 (2023Q3, §6.8.2 "Parameter passing rules") as LLVM applies it to rustc's IR:
 * integer pieces in x0–x7 (NGRN), floats in v0–v7 (NSRN), then 8-byte stack slots from sp at entry.
 * A 128-bit integer takes an even register pair (C.9/C.10); if none is left it goes to a 16-aligned
 * stack slot and NGRN becomes 8, so later integers go to the stack too. Hidden return pointer: x8 at
 * entry, not preserved (a probe must stash it). The kernel flavour (softfloat) gets floats cast to
 * integers by rustc itself.
 *
 * C ABI: rustc casts a composite to an array of units (`[2 x i64]`, an HFA's `[4 x float]`), which LLVM
 * places as one block (CC_AArch64_Custom_Block, AAPCS64 C.8/C.12): all in consecutive registers of its
 * class, or — setting NGRN/NSRN to 8, so later arguments of that class go to the stack too — all on
 * the stack, the first unit at an 8-byte (16 for 16-byte units) aligned slot, the others packed after it.
 */
import type { Loc } from '../../model/abi.js';
import type { TargetDataLayout } from '../../model/target.js';
import type { IrPiece } from '../pieces.js';
import type { Conv } from '../signature.js';
import type { Allocation, CallingConvention, ProbeNames } from './types.js';

export const aarch64: CallingConvention = {
  arch: 'aarch64',
  spec: 'AAPCS64 2023Q3 §6.8.2; rustc 1.95 callconv/aarch64.rs',
  rustHook: (dl) => (dl.softFloat ? 'aarch64-softfloat' : 'none'),
  allocate(args: readonly (readonly IrPiece[])[], ret: readonly IrPiece[], sret: boolean, dl: TargetDataLayout, conv: Conv): Allocation {
    let ngrn = 0;
    let nsrn = 0;
    let stack = 0;
    const toStack = (size: number, float: boolean): Loc[] => {
      const align = size > 8 ? 16 : 8;
      stack = Math.ceil(stack / align) * align;
      const s = stack;
      stack += Math.max(8, Math.ceil(size / 8) * 8);
      return size > 8 && !float ? [{ stack: s }, { stack: s + 8 }] : [{ stack: s }];
    };
    const block = (pieces: readonly IrPiece[]): Loc[][] => {
      const fp = (pieces[0]?.class === 'float' || pieces[0]?.class === 'vector') && !dl.softFloat;
      const n = pieces.length;
      if (fp && nsrn + n <= 8) return pieces.map(() => [{ reg: `v${nsrn++}` }]);
      if (!fp && ngrn + n <= 8) return pieces.map(() => [{ reg: `x${ngrn++}` }]);
      if (fp) nsrn = 8;
      else ngrn = 8;
      const unit = pieces[0]?.size ?? 8;
      const align = unit >= 16 ? 16 : 8;
      const base = Math.ceil(stack / align) * align;
      stack = base + n * unit;
      return pieces.map((p) => [{ stack: base + p.offset }]);
    };
    const single = (p: IrPiece): Loc[] => {
      if ((p.class === 'float' || p.class === 'vector') && !dl.softFloat) {
        if (nsrn < 8) return [{ reg: `v${nsrn++}` }];
        nsrn = 8;
        return toStack(p.size, true);
      }
      if (p.size > 8) {
        if (ngrn % 2 === 1) ngrn++;
        if (ngrn + 2 <= 8) { ngrn += 2; return [{ reg: `x${ngrn - 2}` }, { reg: `x${ngrn - 1}` }]; }
        ngrn = 8;
        return toStack(p.size, false);
      }
      if (ngrn < 8) return [{ reg: `x${ngrn++}` }];
      return toStack(p.size, false);
    };
    // In C every multi-piece argument is a cast to an array of units (Pairs do not occur).
    const out = args.map((pieces) => (conv === 'c' && pieces.length > 1 ? block(pieces) : pieces.map(single)));
    let ri = 0;
    let rf = 0;
    const retLocs = ret.map((p): Loc[] => {
      if ((p.class === 'float' || p.class === 'vector') && !dl.softFloat) return [{ reg: `v${rf++}` }];
      if (p.size > 8) { ri += 2; return [{ reg: `x${ri - 2}` }, { reg: `x${ri - 1}` }]; }
      return [{ reg: `x${ri++}` }];
    });
    return { args: out, ret: retLocs, sret: sret ? { atEntry: { reg: 'x8' }, atReturn: null } : null };
  },
  names(loc: Loc): ProbeNames {
    if ('reg' in loc) {
      const m = /^x(\d+)$/.exec(loc.reg);
      if (m === null) return { ptRegs: null, fetcharg: null, bpftrace: null };
      return { ptRegs: `regs[${m[1]}]`, fetcharg: `%x${m[1]}`, bpftrace: `r${m[1]}` };
    }
    if ('stack' in loc) {
      // An HFA member on the stack can sit at a 4-byte offset, which no `$stackN` names.
      const fetcharg = loc.stack % 8 === 0 ? `$stack${loc.stack / 8}` : `+${loc.stack}(%sp)`;
      return { ptRegs: null, fetcharg, bpftrace: `*(uint64 *)(reg("sp") + ${loc.stack})` };
    }
    return { ptRegs: null, fetcharg: null, bpftrace: null };
  },
};
