/**
 * extern "C" pass modes per target (rustc 1.95 callconv/{x86_64,aarch64,riscv,wasm}.rs).
 * Not implemented yet: every C signature gets a `regmap/unsupported` diagnostic rather than a guess.
 */
import type { PassMode } from '../../model/abi.js';
import type { Outcome } from '../../model/diagnostics.js';
import { error, fail } from '../../model/diagnostics.js';
import type { LayoutCx } from '../../layout/index.js';
import type { FnSig } from '../signature.js';

export function cModes(sig: FnSig, cx: LayoutCx): Outcome<{ args: PassMode[]; ret: PassMode }> {
  return fail(error('regmap/unsupported', `extern "C" pass modes on ${cx.dl.arch} are not modelled yet; only the Rust ABI is`, sig.span ?? undefined));
}
