/**
 * x86_64 System V (psABI 1.0, §3.2.3 "Parameter Passing") as LLVM applies it to the IR rustc emits:
 * integer pieces in rdi, rsi, rdx, rcx, r8, r9; float pieces in xmm0–7; then 8-byte stack slots from
 * rsp+8 at entry. A 128-bit integer takes two consecutive GPRs or a 16-aligned stack slot (then the GPRs
 * stay free for later pieces). Returns: rax, rdx / xmm0, xmm1. The kernel flavour (soft-float, no SSE)
 * passes floats like integers. Hidden return pointer: rdi at entry, echoed in rax at return.
 *
 * C ABI: rustc itself decides, by counting registers, which aggregates fit (their eightbytes then all
 * get registers, piece by piece as here) and passes the others `byval`: a copy in the stack-argument
 * area, 8-byte aligned or more, with the registers left for later arguments (psABI §3.2.3 step 5 /
 * LLVM CCPassByVal<8, 8>). In the kernel flavour LLVM moves rustc's SSE pieces to GPRs one by one, so
 * an aggregate can then straddle r9 and the stack.
 */
import type { Loc } from '../../model/abi.js';
import type { TargetDataLayout } from '../../model/target.js';
import type { IrPiece } from '../pieces.js';
import type { Allocation, CallingConvention, ProbeNames } from './types.js';

const GPR = ['rdi', 'rsi', 'rdx', 'rcx', 'r8', 'r9'];
const PT: Readonly<Record<string, string>> = { rdi: 'di', rsi: 'si', rdx: 'dx', rcx: 'cx', r8: 'r8', r9: 'r9', rax: 'ax', rsp: 'sp' };

export const x86_64: CallingConvention = {
  arch: 'x86_64',
  spec: 'System V AMD64 psABI 1.0 §3.2.3; rustc 1.95 callconv/x86_64.rs (C) and mod.rs (Rust)',
  rustHook: () => 'none',
  allocate(args: readonly (readonly IrPiece[])[], ret: readonly IrPiece[], sret: boolean, dl: TargetDataLayout): Allocation {
    let gpr = sret ? 1 : 0;
    let sse = 0;
    let stack = 8;
    const soft = dl.softFloat;
    const out = args.map((pieces) => pieces.map((p): Loc[] => {
      if (p.byvalAlign !== undefined) {
        const align = Math.max(8, p.byvalAlign);
        stack = 8 + Math.ceil((stack - 8) / align) * align;
        const s = stack;
        stack += Math.ceil(p.size / 8) * 8;
        return [{ stack: s }];
      }
      const isFloat = (p.class === 'float' || p.class === 'vector') && !soft;
      if (soft && p.class === 'float' && p.size > 8) {
        // Soft-float f128 is two independent i64 halves to LLVM (unlike an i128): the low half may take
        // r9 while the high half goes to the stack (seen in compiled code, test/emu/constructor.test.ts).
        const half = (): Loc => {
          if (gpr < GPR.length) return { reg: GPR[gpr++] as string };
          const s = stack;
          stack += 8;
          return { stack: s };
        };
        const lo = half();
        return [lo, half()];
      }
      if (isFloat) {
        if (sse < 8) return [{ reg: `xmm${sse++}` }];
      } else if (p.size > 8) {
        if (gpr + 2 <= GPR.length) { gpr += 2; return [{ reg: GPR[gpr - 2] as string }, { reg: GPR[gpr - 1] as string }]; }
        // Slots are aligned relative to the caller's rsp, which is rsp+8 at entry (16-byte aligned).
        stack = 8 + Math.ceil((stack - 8) / 16) * 16;
        stack += 16;
        return [{ stack: stack - 16 }, { stack: stack - 8 }];
      } else if (gpr < GPR.length) {
        return [{ reg: GPR[gpr++] as string }];
      }
      const s = stack;
      stack += Math.max(8, Math.ceil(p.size / 8) * 8);
      return [{ stack: s }];
    }));
    let ri = 0;
    let rf = 0;
    const retLocs = ret.map((p): Loc[] => {
      if ((p.class === 'float' || p.class === 'vector') && !soft) return [{ reg: `xmm${rf++}` }];
      if (p.size > 8) { ri += 2; return [{ reg: 'rax' }, { reg: 'rdx' }]; }
      return [{ reg: ri++ === 0 ? 'rax' : 'rdx' }];
    });
    return { args: out, ret: retLocs, sret: sret ? { atEntry: { reg: 'rdi' }, atReturn: { reg: 'rax' } } : null };
  },
  names(loc: Loc): ProbeNames {
    if ('reg' in loc) {
      const pt = PT[loc.reg];
      return pt === undefined ? { ptRegs: null, fetcharg: null, bpftrace: null } : { ptRegs: pt, fetcharg: `%${pt}`, bpftrace: pt };
    }
    if ('stack' in loc) return { ptRegs: null, fetcharg: `$stack${loc.stack / 8}`, bpftrace: `*(uint64 *)(reg("sp") + ${loc.stack})` };
    return { ptRegs: null, fetcharg: null, bpftrace: null };
  },
};
