/**
 * Aggregates as rustc's C-ABI classifiers see a `TyAndLayout`: `layout.field(cx, i)` for every field
 * (an enum with several variants has one field of its own, the tag; its variants come from
 * `for_variant`), array elements, and `homogeneous_aggregate` (rustc_abi/src/callconv.rs, 1.95). Plus
 * the small `ArgAbi` helpers every target uses (`is_aggregate`, `extend_integer_width_to`, casts).
 */
import type { ArgExtension, CastTarget, PassMode, Reg } from '../../model/abi.js';
import type { Outcome } from '../../model/diagnostics.js';
import type { Layout } from '../../model/layout.js';
import { is1Zst, isSized } from '../../model/layout.js';
import type { Ty } from '../../model/ty.js';
import type { LayoutCx } from '../../layout/index.js';
import { fieldsOf, layoutOf } from '../../layout/index.js';
import { scalarLayout } from '../../layout/primitives.js';
import { InternalError } from '../../internal/invariant.js';

/** A value's type (null for a tag or a wide pointer's component, which are plain scalars) and layout. */
export interface Node {
  readonly ty: Ty | null;
  readonly layout: Layout;
}

export interface Field extends Node {
  /** From the start of the enclosing value. */
  readonly offset: number;
}

export interface VariantShape {
  /** rustc's `for_variant` layout (its repr decides how x86_64 classifies it). */
  readonly layout: Layout;
  readonly fields: readonly Field[];
}

export type Shape =
  | { readonly kind: 'leaf' }
  | { readonly kind: 'array'; readonly elem: Node; readonly count: bigint; readonly stride: number }
  | { readonly kind: 'fields'; readonly union: boolean; readonly fields: readonly Field[]; readonly variants: readonly VariantShape[] | null };

const LEAF: Shape = { kind: 'leaf' };

/** Field layouts of a value whose own layout was computed cannot fail; if they do, it is a bug. */
function must<T>(o: Outcome<T>): T {
  if (!o.ok) throw new InternalError(`C ABI: a field layout failed: ${o.errors[0]?.message ?? '?'}`);
  return o.value;
}

export function shapeOf(n: Node, cx: LayoutCx): Shape {
  const l = n.layout;
  if (l.repr.kind === 'scalar' || l.repr.kind === 'vector') return LEAF;
  const ty = n.ty;
  if (ty === null) throw new InternalError('C ABI: an aggregate without a type');
  if (ty.kind === 'array' && l.fields.kind === 'array') {
    return { kind: 'array', elem: { ty: ty.elem, layout: must(layoutOf(ty.elem, cx)) }, count: l.fields.count, stride: l.fields.stride };
  }
  if ((ty.kind === 'ref' || ty.kind === 'ptr') && l.repr.kind === 'scalarPair') {
    // A wide pointer: data pointer, then length or vtable pointer.
    const bOff = l.fields.kind === 'arbitrary' ? (l.fields.offsets[1] ?? 0) : 0;
    const fields: Field[] = [
      { ty: null, layout: scalarLayout(l.repr.a, cx.dl), offset: 0 },
      { ty: null, layout: scalarLayout(l.repr.b, cx.dl), offset: bOff },
    ];
    return { kind: 'fields', union: false, fields, variants: null };
  }
  const v = l.variants;
  if (v.kind === 'multiple') {
    const tagOff = l.fields.kind === 'arbitrary' ? (l.fields.offsets[0] ?? 0) : 0;
    const tag: Field = { ty: null, layout: scalarLayout(v.tag, cx.dl), offset: tagOff };
    const variants = v.variants.map((vl, i): VariantShape => ({ layout: vl, fields: must(fieldsOf({ ty, layout: l }, cx, i)) }));
    return { kind: 'fields', union: false, fields: [tag], variants };
  }
  return { kind: 'fields', union: l.fields.kind === 'union', fields: must(fieldsOf({ ty, layout: l }, cx)), variants: null };
}

/** rustc `is_aggregate`: ScalarPair and Memory layouts (not scalars, not SIMD vectors). */
export function isAggregate(l: Layout): boolean {
  return l.repr.kind === 'scalarPair' || l.repr.kind === 'memory';
}

/** rustc `is_transparent` for an ADT. */
export function isTransparent(n: Node): boolean {
  return n.ty !== null && n.ty.kind === 'adt' && n.ty.def.repr.transparent;
}

// ---- homogeneous aggregates

/** A unit register, 'nodata' (only ZSTs), or null (heterogeneous). */
export type Homogeneous = Reg | 'nodata' | null;

function merge(a: Homogeneous, b: Homogeneous): Homogeneous {
  if (a === null || b === null) return null;
  if (b === 'nodata') return a;
  if (a === 'nodata') return b;
  return a.kind === b.kind && a.size === b.size ? a : null;
}

/** `from_fields_at`: the merged unit and the bytes covered, or null when heterogeneous or gappy. */
function fromFieldsAt(fields: readonly Field[], union: boolean, start: number, cx: LayoutCx): { r: Homogeneous; total: number } | null {
  let r: Homogeneous = 'nodata';
  let total = start;
  for (const f of fields) {
    if (is1Zst(f.layout)) continue;
    if (!union && total !== f.offset) return null;
    r = merge(r, homogeneousAggregate(f, cx));
    if (r === null) return null;
    total = union ? Math.max(total, f.layout.size) : total + f.layout.size;
  }
  return { r, total };
}

/** rustc `TyAndLayout::homogeneous_aggregate`. */
export function homogeneousAggregate(n: Node, cx: LayoutCx): Homogeneous {
  const l = n.layout;
  const r = l.repr;
  if (r.kind === 'scalar') return { kind: r.s.prim.kind === 'float' ? 'float' : 'int', size: l.size };
  if (r.kind === 'vector') return { kind: 'vector', size: l.size };
  if (!isSized(l)) return null;
  const sh = shapeOf(n, cx);
  if (sh.kind === 'leaf') return null;
  if (sh.kind === 'array') return sh.count > 0n ? homogeneousAggregate(sh.elem, cx) : 'nodata';
  const own = fromFieldsAt(sh.fields, sh.union, 0, cx);
  if (own === null) return null;
  let { r: res, total } = own;
  if (sh.variants !== null) {
    // Variants are treated like union members, all starting where the tag ends.
    const start = total;
    for (const v of sh.variants) {
      const vr = fromFieldsAt(v.fields, false, start, cx);
      if (vr === null) return null;
      res = merge(res, vr.r);
      if (res === null) return null;
      total = Math.max(total, vr.total);
    }
  }
  return total === l.size ? res : null;
}

// ---- ArgAbi helpers

/** `extend_integer_width_to(bits)`: a Direct integer scalar narrower than `bits` gets zext/sext. */
export function extendIntegerWidthTo(l: Layout, m: PassMode, bits: number): PassMode {
  if (m.kind !== 'direct' || l.repr.kind !== 'scalar' || l.repr.s.prim.kind !== 'int') return m;
  if (l.size * 8 >= bits) return m;
  const ext: ArgExtension = l.repr.s.prim.signed ? 'sext' : 'zext';
  return { kind: 'direct', ext };
}

/** `cast_to(target)`. */
export function castTo(cast: CastTarget): PassMode {
  return { kind: 'cast', cast, padI32: false };
}

/** `CastTarget::from(reg)` / `From<Uniform>`: `total` bytes of `unit` (default: one unit). */
export function uniform(unit: Reg, total: number = unit.size, consecutive = false): CastTarget {
  return consecutive ? { prefix: [], unit, total, consecutive: true } : { prefix: [], unit, total };
}

/** `make_indirect` of a sized value (pointer to a caller copy, or sret for a return). */
export const INDIRECT: PassMode = { kind: 'indirect', onStack: false, metaPieces: 0 };
