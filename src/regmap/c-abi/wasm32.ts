/**
 * wasm32-unknown-unknown C ABI as rustc 1.95 classifies it (callconv/wasm.rs, the spec-compliant
 * `compute_c_abi_info`, after tool-conventions BasicCABI.md): scalars Direct, integers narrower than
 * 32 bits extended (returns too); an aggregate that is exactly one scalar (all leaves of one type and
 * as big as one) is passed as that scalar, any other aggregate behind a pointer (sret for returns);
 * 128-bit integer returns go through sret as well.
 */
import type { PassMode } from '../../model/abi.js';
import { isSized } from '../../model/layout.js';
import type { LayoutCx } from '../../layout/index.js';
import type { Outcome } from '../../model/diagnostics.js';
import { ok } from '../../model/diagnostics.js';
import type { CModes, Node } from './index.js';
import { castTo, extendIntegerWidthTo, homogeneousAggregate, INDIRECT, isAggregate, uniform } from './aggregate.js';

/** `unwrap_trivial_aggregate`: the one scalar an aggregate consists of, as a cast. */
function trivial(n: Node, cx: LayoutCx): PassMode | null {
  const unit = homogeneousAggregate(n, cx);
  if (unit === null || unit === 'nodata' || unit.size !== n.layout.size) return null;
  return castTo(uniform(unit));
}

function classify(n: Node, m0: PassMode, isRet: boolean, cx: LayoutCx): PassMode {
  if (m0.kind === 'ignore' || (!isRet && !isSized(n.layout))) return m0;
  let m = extendIntegerWidthTo(n.layout, m0, 32);
  if (isAggregate(n.layout)) m = trivial(n, cx) ?? INDIRECT;
  const r = n.layout.repr;
  if (isRet && r.kind === 'scalar' && n.layout.size === 16) m = INDIRECT; // i128 / f128
  return m;
}

export function wasm32CModes(args: readonly Node[], ret: Node, start: CModes, cx: LayoutCx): Outcome<CModes> {
  return ok({ args: args.map((a, i) => classify(a, start.args[i] as PassMode, false, cx)), ret: classify(ret, start.ret, true, cx) });
}
