/**
 * Compiled `{:?}` printers: for a type whose value lives entirely in its own bytes (no pointee to read),
 * a closure made once from the layout that prints the value straight from its bytes — the same text as
 * `debugValue(decodeValue(bytes))`, without building the value tree. For hot loops (decode-trace).
 *
 * Covered: integers, bool, char, floats, `()`, tuples, arrays, user structs and enums (derived Debug),
 * `Option`, `Result`, `Ordering`, `NonZero*`, `kernel::error::Error`. A bit pattern no value has makes
 * the printer return null, so the caller falls back to the general path, which names the problem
 * (`<invalid: …>`). `compileDebug` returns null for a type it does not cover.
 */
import type { Layout } from '../model/layout.js';
import { rangeContains } from '../model/scalar.js';
import type { Ty } from '../model/ty.js';
import type { LayoutCx } from '../layout/index.js';
import { discriminants, fieldsOf, layoutOf, primSize } from '../layout/index.js';
import { readLe } from './common.js';
import { debugChar } from './debug.js';
import { debugKernelError } from './errno.js';
import { FLOAT_FORMATS, debugFloat } from './float.js';
import { preludeName } from './std-types.js';

/** Prints the value at `b[o..]`, or null for a bit pattern no value of the type has. */
export type CompiledDebug = (b: Uint8Array, o: number) => string | null;

const MAX_ARRAY = 256;
const MAX_DEPTH = 24;

function uint(b: Uint8Array, o: number, n: number): number {
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + (b[o + i] as number);
  return v;
}

function intPrinter(n: number, signed: boolean): CompiledDebug {
  if (n <= 6) {
    const bits = n * 8;
    const half = 2 ** (bits - 1);
    const full = 2 ** bits;
    return signed ? (b, o) => { const v = uint(b, o, n); return String(v >= half ? v - full : v); } : (b, o) => String(uint(b, o, n));
  }
  if (n === 8) {
    // Two 32-bit halves; exact as a Number below 2^53 in magnitude, else through BigInt.
    return signed
      ? (b, o) => {
        const lo = uint(b, o, 4);
        const hi = uint(b, o + 4, 4);
        if (hi < 0x200000) return String(hi * 4294967296 + lo);
        if (hi >= 0xffe00000) return String((hi - 4294967296) * 4294967296 + lo);
        return BigInt.asIntN(64, readLe(b, o, 8)).toString();
      }
      : (b, o) => {
        const hi = uint(b, o + 4, 4);
        return hi < 0x200000 ? String(hi * 4294967296 + uint(b, o, 4)) : readLe(b, o, 8).toString();
      };
  }
  return signed ? (b, o) => BigInt.asIntN(n * 8, readLe(b, o, n)).toString() : (b, o) => readLe(b, o, n).toString();
}

/** `Name`, `Name(a, b)`, `Name { x: a }` from field printers (null fields propagate). */
function fieldsPrinter(name: string, shape: 'named' | 'tuple' | 'unit', fields: readonly { name: string; offset: number; p: CompiledDebug }[]): CompiledDebug {
  if (fields.length === 0) return () => name;
  const named = shape === 'named';
  const open = named ? `${name} { ` : `${name}(`;
  const close = named ? ' }' : ')';
  const heads = fields.map((f, i) => (named ? `${i === 0 ? '' : ', '}${f.name}: ` : i === 0 ? '' : ', '));
  return (b, o) => {
    let s = open;
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i] as { offset: number; p: CompiledDebug };
      const t = f.p(b, o + f.offset);
      if (t === null) return null;
      s += (heads[i] as string) + t;
    }
    return s + close;
  };
}

class Compiler {
  private readonly memo = new Map<Ty, CompiledDebug | null>();
  constructor(private readonly cx: LayoutCx) {}

  compile(ty: Ty, depth: number): CompiledDebug | null {
    if (depth > MAX_DEPTH) return null;
    const have = this.memo.get(ty);
    if (have !== undefined) return have;
    const l = layoutOf(ty, this.cx);
    const p = l.ok && !l.value.uninhabited ? this.make(ty, l.value, depth) : null;
    this.memo.set(ty, p);
    return p;
  }

  private fields(ty: Ty, l: Layout, vi: number, depth: number): { name: string; offset: number; p: CompiledDebug }[] | null {
    const fs = fieldsOf({ ty, layout: l }, this.cx, vi);
    if (!fs.ok) return null;
    const out: { name: string; offset: number; p: CompiledDebug }[] = [];
    for (const f of fs.value) {
      const p = this.compile(f.ty, depth + 1);
      if (p === null) return null;
      out.push({ name: f.name, offset: f.offset, p });
    }
    return out;
  }

  private make(ty: Ty, l: Layout, depth: number): CompiledDebug | null {
    switch (ty.kind) {
      case 'int': return intPrinter(l.size, ty.signed);
      case 'bool': return (b, o) => { const v = b[o] as number; return v === 0 ? 'false' : v === 1 ? 'true' : null; };
      case 'char': return (b, o) => {
        const c = uint(b, o, 4);
        return c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff) ? null : debugChar(c);
      };
      case 'float': {
        const f = ty.float;
        const n = FLOAT_FORMATS[f].bits / 8;
        return (b, o) => debugFloat(readLe(b, o, n), f);
      }
      case 'tuple': {
        if (ty.elems.length === 0) return () => '()';
        const fs = this.fields(ty, l, 0, depth);
        if (fs === null) return null;
        if (fs.length === 1) {
          const f = fs[0] as { offset: number; p: CompiledDebug };
          return (b, o) => { const t = f.p(b, o + f.offset); return t === null ? null : `(${t},)`; };
        }
        return fieldsPrinter('', 'tuple', fs);
      }
      case 'array': {
        const n = Number(ty.len);
        if (n > MAX_ARRAY || l.fields.kind !== 'array') return null;
        const stride = l.fields.stride;
        const el = this.compile(ty.elem, depth + 1);
        if (el === null) return null;
        return (b, o) => {
          let s = '[';
          for (let i = 0; i < n; i++) {
            const t = el(b, o + i * stride);
            if (t === null) return null;
            s += (i === 0 ? '' : ', ') + t;
          }
          return s + ']';
        };
      }
      case 'adt': return this.adt(ty, l, depth);
      default: return null;
    }
  }

  private adt(ty: Ty & { kind: 'adt' }, l: Layout, depth: number): CompiledDebug | null {
    const def = ty.def;
    const pn = preludeName(ty);
    if (def.kind === 'union') return null;
    if (pn !== null && !['Option', 'Result', 'Ordering', 'NonZero', 'Error'].includes(pn)) return null;
    // A scalar valid range (`NonZero`, user `rustc_layout_scalar_valid_range_*`) is checked, as the decoder does.
    let inRange: ((b: Uint8Array, o: number) => boolean) | null = null;
    if (def.kind === 'struct' && (def.validRangeStart !== null || def.validRangeEnd !== null) && l.repr.kind === 'scalar' && l.repr.s.kind === 'init') {
      const r = l.repr.s.valid;
      const n = primSize(l.repr.s.prim, this.cx.dl);
      inRange = (b, o) => rangeContains(r, readLe(b, o, n));
    }
    if (pn === 'Error') {
      return (b, o) => (inRange !== null && !inRange(b, o) ? null : debugKernelError(BigInt.asIntN(32, readLe(b, o, 4)), true));
    }
    if (def.kind === 'struct') {
      const fs = this.fields(ty, l, 0, depth);
      if (fs === null) return null;
      const inner = pn === 'NonZero' ? (fs[0]?.p ?? null) : fieldsPrinter(def.name, def.variants[0]?.shape ?? 'unit', fs);
      if (inner === null) return null;
      const check = inRange;
      return check === null ? inner : (b, o) => (check(b, o) ? inner(b, o) : null);
    }
    return this.enumPrinter(ty, l, depth);
  }

  private enumPrinter(ty: Ty & { kind: 'adt' }, l: Layout, depth: number): CompiledDebug | null {
    const def = ty.def;
    const vars = l.variants;
    const variantPrinter = (vi: number, vl: Layout): CompiledDebug | null => {
      const info = def.variants[vi];
      if (info === undefined) return null;
      if (vl.uninhabited) return () => null;
      const fs = this.fields(ty, vl, vi, depth);
      return fs === null ? null : fieldsPrinter(info.name, info.shape, fs);
    };
    if (vars.kind === 'empty') return null;
    if (vars.kind === 'single') return variantPrinter(vars.index, l);
    const printers: CompiledDebug[] = [];
    for (let i = 0; i < vars.variants.length; i++) {
      const p = variantPrinter(i, vars.variants[i] as Layout);
      if (p === null) return null;
      printers.push(p);
    }
    const n = primSize(vars.tag.prim, this.cx.dl);
    const tagOff = l.fields.kind === 'arbitrary' ? (l.fields.offsets[0] ?? 0) : 0;
    const enc = vars.encoding;
    const wide = n > 6; // tags past 2^53 are read as bigints
    if (enc.kind === 'direct') {
      const ds = discriminants(def, this.cx.dl);
      if (!Array.isArray(ds)) return null;
      const byTag = new Map<number | bigint, CompiledDebug>();
      // Tags below 2^32 are also found by number when the tag's upper half is zero (the common case).
      const small = new Map<number, CompiledDebug>();
      ds.forEach((d, i) => {
        const t = BigInt.asUintN(n * 8, d);
        byTag.set(wide ? t : Number(t), printers[i] as CompiledDebug);
        if (t < 0x1_0000_0000n) small.set(Number(t), printers[i] as CompiledDebug);
      });
      if (wide && n === 8) {
        return (b, o) => {
          const p = uint(b, o + tagOff + 4, 4) === 0 ? small.get(uint(b, o + tagOff, 4)) : byTag.get(readLe(b, o + tagOff, n));
          return p === undefined ? null : p(b, o);
        };
      }
      return (b, o) => {
        const p = byTag.get(wide ? readLe(b, o + tagOff, n) : uint(b, o + tagOff, n));
        return p === undefined ? null : p(b, o);
      };
    }
    const [lo, hi] = enc.nicheVariants;
    const untagged = printers[enc.untaggedVariant] as CompiledDebug;
    const count = hi - lo;
    if (wide) {
      const start = BigInt.asUintN(n * 8, enc.nicheStart);
      const bits = n * 8;
      if (n === 8 && start + BigInt(count) < 0x1_0000_0000n) {
        // A niche in a pointer or u64 with a small start: only tags below 2^32 can select a niche variant.
        const st = Number(start);
        return (b, o) => {
          const t = uint(b, o + tagOff, 4);
          const p = uint(b, o + tagOff + 4, 4) === 0 && t >= st && t - st <= count ? printers[lo + t - st] : untagged;
          return p === undefined ? null : p(b, o);
        };
      }
      return (b, o) => {
        const rel = BigInt.asUintN(bits, readLe(b, o + tagOff, n) - start);
        const p = rel <= BigInt(count) ? printers[lo + Number(rel)] : untagged;
        return p === undefined ? null : p(b, o);
      };
    }
    const full = 2 ** (n * 8);
    const start = Number(BigInt.asUintN(n * 8, enc.nicheStart));
    return (b, o) => {
      let rel = uint(b, o + tagOff, n) - start;
      if (rel < 0) rel += full;
      const p = rel <= count ? printers[lo + rel] : untagged;
      return p === undefined ? null : p(b, o);
    };
  }
}

const COMPILERS = new WeakMap<LayoutCx, Compiler>();

/** The compiled printer of `ty` (memoised per layout context), or null when the type is not covered. */
export function compileDebug(ty: Ty, cx: LayoutCx): CompiledDebug | null {
  let c = COMPILERS.get(cx);
  if (c === undefined) { c = new Compiler(cx); COMPILERS.set(cx, c); }
  return c.compile(ty, 0);
}
