/**
 * Compiled `{:?}` printers: for a type whose value lives entirely in its own bytes (no pointee to read),
 * a closure made once from the layout that prints the value straight from its bytes — the same text as
 * `debugValue(decodeValue(bytes))`, without building the value tree. For hot loops (decode-trace): the
 * printers write UTF-8 into a `ByteOut`, so a trace of millions of calls makes no string per value.
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
import { ByteOut, utf8 } from './byte-out.js';
import { readLe } from './common.js';
import { debugChar } from './debug.js';
import { debugKernelError } from './errno.js';
import { FLOAT_FORMATS, debugFloat } from './float.js';
import { preludeName } from './std-types.js';

/** Prints the value at `b[o..]`, or null for a bit pattern no value of the type has. */
export type CompiledDebug = (b: Uint8Array, o: number) => string | null;

/**
 * Writes the value at `b[o..]` to `out`; false for a bit pattern no value of the type has (what it
 * wrote by then is to be dropped: the caller resets `out.pos`).
 */
export type DebugTo = (b: Uint8Array, o: number, out: ByteOut) => boolean;

const MAX_ARRAY = 256;
const MAX_DEPTH = 24;

function uint(b: Uint8Array, o: number, n: number): number {
  if (n === 4) return u32(b, o);
  let v = 0;
  for (let i = n - 1; i >= 0; i--) v = v * 256 + (b[o + i] as number);
  return v;
}

/** Four little-endian bytes as an unsigned number, in int32 arithmetic. */
function u32(b: Uint8Array, o: number): number {
  return ((b[o] as number) | ((b[o + 1] as number) << 8) | ((b[o + 2] as number) << 16) | ((b[o + 3] as number) << 24)) >>> 0;
}

const TRUE = utf8('true');
const FALSE = utf8('false');
const UNIT = utf8('()');
const SEP = utf8(', ');

function intPrinter(n: number, signed: boolean): DebugTo {
  if (n <= 6) {
    const bits = n * 8;
    const half = 2 ** (bits - 1);
    const full = 2 ** bits;
    return signed
      ? (b, o, out) => { const v = uint(b, o, n); out.decimal(v >= half ? v - full : v); return true; }
      : (b, o, out) => { out.decimal(uint(b, o, n)); return true; };
  }
  if (n === 8) {
    // Two 32-bit halves; exact as a Number below 2^53 in magnitude, else through BigInt.
    return signed
      ? (b, o, out) => {
        const lo = u32(b, o);
        const hi = u32(b, o + 4);
        if (hi < 0x200000) out.decimal(hi * 4294967296 + lo);
        else if (hi >= 0xffe00000) out.decimal((hi - 4294967296) * 4294967296 + lo);
        else out.text(BigInt.asIntN(64, readLe(b, o, 8)).toString());
        return true;
      }
      : (b, o, out) => {
        const hi = u32(b, o + 4);
        if (hi < 0x200000) out.decimal(hi * 4294967296 + u32(b, o));
        else out.text(readLe(b, o, 8).toString());
        return true;
      };
  }
  return signed
    ? (b, o, out) => { out.text(BigInt.asIntN(n * 8, readLe(b, o, n)).toString()); return true; }
    : (b, o, out) => { out.text(readLe(b, o, n).toString()); return true; };
}

interface FieldPrinter { readonly name: string; readonly offset: number; readonly p: DebugTo }

/** `Name`, `Name(a, b)`, `Name { x: a }` from field printers (an invalid field makes the whole invalid). */
function fieldsPrinter(name: string, shape: 'named' | 'tuple' | 'unit', fields: readonly FieldPrinter[]): DebugTo {
  if (fields.length === 0) {
    const text = utf8(name);
    return (_b, _o, out) => { out.bytes(text); return true; };
  }
  const named = shape === 'named';
  const close = utf8(named ? ' }' : ')');
  // Each field's head: the opening (`Name { `, `Name(`) or the separator, and `field: `.
  const heads = fields.map((f, i) => utf8((i === 0 ? (named ? `${name} { ` : `${name}(`) : ', ') + (named ? `${f.name}: ` : '')));
  const ps = fields.map((f) => f.p);
  const offsets = fields.map((f) => f.offset);
  return (b, o, out) => {
    for (let i = 0; i < ps.length; i++) {
      out.bytes(heads[i] as Uint8Array);
      if (!(ps[i] as DebugTo)(b, o + (offsets[i] as number), out)) return false;
    }
    out.bytes(close);
    return true;
  };
}

class Compiler {
  private readonly memo = new Map<Ty, DebugTo | null>();
  constructor(private readonly cx: LayoutCx) {}

  compile(ty: Ty, depth: number): DebugTo | null {
    if (depth > MAX_DEPTH) return null;
    const have = this.memo.get(ty);
    if (have !== undefined) return have;
    const l = layoutOf(ty, this.cx);
    const p = l.ok && !l.value.uninhabited ? this.make(ty, l.value, depth) : null;
    this.memo.set(ty, p);
    return p;
  }

  private fields(ty: Ty, l: Layout, vi: number, depth: number): FieldPrinter[] | null {
    const fs = fieldsOf({ ty, layout: l }, this.cx, vi);
    if (!fs.ok) return null;
    const out: FieldPrinter[] = [];
    for (const f of fs.value) {
      const p = this.compile(f.ty, depth + 1);
      if (p === null) return null;
      out.push({ name: f.name, offset: f.offset, p });
    }
    return out;
  }

  private make(ty: Ty, l: Layout, depth: number): DebugTo | null {
    switch (ty.kind) {
      case 'int': return intPrinter(l.size, ty.signed);
      case 'bool': return (b, o, out) => {
        const v = b[o] as number;
        if (v > 1) return false;
        out.bytes(v === 0 ? FALSE : TRUE);
        return true;
      };
      case 'char': return (b, o, out) => {
        const c = uint(b, o, 4);
        if (c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) return false;
        out.text(debugChar(c));
        return true;
      };
      case 'float': {
        const f = ty.float;
        const n = FLOAT_FORMATS[f].bits / 8;
        return (b, o, out) => { out.text(debugFloat(readLe(b, o, n), f)); return true; };
      }
      case 'tuple': {
        if (ty.elems.length === 0) return (_b, _o, out) => { out.bytes(UNIT); return true; };
        const fs = this.fields(ty, l, 0, depth);
        if (fs === null) return null;
        if (fs.length === 1) {
          const f = fs[0] as FieldPrinter;
          return (b, o, out) => {
            out.byte(40);
            if (!f.p(b, o + f.offset, out)) return false;
            out.byte(44);
            out.byte(41);
            return true;
          };
        }
        return fieldsPrinter('', 'tuple', fs);
      }
      case 'array': {
        const n = Number(ty.len);
        if (n > MAX_ARRAY || l.fields.kind !== 'array') return null;
        const stride = l.fields.stride;
        const el = this.compile(ty.elem, depth + 1);
        if (el === null) return null;
        return (b, o, out) => {
          out.byte(91);
          for (let i = 0; i < n; i++) {
            if (i > 0) out.bytes(SEP);
            if (!el(b, o + i * stride, out)) return false;
          }
          out.byte(93);
          return true;
        };
      }
      case 'adt': return this.adt(ty, l, depth);
      default: return null;
    }
  }

  private adt(ty: Ty & { kind: 'adt' }, l: Layout, depth: number): DebugTo | null {
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
      return (b, o, out) => {
        if (inRange !== null && !inRange(b, o)) return false;
        out.text(debugKernelError(BigInt.asIntN(32, readLe(b, o, 4)), true));
        return true;
      };
    }
    if (def.kind === 'struct') {
      const fs = this.fields(ty, l, 0, depth);
      if (fs === null) return null;
      const inner = pn === 'NonZero' ? (fs[0]?.p ?? null) : fieldsPrinter(def.name, def.variants[0]?.shape ?? 'unit', fs);
      if (inner === null) return null;
      const check = inRange;
      return check === null ? inner : (b, o, out) => check(b, o) && inner(b, o, out);
    }
    return this.enumPrinter(ty, l, depth);
  }

  private enumPrinter(ty: Ty & { kind: 'adt' }, l: Layout, depth: number): DebugTo | null {
    const def = ty.def;
    const vars = l.variants;
    const variantPrinter = (vi: number, vl: Layout): DebugTo | null => {
      const info = def.variants[vi];
      if (info === undefined) return null;
      if (vl.uninhabited) return () => false;
      const fs = this.fields(ty, vl, vi, depth);
      return fs === null ? null : fieldsPrinter(info.name, info.shape, fs);
    };
    if (vars.kind === 'empty') return null;
    if (vars.kind === 'single') return variantPrinter(vars.index, l);
    const printers: DebugTo[] = [];
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
      const byTag = new Map<number | bigint, DebugTo>();
      // Tags below 2^32 are also found by number when the tag's upper half is zero (the common case).
      const small = new Map<number, DebugTo>();
      ds.forEach((d, i) => {
        const t = BigInt.asUintN(n * 8, d);
        byTag.set(wide ? t : Number(t), printers[i] as DebugTo);
        if (t < 0x1_0000_0000n) small.set(Number(t), printers[i] as DebugTo);
      });
      if (wide && n === 8) {
        return (b, o, out) => {
          const p = u32(b, o + tagOff + 4) === 0 ? small.get(u32(b, o + tagOff)) : byTag.get(readLe(b, o + tagOff, n));
          return p !== undefined && p(b, o, out);
        };
      }
      return (b, o, out) => {
        const p = byTag.get(wide ? readLe(b, o + tagOff, n) : uint(b, o + tagOff, n));
        return p !== undefined && p(b, o, out);
      };
    }
    const [lo, hi] = enc.nicheVariants;
    const untagged = printers[enc.untaggedVariant] as DebugTo;
    const count = hi - lo;
    if (wide) {
      const start = BigInt.asUintN(n * 8, enc.nicheStart);
      const bits = n * 8;
      if (n === 8 && start + BigInt(count) < 0x1_0000_0000n) {
        // A niche in a pointer or u64 with a small start: only tags below 2^32 can select a niche variant.
        const st = Number(start);
        return (b, o, out) => {
          const t = u32(b, o + tagOff);
          const p = u32(b, o + tagOff + 4) === 0 && t >= st && t - st <= count ? printers[lo + t - st] : untagged;
          return p !== undefined && p(b, o, out);
        };
      }
      return (b, o, out) => {
        const rel = BigInt.asUintN(bits, readLe(b, o + tagOff, n) - start);
        const p = rel <= BigInt(count) ? printers[lo + Number(rel)] : untagged;
        return p !== undefined && p(b, o, out);
      };
    }
    const full = 2 ** (n * 8);
    const start = Number(BigInt.asUintN(n * 8, enc.nicheStart));
    return (b, o, out) => {
      let rel = uint(b, o + tagOff, n) - start;
      if (rel < 0) rel += full;
      const p = rel <= count ? printers[lo + rel] : untagged;
      return p !== undefined && p(b, o, out);
    };
  }
}

const COMPILERS = new WeakMap<LayoutCx, Compiler>();

/** The compiled printer of `ty` writing bytes (memoised per layout context), or null when the type is not covered. */
export function compileDebugTo(ty: Ty, cx: LayoutCx): DebugTo | null {
  let c = COMPILERS.get(cx);
  if (c === undefined) { c = new Compiler(cx); COMPILERS.set(cx, c); }
  return c.compile(ty, 0);
}

const SCRATCH = new ByteOut(1024);

/** The compiled printer of `ty` as text (the same bytes, decoded), or null when the type is not covered. */
export function compileDebug(ty: Ty, cx: LayoutCx): CompiledDebug | null {
  const p = compileDebugTo(ty, cx);
  if (p === null) return null;
  return (b, o) => {
    SCRATCH.pos = 0;
    return p(b, o, SCRATCH) ? SCRATCH.textFrom(0) : null;
  };
}
