/**
 * x86_64 System V C ABI as rustc 1.95 classifies it (callconv/x86_64.rs, from the psABI §3.2.3):
 * every aggregate is split into eightbytes classed INTEGER / SSE / SSEUP; more than 16 bytes (unless one
 * big vector) or a misaligned field → MEMORY. rustc counts registers itself (6 GPRs, 8 xmm; an sret
 * pointer takes a GPR): an aggregate argument that does not fit goes `byval` on the stack as a whole,
 * while later arguments may still use the registers. Scalar arguments narrower than 32 bits are
 * extended; returns are not. The kernel flavour classifies exactly the same way (LLVM then moves the SSE
 * pieces to GPRs).
 */
import type { PassMode, Reg } from '../../model/abi.js';
import { isSized, isZst } from '../../model/layout.js';
import type { LayoutCx } from '../../layout/index.js';
import { InternalError } from '../../internal/invariant.js';
import type { Outcome } from '../../model/diagnostics.js';
import { ok } from '../../model/diagnostics.js';
import type { CModes, Node } from './index.js';
import { castTo, extendIntegerWidthTo, INDIRECT, isAggregate, shapeOf, uniform } from './aggregate.js';

/** Eightbyte classes, ordered so that merging two keeps the smaller (INTEGER wins). */
const INT = 0;
const SSE = 1;
const SSEUP = 2;
type Class = typeof INT | typeof SSE | typeof SSEUP;

const MAX_EIGHTBYTES = 8; // AVX-512

/** Classifies `n` at byte `off` into `cls`; false = MEMORY. */
function classify(n: Node, off: number, cls: (Class | null)[], cx: LayoutCx): boolean {
  const l = n.layout;
  if (off % l.align !== 0) return isZst(l);
  let c: Class;
  if (l.repr.kind === 'scalar') c = l.repr.s.prim.kind === 'float' ? SSE : INT;
  else if (l.repr.kind === 'vector') c = SSE;
  else {
    const sh = shapeOf(n, cx);
    if (sh.kind === 'array') {
      if (isZst(sh.elem.layout)) return true;
      for (let i = 0; i < Number(sh.count); i++) if (!classify(sh.elem, off + i * sh.stride, cls, cx)) return false;
      return true;
    }
    if (sh.kind === 'fields') {
      for (const f of sh.fields) if (!classify(f, off + f.offset, cls, cx)) return false;
      // Enum variants are classified like union members, each from the start of the value.
      for (const v of sh.variants ?? []) {
        if (off % v.layout.align !== 0) { if (!isZst(v.layout)) return false; continue; }
        if (v.layout.repr.kind === 'scalar' || v.layout.repr.kind === 'vector') {
          fill(cls, off, v.layout.size, v.layout.repr.kind === 'scalar' && v.layout.repr.s.prim.kind !== 'float' ? INT : SSE);
        } else {
          for (const f of v.fields) if (!classify(f, off + f.offset, cls, cx)) return false;
        }
      }
    }
    return true;
  }
  fill(cls, off, l.size, c);
  return true;
}

function fill(cls: (Class | null)[], off: number, size: number, c0: Class): void {
  let c = c0;
  for (let i = Math.floor(off / 8); i <= Math.floor((off + size - 1) / 8); i++) {
    const old = cls[i] ?? null;
    cls[i] = old === null ? c : (Math.min(old, c) as Class);
    if (c === SSE) c = SSEUP;
  }
}

/** `classify_arg`: the eightbyte classes, or null for MEMORY. */
function classifyArg(n: Node, cx: LayoutCx): (Class | null)[] | null {
  const count = Math.ceil(n.layout.size / 8);
  if (count > MAX_EIGHTBYTES) return null;
  const cls: (Class | null)[] = new Array<Class | null>(MAX_EIGHTBYTES).fill(null);
  if (!classify(n, 0, cls, cx)) return null;
  if (count > 2) {
    if (cls[0] !== SSE) return null;
    for (let i = 1; i < count; i++) if (cls[i] !== SSEUP) return null;
    return cls;
  }
  let i = 0;
  while (i < count) {
    if (cls[i] === SSEUP) cls[i] = SSE;
    else if (cls[i] === SSE) {
      i++;
      while (i !== count && cls[i] === SSEUP) i++;
      continue;
    }
    i++;
  }
  return cls;
}

/** `reg_component`: the register for the eightbytes from `at.i` on (`size` bytes are left), advancing `at.i`. */
function regComponent(cls: readonly (Class | null)[], at: { i: number }, size: number): Reg | null {
  const c = cls[at.i] ?? null;
  if (c === null) return null;
  if (c === INT) {
    at.i++;
    return { kind: 'int', size: size < 8 ? size : 8 };
  }
  let len = 1;
  while (cls[at.i + len] === SSEUP) len++;
  at.i += len;
  if (len === 1) return { kind: 'float', size: size === 4 ? 4 : 8 };
  return { kind: 'vector', size: 8 * len };
}

/** `cast_target`: one register, or a pair (prefix = the low one). */
function castTarget(cls: readonly (Class | null)[], size: number): PassMode {
  const at = { i: 0 };
  const lo = regComponent(cls, at, size);
  if (lo === null) throw new InternalError('x86_64 C ABI: an aggregate whose first eightbyte is padding');
  const offset = 8 * at.i;
  const hi = size > offset ? regComponent(cls, at, size - offset) : null;
  return castTo(hi === null ? uniform(lo) : { prefix: [lo], unit: hi, total: hi.size });
}

export function x86_64CModes(args: readonly Node[], ret: Node, start: CModes, cx: LayoutCx): Outcome<CModes> {
  let intRegs = 6;
  let sseRegs = 8;
  const one = (n: Node, m0: PassMode, isArg: boolean): PassMode => {
    if (m0.kind === 'ignore' || !isSized(n.layout)) return m0;
    let cls = classifyArg(n, cx);
    if (isArg && cls !== null) {
      const needInt = cls.filter((c) => c === INT).length;
      const needSse = cls.filter((c) => c === SSE).length;
      if (needInt <= intRegs && needSse <= sseRegs) {
        intRegs -= needInt;
        sseRegs -= needSse;
      } else if (isAggregate(n.layout)) {
        // Not enough registers: the aggregate goes on the stack. LLVM puts scalars there by itself.
        cls = null;
      }
    }
    if (cls === null) {
      if (isArg) return { kind: 'indirect', onStack: true, metaPieces: 0 };
      intRegs--; // the sret pointer
      return INDIRECT;
    }
    if (isAggregate(n.layout)) return castTarget(cls, n.layout.size);
    return isArg ? extendIntegerWidthTo(n.layout, m0, 32) : m0;
  };
  const r = one(ret, start.ret, false);
  return ok({ args: args.map((a, i) => one(a, start.args[i] as PassMode, true)), ret: r });
}
