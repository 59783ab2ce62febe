/**
 * `layoutOf`: the type-kind dispatch of rustc_ty_utils `layout_of_uncached`, memoised per context.
 * A `LayoutCx` holds the target and the memo table; it is the only state, and it is the caller's.
 */
import type { Diagnostic, Outcome } from '../model/diagnostics.js';
import { error, fail, ok } from '../model/diagnostics.js';
import type { Layout } from '../model/layout.js';
import type { Scalar } from '../model/scalar.js';
import { maxOfBits } from '../model/scalar.js';
import type { TargetDataLayout } from '../model/target.js';
import type { AdtDef, Ty } from '../model/ty.js';
import { tyKey } from '../model/ty.js';
import { layoutOfStructOrEnum } from './adt.js';
import type { AdtError } from './adt.js';
import { NEVER_LAYOUT, integerOf, newLayout, objectSizeBound, scalarLayout, scalarPairLayout, singleVariant } from './primitives.js';
import { arrayLayout, layoutOfUnion, simdLayout } from './union.js';
import { univariant } from './univariant.js';

const MAX_DEPTH = 200;

export class LayoutCx {
  readonly dl: TargetDataLayout;
  /**
   * Layouts (or failures) by type key. A layout is kept bare, not in an `Outcome`: the memo holds every
   * layout of the context, and a wrapper each was a tenth of what the GC had to carry.
   */
  readonly memo: Map<string, Layout | { readonly ok: false; readonly errors: readonly Diagnostic[] }> = new Map();
  readonly inProgress: Set<string> = new Set();
  depth = 0;
  constructor(dl: TargetDataLayout) {
    this.dl = dl;
  }
}

const NO_WARNINGS: readonly Diagnostic[] = [];

/** A layout that could not be computed: the failure side of `Outcome`. */
type Failed = { readonly ok: false; readonly errors: readonly Diagnostic[] };
/** What the solver computes for a type: its layout, or why it has none. */
type Computed = Layout | Failed;

function isFailed(r: Computed): r is Failed {
  return (r as { readonly ok?: boolean }).ok === false;
}

function failed(d: Diagnostic): Failed {
  return { ok: false, errors: [d] };
}

const THIN: Outcome<'thin' | 'len' | 'vtable'> = ok('thin');
const LEN: Outcome<'thin' | 'len' | 'vtable'> = ok('len');
const VTABLE: Outcome<'thin' | 'len' | 'vtable'> = ok('vtable');

function init(prim: Scalar['prim'], start: bigint, end: bigint): Scalar {
  return { kind: 'init', prim, valid: { start, end } };
}

/** What a pointer to `pointee` carries besides the address (rustc `struct_tail` + metadata). */
export function pointerMetadata(pointee: Ty, depth = 0): Outcome<'thin' | 'len' | 'vtable'> {
  if (depth > MAX_DEPTH) return fail(error('layout/too-deep', 'type nests too deeply to find its unsized tail'));
  switch (pointee.kind) {
    case 'str': case 'slice': return LEN;
    case 'dyn': return VTABLE;
    case 'tuple': {
      const last = pointee.elems[pointee.elems.length - 1];
      return last === undefined ? THIN : pointerMetadata(last, depth + 1);
    }
    case 'adt': {
      if (pointee.def.kind !== 'struct') return THIN;
      const fields = pointee.def.fields(pointee.args);
      if (!fields.ok) return fields;
      const fs = fields.value[0] ?? [];
      const last = fs[fs.length - 1];
      return last === undefined ? THIN : pointerMetadata(last, depth + 1);
    }
    default: return THIN;
  }
}

const TARGET_CONSTANTS = new WeakMap<TargetDataLayout, Map<string, Layout>>();
let lastTarget: TargetDataLayout | null = null;
let lastConstants: Map<string, Layout> = new Map();

/** The target's constant layouts by name (the last target's kept at hand: there is usually one). */
function targetConstants(dl: TargetDataLayout): Map<string, Layout> {
  if (dl !== lastTarget) {
    let known = TARGET_CONSTANTS.get(dl);
    if (known === undefined) {
      known = new Map();
      TARGET_CONSTANTS.set(dl, known);
    }
    lastTarget = dl;
    lastConstants = known;
  }
  return lastConstants;
}

/**
 * A layout that depends on the target alone (primitive types, pointers), built once per target and
 * shared by all contexts: layouts are immutable, and each is a handful of objects that the GC would
 * otherwise copy for every context.
 */
function targetConstant(dl: TargetDataLayout, name: string, make: () => Layout): Layout {
  const known = targetConstants(dl);
  let r = known.get(name);
  if (r === undefined) {
    r = make();
    known.set(name, r);
  }
  return r;
}

/** The layout of a primitive scalar type: a target constant. */
function scalarTypeLayout(ty: Ty & { kind: 'int' | 'float' | 'bool' | 'char' }, dl: TargetDataLayout): Layout {
  const name = tyKey(ty); // a constant string for these types
  return targetConstants(dl).get(name) ?? targetConstant(dl, name, () => scalarLayout(primitiveScalar(ty, dl), dl));
}

function primitiveScalar(ty: Ty & { kind: 'int' | 'float' | 'bool' | 'char' }, dl: TargetDataLayout): Scalar {
  switch (ty.kind) {
    case 'int': {
      const int = integerOf(ty.int, dl);
      return init({ kind: 'int', int, signed: ty.signed }, 0n, maxOfBits(intBits(int)));
    }
    case 'float': return init({ kind: 'float', float: ty.float }, 0n, maxOfBits(floatBits(ty.float)));
    case 'bool': return init({ kind: 'int', int: 'I8', signed: false }, 0n, 1n);
    case 'char': return init({ kind: 'int', int: 'I32', signed: false }, 0n, 0x10FFFFn);
  }
}

function pointerLayout(ty: Ty & { kind: 'ref' | 'ptr' }, cx: LayoutCx): Computed {
  const dl = cx.dl;
  const meta = pointerMetadata(ty.pointee);
  if (!meta.ok) return meta;
  return targetConstant(dl, `${ty.kind} ${meta.value}`, () => {
    const max = maxOfBits(dl.pointerSize * 8);
    const data = init({ kind: 'ptr' }, ty.kind === 'ref' ? 1n : 0n, max);
    if (meta.value === 'thin') return scalarLayout(data, dl);
    const m = meta.value === 'len'
      ? init({ kind: 'int', int: integerOf('size', dl), signed: false }, 0n, max)
      : init({ kind: 'ptr' }, 1n, max);
    return scalarPairLayout(data, m, dl);
  });
}

/** rustc E0277: `T` used where a value of known size is needed. */
function unsizedValue(t: Ty, where: string, span?: Diagnostic['span']): Diagnostic {
  return error('layout/unsized-value', `the size of \`${tyKey(t)}\` cannot be known at compile time, so it cannot be ${where}`, span, { help: 'put it behind a pointer (`&`, `Box`) or make it the last field of a struct' });
}

function adtErrorDiag(e: AdtError | 'empty-union' | 'invalid-simd' | 'too-large', def: AdtDef): Diagnostic {
  const span = def.span ?? undefined;
  const name = def.path;
  if (typeof e === 'string') {
    switch (e) {
      case 'size-overflow': return error('layout/size-overflow', `values of the type \`${name}\` are too big for the target architecture`, span);
      case 'unsized-field': return error('layout/unsized-field', `\`${name}\` has an unsized field that is not its last field`, span);
      case 'empty-union': return error('layout/empty-union', `union \`${name}\` has no fields`, span);
      case 'invalid-simd': return error('layout/invalid-simd', `SIMD type \`${name}\` must hold one array \`[T; N]\` of a primitive scalar with N > 0`, span);
      case 'too-large': return error('layout/unsupported', `\`${name}\` is larger than 2^53 bytes, which rustabi cannot represent exactly`, span);
    }
  }
  switch (e.kind) {
    case 'discriminant-overflow': return error('layout/discriminant-overflow', `discriminant of variant \`${def.variants[e.variant]?.name ?? e.variant}\` of \`${name}\` does not fit its type`, def.variants[e.variant]?.span ?? span);
    case 'discriminant-duplicate': return error('layout/discriminant-duplicate', `variants \`${def.variants[e.other]?.name}\` and \`${def.variants[e.variant]?.name}\` of \`${name}\` have the same discriminant`, def.variants[e.variant]?.span ?? span);
    case 'valid-range-on-non-scalar': return error('layout/unsupported', `\`rustc_layout_scalar_valid_range\` on \`${name}\`, whose layout is not a scalar`, span);
  }
}

const NO_FIELDS: readonly Layout[] = [];

function adtLayout(ty: Ty & { kind: 'adt' }, cx: LayoutCx): Computed {
  const def = ty.def;
  const fieldTys = def.fields(ty.args);
  if (!fieldTys.ok) return fieldTys;
  const tys = fieldTys.value;
  const variants = new Array<readonly Layout[]>(tys.length);
  for (let v = 0; v < tys.length; v++) {
    const fs = tys[v] as readonly Ty[];
    // Enums of many field-less variants are common: those share one empty list.
    if (fs.length === 0) { variants[v] = NO_FIELDS; continue; }
    const ls = new Array<Layout>(fs.length);
    for (let i = 0; i < fs.length; i++) {
      const f = fs[i] as Ty;
      const l = layoutAny(f, cx);
      if (isFailed(l)) return l;
      if (l.repr.kind === 'memory' && !l.repr.sized && (def.kind !== 'struct' || i !== fs.length - 1)) {
        return failed(unsizedValue(f, `a field of ${def.kind} \`${def.path}\``, def.span ?? undefined));
      }
      ls[i] = l;
    }
    variants[v] = ls;
  }
  if (def.repr.transparent) {
    if (def.kind === 'enum' && variants.length !== 1) {
      return failed(error('layout/transparent-fields', `transparent enum \`${def.path}\` needs exactly one variant, but has ${variants.length}`, def.span ?? undefined));
    }
    let big = 0;
    for (const l of variants[0] ?? []) if (!(l.size === 0 && l.align === 1)) big++;
    if (big > 1) {
      return failed(error('layout/transparent-fields', `transparent ${def.kind} \`${def.path}\` needs at most one field with non-trivial size or alignment, but has ${big}`, def.span ?? undefined));
    }
  }
  if (def.repr.packed !== null && def.kind === 'enum') return failed(error('layout/packed-enum', `enum \`${def.path}\` cannot be \`repr(packed)\``, def.span ?? undefined));
  if (def.kind === 'union') {
    const u = layoutOfUnion(variants[0] ?? [], def.repr, cx.dl);
    return typeof u === 'string' ? failed(adtErrorDiag(u, def)) : u;
  }
  if (def.repr.simd) {
    const f = (fieldTys.value[0] ?? [])[0];
    const fl = (variants[0] ?? [])[0];
    if (f === undefined || f.kind !== 'array' || fl === undefined || (variants[0] ?? []).length !== 1 || fl.fields.kind !== 'array') {
      return failed(adtErrorDiag('invalid-simd', def));
    }
    const elem = layoutAny(f.elem, cx);
    if (isFailed(elem)) return elem;
    const v = simdLayout(elem, Number(f.len), def.repr.packed !== null, cx.dl);
    return typeof v === 'string' ? failed(adtErrorDiag(v, def)) : v;
  }
  const r = layoutOfStructOrEnum(def, variants, cx.dl);
  if (typeof r !== 'string' && 'size' in r) return r;
  return failed(adtErrorDiag(r, def));
}

function uncached(ty: Ty, cx: LayoutCx): Computed {
  const dl = cx.dl;
  switch (ty.kind) {
    case 'int': case 'float': case 'bool': case 'char': return scalarTypeLayout(ty, dl);
    case 'never': return NEVER_LAYOUT;
    case 'fnptr': return targetConstant(dl, 'fn', () => scalarLayout(init({ kind: 'ptr' }, 1n, maxOfBits(dl.pointerSize * 8)), dl));
    case 'ref': case 'ptr': return pointerLayout(ty, cx);
    case 'str': return arrayOf({ kind: 'int', int: 'I8', signed: false }, null, cx);
    case 'slice': {
      const e = layoutAny(ty.elem, cx);
      if (isFailed(e)) return e;
      if (e.repr.kind === 'memory' && !e.repr.sized) return failed(unsizedValue(ty.elem, 'a slice element'));
      const a = arrayLayout(e, null, dl);
      return typeof a === 'string' ? failed(error('layout/size-overflow', 'slice element is too big')) : a;
    }
    case 'array': {
      const e = layoutAny(ty.elem, cx);
      if (isFailed(e)) return e;
      if (e.repr.kind === 'memory' && !e.repr.sized) return failed(unsizedValue(ty.elem, 'an array element'));
      const a = arrayLayout(e, ty.len, dl);
      if (a === 'size-overflow') return failed(error('layout/size-overflow', `values of the type \`${tyKey(ty)}\` are too big for the target architecture`));
      if (a === 'too-large') return failed(error('layout/unsupported', `\`${tyKey(ty)}\` is larger than 2^53 bytes, which rustabi cannot represent exactly`));
      return a;
    }
    case 'dyn': case 'foreign': {
      if (ty.kind === 'foreign') {
        const help = ty.suggestion === null
          ? 'a type rustabi does not know may appear only behind a pointer; add its definition with --defs'
          : `a type with a similar name exists: \`${ty.suggestion}\``;
        return failed(error('layout/unknown-by-value', `cannot find type \`${ty.name}\` in the definitions or the prelude`, ty.span ?? undefined, { help }));
      }
      return (newLayout({ size: 0, align: 1, repr: { kind: 'memory', sized: false }, fields: { kind: 'arbitrary', offsets: [], inMemoryOrder: [] }, variants: singleVariant(0), largestNiche: null, uninhabited: false, maxReprAlign: null, unadjustedAlign: 1 }));
    }
    case 'tuple': {
      const ls: Layout[] = [];
      for (const e of ty.elems) {
        const l = layoutAny(e, cx);
        if (isFailed(l)) return l;
        ls.push(l);
      }
      const u = univariant(ls, DEFAULT_REPR_LOCAL, { kind: ls.length === 0 ? 'alwaysSized' : 'maybeUnsized' }, dl);
      if (u === 'size-overflow') return failed(error('layout/size-overflow', `values of the type \`${tyKey(ty)}\` are too big for the target architecture`));
      if (u === 'unsized-field') return failed(error('layout/unsized-value', `tuple \`${tyKey(ty)}\` has an unsized element that is not its last`));
      return u;
    }
    case 'adt': return adtLayout(ty, cx);
  }
}

const DEFAULT_REPR_LOCAL = { int: null, c: false, transparent: false, simd: false, packed: null, align: null } as const;

function intBits(i: 'I8' | 'I16' | 'I32' | 'I64' | 'I128'): number {
  return { I8: 8, I16: 16, I32: 32, I64: 64, I128: 128 }[i];
}
function floatBits(f: 'F16' | 'F32' | 'F64' | 'F128'): number {
  return { F16: 16, F32: 32, F64: 64, F128: 128 }[f];
}

function arrayOf(prim: Scalar['prim'], count: bigint | null, cx: LayoutCx): Computed {
  const e = scalarLayout(init(prim, 0n, maxOfBits(8)), cx.dl);
  const a = arrayLayout(e, count, cx.dl);
  return typeof a === 'string' ? failed(error('layout/size-overflow', 'array is too big')) : a;
}

/** The layout of a resolved type on `cx`'s target, memoised. */
export function layoutOf(ty: Ty, cx: LayoutCx): Outcome<Layout> {
  const r = layoutAny(ty, cx);
  return isFailed(r) ? r : { ok: true, value: r, warnings: NO_WARNINGS };
}

function layoutAny(ty: Ty, cx: LayoutCx): Computed {
  const key = tyKey(ty);
  const hit = cx.memo.get(key);
  if (hit !== undefined) return hit;
  if (cx.inProgress.has(key)) {
    const def = ty.kind === 'adt' ? ty.def : null;
    return failed(error('layout/recursive-type', `recursive type \`${key}\` has infinite size`, def?.span ?? undefined, { help: 'insert some indirection (e.g., a `Box`, `Rc`, or `&`) to break the cycle' }));
  }
  if (cx.depth >= MAX_DEPTH) return failed(error('layout/too-deep', `type \`${key.length > 80 ? key.slice(0, 80) + '…' : key}\` nests more than ${MAX_DEPTH} levels deep`));
  cx.inProgress.add(key);
  cx.depth++;
  let r: Computed;
  try {
    r = uncached(ty, cx);
  } finally {
    cx.depth--;
    cx.inProgress.delete(key);
  }
  if (!isFailed(r) && r.size >= objectSizeBound(cx.dl)) {
    r = failed(error('layout/size-overflow', `values of the type \`${key}\` are too big for the target architecture`));
  }
  cx.memo.set(key, r);
  return r;
}
