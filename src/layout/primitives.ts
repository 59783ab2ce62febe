/**
 * Sizes, alignments and bit widths of primitives on a target, and the layouts of scalars, scalar pairs
 * and the never type (rustc_abi `LayoutData::{scalar, scalar_pair, never_type}`).
 */
import type { TargetDataLayout } from '../model/target.js';
import type { Integer, Primitive, Scalar } from '../model/scalar.js';
import { FLOAT_BYTES, INTEGER_BYTES, maxOfBits } from '../model/scalar.js';
import type { IntTy } from '../model/ty.js';
import type { BackendRepr, FieldsShape, Layout, Niche, Variants } from '../model/layout.js';

const SINGLE_VARIANTS: Variants[] = [];

/** `Variants::Single { index }`, shared: layouts are immutable, and enums have many variants. */
export function singleVariant(index: number): Variants {
  let v = SINGLE_VARIANTS[index];
  if (v === undefined) {
    v = { kind: 'single', index };
    SINGLE_VARIANTS[index] = v;
  }
  return v;
}

export const PRIMITIVE_FIELDS: FieldsShape = { kind: 'primitive' };
export const SIZED_MEMORY: BackendRepr = { kind: 'memory', sized: true };
export const UNSIZED_MEMORY: BackendRepr = { kind: 'memory', sized: false };

export function primSize(p: Primitive, dl: TargetDataLayout): number {
  switch (p.kind) {
    case 'int': return INTEGER_BYTES[p.int];
    case 'float': return FLOAT_BYTES[p.float];
    case 'ptr': return dl.pointerSize;
  }
}

export function primAlign(p: Primitive, dl: TargetDataLayout): number {
  switch (p.kind) {
    case 'int': return dl.intAlign[INTEGER_BYTES[p.int] as 1 | 2 | 4 | 8 | 16];
    case 'float': return dl.floatAlign[FLOAT_BYTES[p.float] as 2 | 4 | 8 | 16];
    case 'ptr': return dl.pointerAlign;
  }
}

export function primBits(p: Primitive, dl: TargetDataLayout): number {
  return primSize(p, dl) * 8;
}

export function integerOfSize(bytes: number): Integer | undefined {
  switch (bytes) {
    case 1: return 'I8';
    case 2: return 'I16';
    case 4: return 'I32';
    case 8: return 'I64';
    case 16: return 'I128';
    default: return undefined;
  }
}

export function integerOf(t: IntTy, dl: TargetDataLayout): Integer {
  return t === 'size' ? (dl.pointerSize === 8 ? 'I64' : 'I32') : t;
}

export function intAlignOf(i: Integer, dl: TargetDataLayout): number {
  return dl.intAlign[INTEGER_BYTES[i] as 1 | 2 | 4 | 8 | 16];
}

/** Niche of a scalar at `offset`, if it has invalid values (rustc `Niche::from_scalar`). */
export function nicheFromScalar(offset: number, s: Scalar, dl: TargetDataLayout): Niche | null {
  if (s.kind !== 'init') return null;
  const n: Niche = { offset, prim: s.prim, valid: s.valid };
  return nicheAvailable(n, dl) > 0n ? n : null;
}

/**
 * Number of invalid bit patterns of a niche: `(start - end - 1) mod 2^bits`. (Not memoised: a WeakMap
 * keyed by the valid range measured slower than these three BigInt operations.)
 */
export function nicheAvailable(n: Niche, dl: TargetDataLayout): bigint {
  return (n.valid.start - n.valid.end - 1n) & maxOfBits(primBits(n.prim, dl));
}

/**
 * Every layout the solver builds comes from `newLayout` or `layoutWith`: one object literal with one
 * property order, so that V8 gives all layouts one hidden class and the solver's reads of field
 * layouts stay monomorphic (a dozen literals and spreads had given them nine).
 */
export function newLayout(l: Layout): Layout {
  return {
    size: l.size, align: l.align, repr: l.repr, fields: l.fields, variants: l.variants,
    largestNiche: l.largestNiche, uninhabited: l.uninhabited, maxReprAlign: l.maxReprAlign, unadjustedAlign: l.unadjustedAlign,
  };
}

/** `base` with `changes` (a spread that keeps the one hidden class of layouts). */
export function layoutWith(base: Layout, changes: Partial<Layout>): Layout {
  const c = changes;
  return {
    size: c.size !== undefined ? c.size : base.size,
    align: c.align !== undefined ? c.align : base.align,
    repr: c.repr !== undefined ? c.repr : base.repr,
    fields: c.fields !== undefined ? c.fields : base.fields,
    variants: c.variants !== undefined ? c.variants : base.variants,
    largestNiche: c.largestNiche !== undefined ? c.largestNiche : base.largestNiche,
    uninhabited: c.uninhabited !== undefined ? c.uninhabited : base.uninhabited,
    maxReprAlign: c.maxReprAlign !== undefined ? c.maxReprAlign : base.maxReprAlign,
    unadjustedAlign: c.unadjustedAlign !== undefined ? c.unadjustedAlign : base.unadjustedAlign,
  };
}

export function scalarLayout(s: Scalar, dl: TargetDataLayout): Layout {
  const size = primSize(s.prim, dl);
  const align = primAlign(s.prim, dl);
  return newLayout({
    size, align,
    repr: { kind: 'scalar', s },
    fields: PRIMITIVE_FIELDS,
    variants: singleVariant(0),
    largestNiche: nicheFromScalar(0, s, dl),
    uninhabited: false,
    maxReprAlign: null,
    unadjustedAlign: align,
  });
}

let boundTarget: TargetDataLayout | null = null;
let boundValue = 0;

/**
 * `dl.objectSizeBound` as a number (exact: it is a power of two). Converting the bigint costs more than
 * laying out a small struct, so the last target's value is kept.
 */
export function objectSizeBound(dl: TargetDataLayout): number {
  if (dl !== boundTarget) {
    boundTarget = dl;
    boundValue = Number(dl.objectSizeBound);
  }
  return boundValue;
}

export function alignTo(n: number, align: number): number {
  const r = n % align;
  return r === 0 ? n : n + (align - r);
}

/** `LayoutData::scalar_pair`: b at `round(size(a), align(b))`; the larger niche wins, ties go to `a`. */
export function scalarPairLayout(a: Scalar, b: Scalar, dl: TargetDataLayout): Layout {
  const bAlign = primAlign(b.prim, dl);
  const align = Math.max(primAlign(a.prim, dl), bAlign);
  const bOffset = alignTo(primSize(a.prim, dl), bAlign);
  const size = alignTo(bOffset + primSize(b.prim, dl), align);
  const nb = nicheFromScalar(bOffset, b, dl);
  const na = nicheFromScalar(0, a, dl);
  let largestNiche: Niche | null = null;
  if (nb !== null && na !== null) largestNiche = nicheAvailable(na, dl) >= nicheAvailable(nb, dl) ? na : nb;
  else largestNiche = na ?? nb;
  return newLayout({
    size, align,
    repr: { kind: 'scalarPair', a, b },
    fields: { kind: 'arbitrary', offsets: [0, bOffset], inMemoryOrder: [0, 1] },
    variants: singleVariant(0),
    largestNiche,
    uninhabited: false,
    maxReprAlign: null,
    unadjustedAlign: align,
  });
}

/** Would `scalarPairLayout(a, b)` put `a` at `aOffset` and `b` at `bOffset`, with this alignment and size? */
export function isScalarPairAt(a: Scalar, aOffset: number, b: Scalar, bOffset: number, align: number, size: number, dl: TargetDataLayout): boolean {
  const bAlign = primAlign(b.prim, dl);
  const pairAlign = Math.max(primAlign(a.prim, dl), bAlign);
  const pairBOffset = alignTo(primSize(a.prim, dl), bAlign);
  return aOffset === 0 && bOffset === pairBOffset && align === pairAlign && size === alignTo(pairBOffset + primSize(b.prim, dl), pairAlign);
}

export const NEVER_LAYOUT: Layout = newLayout({
  size: 0, align: 1,
  repr: SIZED_MEMORY,
  fields: PRIMITIVE_FIELDS,
  variants: { kind: 'empty' },
  largestNiche: null,
  uninhabited: true,
  maxReprAlign: null,
  unadjustedAlign: 1,
});

/** Scalar size when the repr is Scalar or ScalarPair (for alignment checks of unions). */
export function reprScalarAlign(l: Layout, dl: TargetDataLayout): number | null {
  if (l.repr.kind === 'scalar') return primAlign(l.repr.s.prim, dl);
  if (l.repr.kind === 'scalarPair') return Math.max(primAlign(l.repr.a.prim, dl), primAlign(l.repr.b.prim, dl));
  return null;
}
