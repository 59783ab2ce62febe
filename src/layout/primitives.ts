/**
 * Sizes, alignments and bit widths of primitives on a target, and the layouts of scalars, scalar pairs
 * and the never type (rustc_abi `LayoutData::{scalar, scalar_pair, never_type}`).
 */
import type { TargetDataLayout } from '../model/target.js';
import type { Integer, Primitive, Scalar } from '../model/scalar.js';
import { FLOAT_BYTES, INTEGER_BYTES, maxOfBits } from '../model/scalar.js';
import type { IntTy } from '../model/ty.js';
import type { Layout, Niche } from '../model/layout.js';

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

const AVAILABLE = new WeakMap<object, bigint>();

/** Number of invalid bit patterns of a niche: `(start - end - 1) mod 2^bits` (memoised per valid range). */
export function nicheAvailable(n: Niche, dl: TargetDataLayout): bigint {
  let a = AVAILABLE.get(n.valid);
  if (a === undefined) {
    a = (n.valid.start - n.valid.end - 1n) & maxOfBits(primBits(n.prim, dl));
    AVAILABLE.set(n.valid, a);
  }
  return a;
}

export function scalarLayout(s: Scalar, dl: TargetDataLayout): Layout {
  const size = primSize(s.prim, dl);
  const align = primAlign(s.prim, dl);
  return {
    size, align,
    repr: { kind: 'scalar', s },
    fields: { kind: 'primitive' },
    variants: { kind: 'single', index: 0 },
    largestNiche: nicheFromScalar(0, s, dl),
    uninhabited: false,
    maxReprAlign: null,
    unadjustedAlign: align,
  };
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
  return {
    size, align,
    repr: { kind: 'scalarPair', a, b },
    fields: { kind: 'arbitrary', offsets: [0, bOffset], inMemoryOrder: [0, 1] },
    variants: { kind: 'single', index: 0 },
    largestNiche,
    uninhabited: false,
    maxReprAlign: null,
    unadjustedAlign: align,
  };
}

export const NEVER_LAYOUT: Layout = {
  size: 0, align: 1,
  repr: { kind: 'memory', sized: true },
  fields: { kind: 'primitive' },
  variants: { kind: 'empty' },
  largestNiche: null,
  uninhabited: true,
  maxReprAlign: null,
  unadjustedAlign: 1,
};

/** Scalar size when the repr is Scalar or ScalarPair (for alignment checks of unions). */
export function reprScalarAlign(l: Layout, dl: TargetDataLayout): number | null {
  if (l.repr.kind === 'scalar') return primAlign(l.repr.s.prim, dl);
  if (l.repr.kind === 'scalarPair') return Math.max(primAlign(l.repr.a.prim, dl), primAlign(l.repr.b.prim, dl));
  return null;
}
