/**
 * Struct, tuple and enum-variant layout (rustc_abi `LayoutCalculator::univariant{,_biased}`):
 * field reordering by alignment group and niche, placement, ScalarPair/newtype repr detection,
 * and the niche-bias retry that moves a niche away from the middle of the struct.
 */
import type { BackendRepr, Layout, Niche } from '../model/layout.js';
import { isZst } from '../model/layout.js';
import type { TargetDataLayout } from '../model/target.js';
import type { ReprOptions } from '../model/ty.js';
import { alignTo, nicheAvailable, primSize, scalarPairLayout } from './primitives.js';

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

/** A layout's niche size, 0 if none. */
function nicheSize(l: Layout, dl: TargetDataLayout): bigint {
  return l.largestNiche === null ? 0n : nicheAvailable(l.largestNiche, dl);
}

function cmpBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function memoryOrder(fields: readonly Layout[], niches: readonly bigint[], repr: ReprOptions, kind: StructKind, bias: Bias, dl: TargetDataLayout): number[] {
  const order = fields.map((_, i) => i);
  if (inhibitReordering(repr) || fields.length <= 1) return order;
  const end = kind.kind === 'maybeUnsized' ? fields.length - 1 : fields.length;
  let largestNiche = 0n;
  let maxAlign = 1;
  for (let i = 0; i < end; i++) {
    const n = niches[i] as bigint;
    if (n > largestNiche) largestNiche = n;
    const a = (fields[i] as Layout).align;
    if (a > maxAlign) maxAlign = a;
  }
  const pack = repr.packed;
  const group = (f: Layout, n: bigint): number => {
    if (pack !== null) return Math.min(f.align, pack);
    const sizeAsAlign = tz(Math.max(f.align, f.size));
    if (largestNiche === 0n) return sizeAsAlign;
    if (bias === 'start') return Math.min(tz(maxAlign), sizeAsAlign);
    return n === largestNiche ? tz(f.align) : sizeAsAlign;
  };
  const keyed = order.slice(0, end).map((i) => {
    const f = fields[i] as Layout;
    const n = niches[i] as bigint;
    const g = group(f, n);
    if (kind.kind === 'prefixed') return { i, k1: g, k2: n, k3: 0 };
    const niche = f.largestNiche;
    // Start: smaller niche offset first. End: a niche nearer the field's end sorts later (rustc uses
    // `!(size - niche_size - offset)`; only fields with equal, non-zero niche sizes ever compare here).
    let k3 = 0;
    if (niche !== null) k3 = bias === 'start' ? niche.offset : -(f.size - primSize(niche.prim, dl) - niche.offset);
    return { i, k1: -g, k2: bias === 'start' ? -n : n, k3 };
  });
  keyed.sort((a, b) => a.k1 - b.k1 || cmpBig(a.k2, b.k2) || a.k3 - b.k3);
  return [...keyed.map((k) => k.i), ...order.slice(end)];
}

function univariantBiased(
  fields: readonly Layout[], repr: ReprOptions, kind: StructKind, bias: Bias, dl: TargetDataLayout,
): Layout | UnivariantError {
  const pack = repr.packed;
  let align = 1;
  let maxReprAlign = repr.align;
  const niches = fields.map((f) => nicheSize(f, dl));
  const inverse = memoryOrder(fields, niches, repr, kind, bias, dl);
  const bound = Number(dl.objectSizeBound);
  const offsets: number[] = new Array<number>(fields.length).fill(0);
  let offset = 0;
  let sized = true;
  let largestNiche: Niche | null = null;
  let largestNicheSize = 0n;
  if (kind.kind === 'prefixed') {
    const pa = pack !== null ? Math.min(kind.prefixAlign, pack) : kind.prefixAlign;
    align = Math.max(align, pa);
    offset = alignTo(kind.tagSize, pa);
  }
  for (const i of inverse) {
    const f = fields[i] as Layout;
    if (!sized) return 'unsized-field';
    if (f.repr.kind === 'memory' && !f.repr.sized) sized = false;
    const fa = pack !== null ? Math.min(f.align, pack) : f.align;
    offset = alignTo(offset, fa);
    align = Math.max(align, fa);
    if (f.maxReprAlign !== null) maxReprAlign = Math.max(maxReprAlign ?? 0, f.maxReprAlign);
    offsets[i] = offset;
    if (f.largestNiche !== null) {
      const avail = niches[i] as bigint;
      if (bias === 'start' ? avail > largestNicheSize : avail >= largestNicheSize) {
        largestNicheSize = avail;
        largestNiche = { ...f.largestNiche, offset: f.largestNiche.offset + offset };
      }
    }
    offset += f.size;
    if (offset >= bound) return 'size-overflow';
  }
  let unadjustedAlign = align;
  if (repr.align !== null) align = Math.max(align, repr.align);
  const size = alignTo(offset, align);
  if (size >= bound) return 'size-overflow';

  let backend: BackendRepr = { kind: 'memory', sized };
  let singleNonZst: Layout | null = null;
  if (sized && size > 0) {
    const nonZst: number[] = [];
    for (let i = 0; i < fields.length && nonZst.length < 3; i++) if (!isZst(fields[i] as Layout)) nonZst.push(i);
    if (nonZst.length === 1) {
      const i = nonZst[0] as number;
      const f = fields[i] as Layout;
      singleNonZst = f;
      if (offsets[i] === 0 && align === f.align && size === f.size) {
        const optimizeAbi = !repr.c;
        if ((f.repr.kind === 'scalar' || f.repr.kind === 'vector') && optimizeAbi) backend = f.repr;
        else if (f.repr.kind === 'scalarPair') backend = f.repr;
      }
    } else if (nonZst.length === 2) {
      let i = nonZst[0] as number;
      let j = nonZst[1] as number;
      const fi = fields[i] as Layout;
      const fj = fields[j] as Layout;
      if (fi.repr.kind === 'scalar' && fj.repr.kind === 'scalar') {
        let a = fi.repr.s;
        let b = fj.repr.s;
        if (!((offsets[i] as number) < (offsets[j] as number))) { [i, j] = [j, i]; [a, b] = [b, a]; }
        const pair = scalarPairLayout(a, b, dl);
        const po = (pair.fields as { offsets: readonly number[] }).offsets;
        if (offsets[i] === po[0] && offsets[j] === po[1] && align === pair.align && size === pair.size) backend = pair.repr;
      }
    }
  }
  if (repr.transparent && singleNonZst !== null) unadjustedAlign = singleNonZst.unadjustedAlign;
  const inMemoryOrder = inverse;
  return {
    size, align,
    repr: backend,
    fields: { kind: 'arbitrary', offsets, inMemoryOrder },
    variants: { kind: 'single', index: 0 },
    largestNiche,
    uninhabited: fields.some((f) => f.uninhabited),
    maxReprAlign,
    unadjustedAlign,
  };
}

/** `univariant`: the Start-biased layout, or the End-biased one when it moves the niche to the front/back. */
export function univariant(
  fields: readonly Layout[], repr: ReprOptions, kind: StructKind, dl: TargetDataLayout,
): Layout | UnivariantError {
  const layout = univariantBiased(fields, repr, kind, 'start', dl);
  if (typeof layout === 'string' || kind.kind === 'maybeUnsized' || layout.largestNiche === null) return layout;
  const niche = layout.largestNiche;
  const head = niche.offset;
  const tail = layout.size - head - primSize(niche.prim, dl);
  if (fields.length > 1 && head !== 0 && tail > 0) {
    const alt = univariantBiased(fields, repr, kind, 'end', dl);
    if (typeof alt !== 'string' && alt.largestNiche !== null) {
      const altHead = alt.largestNiche.offset;
      if (altHead > head && altHead > tail) return alt;
    }
  }
  return layout;
}
