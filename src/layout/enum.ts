/**
 * Multi-variant enum layout (rustc_abi `LayoutCalculator::layout_of_enum`, rustc 1.95): the tagged
 * ("Direct") layout with the largest-gap discriminant range and tag enlargement, the niche-filling
 * layout, and the choice between them.
 */
import type { BackendRepr, Layout } from '../model/layout.js';
import { is1Zst, isZst } from '../model/layout.js';
import type { Integer, Primitive, Scalar } from '../model/scalar.js';
import { INTEGER_BYTES, INTEGERS, maxOfBits, primEquals } from '../model/scalar.js';
import type { TargetDataLayout } from '../model/target.js';
import type { ReprOptions } from '../model/ty.js';
import { reserveNiche } from './niche.js';
import { alignTo, intAlignOf, nicheAvailable, nicheFromScalar, primAlign, primSize, scalarPairLayout } from './primitives.js';
import type { UnivariantError } from './univariant.js';
import { univariant } from './univariant.js';

export interface EnumInput {
  /** Field layouts of every variant, in declaration order. */
  readonly variants: readonly (readonly Layout[])[];
  readonly repr: ReprOptions;
  /** Each variant's discriminant as an unsigned bit pattern of the declared discriminant type. */
  readonly discriminants: readonly bigint[];
  /** The declared discriminant type: `repr(<int>)`, else `isize`. */
  readonly discrInt: Integer;
  readonly discrSigned: boolean;
}

interface Tmp {
  readonly layout: Layout;
  readonly variants: Layout[];
}

/** A variant that can never exist and takes no space: an uninhabited field and only 1-ZST fields. */
export function isAbsent(fields: readonly Layout[]): boolean {
  return fields.some((f) => f.uninhabited) && fields.every(is1Zst);
}

function signExtend(v: bigint, bits: number): bigint {
  return BigInt.asIntN(bits, v);
}

function fitSigned(x: bigint): Integer {
  for (const i of INTEGERS) {
    const bits = BigInt(INTEGER_BYTES[i] * 8);
    if (x >= -(1n << (bits - 1n)) && x < 1n << (bits - 1n)) return i;
  }
  return 'I128';
}

function fitUnsigned(x: bigint): Integer {
  for (const i of INTEGERS) if (x <= maxOfBits(INTEGER_BYTES[i] * 8)) return i;
  return 'I128';
}

const rank = (i: Integer): number => INTEGERS.indexOf(i);
const maxInt = (a: Integer, b: Integer): Integer => (rank(a) >= rank(b) ? a : b);

/** The valid discriminant range: everything but the largest gap between used values (PR #144577). */
function discriminantRange(input: EnumInput, variantHasUninhabited: readonly boolean[]): { min: bigint; max: bigint } {
  const bits = INTEGER_BYTES[input.discrInt] * 8;
  const set = new Set<bigint>();
  input.discriminants.forEach((d, i) => {
    if (input.repr.c || !variantHasUninhabited[i]) set.add(input.discrSigned ? signExtend(d, bits) : d);
  });
  const sorted = [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (sorted.length === 0) return { min: 0n, max: 0n };
  const mask128 = maxOfBits(128);
  const typeMax = input.discrSigned ? (1n << BigInt(bits - 1)) - 1n : maxOfBits(bits);
  let best = { s: 0n, e: 0n, dist: -1n };
  for (let k = 0; k < sorted.length; k++) {
    const s = sorted[k] as bigint;
    const e = sorted[(k + 1) % sorted.length] as bigint;
    const dist = s <= e ? e - s : (typeMax - (s - e)) & mask128;
    if (dist >= best.dist) best = { s, e, dist };
  }
  return { min: best.e, max: best.s };
}

function discrRangeOfRepr(min: bigint, max: bigint, input: EnumInput, dl: TargetDataLayout): { ity: Integer; signed: boolean } {
  if (input.repr.int !== null) return { ity: input.discrInt, signed: input.discrSigned };
  const asU128 = (x: bigint): bigint => x & maxOfBits(128);
  const uf = fitUnsigned(asU128(min) > asU128(max) ? asU128(min) : asU128(max));
  const sf = maxInt(fitSigned(min), fitSigned(max));
  const atLeast: Integer = input.repr.c ? (fitUnsigned(maxOfBits(dl.cEnumMinSize * 8))) : 'I8';
  return rank(uf) <= rank(sf) ? { ity: maxInt(uf, atLeast), signed: false } : { ity: maxInt(sf, atLeast), signed: true };
}

function nicheFilling(input: EnumInput, dl: TargetDataLayout): Tmp | null {
  const { variants, repr } = input;
  if (repr.c || repr.int !== null || variants.length < 2) return null;
  let align = 1;
  let maxReprAlign = repr.align;
  let unadjustedAlign = 1;
  const layouts: Layout[] = [];
  for (let j = 0; j < variants.length; j++) {
    const st = univariant(variants[j] as Layout[], repr, { kind: 'alwaysSized' }, dl);
    if (typeof st === 'string') return null;
    layouts.push({ ...st, variants: { kind: 'single', index: j } });
    align = Math.max(align, st.align);
    if (st.maxReprAlign !== null) maxReprAlign = Math.max(maxReprAlign ?? 0, st.maxReprAlign);
    unadjustedAlign = Math.max(unadjustedAlign, st.unadjustedAlign);
  }
  let largest = 0;
  layouts.forEach((l, i) => { if (l.size >= (layouts[largest] as Layout).size) largest = i; });
  const needsDisc = (i: number): boolean => i !== largest && !isAbsent(variants[i] as Layout[]);
  let lo = -1;
  let hi = -1;
  for (let i = 0; i < variants.length; i++) if (needsDisc(i)) { if (lo < 0) lo = i; hi = i; }
  if (lo < 0) return null;
  const untagged = layouts[largest] as Layout;
  const niche = untagged.largestNiche;
  if (niche === null) return null;
  const reserved = reserveNiche(niche, BigInt(hi - lo + 1), dl);
  if (reserved === null) return null;
  const nicheOffset = niche.offset;
  const nicheSize = primSize(niche.prim, dl);
  const size = alignTo(untagged.size, align);
  for (let i = 0; i < layouts.length; i++) {
    if (i === largest) continue;
    const l = layouts[i] as Layout;
    if (l.size <= nicheOffset) { layouts[i] = { ...l, largestNiche: null }; continue; }
    const off = alignTo(nicheOffset + nicheSize, l.align);
    if (off + l.size > size) return null;
    const f = l.fields;
    const offsets = f.kind === 'arbitrary' ? f.offsets.map((o) => o + off) : [];
    layouts[i] = {
      ...l,
      largestNiche: null,
      fields: { kind: 'arbitrary', offsets, inMemoryOrder: f.kind === 'arbitrary' ? f.inMemoryOrder : [] },
      repr: l.uninhabited ? l.repr : { kind: 'memory', sized: true },
      size: l.size + off,
    };
  }
  const othersZst = layouts.every((l, i) => i === largest || l.size === 0);
  let backend: BackendRepr = { kind: 'memory', sized: true };
  if (size === untagged.size && align === untagged.align && othersZst) {
    const r = untagged.repr;
    if (r.kind === 'scalar') backend = { kind: 'scalar', s: reserved.scalar };
    else if (r.kind === 'scalarPair') {
      backend = nicheOffset === 0
        ? { kind: 'scalarPair', a: reserved.scalar, b: { kind: 'union', prim: r.b.prim } }
        : { kind: 'scalarPair', a: { kind: 'union', prim: r.a.prim }, b: reserved.scalar };
    }
  }
  const layout: Layout = {
    size, align,
    repr: backend,
    fields: { kind: 'arbitrary', offsets: [nicheOffset], inMemoryOrder: [0] },
    variants: {
      kind: 'multiple', tag: reserved.scalar, tagField: 0, variants: [],
      encoding: { kind: 'niche', untaggedVariant: largest, nicheVariants: [lo, hi], nicheStart: reserved.nicheStart },
    },
    largestNiche: nicheFromScalar(nicheOffset, reserved.scalar, dl),
    uninhabited: layouts.every((l) => l.uninhabited),
    maxReprAlign,
    unadjustedAlign,
  };
  return { layout, variants: layouts };
}

/** The common payload primitive of all variants (E12), or null. */
function commonPrim(variants: readonly (readonly Layout[])[], layouts: readonly Layout[], dl: TargetDataLayout): { prim: Primitive; offset: number; init: boolean } | null {
  let common: { prim: Primitive; offset: number } | null = null;
  let init = true;
  for (let v = 0; v < variants.length; v++) {
    const fields = variants[v] as Layout[];
    const shape = (layouts[v] as Layout).fields;
    const offsets = shape.kind === 'arbitrary' ? shape.offsets : [];
    const nonZst: number[] = [];
    for (let i = 0; i < fields.length && nonZst.length < 2; i++) if (!isZst(fields[i] as Layout)) nonZst.push(i);
    if (nonZst.length === 0) { init = false; continue; }
    if (nonZst.length > 1) return null;
    const idx = nonZst[0] as number;
    const field = fields[idx] as Layout;
    if (field.repr.kind !== 'scalar') return null;
    init &&= field.repr.s.kind === 'init';
    const prim = field.repr.s.prim;
    const offset = offsets[idx] as number;
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

function tagged(input: EnumInput, dl: TargetDataLayout): Tmp | UnivariantError {
  const { variants, repr } = input;
  const hasUninhabited = variants.map((fs) => fs.some((f) => f.uninhabited));
  const { min, max } = discriminantRange(input, hasUninhabited);
  const { ity: minIty, signed } = discrRangeOfRepr(min, max, input, dl);
  let align = 1;
  let maxReprAlign = repr.align;
  let unadjustedAlign = 1;
  let size = 0;
  let startAlign = 256;
  let prefixAlign = intAlignOf(minIty, dl);
  if (repr.c) for (const fs of variants) for (const f of fs) prefixAlign = Math.max(prefixAlign, f.align);
  const layouts: Layout[] = [];
  for (let i = 0; i < variants.length; i++) {
    const fields = variants[i] as Layout[];
    const st = univariant(fields, repr, { kind: 'prefixed', tagSize: INTEGER_BYTES[minIty], prefixAlign }, dl);
    if (typeof st === 'string') return st;
    if (st.fields.kind === 'arbitrary') {
      for (const idx of st.fields.inMemoryOrder) {
        const f = fields[idx] as Layout;
        if (!is1Zst(f)) { startAlign = Math.min(startAlign, f.align); break; }
      }
    }
    layouts.push({ ...st, variants: { kind: 'single', index: i } });
    size = Math.max(size, st.size);
    align = Math.max(align, st.align);
    if (st.maxReprAlign !== null) maxReprAlign = Math.max(maxReprAlign ?? 0, st.maxReprAlign);
    unadjustedAlign = Math.max(unadjustedAlign, st.unadjustedAlign);
  }
  size = alignTo(size, align);
  if (BigInt(size) >= dl.objectSizeBound) return 'size-overflow';

  let ity = minIty;
  if (!repr.c && repr.int === null) {
    // Integer::for_align: an integer whose size and alignment both equal start_align.
    const cand = INTEGERS.find((i) => INTEGER_BYTES[i] === startAlign && intAlignOf(i, dl) === startAlign);
    if (cand !== undefined) ity = cand;
  }
  if (rank(ity) <= rank(minIty)) ity = minIty;
  else {
    const oldSize = INTEGER_BYTES[minIty];
    const newSize = INTEGER_BYTES[ity];
    for (let v = 0; v < layouts.length; v++) {
      const l = layouts[v] as Layout;
      if (l.fields.kind !== 'arbitrary') continue;
      const offsets = l.fields.offsets.map((o) => (o <= oldSize ? newSize : o));
      layouts[v] = { ...l, fields: { ...l.fields, offsets }, size: l.size <= oldSize ? newSize : l.size };
    }
  }
  const mask = maxOfBits(INTEGER_BYTES[ity] * 8);
  const tag: Scalar = { kind: 'init', prim: { kind: 'int', int: ity, signed }, valid: { start: min & mask, end: max & mask } };
  let backend: BackendRepr = { kind: 'memory', sized: true };
  if (INTEGER_BYTES[ity] === size) backend = { kind: 'scalar', s: tag };
  else {
    const common = commonPrim(variants, layouts, dl);
    if (common !== null) {
      const bits = primSize(common.prim, dl) * 8;
      const payload: Scalar = common.init
        ? { kind: 'init', prim: common.prim, valid: { start: 0n, end: maxOfBits(bits) } }
        : { kind: 'union', prim: common.prim };
      const pair = scalarPairLayout(tag, payload, dl);
      const po = (pair.fields as { offsets: readonly number[] }).offsets;
      if (po[0] === 0 && po[1] === common.offset && align === pair.align && size === pair.size) backend = pair.repr;
    }
  }
  if (backend.kind === 'scalar' || backend.kind === 'scalarPair') {
    for (let v = 0; v < layouts.length; v++) {
      const l = layouts[v] as Layout;
      const count = l.fields.kind === 'arbitrary' ? l.fields.offsets.length : 0;
      if (count > 0 && l.repr.kind === 'memory') {
        layouts[v] = { ...l, repr: backend, size: Math.max(l.size, size), align: Math.max(l.align, align) };
      }
    }
  }
  const layout: Layout = {
    size, align,
    repr: backend,
    fields: { kind: 'arbitrary', offsets: [0], inMemoryOrder: [0] },
    variants: { kind: 'multiple', tag, tagField: 0, encoding: { kind: 'direct' }, variants: [] },
    largestNiche: nicheFromScalar(0, tag, dl),
    uninhabited: layouts.every((l) => l.uninhabited),
    maxReprAlign,
    unadjustedAlign,
  };
  return { layout, variants: layouts };
}

export function layoutOfEnum(input: EnumInput, dl: TargetDataLayout): Layout | UnivariantError {
  const niche = nicheFilling(input, dl);
  const tl = tagged(input, dl);
  if (typeof tl === 'string') return tl;
  let best = tl;
  if (niche !== null) {
    const ns = (t: Tmp): bigint => (t.layout.largestNiche === null ? 0n : nicheAvailable(t.layout.largestNiche, dl));
    if (tl.layout.size > niche.layout.size || (tl.layout.size === niche.layout.size && ns(tl) < ns(niche))) best = niche;
  }
  const v = best.layout.variants;
  if (v.kind !== 'multiple') return best.layout;
  return { ...best.layout, variants: { ...v, variants: best.variants } };
}
