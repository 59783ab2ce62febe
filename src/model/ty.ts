/**
 * Resolved, monomorphic types: what the layout solver lays out. Produced by src/input/resolve.ts from
 * syntax; generic ADTs are kept as (definition, arguments) and their field types are instantiated on
 * demand through `AdtDef.fields`, so recursive types behind pointers never expand forever.
 */
import type { Float, Integer } from './scalar.js';
import type { Outcome, Span } from './diagnostics.js';

/** `usize`/`isize` are `size`: their width is the target's pointer width. */
export type IntTy = Integer | 'size';

export interface ReprOptions {
  /** `repr(u8)`…`repr(isize)`. */
  readonly int: { readonly int: IntTy; readonly signed: boolean } | null;
  readonly c: boolean;
  readonly transparent: boolean;
  readonly simd: boolean;
  /** `packed` = 1, `packed(N)` = N (bytes). */
  readonly packed: number | null;
  /** `align(N)` in bytes. */
  readonly align: number | null;
}

export const DEFAULT_REPR: ReprOptions = { int: null, c: false, transparent: false, simd: false, packed: null, align: null };

/** Layout-relevant `#[lang]` items of the prelude. */
export type LangItem = 'unsafe_cell' | 'phantom_data' | 'manually_drop' | 'maybe_uninit';

export interface FieldInfo {
  readonly name: string;
  readonly span: Span | null;
}

export interface VariantInfo {
  readonly name: string;
  readonly shape: 'named' | 'tuple' | 'unit';
  readonly fields: readonly FieldInfo[];
  /** Explicit discriminant as a mathematical integer (not yet truncated to the repr type). */
  readonly discriminant: bigint | null;
  readonly span: Span | null;
}

export type GenericArgValue = Ty | { readonly kind: 'const'; readonly value: bigint };

export interface AdtDef {
  readonly kind: 'struct' | 'enum' | 'union';
  /** Item name as declared (`Option`, `S0`). */
  readonly name: string;
  /** Unique within a resolver session (a user item that shadows a prelude name gets a suffix); used by `tyKey`. */
  readonly key: string;
  /** The path users know it by (`core::option::Option`, `kernel::error::Error`), or the name. */
  readonly path: string;
  readonly params: readonly { readonly kind: 'type' | 'const'; readonly name: string; readonly maybeUnsized: boolean }[];
  readonly repr: ReprOptions;
  readonly lang: LangItem | null;
  readonly validRangeStart: bigint | null;
  readonly validRangeEnd: bigint | null;
  /** Structs and unions have exactly one variant (named after the type). */
  readonly variants: readonly VariantInfo[];
  /** Whether the declared type of the last field of the struct may be unsized (`T: ?Sized`, `[T]`, `str`, `dyn`). */
  readonly lastFieldMaybeUnsized: boolean;
  /** From the prelude (its Debug printing may be special) or user-defined. */
  readonly origin: 'prelude' | 'user';
  readonly span: Span | null;
  /** Field types per variant, instantiated with `args`. */
  fields(args: readonly GenericArgValue[]): Outcome<readonly (readonly Ty[])[]>;
}

export type Ty =
  | { readonly kind: 'int'; readonly int: IntTy; readonly signed: boolean }
  | { readonly kind: 'float'; readonly float: Float }
  | { readonly kind: 'bool' }
  | { readonly kind: 'char' }
  | { readonly kind: 'str' }
  | { readonly kind: 'never' }
  | { readonly kind: 'tuple'; readonly elems: readonly Ty[] }
  | { readonly kind: 'array'; readonly elem: Ty; readonly len: bigint }
  | { readonly kind: 'slice'; readonly elem: Ty }
  | { readonly kind: 'ref'; readonly mutable: boolean; readonly pointee: Ty }
  | { readonly kind: 'ptr'; readonly mutable: boolean; readonly pointee: Ty }
  | { readonly kind: 'fnptr'; readonly text: string }
  | { readonly kind: 'dyn'; readonly traits: readonly string[] }
  /** A type the prelude and the definitions do not know: allowed behind a pointer (thin), an error by value. */
  | { readonly kind: 'foreign'; readonly name: string; readonly span: Span | null; readonly suggestion: string | null }
  | { readonly kind: 'adt'; readonly def: AdtDef; readonly args: readonly GenericArgValue[] };

const keys = new WeakMap<object, string>();

const INT_KEYS: Readonly<Record<IntTy, readonly [string, string]>> = {
  I8: ['u8', 'i8'], I16: ['u16', 'i16'], I32: ['u32', 'i32'], I64: ['u64', 'i64'], I128: ['u128', 'i128'], size: ['usize', 'isize'],
};
const FLOAT_KEYS: Readonly<Record<Float, string>> = { F16: 'f16', F32: 'f32', F64: 'f64', F128: 'f128' };

/** A canonical, printable key: equal keys mean equal types (within one resolver session). */
export function tyKey(t: GenericArgValue): string {
  // The layout memo asks for a key on every lookup: the commonest types (primitives, non-generic
  // ADTs) have theirs at hand, without the WeakMap (a hash lookup that is often a cache miss).
  switch (t.kind) {
    case 'int': return INT_KEYS[t.int][t.signed ? 1 : 0];
    case 'float': return FLOAT_KEYS[t.float];
    case 'bool': case 'char': case 'str': return t.kind;
    case 'never': return '!';
    case 'adt': if (t.args.length === 0) return t.def.key; break;
    default: break;
  }
  const cached = keys.get(t);
  if (cached !== undefined) return cached;
  const k = computeKey(t);
  keys.set(t, k);
  return k;
}

function computeKey(t: GenericArgValue): string {
  switch (t.kind) {
    case 'const': return t.value.toString();
    case 'int': case 'float': case 'bool': case 'char': case 'str': case 'never': return tyKey(t); // from its tables
    case 'tuple': return t.elems.length === 1 ? `(${tyKey(t.elems[0] as Ty)},)` : `(${t.elems.map(tyKey).join(', ')})`;
    case 'array': return `[${tyKey(t.elem)}; ${t.len}]`;
    case 'slice': return `[${tyKey(t.elem)}]`;
    case 'ref': return `&${t.mutable ? 'mut ' : ''}${tyKey(t.pointee)}`;
    case 'ptr': return `*${t.mutable ? 'mut' : 'const'} ${tyKey(t.pointee)}`;
    case 'fnptr': return t.text;
    case 'dyn': return `dyn ${t.traits.join(' + ')}`;
    case 'foreign': return t.name;
    case 'adt': return t.args.length === 0 ? t.def.key : `${t.def.key}<${t.args.map(tyKey).join(', ')}>`;
  }
}
