/**
 * Random Rust type expressions (text) over the prelude (`src/prelude/core-rs.ts`), the user items generated
 * so far (`./defs.ts`) and the generic parameters in scope.
 *
 * Every expression is Sized where it is used by value; unsized types (`[T]`, `str`, `dyn Tr`, custom DSTs)
 * appear only behind a pointer or inside `PhantomData`. References are written `&'static T` (or `&'a T`
 * inside an item with a lifetime parameter), because rustc rejects elided lifetimes in type aliases and
 * fields. A reference to a generic parameter is only written inside an item that has a lifetime parameter
 * (`&'static T` would need `T: 'static`, E0310).
 */
import fc from 'fast-check';
import { Choices, arbFromChoices } from './choices.js';

/** A generated type expression and the facts the item generators need about it. */
export interface GenTy {
  readonly text: string;
  /** `Copy` in the no_core crate (primitives, shared refs, raw/fn pointers, `!`, tuples/arrays of these). */
  readonly copy: boolean;
  /** Contains a `#[repr(align(N))]` type by value; rustc rejects it inside a packed type (E0588). */
  readonly aligned: boolean;
  /** Known to be a 1-ZST (size 0, align 1): may sit next to the field of a `repr(transparent)` type. */
  readonly oneZst: boolean;
  /** Known to have alignment 1. */
  readonly align1: boolean;
}

export type ParamSpec =
  | {
      readonly kind: 'type';
      readonly name: string;
      /** `T: ?Sized`, used only as the last field: an unsized argument is allowed behind a pointer. */
      readonly maybeUnsized: boolean;
      /** Default argument text (`T = u8`), or null. */
      readonly default: string | null;
      /** `simd`: must be a SIMD element type (ints, floats, raw pointers). */
      readonly role: 'any' | 'simd';
    }
  | { readonly kind: 'const'; readonly name: string }
  | { readonly kind: 'lifetime'; readonly name: string };

/** A user item that later items and the type list may name. */
export interface ItemRef {
  readonly name: string;
  readonly kind: 'struct' | 'enum' | 'union' | 'alias' | 'simd';
  readonly params: readonly ParamSpec[];
  /** The item itself, or something it contains by value, is `repr(align)`. */
  readonly aligned: boolean;
  /** Known 1-ZST (only ever true for items without parameters). */
  readonly oneZst: boolean;
  /**
   * A 1-ZST without fields and without repr(C)/align (unit structs, `enum Z {}`): the only user items allowed
   * as the zero-sized fields of a `repr(transparent)` type (a repr(C) type inside one is the deny-by-default
   * lint `repr_transparent_non_zst_fields`).
   */
  readonly pureZst: boolean;
  /** A data-less enum (no variants). */
  readonly isVoid: boolean;
  /** A field-carrying enum whose variants are all inhabited-looking: usable as a niche-chain base. */
  readonly enumLike: boolean;
}

/** The trait used for `dyn`: declared by the caller when `used` is set. */
export interface TraitSlot {
  readonly name: string;
  used: boolean;
}

export interface SelfRef {
  /** `S3` or `S3<T>`. */
  readonly text: string;
  readonly generic: boolean;
}

export interface TypeCtx {
  readonly c: Choices;
  readonly tags: Set<string>;
  readonly items: readonly ItemRef[];
  /** Sized type parameters usable by value. */
  readonly params: readonly string[];
  /** Lifetime for references: `'static` or the item's `'a`. */
  readonly lifetime: string;
  readonly trait: TraitSlot | null;
  readonly selfRef: SelfRef | null;
  /** Nesting limit: at `depth >= maxDepth` only leaves are generated. */
  readonly maxDepth: number;
  readonly allowNever: boolean;
}

export interface TyFlags {
  /** No `repr(align)` type by value (fields of packed types). */
  readonly noAligned?: boolean;
}

const NO_FLAGS: TyFlags = {};

// ------------------------------------------------------------------------------------------------
// primitives

/** All primitive scalar types; the first entry is the one shrinking leads to. */
export const PRIMITIVE_TYPES: readonly string[] = [
  'u8', 'bool', 'u16', 'u32', 'u64', 'u128', 'usize', 'i8', 'i16', 'i32', 'i64', 'i128', 'isize',
  'char', 'f16', 'f32', 'f64', 'f128',
];

const PRIMITIVE_WEIGHTS: readonly (readonly [number, string])[] = [
  [8, 'u8'], [10, 'bool'], [5, 'u16'], [6, 'u32'], [5, 'u64'], [2, 'u128'], [4, 'usize'],
  [3, 'i8'], [2, 'i16'], [3, 'i32'], [3, 'i64'], [2, 'i128'], [2, 'isize'],
  [6, 'char'], [2, 'f16'], [3, 'f32'], [3, 'f64'], [2, 'f128'],
];

/** Integer types: `[name, bits, signed]`; `usize`/`isize` are listed with 32 bits (the portable range). */
export const INT_TYPES: readonly (readonly [string, number, boolean])[] = [
  ['u8', 8, false], ['u16', 16, false], ['u32', 32, false], ['u64', 64, false], ['u128', 128, false],
  ['usize', 32, false], ['i8', 8, true], ['i16', 16, true], ['i32', 32, true], ['i64', 64, true],
  ['i128', 128, true], ['isize', 32, true],
];

/** Element types rustc 1.95 accepts in `#[repr(simd)] struct V([T; N])` (E0077 otherwise). */
export const SIMD_ELEMENT_TYPES: readonly string[] = [
  'u8', 'f32', 'i8', 'u16', 'i16', 'u32', 'i32', 'u64', 'i64', 'u128', 'i128', 'usize', 'isize',
  'f16', 'f64', 'f128', '*const u8', '*mut u16',
];

const ALIGN1_PRIMS = new Set(['u8', 'i8', 'bool']);

function tagPrim(tags: Set<string>, p: string): void {
  switch (p) {
    case 'f16':
      tags.add('f16');
      break;
    case 'f128':
      tags.add('f128');
      break;
    case 'u128':
    case 'i128':
      tags.add('int128');
      break;
    case 'char':
      tags.add('char');
      break;
    case 'bool':
      tags.add('bool');
      break;
    case 'usize':
    case 'isize':
      tags.add('usize');
      break;
    default:
      break;
  }
}

export function genPrimitive(c: Choices): string {
  return c.weighted(PRIMITIVE_WEIGHTS);
}

function prim(ctx: TypeCtx, p: string): GenTy {
  tagPrim(ctx.tags, p);
  return { text: p, copy: true, aligned: false, oneZst: false, align1: ALIGN1_PRIMS.has(p) };
}

function plain(text: string, extra?: Partial<GenTy>): GenTy {
  if (extra === undefined) return { text, copy: false, aligned: false, oneZst: false, align1: false };
  return {
    text,
    copy: extra.copy ?? false,
    aligned: extra.aligned ?? false,
    oneZst: extra.oneZst ?? false,
    align1: extra.align1 ?? false,
  };
}

// ------------------------------------------------------------------------------------------------
// prelude pieces

const PRELUDE_LEAVES: readonly (readonly [number, string])[] = [
  [3, 'String'], [3, 'Duration'], [3, 'Ordering'], [4, 'Error'], [2, 'KernelResult'],
  [2, 'NonZeroU8'], [1, 'NonZeroU16'], [2, 'NonZeroU32'], [1, 'NonZeroU64'], [1, 'NonZeroU128'],
  [2, 'NonZeroUsize'], [1, 'NonZeroI8'], [1, 'NonZeroI16'], [2, 'NonZeroI32'], [1, 'NonZeroI64'],
  [1, 'NonZeroI128'], [1, 'NonZeroIsize'], [2, 'c_int'], [1, 'c_char'], [1, 'c_long'], [1, 'c_ulong'],
  [1, 'c_void'], [1, 'c_uchar'], [1, 'c_double'], [1, 'Global'], [1, 'Kmalloc'], [1, 'kernel_c_char'],
];

const ZST_PRELUDE = new Set(['Global', 'Kmalloc']);
const COPY_PRELUDE = new Set(['c_int', 'c_char', 'c_long', 'c_ulong', 'c_uchar', 'c_double', 'kernel_c_char']);

function genPreludeLeaf(ctx: TypeCtx): GenTy {
  const name = ctx.c.weighted(PRELUDE_LEAVES);
  ctx.tags.add(`prelude:${name.startsWith('NonZero') ? 'NonZero' : name.startsWith('c_') ? 'c_types' : name}`);
  if (ZST_PRELUDE.has(name)) {
    ctx.tags.add('zst');
    return plain(name, { oneZst: true, align1: true });
  }
  return plain(name, { copy: COPY_PRELUDE.has(name), align1: name === 'c_char' || name === 'c_uchar' || name === 'kernel_c_char' });
}

function genNonZero(ctx: TypeCtx): GenTy {
  const c = ctx.c;
  const [int] = c.pick(INT_TYPES);
  ctx.tags.add('prelude:NonZero');
  return plain(`NonZero<${int}>`, { align1: int === 'u8' || int === 'i8' });
}

function genFnPtr(ctx: TypeCtx, depth: number): GenTy {
  const c = ctx.c;
  ctx.tags.add('fn-ptr');
  const shape = c.weighted<string>([
    [4, 'plain'],
    [3, 'args'],
    [1, 'unsafe'],
    [1, 'externC'],
    [1, 'never'],
    [1, 'variadic'],
    [2, 'option'],
  ]);
  const arg = (): string => (depth + 1 < ctx.maxDepth && c.chance(0.3) ? genType(ctx, ctx.maxDepth).text : genPrimitive(c));
  switch (shape) {
    case 'plain':
      return plain('fn()', { copy: true });
    case 'args': {
      const n = c.int(1, 3);
      const args: string[] = [];
      for (let i = 0; i < n; i++) args.push(arg());
      return plain(`fn(${args.join(', ')}) -> ${arg()}`, { copy: true });
    }
    case 'unsafe':
      return plain(`unsafe fn(*const u8) -> usize`, { copy: true });
    case 'externC':
      return plain(`extern "C" fn(${genPrimitive(c)}) -> ${genPrimitive(c)}`, { copy: true });
    case 'never':
      return plain('fn() -> !', { copy: true });
    case 'variadic':
      return plain(`unsafe extern "C" fn(i32, ...) -> i32`, { copy: true });
    default:
      ctx.tags.add('niche-chain');
      return plain(c.pick(['Option<fn()>', 'Option<fn(u8) -> u8>', 'Option<extern "C" fn()>']));
  }
}

// ------------------------------------------------------------------------------------------------
// contexts

/** The context for the pointee of `&'static _`: no generic parameters (E0310). */
function staticCtx(ctx: TypeCtx): TypeCtx {
  if (ctx.lifetime !== "'static" || (ctx.params.length === 0 && !(ctx.selfRef?.generic ?? false))) return ctx;
  return {
    ...ctx,
    params: [],
    selfRef: ctx.selfRef !== null && ctx.selfRef.generic ? null : ctx.selfRef,
    items: ctx.items.filter((i) => !i.params.some((p) => p.kind === 'lifetime')),
  };
}

// ------------------------------------------------------------------------------------------------
// pointers

/** A type behind a pointer: any sized type, or `[T]`, `str`, `dyn Tr`, `Item<[T]>`. */
export function genPointee(ctx: TypeCtx, depth: number): GenTy {
  const c = ctx.c;
  const dstItems = ctx.items.filter((i) => i.params.some((p) => p.kind === 'type' && p.maybeUnsized));
  const kind = c.weighted<string>([
    [70, 'sized'],
    [10, 'slice'],
    [5, 'str'],
    [ctx.trait !== null ? 8 : 0, 'dyn'],
    [dstItems.length > 0 ? 7 : 0, 'dst'],
  ]);
  switch (kind) {
    case 'slice':
      ctx.tags.add('slice');
      return plain(`[${genType(ctx, depth + 1).text}]`);
    case 'str':
      ctx.tags.add('str');
      return plain('str');
    case 'dyn':
      return plain(dynText(ctx));
    case 'dst': {
      const item = c.pick(dstItems);
      ctx.tags.add('custom-dst');
      return plain(instantiate(ctx, item, depth, NO_FLAGS, true).text);
    }
    default:
      return genType(ctx, depth + 1);
  }
}

function dynText(ctx: TypeCtx): string {
  const t = ctx.trait;
  if (t === null) throw new Error('dynText without a trait');
  t.used = true;
  ctx.tags.add('dyn');
  return `dyn ${t.name}`;
}

function genPointer(ctx: TypeCtx, depth: number): GenTy {
  const c = ctx.c;
  const kind = c.weighted<string>([
    [12, '&'],
    [5, '&mut'],
    [6, '*const'],
    [3, '*mut'],
    [6, 'Box'],
    [2, 'NonNull'],
    [2, 'Rc'],
    [2, 'Arc'],
    [2, 'KBox'],
  ]);
  switch (kind) {
    case '&':
    case '&mut': {
      ctx.tags.add('ref');
      const pointee = genPointee(staticCtx(ctx), depth);
      return plain(`&${ctx.lifetime} ${kind === '&mut' ? 'mut ' : ''}${pointee.text}`, { copy: kind === '&' });
    }
    case '*const':
    case '*mut':
      ctx.tags.add('raw-ptr');
      return plain(`${kind} ${genPointee(ctx, depth).text}`, { copy: true });
    default:
      ctx.tags.add(`prelude:${kind}`);
      return plain(`${kind}<${genPointee(ctx, depth).text}>`);
  }
}

// ------------------------------------------------------------------------------------------------
// generic items

/** `Item<args>` for a user item (`pointee`: `?Sized` parameters may get unsized arguments). */
export function instantiate(ctx: TypeCtx, item: ItemRef, depth: number, flags: TyFlags, pointee: boolean): GenTy {
  const c = ctx.c;
  if (item.params.length === 0) {
    if (item.oneZst) ctx.tags.add('zst');
    if (item.isVoid) ctx.tags.add('uninhabited');
    return plain(item.name, { aligned: item.aligned, oneZst: item.oneZst, align1: item.oneZst });
  }
  ctx.tags.add('generic');
  // `Item<'static, X>` requires `X: 'static`: no generic parameters in X (E0310).
  const argCtx = item.params.some((p) => p.kind === 'lifetime') ? staticCtx(ctx) : ctx;
  const args: string[] = [];
  let aligned = item.aligned;
  // Trailing defaulted parameters may be left out.
  let keep = item.params.length;
  while (keep > 0) {
    const p = item.params[keep - 1];
    if (p === undefined || p.kind !== 'type' || p.default === null || !c.chance(0.5)) break;
    keep--;
  }
  if (keep < item.params.length) ctx.tags.add('generic:default');
  for (let i = 0; i < keep; i++) {
    const p = item.params[i];
    if (p === undefined) continue;
    if (p.kind === 'lifetime') args.push(ctx.lifetime);
    else if (p.kind === 'const') args.push(String(c.weighted([[2, 0], [3, 1], [4, 2], [4, 3], [2, 4], [1, 7]])));
    else if (p.role === 'simd') args.push(c.pick(SIMD_ELEMENT_TYPES));
    else if (p.maybeUnsized && pointee && c.chance(0.6)) {
      const kind = c.weighted<string>([[5, 'slice'], [2, 'str'], [ctx.trait !== null ? 3 : 0, 'dyn']]);
      if (kind === 'slice') args.push(`[${genType(argCtx, depth + 1, flags).text}]`);
      else if (kind === 'str') args.push('str');
      else args.push(dynText(ctx));
      ctx.tags.add('custom-dst');
    } else {
      const a = genType(argCtx, depth + 1, flags);
      if (a.aligned) aligned = true;
      args.push(a.text);
    }
  }
  return plain(args.length > 0 ? `${item.name}<${args.join(', ')}>` : item.name, { aligned });
}

// ------------------------------------------------------------------------------------------------
// niche chains

function genNicheChain(ctx: TypeCtx): GenTy {
  const c = ctx.c;
  ctx.tags.add('niche-chain');
  const enums = ctx.items.filter((i) => i.enumLike && i.params.length === 0 && !i.aligned);
  const base = c.weighted<string>([
    [6, 'bool'],
    [4, 'char'],
    [4, `&${ctx.lifetime} u8`],
    [3, 'NonZeroU32'],
    [2, 'NonZeroI32'],
    [3, 'Ordering'],
    [3, 'Box<u8>'],
    [4, 'Error'],
    [3, 'Vec<u8>'],
    [2, 'String'],
    [2, 'fn()'],
    [3, `(u8, &${ctx.lifetime} u8)`],
    [2, `(bool, u32)`],
    [2, 'Duration'],
    [2, `&${ctx.lifetime} str`],
    [ctx.trait !== null ? 2 : 0, 'BOXDYN'],
    [enums.length > 0 ? 6 : 0, 'ENUM'],
    [2, 'KBox<u16>'],
    [1, 'MaybeUninit<bool>'],
    [1, 'Cell<bool>'],
    [2, '!'],
  ]);
  let text: string;
  if (base === 'BOXDYN') text = `Box<${dynText(ctx)}>`;
  else if (base === 'ENUM') text = c.pick(enums).name;
  else text = base;
  if (text === '!') ctx.tags.add('uninhabited');
  const layers = c.weighted([[5, 1], [4, 2], [2, 3], [1, 4]]);
  for (let i = 0; i < layers; i++) {
    const w = c.weighted<string>([
      [8, 'Option'],
      [2, 'ResultUnitErr'],
      [2, 'ResultOkUnit'],
      [2, 'ResultError'],
      [1, 'ResultNever'],
      [1, 'KernelResult'],
      [1, 'TupleU8'],
    ]);
    switch (w) {
      case 'Option':
        text = `Option<${text}>`;
        break;
      case 'ResultUnitErr':
        text = `Result<${text}, ()>`;
        break;
      case 'ResultOkUnit':
        text = `Result<(), ${text}>`;
        break;
      case 'ResultError':
        text = `Result<${text}, Error>`;
        break;
      case 'ResultNever':
        ctx.tags.add('uninhabited');
        text = `Result<${text}, !>`;
        break;
      case 'KernelResult':
        text = `KernelResult<${text}>`;
        break;
      default:
        text = `(u8, ${text})`;
        break;
    }
  }
  return plain(text);
}

// ------------------------------------------------------------------------------------------------
// the main generator

type Kind =
  | 'prim' | 'param' | 'item' | 'zst' | 'never' | 'preludeLeaf' | 'fnptr' | 'array' | 'tuple' | 'pointer'
  | 'option' | 'result' | 'cell' | 'container' | 'nicheChain' | 'nonzero' | 'selfRef';

const KIND_TABLES: (readonly (readonly [number, Kind])[])[] = [];

/** The weights of `genType`'s alternatives for one combination of context bits (cached). */
function kindTable(mask: number): readonly (readonly [number, Kind])[] {
  const hit = KIND_TABLES[mask];
  if (hit !== undefined) return hit;
  const params = (mask & 1) !== 0;
  const items = (mask & 2) !== 0;
  const never = (mask & 4) !== 0;
  const leaf = (mask & 8) !== 0;
  const selfRef = (mask & 16) !== 0;
  const table: (readonly [number, Kind])[] = [
    [40, 'prim'],
    [params ? 22 : 0, 'param'],
    [items ? 22 : 0, 'item'],
    [5, 'zst'],
    [never ? 1.5 : 0, 'never'],
    [6, 'preludeLeaf'],
    [3, 'fnptr'],
    [3, 'nonzero'],
    [leaf ? 0 : 7, 'array'],
    [leaf ? 0 : 8, 'tuple'],
    [leaf ? 1.5 : 10, 'pointer'],
    [leaf ? 0 : 9, 'option'],
    [leaf ? 0 : 5, 'result'],
    [leaf ? 0 : 4, 'cell'],
    [leaf ? 0 : 3, 'container'],
    [leaf ? 0 : 4, 'nicheChain'],
    [selfRef ? 2 : 0, 'selfRef'],
  ];
  const filtered = table.filter(([w]) => w > 0);
  KIND_TABLES[mask] = filtered;
  return filtered;
}

/** Any Sized type usable by value (a field, a generic argument, a type to lay out). */
export function genType(ctx: TypeCtx, depth: number, flags: TyFlags = NO_FLAGS): GenTy {
  const c = ctx.c;
  const leaf = depth >= ctx.maxDepth;
  const items = flags.noAligned === true ? ctx.items.filter((i) => !i.aligned) : ctx.items;
  const mask =
    (ctx.params.length > 0 ? 1 : 0) |
    (items.length > 0 ? 2 : 0) |
    (ctx.allowNever ? 4 : 0) |
    (leaf ? 8 : 0) |
    (ctx.selfRef !== null ? 16 : 0);
  const kind = c.weighted(kindTable(mask));
  switch (kind) {
    case 'prim':
      return prim(ctx, genPrimitive(c));
    case 'param':
      return plain(c.pick(ctx.params));
    case 'item':
      return instantiate(ctx, c.pick(items), depth, flags, false);
    case 'zst':
      return genZst(ctx, depth);
    case 'never':
      ctx.tags.add('uninhabited');
      return plain('!', { copy: true, oneZst: true, align1: true });
    case 'preludeLeaf':
      return genPreludeLeaf(ctx);
    case 'fnptr':
      return genFnPtr(ctx, depth);
    case 'nonzero':
      return genNonZero(ctx);
    case 'array':
      return genArray(ctx, depth, flags);
    case 'tuple':
      return genTuple(ctx, depth, flags);
    case 'pointer':
      return genPointer(ctx, depth);
    case 'option': {
      const inner = genType(ctx, depth + 1, flags);
      if (/^(Option|Result|KernelResult)</.test(inner.text)) ctx.tags.add('niche-chain');
      ctx.tags.add('prelude:Option');
      return plain(`Option<${inner.text}>`, { aligned: inner.aligned });
    }
    case 'result': {
      const ok = genType(ctx, depth + 1, flags);
      const errKind = c.weighted<string>([[3, '()'], [3, 'Error'], [2, 'u8'], [1, 'bool'], [1, '!'], [4, 'gen']]);
      const err = errKind === 'gen' ? genType(ctx, depth + 1, flags) : plain(errKind);
      if (errKind === '!') ctx.tags.add('uninhabited');
      ctx.tags.add('prelude:Result');
      const swap = c.chance(0.25);
      return plain(swap ? `Result<${err.text}, ${ok.text}>` : `Result<${ok.text}, ${err.text}>`, {
        aligned: ok.aligned || err.aligned,
      });
    }
    case 'cell': {
      const w = c.weighted<string>([[3, 'Cell'], [3, 'UnsafeCell'], [2, 'RefCell'], [3, 'ManuallyDrop'], [3, 'MaybeUninit']]);
      const inner = genType(ctx, depth + 1, flags);
      ctx.tags.add(`prelude:${w}`);
      return plain(`${w}<${inner.text}>`, {
        aligned: inner.aligned,
        oneZst: w !== 'RefCell' && inner.oneZst,
        align1: w !== 'RefCell' && inner.align1,
      });
    }
    case 'container': {
      const w = c.weighted<string>([[4, 'Vec'], [2, 'KVec'], [3, 'KernelResult'], [1, 'String']]);
      ctx.tags.add(`prelude:${w}`);
      if (w === 'String') return plain('String');
      const inner = genType(ctx, depth + 1, w === 'KernelResult' ? flags : NO_FLAGS);
      return plain(`${w}<${inner.text}>`, { aligned: w === 'KernelResult' && inner.aligned });
    }
    case 'nicheChain':
      return genNicheChain(ctx);
    case 'selfRef': {
      const s = ctx.selfRef;
      if (s === null) throw new Error('unreachable');
      ctx.tags.add('self-ref');
      const forms = [`Option<Box<${s.text}>>`, `*const ${s.text}`, `Box<${s.text}>`, `*mut ${s.text}`];
      if (!s.generic || ctx.lifetime !== "'static") forms.push(`&${ctx.lifetime} ${s.text}`, `Option<&${ctx.lifetime} ${s.text}>`);
      const text = c.pick(forms);
      return plain(text, { copy: text.startsWith('*') || text.startsWith('&') });
    }
    default:
      throw new Error(`unreachable: ${String(kind)}`);
  }
}

function genArray(ctx: TypeCtx, depth: number, flags: TyFlags): GenTy {
  const c = ctx.c;
  const elem = genType(ctx, depth + 1, flags);
  let len = c.weighted([[2, 0], [3, 1], [4, 2], [3, 3], [3, 4], [1, 5]]);
  if (elem.align1 && !elem.oneZst && c.chance(0.3)) len = c.pick([6, 7, 8, 12, 16, 17]);
  ctx.tags.add('array');
  if (len === 0) ctx.tags.add('zst');
  return {
    text: `[${elem.text}; ${len}]`,
    copy: elem.copy,
    aligned: elem.aligned,
    oneZst: elem.oneZst || (len === 0 && elem.align1),
    align1: elem.align1,
  };
}

function genTuple(ctx: TypeCtx, depth: number, flags: TyFlags): GenTy {
  const c = ctx.c;
  const n = c.weighted([[2, 2], [1, 0], [2, 1], [4, 3], [2, 4]]);
  if (n === 0) {
    ctx.tags.add('zst');
    return plain('()', { copy: true, oneZst: true, align1: true });
  }
  const elems: GenTy[] = [];
  for (let i = 0; i < n; i++) elems.push(genType(ctx, depth + 1, flags));
  if (n === 1) ctx.tags.add('one-tuple');
  if (elems.some((e) => e.text.startsWith('(') && e.text !== '()')) ctx.tags.add('nested-tuple');
  ctx.tags.add('tuple');
  return {
    text: n === 1 ? `(${elems[0]?.text ?? 'u8'},)` : `(${elems.map((e) => e.text).join(', ')})`,
    copy: elems.every((e) => e.copy),
    aligned: elems.some((e) => e.aligned),
    oneZst: elems.every((e) => e.oneZst),
    align1: elems.every((e) => e.align1),
  };
}

/** A zero-sized type; `oneZst` tells whether it is also align 1. */
export function genZst(ctx: TypeCtx, depth: number): GenTy {
  const c = ctx.c;
  ctx.tags.add('zst');
  const kind = c.weighted<string>([[4, '()'], [4, 'PhantomData'], [3, 'array0'], [1, 'unitTuple2'], [1, 'md']]);
  switch (kind) {
    case '()':
      return plain('()', { copy: true, oneZst: true, align1: true });
    case 'PhantomData':
      ctx.tags.add('prelude:PhantomData');
      return plain(`PhantomData<${genPointee(ctx, Math.max(depth, ctx.maxDepth - 1)).text}>`, { oneZst: true, align1: true });
    case 'array0': {
      const e = c.chance(0.5) ? prim(ctx, genPrimitive(c)) : genType(ctx, Math.max(depth + 1, ctx.maxDepth));
      return { text: `[${e.text}; 0]`, copy: e.copy, aligned: e.aligned, oneZst: e.align1, align1: e.align1 };
    }
    case 'unitTuple2':
      return plain('((), ())', { copy: true, oneZst: true, align1: true });
    default:
      return plain('ManuallyDrop<()>', { oneZst: true, align1: true });
  }
}

/** A 1-ZST for padding out a `repr(transparent)` type. `copy`: only Copy ones (union fields). */
export function genOneZst(ctx: TypeCtx, copy: boolean): GenTy {
  const c = ctx.c;
  ctx.tags.add('zst');
  if (copy) {
    const t = c.pick(['()', '[u8; 0]', '((), ())', '[bool; 0]']);
    return plain(t, { copy: true, oneZst: true, align1: true });
  }
  const items = ctx.items.filter((i) => i.pureZst);
  const kind = c.weighted<string>([[4, '()'], [4, 'PhantomData'], [2, '[u8; 0]'], [items.length > 0 ? 3 : 0, 'item'], [0.5, '!']]);
  switch (kind) {
    case 'PhantomData':
      ctx.tags.add('prelude:PhantomData');
      return plain(`PhantomData<${genPointee(ctx, ctx.maxDepth - 1).text}>`, { oneZst: true, align1: true });
    case '[u8; 0]':
      return plain('[u8; 0]', { copy: true, oneZst: true, align1: true });
    case 'item':
      return plain(c.pick(items).name, { oneZst: true, align1: true });
    case '!':
      ctx.tags.add('uninhabited');
      return plain('!', { copy: true, oneZst: true, align1: true });
    default:
      return plain('()', { copy: true, oneZst: true, align1: true });
  }
}

/** A field type for a union: Copy (E0740 otherwise), or anything wrapped in `ManuallyDrop`. */
export function genUnionFieldType(ctx: TypeCtx, depth: number, flags: TyFlags = NO_FLAGS): GenTy {
  const c = ctx.c;
  const leaf = depth >= ctx.maxDepth;
  const kind = c.weighted<string>([
    [50, 'prim'],
    [10, 'ref'],
    [6, 'raw'],
    [4, 'fn'],
    [3, 'unit'],
    [ctx.allowNever ? 1 : 0, 'never'],
    [leaf ? 0 : 7, 'array'],
    [leaf ? 0 : 7, 'tuple'],
    [12, 'md'],
  ]);
  switch (kind) {
    case 'prim':
      return prim(ctx, genPrimitive(c));
    case 'ref': {
      ctx.tags.add('ref');
      return plain(`&${ctx.lifetime} ${genPointee(staticCtx(ctx), depth).text}`, { copy: true });
    }
    case 'raw':
      ctx.tags.add('raw-ptr');
      return plain(`*const ${genPointee(ctx, depth).text}`, { copy: true });
    case 'fn':
      ctx.tags.add('fn-ptr');
      return plain(c.pick(['fn()', 'fn(u8) -> u8', 'extern "C" fn(i32)']), { copy: true });
    case 'unit':
      ctx.tags.add('zst');
      return plain('()', { copy: true, oneZst: true, align1: true });
    case 'never':
      ctx.tags.add('uninhabited');
      return plain('!', { copy: true, oneZst: true, align1: true });
    case 'array': {
      const e = genUnionFieldType(ctx, depth + 1, flags);
      const n = c.weighted([[1, 0], [3, 1], [3, 2], [2, 3], [2, 4]]);
      return { text: `[${e.text}; ${n}]`, copy: e.copy, aligned: e.aligned, oneZst: e.oneZst || (n === 0 && e.align1), align1: e.align1 };
    }
    case 'tuple': {
      const n = c.weighted([[3, 2], [1, 1], [2, 3]]);
      const es: GenTy[] = [];
      for (let i = 0; i < n; i++) es.push(genUnionFieldType(ctx, depth + 1, flags));
      return {
        text: n === 1 ? `(${es[0]?.text ?? 'u8'},)` : `(${es.map((e) => e.text).join(', ')})`,
        copy: es.every((e) => e.copy),
        aligned: es.some((e) => e.aligned),
        oneZst: es.every((e) => e.oneZst),
        align1: es.every((e) => e.align1),
      };
    }
    default: {
      ctx.tags.add('prelude:ManuallyDrop');
      const inner = genType(ctx, depth + 1, flags);
      return plain(`ManuallyDrop<${inner.text}>`, { aligned: inner.aligned, oneZst: inner.oneZst, align1: inner.align1 });
    }
  }
}

// ------------------------------------------------------------------------------------------------
// stand-alone arbitraries

export interface TypeExprOptions {
  /** Nesting limit (default 3). */
  readonly maxDepth?: number;
  /**
   * Name of a trait for `dyn` types (`&'static dyn Tr`, `Box<dyn Tr>`, …). The caller must declare it
   * (`pub trait Tr {}`); without it no `dyn` type is generated (the prelude declares no trait).
   */
  readonly traitName?: string | null;
  /** Allow `!` and other uninhabited types (default true). */
  readonly allowNever?: boolean;
}

/** A context over the prelude only (no user items, no generic parameters). */
export function preludeCtx(c: Choices, tags: Set<string>, opts: TypeExprOptions = {}): TypeCtx {
  const traitName = opts.traitName ?? null;
  return {
    c,
    tags,
    items: [],
    params: [],
    lifetime: "'static",
    trait: traitName === null ? null : { name: traitName, used: false },
    selfRef: null,
    maxDepth: opts.maxDepth ?? 3,
    allowNever: opts.allowNever ?? true,
  };
}

/** A type expression over the prelude only, with the coverage tags it touched. */
export function genPreludeTypeExpr(c: Choices, opts: TypeExprOptions = {}): { readonly text: string; readonly tags: readonly string[] } {
  const tags = new Set<string>();
  const ty = genType(preludeCtx(c, tags, opts), 0);
  return { text: ty.text, tags: [...tags].sort() };
}

/** Stand-alone type expressions over the prelude only (`Option<(u8, &'static u8)>`, `[Cell<bool>; 3]`, …). */
export function arbTypeExpr(opts: TypeExprOptions = {}): fc.Arbitrary<string> {
  return arbFromChoices((c) => genPreludeTypeExpr(c, opts).text, 96);
}

/** Like `arbTypeExpr`, also returning the coverage tags. */
export function arbTaggedTypeExpr(opts: TypeExprOptions = {}): fc.Arbitrary<{ readonly text: string; readonly tags: readonly string[] }> {
  return arbFromChoices((c) => genPreludeTypeExpr(c, opts), 96);
}

/** One primitive scalar type name (`u8`, `bool`, `char`, `f16`, `u128`, `usize`, …). */
export function arbPrimitiveType(): fc.Arbitrary<string> {
  return fc.constantFrom(...PRIMITIVE_TYPES);
}

/** One `repr(simd)` element type. */
export function arbSimdElementType(): fc.Arbitrary<string> {
  return fc.constantFrom(...SIMD_ELEMENT_TYPES);
}
