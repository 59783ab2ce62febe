/**
 * AArch64 AAPCS64 C ABI (Linux) as rustc 1.95 classifies it (callconv/aarch64.rs): scalars stay Direct
 * with no extension (only Apple extends); a homogeneous float aggregate of 1–4 members, or a vector
 * aggregate of 8 or 16 bytes, is cast to consecutive units (v-registers all or nothing); other
 * composites up to 16 bytes are cast to i64 units (i128 when the alignment before `repr(align)` is 16,
 * arguments only), larger ones go behind a pointer (an sret pointer in x8 for returns). The kernel's
 * softfloat target has no HFAs and passes float scalars as same-size integers.
 */
import type { PassMode, Reg } from '../../model/abi.js';
import { isSized } from '../../model/layout.js';
import type { TargetDataLayout } from '../../model/target.js';
import type { LayoutCx } from '../../layout/index.js';
import { castInt } from '../pass-mode.js';
import type { Outcome } from '../../model/diagnostics.js';
import { ok } from '../../model/diagnostics.js';
import type { CModes, Node } from './index.js';
import { castTo, homogeneousAggregate, INDIRECT, isAggregate, uniform } from './aggregate.js';

/** `is_homogeneous_aggregate` (the aarch64 one): the consecutive unit cast, if any. */
function hfa(n: Node, cx: LayoutCx): PassMode | null {
  const unit = homogeneousAggregate(n, cx);
  if (unit === null || unit === 'nodata') return null;
  const size = n.layout.size;
  if (size > unit.size * 4) return null;
  const valid = unit.kind === 'float' ? !cx.dl.softFloat : unit.kind === 'vector' ? size === 8 || size === 16 : false;
  return valid ? castTo(uniform(unit, size, true)) : null;
}

/** `softfloat_float_abi` for a non-aggregate: a float scalar becomes a same-size integer. */
function softFloat(n: Node, m: PassMode, dl: TargetDataLayout): PassMode {
  const r = n.layout.repr;
  if (dl.softFloat && r.kind === 'scalar' && r.s.prim.kind === 'float') return castInt(n.layout.size);
  return m;
}

function classify(n: Node, m: PassMode, isArg: boolean, cx: LayoutCx): PassMode {
  if (m.kind === 'ignore' || !isSized(n.layout)) return m;
  if (!isAggregate(n.layout)) return softFloat(n, m, cx.dl);
  const h = hfa(n, cx);
  if (h !== null) return h;
  const size = n.layout.size;
  if (size > 16) return INDIRECT;
  // AAPCS: small composites use the alignment before repr(align) raised it (as clang does).
  const unit: Reg = isArg && n.layout.unadjustedAlign === 16 ? { kind: 'int', size: 16 } : { kind: 'int', size: 8 };
  return castTo(uniform(unit, size));
}

export function aarch64CModes(args: readonly Node[], ret: Node, start: CModes, cx: LayoutCx): Outcome<CModes> {
  return ok({
    args: args.map((a, i) => classify(a, start.args[i] as PassMode, true, cx)),
    ret: classify(ret, start.ret, false, cx),
  });
}
