/**
 * extern "C" (also "C-unwind", "system") pass modes per target, as rustc 1.95's
 * `adjust_for_foreign_abi` decides them (callconv/{x86_64,aarch64,riscv,wasm}.rs): each argument and the
 * return start from the default mode (`ArgAbi::new`: ZSTs Ignored, bools zero-extended) and the target's
 * classifier rewrites them. One file per architecture, dispatched here; kernel flavours share their
 * arch's file and differ through the data layout (`softFloat`).
 */
import type { PassMode } from '../../model/abi.js';
import type { Diagnostic, Outcome } from '../../model/diagnostics.js';
import { fail } from '../../model/diagnostics.js';
import type { Arch } from '../../model/target.js';
import type { LayoutCx } from '../../layout/index.js';
import type { FnSig } from '../signature.js';
import { defaultMode } from '../pass-mode.js';
import type { Node } from './aggregate.js';
import { aarch64CModes } from './aarch64.js';
import { riscv64CModes } from './riscv64.js';
import { wasm32CModes } from './wasm32.js';
import { x86_64CModes } from './x86_64.js';

export type { Node } from './aggregate.js';

export interface CModes {
  readonly args: PassMode[];
  readonly ret: PassMode;
}

/** A target's C classifier: the parameters and the return, their default modes → the C modes. */
export type CClassifier = (args: readonly Node[], ret: Node, start: CModes, cx: LayoutCx) => Outcome<CModes>;

const C_CLASSIFIERS: Readonly<Record<Arch, CClassifier>> = {
  x86_64: x86_64CModes,
  aarch64: aarch64CModes,
  riscv64: riscv64CModes,
  wasm32: wasm32CModes,
} satisfies Record<Arch, CClassifier>;

export function cModes(sig: FnSig, cx: LayoutCx): Outcome<CModes> {
  const args = sig.params.map((p): Node => ({ ty: p.ty, layout: p.layout }));
  const ret: Node = { ty: sig.ret.ty, layout: sig.ret.layout };
  const start: CModes = { args: sig.params.map((p) => defaultMode(p.layout)), ret: defaultMode(sig.ret.layout) };
  const r = C_CLASSIFIERS[cx.dl.arch](args, ret, start, cx);
  const span = sig.span;
  return r.ok || span === null ? r : fail(...r.errors.map((d): Diagnostic => (d.span === undefined ? { ...d, span } : d)));
}
