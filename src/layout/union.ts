/**
 * Union and SIMD vector layouts (rustc_abi `layout_of_union`, `simd_type`), and arrays (`array_like`).
 */
import type { BackendRepr, Layout } from '../model/layout.js';
import { isZst } from '../model/layout.js';
import type { Scalar } from '../model/scalar.js';
import { scalarEquals, toUnionScalar } from '../model/scalar.js';
import type { TargetDataLayout } from '../model/target.js';
import type { ReprOptions } from '../model/ty.js';
import { SIZED_MEMORY, UNSIZED_MEMORY, alignTo, newLayout, objectSizeBound, primAlign, reprScalarAlign, singleVariant } from './primitives.js';

function reprToUnion(r: BackendRepr): BackendRepr {
  switch (r.kind) {
    case 'scalar': return { kind: 'scalar', s: toUnionScalar(r.s) };
    case 'scalarPair': return { kind: 'scalarPair', a: toUnionScalar(r.a), b: toUnionScalar(r.b) };
    case 'vector': return { kind: 'vector', elem: toUnionScalar(r.elem), count: r.count };
    case 'memory': return r;
  }
}

function reprEquals(a: BackendRepr, b: BackendRepr): boolean {
  if (a.kind === 'scalar' && b.kind === 'scalar') return scalarEquals(a.s, b.s);
  if (a.kind === 'scalarPair' && b.kind === 'scalarPair') return scalarEquals(a.a, b.a) && scalarEquals(a.b, b.b);
  if (a.kind === 'vector' && b.kind === 'vector') return scalarEquals(a.elem, b.elem) && a.count === b.count;
  if (a.kind === 'memory' && b.kind === 'memory') return a.sized === b.sized;
  return false;
}

export type UnionError = 'empty-union' | 'unsized-field' | 'size-overflow';

export function layoutOfUnion(fields: readonly Layout[], repr: ReprOptions, dl: TargetDataLayout): Layout | UnionError {
  if (fields.length === 0) return 'empty-union';
  let align = 1;
  let maxReprAlign = repr.align;
  let size = 0;
  let common: BackendRepr | null = null;
  let mismatch = repr.c;
  for (const f of fields) {
    if (f.repr.kind === 'memory' && !f.repr.sized) return 'unsized-field';
    align = Math.max(align, f.align);
    if (f.maxReprAlign !== null) maxReprAlign = Math.max(maxReprAlign ?? 0, f.maxReprAlign);
    size = Math.max(size, f.size);
    if (isZst(f) || mismatch) continue;
    const r = reprToUnion(f.repr);
    if (common === null) common = r;
    else if (!reprEquals(common, r)) mismatch = true;
  }
  if (repr.packed !== null) align = Math.min(align, repr.packed);
  const unadjustedAlign = align;
  if (repr.align !== null) align = Math.max(align, repr.align);
  let backend: BackendRepr = SIZED_MEMORY;
  if (!mismatch && common !== null) {
    const probe: Layout = { ...(fields[0] as Layout), repr: common };
    const sa = reprScalarAlign(probe, dl);
    if ((common.kind === 'scalar' || common.kind === 'scalarPair') && sa !== align) backend = SIZED_MEMORY;
    else if (common.kind === 'vector' && primAlign(common.elem.prim, dl) > align) backend = SIZED_MEMORY;
    else backend = common;
  }
  const total = alignTo(size, align);
  if (total >= objectSizeBound(dl)) return 'size-overflow';
  return newLayout({
    size: total, align,
    repr: backend,
    fields: { kind: 'union', count: fields.length },
    variants: singleVariant(0),
    largestNiche: null,
    uninhabited: false,
    maxReprAlign,
    unadjustedAlign,
  });
}

export type VectorError = 'invalid-simd' | 'size-overflow';

function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Largest power of two dividing `n` (rustc `Align::max_aligned_factor`, capped at 2^29). */
function maxAlignedFactor(n: number): number {
  let p = 1;
  while (n % (p * 2) === 0 && p < 2 ** 29) p *= 2;
  return p;
}

/** `#[repr(simd)] struct V([T; N])`: a SimdVector, or Memory for `repr(simd, packed)` with non-power-of-two N. */
export function simdLayout(elem: Layout, count: number, packed: boolean, dl: TargetDataLayout): Layout | VectorError {
  if (count === 0 || elem.repr.kind !== 'scalar') return 'invalid-simd';
  const e: Scalar = elem.repr.s;
  const raw = elem.size * count;
  if (raw >= objectSizeBound(dl)) return 'size-overflow';
  const isPow2 = (count & (count - 1)) === 0;
  let backend: BackendRepr;
  let align: number;
  if (packed && !isPow2) {
    backend = SIZED_MEMORY;
    align = maxAlignedFactor(raw);
  } else {
    backend = { kind: 'vector', elem: e, count };
    align = nextPowerOfTwo(raw);
  }
  return newLayout({
    size: alignTo(raw, align), align,
    repr: backend,
    fields: { kind: 'arbitrary', offsets: [0], inMemoryOrder: [0] },
    variants: singleVariant(0),
    largestNiche: elem.largestNiche,
    uninhabited: false,
    maxReprAlign: null,
    unadjustedAlign: elem.align,
  });
}

/** `[T; n]`, `[T]` (count null) and `str`. */
export function arrayLayout(elem: Layout, count: bigint | null, dl: TargetDataLayout): Layout | 'size-overflow' | 'too-large' {
  const n = count ?? 0n;
  const total = BigInt(elem.size) * n;
  if (total >= dl.objectSizeBound) return 'size-overflow';
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) return 'too-large';
  return newLayout({
    size: Number(total), align: elem.align,
    repr: count !== null ? SIZED_MEMORY : UNSIZED_MEMORY,
    fields: { kind: 'array', stride: elem.size, count: n },
    variants: singleVariant(0),
    largestNiche: n !== 0n ? elem.largestNiche : null,
    uninhabited: elem.uninhabited && n !== 0n,
    maxReprAlign: null,
    unadjustedAlign: elem.align,
  });
}

