/**
 * wasm32-unknown-unknown (the WebAssembly "C" ABI of tool-conventions BasicCABI.md, spec-compliant mode
 * of rustc 1.95): no registers — every IR piece is one wasm parameter (a 16-byte integer is two i64).
 * A hidden return pointer is parameter 0; LLVM also demotes every multi-value (Pair) return to it.
 */
import type { Loc } from '../../model/abi.js';
import type { IrPiece } from '../pieces.js';
import type { Allocation, CallingConvention, ProbeNames } from './types.js';

export const wasm32: CallingConvention = {
  arch: 'wasm32',
  spec: 'WebAssembly tool-conventions BasicCABI.md; rustc 1.95 callconv/wasm.rs',
  rustHook: () => 'none',
  allocate(args: readonly (readonly IrPiece[])[], ret: readonly IrPiece[], sret: boolean): Allocation {
    // LLVM demotes every return that is not one wasm value (a Pair, a C cast to i128) to an sret pointer.
    const demote = sret || ret.length > 1 || ret.some((p) => p.size > 8);
    let param = demote ? 1 : 0;
    const out = args.map((pieces) => pieces.map((p): Loc[] => {
      param += p.size > 8 ? 2 : 1;
      return p.size > 8 ? [{ param: param - 2 }, { param: param - 1 }] : [{ param: param - 1 }];
    }));
    return { args: out, ret: demote ? [] : ret.map(() => [{ reg: 'result' }]), sret: demote ? { atEntry: { param: 0 }, atReturn: null } : null };
  },
  names(): ProbeNames {
    return { ptRegs: null, fetcharg: null, bpftrace: null };
  },
};
