/**
 * Pass modes (rustc_target::callconv): the target-independent default (`ArgAbi::new` in
 * rustc_ty_utils/src/abi.rs) and the Rust-ABI adjustments of rustc 1.95 (`adjust_for_rust_abi` in
 * callconv/mod.rs, plus the riscv and aarch64-softfloat hooks). The C ABIs live in c-abi/.
 */
import type { ArgExtension, PassMode } from '../model/abi.js';
import type { Layout } from '../model/layout.js';
import { isZst } from '../model/layout.js';
import type { Scalar } from '../model/scalar.js';
import type { TargetDataLayout } from '../model/target.js';
import { primSize } from '../layout/index.js';

function isBool(s: Scalar): boolean {
  return s.kind === 'init' && s.prim.kind === 'int' && s.prim.int === 'I8' && !s.prim.signed && s.valid.start === 0n && s.valid.end === 1n;
}

/** rustc marks every `bool` scalar zero-extended (`adjust_for_rust_scalar`). */
function boolExt(s: Scalar): ArgExtension {
  return isBool(s) ? 'zext' : null;
}

/** `ArgAbi::new`: Ignore for ZSTs, else Direct / Pair / Indirect from the backend repr. */
export function defaultMode(l: Layout): PassMode {
  if (isZst(l)) return { kind: 'ignore' };
  switch (l.repr.kind) {
    case 'scalar': return { kind: 'direct', ext: boolExt(l.repr.s) };
    case 'scalarPair': return { kind: 'pair', ext: [boolExt(l.repr.a), boolExt(l.repr.b)] };
    case 'vector': return { kind: 'direct', ext: null };
    case 'memory': return { kind: 'indirect', onStack: false, metaPieces: l.repr.sized ? 0 : 1 };
  }
}

export function castInt(size: number): PassMode {
  return { kind: 'cast', cast: { prefix: [], unit: { kind: 'int', size }, total: size }, padI32: false };
}

/**
 * riscv `compute_rust_abi_info`: integer Direct arguments are extended to XLEN — 32-bit ones always
 * sign-extended, narrower ones by signedness (rust-lang/rust#114508). Returns are left alone.
 */
function riscvExtend(l: Layout, m: PassMode): PassMode {
  if (m.kind !== 'direct' || l.repr.kind !== 'scalar' || l.repr.s.prim.kind !== 'int') return m;
  const p = l.repr.s.prim;
  const bytes = { I8: 1, I16: 2, I32: 4, I64: 8, I128: 16 }[p.int];
  if (bytes === 4) return { kind: 'direct', ext: 'sext' };
  if (bytes < 8) return { kind: 'direct', ext: p.signed ? 'sext' : 'zext' };
  return m;
}

/** aarch64 softfloat (`softfloat_float_abi`): floats travel as same-size integers; float pairs > 8 bytes go indirect. */
function softFloatCast(l: Layout, m: PassMode, dl: TargetDataLayout): PassMode {
  const r = l.repr;
  if (r.kind === 'scalar' && r.s.prim.kind === 'float') return castInt(primSize(r.s.prim, dl));
  if (r.kind === 'scalarPair' && (r.a.prim.kind === 'float' || r.b.prim.kind === 'float')) {
    return l.size <= dl.pointerSize ? castInt(l.size) : { kind: 'indirect', onStack: false, metaPieces: 0 };
  }
  return m;
}

/** The per-target Rust-ABI hook rustc applies before the shared adjustments. */
export type RustAbiHook = 'none' | 'riscv-extend' | 'aarch64-softfloat';

/** `adjust_for_rust_abi` for one argument (or the return when `isRet`). */
export function rustMode(l: Layout, isRet: boolean, hook: RustAbiHook, dl: TargetDataLayout): PassMode {
  let m = defaultMode(l);
  if (m.kind === 'ignore') return m;
  if (hook === 'riscv-extend' && !isRet) m = riscvExtend(l, m);
  if (hook === 'aarch64-softfloat') m = softFloatCast(l, m, dl);
  if (m.kind === 'cast') return m;
  if (isRet && l.size > dl.pointerSize * 2 && l.repr.kind !== 'vector') return { kind: 'indirect', onStack: false, metaPieces: 0 };
  if (l.repr.kind === 'memory') {
    const sized = l.repr.sized;
    if (sized && l.size <= dl.pointerSize) return castInt(l.size);
    return m;
  }
  if (l.repr.kind === 'vector') return { kind: 'indirect', onStack: false, metaPieces: 0 };
  return m;
}
