/**
 * `computeFnAbi`: pass modes (Rust ABI here; C ABIs per target in c-abi/) + the target's register
 * allocation → every piece of every argument and of the return value, with probe names.
 */
import type { ArgAbi, FnAbi, Loc, PassMode, Piece } from '../model/abi.js';
import type { Outcome } from '../model/diagnostics.js';
import { error, fail, ok } from '../model/diagnostics.js';
import type { TargetDataLayout } from '../model/target.js';
import type { LayoutCx } from '../layout/index.js';
import type { FnSig, SigParam } from './signature.js';
import { rustMode } from './pass-mode.js';
import type { IrPiece } from './pieces.js';
import { irPieces } from './pieces.js';
import { CALLING_CONVENTIONS } from './targets/index.js';
import type { CallingConvention } from './targets/index.js';
import { cModes } from './c-abi/index.js';

function piecesOf(p: readonly IrPiece[], locs: readonly (readonly Loc[])[], cc: CallingConvention, dl: TargetDataLayout): Piece[] {
  const out: Piece[] = [];
  p.forEach((ir, i) => {
    const ls = locs[i] ?? [];
    const n = ls.length;
    ls.forEach((loc, k) => {
      const size = n > 1 ? ir.size / n : ir.size;
      // A float split over two locations (f128 as two i64 on wasm32, two GPRs on soft-float) travels as integer halves.
      out.push({ offset: ir.offset + k * size, size, loc, class: n > 1 && ir.class === 'float' ? 'int' : ir.class, ...cc.names(loc, dl) });
    });
  });
  return out;
}

function argAbi(p: SigParam, mode: PassMode, pieces: Piece[]): ArgAbi {
  return { name: p.name, type: p.type, ty: p.ty, layout: p.layout, mode, pieces };
}

export function computeFnAbi(sig: FnSig, cx: LayoutCx): Outcome<FnAbi> {
  const dl = cx.dl;
  const cc = CALLING_CONVENTIONS[dl.arch];
  let modes: { args: PassMode[]; ret: PassMode };
  if (sig.conv === 'rust') {
    const hook = cc.rustHook(dl);
    modes = { args: sig.params.map((p) => rustMode(p.layout, false, hook, dl)), ret: rustMode(sig.ret.layout, true, hook, dl) };
  } else {
    const c = cModes(sig, cx);
    if (!c.ok) return c;
    modes = c.value;
  }
  const argPieces = sig.params.map((p, i) => irPieces(p.layout, modes.args[i] as PassMode, dl));
  const sret = modes.ret.kind === 'indirect';
  const retPieces = sret ? [] : irPieces(sig.ret.layout, modes.ret, dl);
  const alloc = cc.allocate(argPieces, retPieces, sret, dl, sig.conv);
  const args = sig.params.map((p, i) => argAbi(p, modes.args[i] as PassMode, piecesOf(argPieces[i] ?? [], alloc.args[i] ?? [], cc, dl)));
  const ret = argAbi(sig.ret, modes.ret, piecesOf(retPieces, alloc.ret, cc, dl));
  return ok({ conv: sig.conv, args, ret, sret: alloc.sret });
}

export function unsupported(what: string): Outcome<never> {
  return fail(error('regmap/unsupported', what));
}
