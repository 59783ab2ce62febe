/**
 * Structs, enums and unions (rustc_abi `layout_of_struct_or_enum` + rustc_ty_utils' ADT handling):
 * absent variants, the struct path for univariant enums, UnsafeCell niche hiding and
 * `rustc_layout_scalar_valid_range_*`.
 */
import type { Layout } from '../model/layout.js';
import type { Integer, Scalar } from '../model/scalar.js';
import { INTEGER_BYTES, maxOfBits } from '../model/scalar.js';
import type { TargetDataLayout } from '../model/target.js';
import type { AdtDef } from '../model/ty.js';
import { layoutOfEnum } from './enum.js';
import { isAbsent } from './variants.js';
import { NEVER_LAYOUT, integerOf, layoutWith, nicheAvailable, nicheFromScalar, primBits } from './primitives.js';
import type { StructKind, UnivariantError } from './univariant.js';
import { univariant } from './univariant.js';

export type AdtError =
  | UnivariantError
  | { readonly kind: 'discriminant-overflow'; readonly variant: number }
  | { readonly kind: 'discriminant-duplicate'; readonly variant: number; readonly other: number }
  | { readonly kind: 'valid-range-on-non-scalar' };

function fullValid(s: Scalar, dl: TargetDataLayout): Scalar {
  return s.kind === 'init' ? { ...s, valid: { start: 0n, end: maxOfBits(primBits(s.prim, dl)) } } : s;
}

/** Declared discriminant type: `repr(<int>)` or `isize`. */
export function discrType(def: AdtDef, dl: TargetDataLayout): { int: Integer; signed: boolean } {
  const r = def.repr.int;
  return r === null ? { int: integerOf('size', dl), signed: true } : { int: integerOf(r.int, dl), signed: r.signed };
}

const DISCRIMINANTS = new WeakMap<AdtDef, Map<string, bigint[] | AdtError>>();

/** Discriminant bit patterns (of the declared type) for every variant, or an error (memoised per definition and target). */
export function discriminants(def: AdtDef, dl: TargetDataLayout): bigint[] | AdtError {
  let perTarget = DISCRIMINANTS.get(def);
  if (perTarget === undefined) { perTarget = new Map(); DISCRIMINANTS.set(def, perTarget); }
  let r = perTarget.get(dl.triple);
  if (r === undefined) { r = computeDiscriminants(def, dl); perTarget.set(dl.triple, r); }
  return r;
}

function computeDiscriminants(def: AdtDef, dl: TargetDataLayout): bigint[] | AdtError {
  const { int, signed } = discrType(def, dl);
  const bits = INTEGER_BYTES[int] * 8;
  const lo = signed ? -(1n << BigInt(bits - 1)) : 0n;
  const hi = signed ? (1n << BigInt(bits - 1)) - 1n : maxOfBits(bits);
  const out: bigint[] = [];
  const seen = new Map<bigint, number>();
  let prev: bigint | null = null;
  for (let i = 0; i < def.variants.length; i++) {
    const explicit = (def.variants[i] as AdtDef['variants'][number]).discriminant;
    let v: bigint;
    if (explicit !== null) {
      v = explicit;
      // A literal that fits the unsigned counterpart of a signed type wraps (hex literals such as 0xFFFF_FFFF).
      if (signed && v > hi && v <= maxOfBits(bits)) v = BigInt.asIntN(bits, v);
      if (v < lo || v > hi) return { kind: 'discriminant-overflow', variant: i };
    } else {
      v = prev === null ? 0n : prev + 1n;
      if (v > hi) return { kind: 'discriminant-overflow', variant: i };
    }
    prev = v;
    const bitsV = BigInt.asUintN(bits, v);
    const other = seen.get(bitsV);
    if (other !== undefined) return { kind: 'discriminant-duplicate', variant: i, other };
    seen.set(bitsV, i);
    out.push(bitsV);
  }
  return out;
}

export function layoutOfStructOrEnum(def: AdtDef, variants: readonly (readonly Layout[])[], dl: TargetDataLayout): Layout | AdtError {
  const isEnum = def.kind === 'enum';
  const repr = def.repr;
  // The first present variant, and how many there are (counting stops at 2).
  let first = 0;
  let present = 0;
  for (let i = 0; i < variants.length && present < 2; i++) {
    if (repr.c || !isAbsent(variants[i] as Layout[])) {
      if (present === 0) first = i;
      present++;
    }
  }
  const inhibitEnumOpt = repr.c || repr.int !== null;
  if (present === 0 && isEnum) {
    return NEVER_LAYOUT;
  }
  if (!isEnum || (present === 1 && !inhibitEnumOpt)) {
    return layoutOfStruct(def, variants, first, dl);
  }
  const ds = discriminants(def, dl);
  if (!Array.isArray(ds)) return ds;
  const { int, signed } = discrType(def, dl);
  return layoutOfEnum({ variants, repr, discriminants: ds, discrInt: int, discrSigned: signed }, dl);
}

const ALWAYS_SIZED: StructKind = { kind: 'alwaysSized' };
const MAYBE_UNSIZED: StructKind = { kind: 'maybeUnsized' };

function layoutOfStruct(def: AdtDef, variants: readonly (readonly Layout[])[], index: number, dl: TargetDataLayout): Layout | AdtError {
  const fields = variants[index] as Layout[];
  const alwaysSized = def.kind === 'enum' || fields.length === 0 || !def.lastFieldMaybeUnsized;
  const layout = univariant(fields, def.repr, alwaysSized ? ALWAYS_SIZED : MAYBE_UNSIZED, dl, index);
  if (typeof layout === 'string') return layout;
  if (def.lang === 'unsafe_cell') {
    const r = layout.repr;
    const repr = r.kind === 'scalar' ? { ...r, s: fullValid(r.s, dl) }
      : r.kind === 'scalarPair' ? { ...r, a: fullValid(r.a, dl), b: fullValid(r.b, dl) }
        : r.kind === 'vector' ? { ...r, elem: fullValid(r.elem, dl) } : r;
    return layoutWith(layout, { repr, largestNiche: null });
  }
  const start = def.validRangeStart;
  const end = def.validRangeEnd;
  if (start === null && end === null) return layout;
  const r = layout.repr;
  if (r.kind !== 'scalar' && r.kind !== 'scalarPair') return { kind: 'valid-range-on-non-scalar' };
  const first = r.kind === 'scalar' ? r.s : r.a;
  if (first.kind !== 'init') return { kind: 'valid-range-on-non-scalar' };
  const patched: Scalar = { ...first, valid: { start: start ?? first.valid.start, end: end ?? first.valid.end } };
  const repr = r.kind === 'scalar' ? { ...r, s: patched } : { ...r, a: patched };
  let largestNiche = layout.largestNiche;
  const niche = nicheFromScalar(0, patched, dl);
  if (niche !== null && (largestNiche === null || nicheAvailable(largestNiche, dl) <= nicheAvailable(niche, dl))) largestNiche = niche;
  return layoutWith(layout, { repr, largestNiche });
}
