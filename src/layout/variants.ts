/**
 * What the two enum layout strategies (enum.ts: tagged; enum-niche.ts: niche-filling) share: their
 * input, the candidate each produces, absent variants, and the interned layouts of field-less variants.
 */
import type { Layout, Niche, TagEncoding, Variants } from '../model/layout.js';
import { is1Zst } from '../model/layout.js';
import type { Integer, Scalar } from '../model/scalar.js';
import type { ReprOptions } from '../model/ty.js';
import { layoutWith, singleVariant } from './primitives.js';
import type { StructKind } from './univariant.js';

export interface EnumInput {
  /**
   * Field layouts of every variant, in declaration order. An enum is never packed or SIMD here
   * (`adtLayout` rejects or diverts those), so without `repr(C)`/`repr(<int>)` its fields may be reordered.
   */
  readonly variants: readonly (readonly Layout[])[];
  readonly repr: ReprOptions;
  /**
   * Each variant's discriminant as an unsigned bit pattern of the declared discriminant type. The array
   * is memoised per definition and target (`discriminants`), so it also identifies that type.
   */
  readonly discriminants: readonly bigint[];
  /** The declared discriminant type: `repr(<int>)`, else `isize`. */
  readonly discrInt: Integer;
  readonly discrSigned: boolean;
}

/** One strategy's enum layout: what the choice between them needs, and how to build it. */
export interface Candidate {
  readonly size: number;
  readonly largestNiche: Niche | null;
  /** The layout, with its variants' layouts: built for the chosen candidate only. */
  readonly build: () => Layout;
}

/** `Variants::Multiple` (one property order for both encodings, so one V8 hidden class). */
export function multipleVariants(tag: Scalar, encoding: TagEncoding, variants: readonly Layout[]): Variants {
  return { kind: 'multiple', tag, encoding, tagField: 0, variants };
}

export const ALWAYS_SIZED: StructKind = { kind: 'alwaysSized' };

/** A variant that can never exist and takes no space: an uninhabited field and only 1-ZST fields. */
export function isAbsent(fields: readonly Layout[]): boolean {
  return hasUninhabitedField(fields) && fields.every(is1Zst);
}

export function hasUninhabitedField(fields: readonly Layout[]): boolean {
  for (const f of fields) if (f.uninhabited) return true;
  return false;
}

/** `l` as the layout of variant `index`. */
export function asVariant(l: Layout, index: number): Layout {
  return l.variants.kind === 'single' && l.variants.index === index ? l : layoutWith(l, { variants: singleVariant(index) });
}

/**
 * Field-less variant layouts, interned by size, alignment, unadjusted alignment and `repr(align)`
 * (which is all that tells two apart, besides the index). C-like enums of hundreds of variants are
 * common, so sharing these immutable layouts across enums, like rustc's interned layouts, saves
 * building, and the GC keeping, one object per variant.
 */
const FIELDLESS = new Map<string, Layout[]>();

/**
 * The layouts of field-less variants, by index: `univariant([])`'s `l` (any index), resized to `size`.
 * Call once per enum, then `fieldlessVariant` per variant.
 */
export function fieldlessVariants(l: Layout, size: number): (index: number) => Layout {
  const key = `${size} ${l.align} ${l.unadjustedAlign} ${l.maxReprAlign}`;
  let byIndex = FIELDLESS.get(key);
  if (byIndex === undefined) {
    byIndex = [];
    if (FIELDLESS.size < 1024) FIELDLESS.set(key, byIndex); // a bound for long-running processes
  }
  const table = byIndex;
  return (index) => {
    let v = table[index];
    if (v === undefined) {
      v = layoutWith(l, { size, fields: NO_FIELDS, variants: singleVariant(index) });
      table[index] = v;
    }
    return v;
  };
}

const NO_FIELDS: Layout['fields'] = { kind: 'arbitrary', offsets: [], inMemoryOrder: [] };
