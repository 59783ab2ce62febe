/**
 * Multi-variant enum layout (rustc_abi `LayoutCalculator::layout_of_enum`, rustc 1.95): the tagged
 * ("Direct") layout with the largest-gap discriminant range and tag enlargement, and the choice
 * between it and the niche-filling layout (enum-niche.ts).
 *
 * Each strategy first works out only what the choice needs (size, alignment, niche); the variant
 * layouts are built for the winner alone. When the niche-filling layout exists and bounds on the tagged
 * layout's size show it would win, the tagged layout is not computed at all.
 */
import type { BackendRepr, Layout, Niche, TagEncoding } from '../model/layout.js';
import { is1Zst, isZst } from '../model/layout.js';
import type { Integer, Primitive, Scalar } from '../model/scalar.js';
import { INTEGER_BYTES, INTEGERS, maxOfBits, primEquals } from '../model/scalar.js';
import type { TargetDataLayout } from '../model/target.js';
import type { ReprOptions } from '../model/ty.js';
import { nicheFilling } from './enum-niche.js';
import { SIZED_MEMORY, alignTo, intAlignOf, isScalarPairAt, layoutWith, newLayout, nicheAvailable, nicheFromScalar, objectSizeBound, primAlign, primSize, singleVariant } from './primitives.js';
import type { StructKind, UnivariantError } from './univariant.js';
import { fieldsShape, univariant } from './univariant.js';
import type { Candidate, EnumInput } from './variants.js';
import { asVariant, fieldlessVariants, hasUninhabitedField, multipleVariants } from './variants.js';

const DIRECT: TagEncoding = { kind: 'direct' };

/** A tagged enum's own fields: the tag, at 0 (one shape for all). */
const TAG_FIELD = fieldsShape([0], [0]);

/** Tag primitives by integer, unsigned then signed, shared (every enum layout keeps one). */
const INT_PRIMITIVES = new Map<Integer, readonly [Primitive, Primitive]>(
  INTEGERS.map((int) => [int, [{ kind: 'int', int, signed: false }, { kind: 'int', int, signed: true }]]),
);

function intPrimitive(int: Integer, signed: boolean): Primitive {
  return (INT_PRIMITIVES.get(int) as readonly [Primitive, Primitive])[signed ? 1 : 0];
}

/** Range of each integer type, signed and unsigned (mathematical values). */
const SIGNED_MIN = INTEGERS.map((i) => -(1n << BigInt(INTEGER_BYTES[i] * 8 - 1)));
const SIGNED_MAX = INTEGERS.map((i) => (1n << BigInt(INTEGER_BYTES[i] * 8 - 1)) - 1n);
const UNSIGNED_MAX = INTEGERS.map((i) => maxOfBits(INTEGER_BYTES[i] * 8));
const RANK: Readonly<Record<Integer, number>> = { I8: 0, I16: 1, I32: 2, I64: 3, I128: 4 };

function fitSigned(x: bigint): Integer {
  for (let r = 0; r < INTEGERS.length; r++) if (x >= (SIGNED_MIN[r] as bigint) && x <= (SIGNED_MAX[r] as bigint)) return INTEGERS[r] as Integer;
  return 'I128';
}

function fitUnsigned(x: bigint): Integer {
  for (let r = 0; r < INTEGERS.length; r++) if (x <= (UNSIGNED_MAX[r] as bigint)) return INTEGERS[r] as Integer;
  return 'I128';
}

const maxInt = (a: Integer, b: Integer): Integer => (RANK[a] >= RANK[b] ? a : b);

interface DiscrRange {
  readonly min: bigint;
  readonly max: bigint;
  /**
   * Tag scalars over this range and their niches, by integer (see `tagScalar`). Ranges are memoised per
   * definition, so these immutable scalars are shared by every layout of the enum, in every context.
   */
  readonly tags: Map<number, { readonly scalar: Scalar; readonly niche: Niche | null }>;
  /** The smallest tag integer for the range (`discrRangeOfRepr`), once known. */
  smallest: { readonly ity: Integer; readonly signed: boolean } | null;
}

/** The tag scalar of `ity` over `range`, and its niche at offset 0. */
function tagScalar(range: DiscrRange, ity: Integer, signed: boolean, dl: TargetDataLayout): { readonly scalar: Scalar; readonly niche: Niche | null } {
  const key = RANK[ity] * 2 + (signed ? 1 : 0);
  let tag = range.tags.get(key);
  if (tag === undefined) {
    const mask = maxOfBits(INTEGER_BYTES[ity] * 8);
    const scalar: Scalar = { kind: 'init', prim: intPrimitive(ity, signed), valid: { start: range.min & mask, end: range.max & mask } };
    tag = { scalar, niche: nicheFromScalar(0, scalar, dl) };
    range.tags.set(key, tag);
  }
  return tag;
}

/** The range over all variants, per discriminant array: it depends on the definition alone. */
const FULL_DISCR_RANGE = new WeakMap<readonly bigint[], DiscrRange>();

/**
 * The valid discriminant range: everything but the largest gap between used values (PR #144577).
 * Variants with an uninhabited field do not count (unless `repr(C)`); in the common case there are
 * none, and the range over all variants is memoised per definition.
 */
function discriminantRange(input: EnumInput): DiscrRange {
  if (input.repr.c || !input.variants.some(hasUninhabitedField)) {
    let r = FULL_DISCR_RANGE.get(input.discriminants);
    if (r === undefined) {
      r = largestGapRange(input, input.discriminants);
      FULL_DISCR_RANGE.set(input.discriminants, r);
    }
    return r;
  }
  return largestGapRange(input, input.discriminants.filter((_, i) => !hasUninhabitedField(input.variants[i] as Layout[])));
}

function largestGapRange(input: EnumInput, used: readonly bigint[]): DiscrRange {
  const bits = INTEGER_BYTES[input.discrInt] * 8;
  const set = new Set<bigint>();
  for (const d of used) set.add(input.discrSigned ? BigInt.asIntN(bits, d) : d);
  const sorted = [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (sorted.length === 0) return { min: 0n, max: 0n, tags: new Map(), smallest: null };
  const mask128 = maxOfBits(128);
  const typeMax = input.discrSigned ? (1n << BigInt(bits - 1)) - 1n : maxOfBits(bits);
  let best = { s: 0n, e: 0n, dist: -1n };
  for (let k = 0; k < sorted.length; k++) {
    const s = sorted[k] as bigint;
    const e = sorted[(k + 1) % sorted.length] as bigint;
    const dist = s <= e ? e - s : (typeMax - (s - e)) & mask128;
    if (dist >= best.dist) best = { s, e, dist };
  }
  return { min: best.e, max: best.s, tags: new Map(), smallest: null };
}

function discrRangeOfRepr(min: bigint, max: bigint, input: EnumInput, dl: TargetDataLayout): { ity: Integer; signed: boolean } {
  if (input.repr.int !== null) return { ity: input.discrInt, signed: input.discrSigned };
  const asU128 = (x: bigint): bigint => x & maxOfBits(128);
  const uf = fitUnsigned(asU128(min) > asU128(max) ? asU128(min) : asU128(max));
  const sf = maxInt(fitSigned(min), fitSigned(max));
  const atLeast: Integer = input.repr.c ? (fitUnsigned(maxOfBits(dl.cEnumMinSize * 8))) : 'I8';
  return RANK[uf] <= RANK[sf] ? { ity: maxInt(uf, atLeast), signed: false } : { ity: maxInt(sf, atLeast), signed: true };
}

/** The discriminant range and the smallest tag integer for it (before enlargement). */
interface MinimalTag {
  readonly range: DiscrRange;
  readonly ity: Integer;
  readonly signed: boolean;
  /** Alignment of the variants' prefix (the tag's, or with `repr(C)` the largest field's). */
  readonly prefixAlign: number;
}

function minimalTag(input: EnumInput, dl: TargetDataLayout): MinimalTag {
  const range = discriminantRange(input);
  // Like the range, this depends on the definition (and target) alone.
  range.smallest ??= discrRangeOfRepr(range.min, range.max, input, dl);
  const { ity, signed } = range.smallest;
  let prefixAlign = intAlignOf(ity, dl);
  if (input.repr.c) for (const fs of input.variants) for (const f of fs) prefixAlign = Math.max(prefixAlign, f.align);
  return { range, ity, signed, prefixAlign };
}

/**
 * Is the tagged layout sure to be larger than `size` and below the object size bound? Bounds from the
 * field sizes alone: a variant's fields follow the tag with no padding between them at best, and less
 * than each field's alignment before it at worst; the variant and the enum round up to their alignment.
 */
function taggedIsLarger(input: EnumInput, tag: MinimalTag, size: number, dl: TargetDataLayout): boolean {
  const { repr } = input;
  const start = alignTo(INTEGER_BYTES[tag.ity], tag.prefixAlign);
  let least = 0;
  let most = 0;
  let align = 1;
  for (const fields of input.variants) {
    let a = tag.prefixAlign;
    let tight = start;
    let loose = start;
    for (const f of fields) {
      tight += f.size;
      loose += f.size + f.align - 1;
      if (f.align > a) a = f.align;
    }
    if (repr.align !== null) a = Math.max(a, repr.align);
    least = Math.max(least, alignTo(tight, a));
    most = Math.max(most, alignTo(loose, a));
    align = Math.max(align, a);
  }
  return alignTo(least, align) > size && alignTo(most, align) < objectSizeBound(dl);
}

/**
 * `univariant` of every variant with `kind`; the variants without fields share one layout (carrying
 * index 0). The first error, if any.
 */
function variantLayouts(variants: readonly (readonly Layout[])[], repr: ReprOptions, kind: StructKind, dl: TargetDataLayout): Layout[] | UnivariantError {
  const layouts = new Array<Layout>(variants.length);
  let fieldless: Layout | null = null;
  for (let i = 0; i < variants.length; i++) {
    const fields = variants[i] as Layout[];
    if (fields.length === 0 && fieldless !== null) { layouts[i] = fieldless; continue; }
    const st = univariant(fields, repr, kind, dl, i);
    if (typeof st === 'string') return st;
    if (fields.length === 0) fieldless = st;
    layouts[i] = st;
  }
  return layouts;
}

/** The common payload primitive of all variants (E12), or null. `offsetOf` gives a field's final offset. */
function commonPrim(variants: readonly (readonly Layout[])[], offsetOf: (variant: number, field: number) => number, dl: TargetDataLayout): { prim: Primitive; offset: number; init: boolean } | null {
  let common: { prim: Primitive; offset: number } | null = null;
  let init = true;
  for (let v = 0; v < variants.length; v++) {
    const fields = variants[v] as Layout[];
    let idx = -1;
    for (let i = 0; i < fields.length; i++) {
      if (isZst(fields[i] as Layout)) continue;
      if (idx >= 0) return null; // two non-ZST fields
      idx = i;
    }
    if (idx < 0) { init = false; continue; }
    const field = fields[idx] as Layout;
    if (field.repr.kind !== 'scalar') return null;
    init &&= field.repr.s.kind === 'init';
    const prim = field.repr.s.prim;
    const offset = offsetOf(v, idx);
    if (common === null) { common = { prim, offset }; continue; }
    if (offset !== common.offset) return null;
    const old: Primitive = common.prim;
    let next: Primitive | null = null;
    if (primEquals(old, prim)) next = old;
    else if (old.kind === 'int' && prim.kind === 'int' && old.int === prim.int) next = old;
    else if ((old.kind === 'ptr' && prim.kind === 'int') || (old.kind === 'int' && prim.kind === 'ptr')) {
      if (primSize(old, dl) === primSize(prim, dl) && primAlign(old, dl) === primAlign(prim, dl)) next = old.kind === 'ptr' ? old : prim;
    }
    if (next === null) return null;
    common = { prim: next, offset };
  }
  return common === null ? null : { ...common, init };
}

function tagged(input: EnumInput, minimal: MinimalTag, dl: TargetDataLayout): Candidate | UnivariantError {
  const { variants, repr } = input;
  const { range, ity: minIty, signed, prefixAlign } = minimal;
  const layouts = variantLayouts(variants, repr, { kind: 'prefixed', tagSize: INTEGER_BYTES[minIty], prefixAlign }, dl);
  if (typeof layouts === 'string') return layouts;
  let align = 1;
  let maxReprAlign = repr.align;
  let unadjustedAlign = 1;
  let size = 0;
  // The smallest alignment of a variant's first non-1-ZST field (in memory order).
  let startAlign = 256;
  for (let i = 0; i < layouts.length; i++) {
    const st = layouts[i] as Layout;
    const fields = variants[i] as Layout[];
    if (st.fields.kind === 'arbitrary') {
      for (const idx of st.fields.inMemoryOrder) {
        const f = fields[idx] as Layout;
        if (!is1Zst(f)) { startAlign = Math.min(startAlign, f.align); break; }
      }
    }
    size = Math.max(size, st.size);
    align = Math.max(align, st.align);
    if (st.maxReprAlign !== null) maxReprAlign = Math.max(maxReprAlign ?? 0, st.maxReprAlign);
    unadjustedAlign = Math.max(unadjustedAlign, st.unadjustedAlign);
  }
  size = alignTo(size, align);
  if (size >= objectSizeBound(dl)) return 'size-overflow';

  let ity = minIty;
  if (!repr.c && repr.int === null) {
    // Integer::for_align: an integer whose size and alignment both equal start_align.
    const cand = INTEGERS.find((i) => INTEGER_BYTES[i] === startAlign && intAlignOf(i, dl) === startAlign);
    if (cand !== undefined && RANK[cand] > RANK[minIty]) ity = cand;
  }
  // Tag enlargement: what started within the old tag starts after the new, larger one.
  const oldSize = INTEGER_BYTES[minIty];
  const newSize = INTEGER_BYTES[ity];
  const enlarged = ity !== minIty;
  const enlarge = (o: number): number => (enlarged && o <= oldSize ? newSize : o);
  const { scalar: tag, niche } = tagScalar(range, ity, signed, dl);
  let backend: BackendRepr = SIZED_MEMORY;
  if (newSize === size) backend = { kind: 'scalar', s: tag };
  else {
    const offsetOf = (v: number, field: number): number => {
      const shape = (layouts[v] as Layout).fields;
      return enlarge(shape.kind === 'arbitrary' ? (shape.offsets[field] as number) : 0);
    };
    const common = commonPrim(variants, offsetOf, dl);
    if (common !== null) {
      const bits = primSize(common.prim, dl) * 8;
      const payload: Scalar = common.init
        ? { kind: 'init', prim: common.prim, valid: { start: 0n, end: maxOfBits(bits) } }
        : { kind: 'union', prim: common.prim };
      if (isScalarPairAt(tag, 0, payload, common.offset, align, size, dl)) backend = { kind: 'scalarPair', a: tag, b: payload };
    }
  }
  // A Scalar/ScalarPair enum gives that repr to every variant with fields that is still in memory.
  const shareRepr = backend.kind === 'scalar' || backend.kind === 'scalarPair';
  let fieldless: ((index: number) => Layout) | null = null;
  const finish = (l: Layout, i: number): Layout => {
    if ((variants[i] as Layout[]).length === 0) {
      fieldless ??= fieldlessVariants(l, enlarge(l.size));
      return fieldless(i);
    }
    const f = l.fields;
    const takesRepr = shareRepr && f.kind === 'arbitrary' && f.offsets.length > 0 && l.repr.kind === 'memory';
    if (!enlarged && !takesRepr) return asVariant(l, i);
    const vsize = enlarge(l.size);
    return layoutWith(l, {
      fields: enlarged && f.kind === 'arbitrary' ? fieldsShape(f.offsets.map(enlarge), f.inMemoryOrder) : f,
      repr: takesRepr ? backend : l.repr,
      size: takesRepr ? Math.max(vsize, size) : vsize,
      align: takesRepr ? Math.max(l.align, align) : l.align,
      variants: singleVariant(i),
    });
  };
  const build = (): Layout => newLayout({
    size, align,
    repr: backend,
    fields: TAG_FIELD,
    variants: multipleVariants(tag, DIRECT, layouts.map(finish)),
    largestNiche: niche,
    uninhabited: layouts.every((l) => l.uninhabited),
    maxReprAlign,
    unadjustedAlign,
  });
  return { size, largestNiche: niche, build };
}

export function layoutOfEnum(input: EnumInput, dl: TargetDataLayout): Layout | UnivariantError {
  const tag = minimalTag(input, dl);
  const niche = nicheFilling(input, dl);
  if (niche !== null && taggedIsLarger(input, tag, niche.size, dl)) return niche.build();
  const tl = tagged(input, tag, dl);
  if (typeof tl === 'string') return tl;
  if (niche !== null) {
    const ns = (t: Candidate): bigint => (t.largestNiche === null ? 0n : nicheAvailable(t.largestNiche, dl));
    if (tl.size > niche.size || (tl.size === niche.size && ns(tl) < ns(niche))) return niche.build();
  }
  return tl.build();
}
