/**
 * Struct, tuple and enum-variant layout (rustc_abi `LayoutCalculator::univariant{,_biased}`):
 * field reordering by alignment group and niche, placement, ScalarPair/newtype repr detection,
 * and the niche-bias retry that moves a niche away from the middle of the struct.
 *
 * This is the solver's hottest code (every struct, tuple and enum variant passes through it, an enum
 * twice), so it allocates little: per-field facts live in plain arrays computed once per call, the
 * memory order is sorted in place, and the niche object is built once at the end.
 */
import type { BackendRepr, FieldsShape, Layout, Niche } from '../model/layout.js';
import { isZst } from '../model/layout.js';
import type { TargetDataLayout } from '../model/target.js';
import type { ReprOptions } from '../model/ty.js';
import { SIZED_MEMORY, UNSIZED_MEMORY, alignTo, isScalarPairAt, newLayout, nicheAvailable, objectSizeBound, primSize, singleVariant } from './primitives.js';

export type StructKind =
  | { readonly kind: 'alwaysSized' }
  | { readonly kind: 'maybeUnsized' }
  /** A tagged-enum variant: fields start after a tag of `tagSize` bytes aligned to `prefixAlign`. */
  | { readonly kind: 'prefixed'; readonly tagSize: number; readonly prefixAlign: number };

export type UnivariantError = 'size-overflow' | 'unsized-field';

type Bias = 'start' | 'end';

/** Trailing zeros of a positive integer (exact above 2^32 too). */
function tz(n: number): number {
  if (n < 2 ** 31) return 31 - Math.clz32(n & -n);
  let z = 0;
  let v = n;
  while (v % 2 === 0) { v /= 2; z++; }
  return z;
}

function inhibitReordering(repr: ReprOptions): boolean {
  return repr.c || repr.simd || repr.int !== null;
}

/*
 * Per-field scratch space: the niche sizes (which `univariant` fills for both biased layouts) and the
 * numeric sort keys of `memoryOrder`. They would be garbage after every call; `univariant` never
 * re-enters itself, so one set of arrays serves all calls.
 */
const NICHES: bigint[] = [];
const GROUP: number[] = [];
const POSITION: number[] = [];

/**
 * rustc's sort order of fields `a` and `b` (negative: `a` first), from the scratch keys: tagged-enum
 * variants by (alignment group, niche size) ascending; structs by alignment group descending, then
 * niche size (largest first with Start bias, last with End bias), then niche position.
 */
function compareFields(a: number, b: number, prefixed: boolean, nicheAscending: boolean): number {
  const ga = GROUP[a] as number;
  const gb = GROUP[b] as number;
  if (ga !== gb) return prefixed ? ga - gb : gb - ga;
  const na = NICHES[a] as bigint;
  const nb = NICHES[b] as bigint;
  if (na !== nb) return (na < nb) === nicheAscending ? -1 : 1;
  return (POSITION[a] as number) - (POSITION[b] as number);
}

/** Source indices in memory order: rustc sorts all fields but an unsized last one, stably, by key. */
function memoryOrder(fields: readonly Layout[], repr: ReprOptions, kind: StructKind, bias: Bias, dl: TargetDataLayout): readonly number[] {
  const n = fields.length;
  if (inhibitReordering(repr) || n <= 1) return identityOrder(n);
  const end = kind.kind === 'maybeUnsized' ? n - 1 : n;
  let largestNiche = 0n;
  let maxAlign = 1;
  for (let i = 0; i < end; i++) {
    const niche = NICHES[i] as bigint;
    if (niche > largestNiche) largestNiche = niche;
    const a = (fields[i] as Layout).align;
    if (a > maxAlign) maxAlign = a;
  }
  const pack = repr.packed;
  const prefixed = kind.kind === 'prefixed';
  for (let i = 0; i < end; i++) {
    const f = fields[i] as Layout;
    let g: number;
    if (pack !== null) g = Math.min(f.align, pack);
    else if (largestNiche === 0n) g = tz(Math.max(f.align, f.size));
    else if (bias === 'start') g = Math.min(tz(maxAlign), tz(Math.max(f.align, f.size)));
    else g = NICHES[i] === largestNiche ? tz(f.align) : tz(Math.max(f.align, f.size));
    GROUP[i] = g;
    // Start: smaller niche offset first. End: a niche nearer the field's end sorts later (rustc uses
    // `!(size - niche_size - offset)`; only fields with equal, non-zero niche sizes ever compare here).
    const niche = f.largestNiche;
    POSITION[i] = prefixed || niche === null ? 0
      : bias === 'start' ? niche.offset : -(f.size - primSize(niche.prim, dl) - niche.offset);
  }
  const nicheAscending = prefixed || bias === 'end';
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (end > 32) {
    // Array#sort is stable, like rustc's sort_by_key.
    const sorted = order.slice(0, end).sort((a, b) => compareFields(a, b, prefixed, nicheAscending));
    for (let i = 0; i < end; i++) order[i] = sorted[i] as number;
  } else {
    // Stable insertion sort: structs have few fields, and this allocates nothing.
    for (let i = 1; i < end; i++) {
      const x = order[i] as number;
      let j = i - 1;
      while (j >= 0 && compareFields(order[j] as number, x, prefixed, nicheAscending) > 0) { order[j + 1] = order[j] as number; j--; }
      order[j + 1] = x;
    }
  }
  for (let i = 0; i < n; i++) if (order[i] !== i) return order;
  return identityOrder(n);
}

const IDENTITY_ORDERS: (readonly number[])[] = [];

/**
 * `[0, 1, …, n-1]`, shared: most structs keep their declaration order, and every layout the memo keeps
 * is a few more objects for the GC to carry.
 */
function identityOrder(n: number): readonly number[] {
  let order = IDENTITY_ORDERS[n];
  if (order === undefined) {
    const fresh = new Array<number>(n);
    for (let i = 0; i < n; i++) fresh[i] = i;
    order = fresh;
    if (n <= 64) IDENTITY_ORDERS[n] = order;
  }
  return order;
}

/** One biased layout; `NICHES` holds the fields' niche sizes. */
function univariantBiased(
  fields: readonly Layout[], repr: ReprOptions, kind: StructKind, bias: Bias, dl: TargetDataLayout, index: number,
): Layout | UnivariantError {
  const n = fields.length;
  const pack = repr.packed;
  let align = 1;
  let maxReprAlign = repr.align;
  const inMemoryOrder = memoryOrder(fields, repr, kind, bias, dl);
  const bound = objectSizeBound(dl);
  // Source order; every entry is set below (inMemoryOrder is a permutation), or there is an error.
  const offsets = new Array<number>(n);
  let offset = 0;
  let sized = true;
  let uninhabited = false;
  // The field holding the largest niche so far (-1: none) and that niche's size.
  let nicheField = -1;
  let largestNicheSize = 0n;
  if (kind.kind === 'prefixed') {
    const pa = pack !== null ? Math.min(kind.prefixAlign, pack) : kind.prefixAlign;
    align = Math.max(align, pa);
    offset = alignTo(kind.tagSize, pa);
  }
  for (let k = 0; k < n; k++) {
    const i = inMemoryOrder[k] as number;
    const f = fields[i] as Layout;
    if (!sized) return 'unsized-field';
    if (f.repr.kind === 'memory' && !f.repr.sized) sized = false;
    if (f.uninhabited) uninhabited = true;
    const fa = pack !== null ? Math.min(f.align, pack) : f.align;
    offset = alignTo(offset, fa);
    if (fa > align) align = fa;
    if (f.maxReprAlign !== null) maxReprAlign = Math.max(maxReprAlign ?? 0, f.maxReprAlign);
    offsets[i] = offset;
    if (f.largestNiche !== null) {
      const avail = NICHES[i] as bigint;
      if (bias === 'start' ? avail > largestNicheSize : avail >= largestNicheSize) {
        largestNicheSize = avail;
        nicheField = i;
      }
    }
    offset += f.size;
    if (offset >= bound) return 'size-overflow';
  }
  let unadjustedAlign = align;
  if (repr.align !== null) align = Math.max(align, repr.align);
  const size = alignTo(offset, align);
  if (size >= bound) return 'size-overflow';

  let backend: BackendRepr = sized ? SIZED_MEMORY : UNSIZED_MEMORY;
  // The first two non-ZST fields in source order, and how many there are (counting stops at 3).
  let first = -1;
  let second = -1;
  let nonZst = 0;
  if (sized && size > 0) {
    for (let i = 0; i < n && nonZst < 3; i++) {
      if (isZst(fields[i] as Layout)) continue;
      if (nonZst === 0) first = i;
      else if (nonZst === 1) second = i;
      nonZst++;
    }
    if (nonZst === 1) {
      const f = fields[first] as Layout;
      if (offsets[first] === 0 && align === f.align && size === f.size) {
        const optimizeAbi = !repr.c;
        if ((f.repr.kind === 'scalar' || f.repr.kind === 'vector') && optimizeAbi) backend = f.repr;
        else if (f.repr.kind === 'scalarPair') backend = f.repr;
      }
    } else if (nonZst === 2) {
      const fi = (fields[first] as Layout).repr;
      const fj = (fields[second] as Layout).repr;
      if (fi.kind === 'scalar' && fj.kind === 'scalar') {
        const oi = offsets[first] as number;
        const oj = offsets[second] as number;
        // The pair is (lower offset, higher offset), whatever the source order.
        if (oi < oj) {
          if (isScalarPairAt(fi.s, oi, fj.s, oj, align, size, dl)) backend = { kind: 'scalarPair', a: fi.s, b: fj.s };
        } else if (isScalarPairAt(fj.s, oj, fi.s, oi, align, size, dl)) backend = { kind: 'scalarPair', a: fj.s, b: fi.s };
      }
    }
  }
  if (repr.transparent && nonZst === 1) unadjustedAlign = (fields[first] as Layout).unadjustedAlign;
  let largestNiche: Niche | null = null;
  if (nicheField >= 0) {
    const niche = (fields[nicheField] as Layout).largestNiche as Niche;
    const at = offsets[nicheField] as number;
    largestNiche = at === 0 ? niche : { offset: niche.offset + at, prim: niche.prim, valid: niche.valid };
  }
  return newLayout({
    size, align,
    repr: backend,
    fields: fieldsShape(offsets, inMemoryOrder),
    variants: singleVariant(index),
    largestNiche,
    uninhabited,
    maxReprAlign,
    unadjustedAlign,
  });
}

const NO_FIELDS: FieldsShape = { kind: 'arbitrary', offsets: [], inMemoryOrder: [] };
const SHAPES = new Map<number, FieldsShape>();
/** The table lives as long as the process: a bound keeps a long-running one from growing it without end. */
const MAX_SHARED_SHAPES = 1 << 16;

/**
 * The fields shape of these offsets and memory order, shared when small (up to four fields, offsets
 * below 1024): most structs and variants are, with few distinct shapes, and a shape is three to five
 * objects that the memo would otherwise keep per layout.
 */
export function fieldsShape(offsets: number[], inMemoryOrder: readonly number[]): FieldsShape {
  const n = offsets.length;
  if (n === 0) return NO_FIELDS;
  if (n > 4) return { kind: 'arbitrary', offsets, inMemoryOrder };
  // A number that tells shapes apart: the field count, then per field its offset (10 bits) and its
  // source index in memory order (2 bits). At most 3 + 4 × 12 bits: exact.
  let key = n;
  for (let i = 0; i < n; i++) {
    const offset = offsets[i] as number;
    if (offset >= 1024) return { kind: 'arbitrary', offsets, inMemoryOrder };
    key = key * 4096 + offset * 4 + (inMemoryOrder[i] as number);
  }
  let shape = SHAPES.get(key);
  if (shape === undefined) {
    shape = { kind: 'arbitrary', offsets, inMemoryOrder };
    if (SHAPES.size < MAX_SHARED_SHAPES) SHAPES.set(key, shape);
  }
  return shape;
}

/**
 * `univariant`: the Start-biased layout, or the End-biased one when it moves the niche to the front/back.
 * `index` is the variant index the layout carries (`Variants::Single`): 0 but for enum variants.
 */
export function univariant(
  fields: readonly Layout[], repr: ReprOptions, kind: StructKind, dl: TargetDataLayout, index = 0,
): Layout | UnivariantError {
  for (let i = 0; i < fields.length; i++) {
    const niche = (fields[i] as Layout).largestNiche;
    NICHES[i] = niche === null ? 0n : nicheAvailable(niche, dl);
  }
  const layout = univariantBiased(fields, repr, kind, 'start', dl, index);
  if (typeof layout === 'string' || kind.kind === 'maybeUnsized' || layout.largestNiche === null) return layout;
  const niche = layout.largestNiche;
  const head = niche.offset;
  const tail = layout.size - head - primSize(niche.prim, dl);
  if (fields.length > 1 && head !== 0 && tail > 0) {
    const alt = univariantBiased(fields, repr, kind, 'end', dl, index);
    if (typeof alt !== 'string' && alt.largestNiche !== null) {
      const altHead = alt.largestNiche.offset;
      if (altHead > head && altHead > tail) return alt;
    }
  }
  return layout;
}
