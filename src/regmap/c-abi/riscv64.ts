/**
 * RISC-V LP64D C ABI as rustc 1.95 classifies it (callconv/riscv.rs, after the psABI "Hardware
 * Floating-point Calling Convention"): a float, two floats, or a float and an integer (struct fields,
 * array elements, transparent unions; not enums, not other unions) are flattened into fa/a registers
 * when enough are left — rustc counts 8 GPRs and 8 FPRs itself — else the integer convention: scalars
 * extended to 64 bits (32-bit ones always sign-extended; only while a GPR is left), aggregates cast to
 * one i64, or two (i128 when 16-aligned), larger ones behind a pointer. Returns are extended too and
 * flattened without counting. The kernel's lp64 has no FPRs (FLEN = 0): no flattening at all.
 */
import type { PassMode, Reg } from '../../model/abi.js';
import { is1Zst, isSized, isZst } from '../../model/layout.js';
import type { LayoutCx } from '../../layout/index.js';
import type { Outcome } from '../../model/diagnostics.js';
import { error, fail, ok } from '../../model/diagnostics.js';
import type { CModes, Node } from './index.js';
import type { Field } from './aggregate.js';
import { castTo, extendIntegerWidthTo, INDIRECT, isAggregate, isTransparent, shapeOf, uniform } from './aggregate.js';

const XLEN = 8;
const I64: Reg = { kind: 'int', size: 8 };
const I128: Reg = { kind: 'int', size: 16 };

interface Slot { readonly float: boolean; readonly reg: Reg; readonly offset: number }

/** The walk's verdict: go on, cannot use the FP convention, or rustc 1.95 crashes here. */
type Walk = 'ok' | 'err' | 'ice';

/**
 * `should_use_fp_conv_helper`: collects at most two leaves, by increasing offset. rustc hits
 * `unreachable!` (an ICE) when the walk reaches an aggregate with primitive fields: `!` or an empty enum.
 */
function leaves(n: Node, off: number, flen: number, out: Slot[], cx: LayoutCx): Walk {
  const l = n.layout;
  const r = l.repr;
  if (r.kind === 'vector') return 'err';
  if (r.kind === 'scalar') {
    const float = r.s.prim.kind === 'float';
    if (l.size > (float ? flen : XLEN)) return 'err';
    const [a, b] = out;
    if (float ? (a !== undefined && b !== undefined) : !(a === undefined || (a.float && b === undefined))) return 'err';
    out.push({ float, reg: { kind: float ? 'float' : 'int', size: l.size }, offset: off });
    return 'ok';
  }
  if (l.fields.kind === 'primitive') return 'ice';
  const sh = shapeOf(n, cx);
  if (sh.kind === 'leaf') return 'err';
  if (sh.kind === 'array') {
    // Zero-sized elements add no leaves: one look tells whether rustc crashes on them.
    const count = isZst(sh.elem.layout) ? Math.min(1, Number(sh.count)) : Number(sh.count);
    for (let i = 0; i < count; i++) {
      const w = leaves(sh.elem, off + i * sh.stride, flen, out, cx);
      if (w !== 'ok') return w;
    }
    return 'ok';
  }
  if (sh.union) {
    if (isZst(l)) return 'ok';
    if (!isTransparent(n)) return 'err';
    const inner = sh.fields.find((f) => !is1Zst(f.layout));
    return inner === undefined ? 'err' : leaves(inner, off, flen, out, cx);
  }
  if (sh.variants !== null) return 'err';
  const order = l.fields.kind === 'arbitrary' && l.fields.inMemoryOrder.length === sh.fields.length
    ? l.fields.inMemoryOrder.map((i) => sh.fields[i] as Field)
    : [...sh.fields].sort((x, y) => x.offset - y.offset);
  for (const f of order) {
    const w = leaves(f, off + f.offset, flen, out, cx);
    if (w !== 'ok') return w;
  }
  return 'ok';
}

type FloatConv = { readonly kind: 'float'; readonly reg: Reg } | { readonly kind: 'floatPair' | 'mixedPair'; readonly first: Reg; readonly second: Reg; readonly offset: number };

/** `should_use_fp_conv`; 'ice' when rustc 1.95 crashes computing it. */
function fpConv(n: Node, flen: number, cx: LayoutCx): FloatConv | null | 'ice' {
  const out: Slot[] = [];
  const w = leaves(n, 0, flen, out, cx);
  if (w !== 'ok') return w === 'ice' ? 'ice' : null;
  const [a, b] = out;
  if (a === undefined) return null;
  if (b === undefined) return a.float ? { kind: 'float', reg: a.reg } : null;
  if (!a.float && !b.float) return null;
  return { kind: a.float && b.float ? 'floatPair' : 'mixedPair', first: a.reg, second: b.reg, offset: b.offset };
}

function fpCast(c: FloatConv): PassMode {
  if (c.kind === 'float') return castTo(uniform(c.reg));
  return castTo({ prefix: [c.first], unit: c.second, total: c.second.size, restOffset: c.offset });
}

/** riscv `extend_integer_width`: 32-bit integers always sign-extended, narrower ones by signedness. */
function extend(n: Node, m: PassMode): PassMode {
  const r = n.layout.repr;
  if (m.kind === 'direct' && r.kind === 'scalar' && r.s.prim.kind === 'int' && n.layout.size === 4) return { kind: 'direct', ext: 'sext' };
  return extendIntegerWidthTo(n.layout, m, 64);
}

/** rustc's `is_riscv_aggregate`: aggregates and SIMD vectors. */
function isRiscvAggregate(n: Node): boolean {
  return n.layout.repr.kind === 'vector' || isAggregate(n.layout);
}

export function riscv64CModes(args: readonly Node[], ret: Node, start: CModes, cx: LayoutCx): Outcome<CModes> {
  const flen = cx.dl.softFloat ? 0 : 8;
  let gprs = 8;
  let fprs = 8;
  let ice = false;
  const conv = (n: Node): FloatConv | null => {
    const c = fpConv(n, flen, cx);
    if (c === 'ice') { ice = true; return null; }
    return c;
  };

  const classifyRet = (n: Node, m: PassMode): PassMode => {
    if (m.kind === 'ignore' || !isSized(n.layout)) return m;
    const c = conv(n);
    if (c !== null) return fpCast(c);
    const size = n.layout.size;
    if (size > 2 * XLEN) {
      gprs--; // the sret pointer
      return isRiscvAggregate(n) ? INDIRECT : m;
    }
    if (isRiscvAggregate(n)) return castTo(size <= XLEN ? uniform(I64) : uniform(I64, 2 * XLEN));
    return extend(n, m);
  };

  const classifyArg = (n: Node, m: PassMode): PassMode => {
    if (m.kind === 'ignore' || !isSized(n.layout)) return m;
    const c = conv(n);
    if (c !== null) {
      if (c.kind === 'float' && fprs >= 1) { fprs--; return fpCast(c); }
      if (c.kind === 'floatPair' && fprs >= 2) { fprs -= 2; return fpCast(c); }
      if (c.kind === 'mixedPair' && fprs >= 1 && gprs >= 1) { fprs--; gprs--; return fpCast(c); }
    }
    const size = n.layout.size;
    if (size > 2 * XLEN) {
      if (gprs >= 1) gprs--;
      return isRiscvAggregate(n) ? INDIRECT : m;
    }
    if (size > XLEN) {
      gprs = gprs >= 2 ? gprs - 2 : 0;
      return isRiscvAggregate(n) ? castTo(uniform(n.layout.align > XLEN ? I128 : I64, 2 * XLEN)) : m;
    }
    if (isRiscvAggregate(n)) {
      if (gprs >= 1) gprs--;
      return castTo(uniform(I64));
    }
    if (gprs >= 1) { gprs--; return extend(n, m); }
    return m;
  };

  const r = classifyRet(ret, start.ret);
  const modes = { args: args.map((a, i) => classifyArg(a, start.args[i] as PassMode)), ret: r };
  if (ice) {
    return fail(error('regmap/unsupported', 'rustc 1.95 crashes computing this extern "C" ABI on riscv64 (an ICE in callconv/riscv.rs: a by-value argument or return contains `!` or an empty enum where the float-flattening walk looks); there is no ABI to report'));
  }
  return ok(modes);
}
