/**
 * The JSON contract of `rustabi layout --json` (one object per requested type). The oracle harness
 * (src/testing) produces the same shape from rustc's `#[rustc_layout(debug)]` dump, so the two can be
 * compared key by key.
 */

export interface ScalarJson {
  readonly prim: 'i8' | 'i16' | 'i32' | 'i64' | 'i128' | 'f16' | 'f32' | 'f64' | 'f128' | 'ptr';
  /** Present for integer primitives. */
  readonly signed?: boolean;
  /** Valid range as unsigned decimal strings of the scalar's width; omitted for a Union scalar. */
  readonly start?: string;
  readonly end?: string;
}

export interface AbiJson {
  readonly kind: 'scalar' | 'scalarPair' | 'vector' | 'memory';
  readonly scalars: readonly ScalarJson[];
  /** vector: element count; memory: whether sized. */
  readonly count?: number;
  readonly sized?: boolean;
  readonly elem?: ScalarJson;
}

export interface VariantJson {
  readonly name: string;
  readonly size: number;
  readonly fields: readonly number[];
}

export interface VariantsJson {
  readonly tag: { readonly offset: number; readonly scalar: ScalarJson };
  readonly encoding: 'direct' | 'niche';
  readonly untaggedVariant?: number;
  readonly nicheVariants?: readonly [number, number];
  readonly nicheStart?: string;
  readonly list: readonly VariantJson[];
}

export interface LayoutJson {
  readonly type: string;
  readonly target: string;
  readonly size: number;
  readonly align: number;
  readonly uninhabited: boolean;
  readonly sized: boolean;
  readonly abi: AbiJson;
  /** Offsets in declaration order for structs, tuples, unions, single-variant enums; null otherwise. */
  readonly fields: readonly number[] | null;
  readonly largestNiche: null | { readonly offset: number; readonly scalar: ScalarJson };
  readonly variants: null | VariantsJson;
}

export interface LayoutErrorJson {
  readonly type: string;
  readonly error: { readonly code: string; readonly message: string };
}
