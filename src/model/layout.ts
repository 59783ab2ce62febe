/**
 * Layouts: rustc_abi's `LayoutData` vocabulary (FieldsShape, Variants, TagEncoding, Niche, BackendRepr).
 * Field indices in `offsets` are *source* order; `inMemoryOrder` lists source indices by increasing offset.
 */
import type { Primitive, Scalar, WrappingRange } from './scalar.js';

export type FieldsShape =
  | { readonly kind: 'primitive' }
  | { readonly kind: 'union'; readonly count: number }
  | { readonly kind: 'array'; readonly stride: number; readonly count: bigint }
  | { readonly kind: 'arbitrary'; readonly offsets: readonly number[]; readonly inMemoryOrder: readonly number[] };

export type TagEncoding =
  | { readonly kind: 'direct' }
  | {
      readonly kind: 'niche';
      readonly untaggedVariant: number;
      readonly nicheVariants: readonly [number, number];
      readonly nicheStart: bigint;
    };

export type Variants =
  | { readonly kind: 'single'; readonly index: number }
  | { readonly kind: 'empty' }
  | {
      readonly kind: 'multiple';
      readonly tag: Scalar;
      readonly encoding: TagEncoding;
      /** Always field 0 of the enum's own fields shape (whose offset is the tag's offset). */
      readonly tagField: 0;
      readonly variants: readonly Layout[];
    };

export interface Niche {
  readonly offset: number;
  readonly prim: Primitive;
  readonly valid: WrappingRange;
}

export type BackendRepr =
  | { readonly kind: 'scalar'; readonly s: Scalar }
  | { readonly kind: 'scalarPair'; readonly a: Scalar; readonly b: Scalar }
  | { readonly kind: 'vector'; readonly elem: Scalar; readonly count: number }
  | { readonly kind: 'memory'; readonly sized: boolean };

export interface Layout {
  readonly size: number;
  readonly align: number;
  readonly repr: BackendRepr;
  readonly fields: FieldsShape;
  readonly variants: Variants;
  readonly largestNiche: Niche | null;
  readonly uninhabited: boolean;
  /** rustc's `max_repr_align`: the largest `repr(align)` seen in this type or its fields (affects C ABI only). */
  readonly maxReprAlign: number | null;
  /** rustc's `unadjusted_abi_align`: the alignment before `repr(align)` raised it. */
  readonly unadjustedAlign: number;
}

export function isZst(l: Layout): boolean {
  return l.size === 0 && l.repr.kind === 'memory' ? l.repr.sized : l.size === 0;
}

/** Size 0 and align 1 (rustc's `is_1zst`). */
export function is1Zst(l: Layout): boolean {
  return isZst(l) && l.align === 1;
}

export function isSized(l: Layout): boolean {
  return !(l.repr.kind === 'memory' && !l.repr.sized);
}
