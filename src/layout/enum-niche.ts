/**
 * The niche-filling enum layout (rustc_abi `layout_of_enum`, `calculate_niche_filling_layout`): the
 * largest variant keeps its struct layout, the other variants' discriminants are encoded as invalid
 * values of its largest niche, and their fields must fit before or after that niche.
 *
 * Whether the layout exists and how large it is needs the largest variant's layout alone: the other
 * variants are only measured (without padding between fields, a struct's size is the sum of its
 * fields' sizes, rounded up), and laid out only if this layout is chosen.
 */
import type { BackendRepr, Layout, Niche, TagEncoding } from '../model/layout.js';
import type { Primitive, WrappingRange } from '../model/scalar.js';
import type { TargetDataLayout } from '../model/target.js';
import type { ReprOptions } from '../model/ty.js';
import type { Reserved } from './niche.js';
import { reserveNiche } from './niche.js';
import { SIZED_MEMORY, alignTo, layoutWith, newLayout, nicheFromScalar, objectSizeBound, primSize, singleVariant } from './primitives.js';
import { fieldsShape, univariant } from './univariant.js';
import type { Candidate, EnumInput } from './variants.js';
import { ALWAYS_SIZED, fieldlessVariants, hasUninhabitedField, isAbsent, multipleVariants } from './variants.js';

const ONE_FIELD: readonly number[] = [0];

interface Reservation {
  readonly prim: Primitive;
  readonly dl: TargetDataLayout;
  readonly reserved: Reserved | null;
  /** The enum's niche (the widened scalar's), by offset. */
  readonly niches: (Niche | null)[];
}

/**
 * Reservations by valid range and count. A niche's valid range is usually a long-lived object (a
 * primitive's, or a tag's, shared across contexts), so memoising by it shares the widened scalars and
 * the niches of niche-filled enums as well as saving the arithmetic.
 */
const RESERVATIONS = new WeakMap<WrappingRange, Map<number, Reservation>>();

/** `reserveNiche(niche, count)` and the niche it leaves at `niche.offset`, memoised. */
function reserve(niche: Niche, count: number, dl: TargetDataLayout): { readonly reserved: Reserved; readonly niche: Niche | null } | null {
  let byCount = RESERVATIONS.get(niche.valid);
  if (byCount === undefined) {
    byCount = new Map();
    RESERVATIONS.set(niche.valid, byCount);
  }
  let r = byCount.get(count);
  if (r === undefined || r.prim !== niche.prim || r.dl !== dl) {
    r = { prim: niche.prim, dl, reserved: reserveNiche(niche, BigInt(count), dl), niches: [] };
    byCount.set(count, r);
  }
  if (r.reserved === null) return null;
  let widened = r.niches[niche.offset];
  if (widened === undefined) {
    widened = nicheFromScalar(niche.offset, r.reserved.scalar, dl);
    if (niche.offset < 256) r.niches[niche.offset] = widened;
  }
  return { reserved: r.reserved, niche: widened };
}

/**
 * `univariant(fields, repr, AlwaysSized)`, which must succeed: the variant was measured below the
 * object size bound. Its size is checked against the measurement, which the layout relies on.
 */
function variantLayout(fields: readonly Layout[], repr: ReprOptions, index: number, measured: number, dl: TargetDataLayout): Layout {
  const l = univariant(fields, repr, ALWAYS_SIZED, dl, index);
  if (typeof l === 'string' || l.size !== measured) throw new Error(`internal error: variant ${index} measured ${measured} bytes, laid out ${typeof l === 'string' ? l : l.size}`);
  return l;
}

export function nicheFilling(input: EnumInput, dl: TargetDataLayout): Candidate | null {
  const { variants, repr } = input;
  if (repr.c || repr.int !== null || variants.length < 2) return null;
  const n = variants.length;
  const bound = objectSizeBound(dl);
  // Measure every variant's struct layout. Its fields are reordered by alignment group, largest first,
  // and every field of a group is a multiple of the group's alignment (so is all that precedes it): no
  // padding between fields, whichever niche bias wins. So the size is the fields' total, rounded up.
  const sizes = new Array<number>(n);
  const aligns = new Array<number>(n);
  let align = 1;
  let maxReprAlign = repr.align;
  let unadjustedAlign = 1;
  let largest = 0;
  let anyNiche = false;
  let uninhabited = true;
  for (let v = 0; v < n; v++) {
    const fields = variants[v] as readonly Layout[];
    let total = 0;
    let a = 1;
    for (const f of fields) {
      total += f.size;
      if (f.align > a) a = f.align;
      if (f.maxReprAlign !== null) maxReprAlign = Math.max(maxReprAlign ?? 0, f.maxReprAlign);
      if (f.largestNiche !== null) anyNiche = true;
    }
    unadjustedAlign = Math.max(unadjustedAlign, a);
    if (repr.align !== null) a = Math.max(a, repr.align);
    const size = alignTo(total, a);
    if (size >= bound) return null; // `univariant` fails
    sizes[v] = size;
    aligns[v] = a;
    align = Math.max(align, a);
    if (size >= (sizes[largest] as number)) largest = v;
    if (!hasUninhabitedField(fields)) uninhabited = false;
  }
  // The niche is the largest variant's, which comes from one of its fields.
  if (!anyNiche) return null;
  let lo = -1;
  let hi = -1;
  for (let v = 0; v < n; v++) if (v !== largest && !isAbsent(variants[v] as Layout[])) { if (lo < 0) lo = v; hi = v; }
  if (lo < 0) return null;
  const untagged = variantLayout(variants[largest] as Layout[], repr, largest, sizes[largest] as number, dl);
  const niche = untagged.largestNiche;
  if (niche === null) return null;
  const reservation = reserve(niche, hi - lo + 1, dl);
  if (reservation === null) return null;
  const reserved = reservation.reserved;
  const nicheOffset = niche.offset;
  const nicheEnd = nicheOffset + primSize(niche.prim, dl);
  const size = alignTo(untagged.size, align);
  // Every other variant must fit before the niche, or after it.
  let othersZst = true;
  for (let v = 0; v < n; v++) {
    if (v === largest) continue;
    const s = sizes[v] as number;
    if (s !== 0) othersZst = false;
    if (s > nicheOffset && alignTo(nicheEnd, aligns[v] as number) + s > size) return null;
  }
  let backend: BackendRepr = SIZED_MEMORY;
  if (size === untagged.size && align === untagged.align && othersZst) {
    const r = untagged.repr;
    if (r.kind === 'scalar') backend = { kind: 'scalar', s: reserved.scalar };
    else if (r.kind === 'scalarPair') {
      backend = nicheOffset === 0
        ? { kind: 'scalarPair', a: reserved.scalar, b: { kind: 'union', prim: r.b.prim } }
        : { kind: 'scalarPair', a: { kind: 'union', prim: r.a.prim }, b: reserved.scalar };
    }
  }
  const largestNiche = reservation.niche;
  const encoding: TagEncoding = { kind: 'niche', untaggedVariant: largest, nicheVariants: [lo, hi], nicheStart: reserved.nicheStart };
  // The other variants lose their niches; those that reach past the niche's start move after its end.
  const build = (): Layout => {
    const out = new Array<Layout>(n);
    let fieldless: ((index: number) => Layout) | null = null;
    for (let v = 0; v < n; v++) {
      const fields = variants[v] as Layout[];
      if (v === largest) { out[v] = untagged; continue; }
      if (fields.length === 0) {
        fieldless ??= fieldlessVariants(variantLayout([], repr, v, 0, dl), 0);
        out[v] = fieldless(v);
        continue;
      }
      const l = variantLayout(fields, repr, v, sizes[v] as number, dl);
      if (l.size <= nicheOffset) { out[v] = l.largestNiche === null ? l : layoutWith(l, { largestNiche: null }); continue; }
      const off = alignTo(nicheEnd, l.align);
      const f = l.fields;
      out[v] = layoutWith(l, {
        largestNiche: null,
        fields: f.kind === 'arbitrary' ? fieldsShape(f.offsets.map((o) => o + off), f.inMemoryOrder) : f,
        repr: l.uninhabited ? l.repr : SIZED_MEMORY,
        size: l.size + off,
        variants: singleVariant(v),
      });
    }
    return newLayout({
      size, align,
      repr: backend,
      fields: fieldsShape([nicheOffset], ONE_FIELD), // shared: enums are many, and each shape is three objects
      variants: multipleVariants(reserved.scalar, encoding, out),
      largestNiche,
      uninhabited,
      maxReprAlign,
      unadjustedAlign,
    });
  };
  return { size, largestNiche, build };
}
