/**
 * Random, well-formed Rust item sets (structs, enums, unions, type aliases, SIMD vectors, valid-range
 * newtypes) plus type expressions to lay out — the input of the rustabi-vs-rustc property test.
 *
 * Every case compiles with rustc 1.95 in the `#![no_core]` oracle crate (lang-item header + PRELUDE_RS +
 * `defs` + `#[rustc_layout(debug)] type __T = <type>;`) with no error other than the layout dumps and E0740
 * (rustc reports E0740 for `ManuallyDrop` union fields in that crate, the prelude's `MaybeUninit` included).
 * What rustc rejects, and how the generator stays clear of it, is listed in RUSTC_RULES below.
 *
 * Item names: `S<i>` struct, `E<i>` enum, `U<i>` union, `A<i>` alias, `X<i>` SIMD vector, `N<i>` valid-range
 * newtype, `Z<i>` empty enum (i = position in the case), and `Tr` for the trait behind `dyn`; all carry the
 * `prefix` option. Variants are `V<k>`, fields `f<k>`, generic parameters `T`, `U`, `N`, `'a` — so
 * `renameCase` can prefix the item names of a finished case with a plain regular expression.
 */
import fc from 'fast-check';
import { Choices, DEFAULT_CHOICE_LENGTH, arbFromChoices } from './choices.js';
import {
  INT_TYPES,
  SIMD_ELEMENT_TYPES,
  genOneZst,
  genPrimitive,
  genType,
  genUnionFieldType,
  instantiate,
  type GenTy,
  type ItemRef,
  type ParamSpec,
  type SelfRef,
  type TraitSlot,
  type TypeCtx,
  type TyFlags,
} from './types.js';

/**
 * What rustc 1.95 rejects (checked empirically, x86_64 and wasm32) and the generator therefore never writes:
 */
export const RUSTC_RULES: readonly string[] = [
  'E0566 #[repr(C, u8)] (C + an integer) on an enum without any field',
  'E0084 any repr (C, u8…, align) on a zero-variant enum; only a bare `enum Z {}`',
  'E0517 repr(packed) on an enum',
  'E0587 packed and align on one type',
  'E0588 a packed type transitively containing a repr(align) type (also through enum/array fields here, conservatively)',
  'E0690 repr(transparent) with more than one field of non-trivial size or alignment ([u64; 0] counts: align 8; so does [u8; N] for a const N)',
  'lint repr_transparent_non_zst_fields (deny by default, reported even next to the layout dumps): a zero-sized field of a repr(transparent) type that contains a repr(C) type ([S; 0], (S,), struct W(S)) next to a non-ZST field; PhantomData<S> is fine',
  'type parameter only used recursively (`struct S<T>(Box<S<T>>)`), like E0392',
  'E0731 repr(transparent) enum with other than exactly one variant',
  'E0692 repr(transparent) combined with another repr',
  'E0732 explicit discriminants on an enum with fields unless it has repr(<int>) (repr(C) alone is not enough)',
  'E0081 duplicate discriminant values (also after implicit +1; note -1 and 0xFFFF_FFFF collide on wasm32)',
  'E0370 discriminant overflow of an implicit +1',
  'E0600 a negative discriminant on an unsigned repr (and negation needs the `neg` lang item)',
  'E0075/E0076/E0077 repr(simd): the only field must be a non-empty array of ints, floats or raw pointers (no bool/char)',
  'E0566 repr(simd, C)',
  'E0277 repr(packed) struct whose last field is `T: ?Sized`',
  'E0091 unused type parameter of a type alias; E0392 unused parameter of a struct/enum/union',
  "E0106 elided lifetimes in fields and type aliases (`&'static T` everywhere); E0310 `&'static T` (or `Item<'static, T>`) for a type parameter T",
  'E0072 recursion without indirection',
  'literals out of range of the discriminant type are not reported (the layout dumps abort compilation before lints) — kept in range here; repr(Rust)/repr(C) use the 32-bit isize range so wasm32 agrees',
  'rustc_layout_scalar_valid_range_* on a struct whose layout is not Scalar/ScalarPair (e.g. repr(C)) is an ICE',
  'too big types (size >= 2^61 / 2^31)',
];

export interface RustCase {
  /** Rust items (one per line, plus `pub trait Tr {}` when a `dyn` type is used). */
  readonly defs: string;
  /** Type expressions to lay out; they name items of `defs` and the prelude. */
  readonly types: readonly string[];
  /** Coverage labels (`kind:enum`, `repr:C`, `niche-chain`, …), sorted, unique. */
  readonly tags: readonly string[];
}

export interface RustCaseOptions {
  /** Prepended to every item name (default ''). */
  readonly prefix?: string;
  /** Number of items (defaults 1 and 6). */
  readonly minItems?: number;
  readonly maxItems?: number;
  /** At most this many type expressions per case (default 8). */
  readonly maxTypes?: number;
  /** Type nesting limit (default 3). */
  readonly maxDepth?: number;
  /** Allow enums with 200–300 variants (default true). */
  readonly manyVariants?: boolean;
  /** Length of the fast-check choice array (default 640). */
  readonly choiceLength?: number;
}

// ------------------------------------------------------------------------------------------------
// repr

export interface Repr {
  readonly c: boolean;
  readonly transparent: boolean;
  /** `0` = bare `packed`, `N` = `packed(N)`, null = not packed. */
  readonly packed: number | null;
  readonly align: number | null;
  readonly int: string | null;
  readonly simd: boolean;
}

const NO_REPR: Repr = { c: false, transparent: false, packed: null, align: null, int: null, simd: false };

const REPR_INTS: readonly (readonly [number, string])[] = [
  [6, 'u8'], [4, 'i8'], [3, 'u16'], [3, 'i16'], [3, 'u32'], [3, 'i32'], [2, 'u64'], [2, 'i64'],
  [1, 'u128'], [1, 'i128'], [2, 'usize'], [2, 'isize'],
];

function genAlign(c: Choices): number {
  return c.weighted([[2, 8], [2, 1], [3, 2], [3, 4], [2, 16], [1, 32], [1, 64], [0.3, 256], [0.2, 4096]]);
}

function genPackN(c: Choices): number {
  return c.weighted([[3, 2], [2, 1], [3, 4], [2, 8], [1, 16]]);
}

export function genStructRepr(c: Choices): Repr {
  const k = c.weighted<string>([
    [40, 'none'], [14, 'C'], [8, 'transparent'], [6, 'packed'], [6, 'packedN'], [8, 'align'],
    [3, 'C+packed'], [4, 'C+packedN'], [5, 'C+align'],
  ]);
  return reprOf(c, k);
}

export function genUnionRepr(c: Choices): Repr {
  const k = c.weighted<string>([
    [40, 'none'], [20, 'C'], [7, 'packed'], [6, 'packedN'], [8, 'align'], [4, 'C+packedN'], [4, 'C+align'], [6, 'transparent'],
  ]);
  return reprOf(c, k);
}

/** An enum repr; `C+int` needs a variant with fields (E0566), `transparent` exactly one variant (E0731). */
export function genEnumRepr(c: Choices): Repr {
  const k = c.weighted<string>([
    [45, 'none'], [22, 'int'], [10, 'C'], [8, 'C+int'], [3, 'align'], [3, 'int+align'], [2, 'C+align'], [3, 'transparent'],
  ]);
  return reprOf(c, k);
}

function reprOf(c: Choices, k: string): Repr {
  switch (k) {
    case 'C':
      return { ...NO_REPR, c: true };
    case 'transparent':
      return { ...NO_REPR, transparent: true };
    case 'packed':
      return { ...NO_REPR, packed: 0 };
    case 'packedN':
      return { ...NO_REPR, packed: genPackN(c) };
    case 'align':
      return { ...NO_REPR, align: genAlign(c) };
    case 'C+packed':
      return { ...NO_REPR, c: true, packed: 0 };
    case 'C+packedN':
      return { ...NO_REPR, c: true, packed: genPackN(c) };
    case 'C+align':
      return { ...NO_REPR, c: true, align: genAlign(c) };
    case 'int':
      return { ...NO_REPR, int: c.weighted(REPR_INTS) };
    case 'C+int':
      return { ...NO_REPR, c: true, int: c.weighted(REPR_INTS) };
    case 'int+align':
      return { ...NO_REPR, int: c.weighted(REPR_INTS), align: genAlign(c) };
    default:
      return NO_REPR;
  }
}

function reprParts(r: Repr): string[] {
  const parts: string[] = [];
  if (r.simd) parts.push('simd');
  if (r.c) parts.push('C');
  if (r.transparent) parts.push('transparent');
  if (r.int !== null) parts.push(r.int);
  if (r.packed !== null) parts.push(r.packed === 0 ? 'packed' : `packed(${r.packed})`);
  if (r.align !== null) parts.push(`align(${r.align})`);
  return parts;
}

/** `#[repr(…)]` (sometimes split into one attribute per hint, which is the same to rustc), or ''. */
export function reprAttr(r: Repr, c?: Choices): string {
  const parts = reprParts(r);
  if (parts.length === 0) return '';
  if (parts.length > 1 && c !== undefined && c.chance(0.1)) return parts.map((p) => `#[repr(${p})] `).join('');
  return `#[repr(${parts.join(', ')})] `;
}

function tagRepr(tags: Set<string>, r: Repr): void {
  const parts = reprParts(r);
  if (parts.length === 0) tags.add('repr:none');
  for (const p of parts) tags.add(`repr:${p}`);
  if (r.c && r.int !== null) tags.add('repr:C+int');
  if (r.c && r.packed !== null) tags.add('repr:C+packed');
  if (r.c && r.align !== null) tags.add('repr:C+align');
  if (r.int !== null && r.align !== null) tags.add('repr:int+align');
  if (r.packed !== null) tags.add('repr:packed*');
  if (r.align !== null) tags.add('repr:align*');
  if (r.int !== null) tags.add('repr:int*');
}

/** A random repr attribute for a struct, enum or union (`''` for none). See `genEnumRepr` for enum caveats. */
export function arbRepr(kind: 'struct' | 'enum' | 'union'): fc.Arbitrary<string> {
  const gen = kind === 'struct' ? genStructRepr : kind === 'enum' ? genEnumRepr : genUnionRepr;
  return arbFromChoices((c) => reprAttr(gen(c)).trim(), 8);
}

// ------------------------------------------------------------------------------------------------
// case state

interface State {
  readonly c: Choices;
  readonly tags: Set<string>;
  readonly items: ItemRef[];
  readonly lines: string[];
  readonly trait: TraitSlot;
  readonly maxDepth: number;
  readonly manyVariants: boolean;
}

function ctxOf(st: State, over: Partial<TypeCtx> = {}): TypeCtx {
  return {
    c: st.c,
    tags: st.tags,
    items: st.items,
    params: [],
    lifetime: "'static",
    trait: st.trait,
    selfRef: null,
    maxDepth: st.maxDepth,
    allowNever: true,
    ...over,
  };
}

function isPacked(r: Repr): boolean {
  return r.packed !== null;
}

/**
 * Whether a generic parameter occurs in the field texts — not counting occurrences inside `self`
 * (`Box<S0<T>>` alone is "only used recursively", an error like E0392).
 */
function mentions(texts: readonly string[], name: string, self: SelfRef | null = null): boolean {
  const re = name.startsWith("'") ? new RegExp(`${name}\\b`) : new RegExp(`\\b${name}\\b`);
  return texts.some((t) => re.test(self === null ? t : t.split(self.text).join('')));
}

/** Picks from a small per-item palette (so fields repeat types: same-scalar unions, mergeable enum payloads). */
function makeFieldGen(ctx: TypeCtx, flags: TyFlags, gen: (ctx: TypeCtx, depth: number, flags: TyFlags) => GenTy): () => GenTy {
  const c = ctx.c;
  const palette: GenTy[] = [];
  const n = c.int(1, 3);
  for (let i = 0; i < n; i++) palette.push(gen(ctx, 1, flags));
  return () => (c.chance(0.45) ? gen(ctx, 1, flags) : c.pick(palette));
}

interface Generics {
  readonly params: ParamSpec[];
  readonly text: string;
  /** Arguments naming the item itself (`<'a, T>`), for self-references. */
  readonly selfArgs: string;
  /** Type parameters usable by value in fields. */
  readonly byValue: string[];
  readonly lifetime: string;
}

type GenericForm = 'none' | 'T' | 'Tunsized' | 'TU' | 'TN' | 'aT' | 'Tdefault';

const PARAM_DEFAULTS: readonly string[] = ['u8', 'bool', 'u32', '()', "&'static str", 'Option<u16>', 'char'];

function genericsOf(c: Choices, form: GenericForm): Generics {
  const ty = (name: string, maybeUnsized = false, dflt: string | null = null): ParamSpec => ({
    kind: 'type',
    name,
    maybeUnsized,
    default: dflt,
    role: 'any',
  });
  switch (form) {
    case 'T':
      return { params: [ty('T')], text: '<T>', selfArgs: '<T>', byValue: ['T'], lifetime: "'static" };
    case 'Tunsized':
      return { params: [ty('T', true)], text: '<T: ?Sized>', selfArgs: '<T>', byValue: [], lifetime: "'static" };
    case 'TU':
      return { params: [ty('T'), ty('U')], text: '<T, U>', selfArgs: '<T, U>', byValue: ['T', 'U'], lifetime: "'static" };
    case 'TN':
      return {
        params: [ty('T'), { kind: 'const', name: 'N' }],
        text: '<T, const N: usize>',
        selfArgs: '<T, N>',
        byValue: ['T'],
        lifetime: "'static",
      };
    case 'aT':
      return {
        params: [{ kind: 'lifetime', name: "'a" }, ty('T')],
        text: "<'a, T>",
        selfArgs: "<'a, T>",
        byValue: ['T'],
        lifetime: "'a",
      };
    case 'Tdefault': {
      const d = c.pick(PARAM_DEFAULTS);
      return { params: [ty('T', false, d)], text: `<T = ${d}>`, selfArgs: '<T>', byValue: ['T'], lifetime: "'static" };
    }
    default:
      return { params: [], text: '', selfArgs: '', byValue: [], lifetime: "'static" };
  }
}

/** Adds fields so that every generic parameter is used (E0392). */
function useAllParams(st: State, g: Generics, fields: GenTy[], self: SelfRef | null): void {
  const c = st.c;
  const texts = () => fields.map((f) => f.text);
  for (const p of g.params) {
    if (p.kind === 'type' && p.maybeUnsized) continue; // handled by the caller (last field)
    if (mentions(texts(), p.name, self)) continue;
    let t: string;
    if (p.kind === 'lifetime') t = g.byValue.length > 0 && c.chance(0.6) ? `&'a ${g.byValue[0]}` : `&'a u8`;
    else if (p.kind === 'const') t = g.byValue.length > 0 && c.chance(0.6) ? `[${g.byValue[0]}; N]` : `[u8; N]`;
    else t = c.pick([p.name, p.name, `[${p.name}; 2]`, `Option<${p.name}>`, `(u8, ${p.name})`, `PhantomData<${p.name}>`, `*const ${p.name}`]);
    fields.splice(c.int(0, fields.length), 0, { text: t, copy: false, aligned: false, oneZst: false, align1: false });
  }
}

function fieldList(shape: 'named' | 'tuple', tys: readonly string[]): string {
  if (shape === 'tuple') return `(${tys.join(', ')})`;
  return `{ ${tys.map((t, i) => `f${i}: ${t}`).join(', ')} }`;
}

// ------------------------------------------------------------------------------------------------
// structs

function genStruct(st: State, name: string): void {
  const c = st.c;
  const repr = genStructRepr(c);
  let form = c.weighted<GenericForm>([[75, 'none'], [7, 'T'], [6, 'Tunsized'], [4, 'TU'], [3, 'TN'], [3, 'aT'], [2, 'Tdefault']]);
  if (isPacked(repr) && form === 'Tunsized') form = 'T';
  const g = genericsOf(c, form);
  const selfRef: SelfRef | null = c.chance(0.1) ? { text: name + g.selfArgs, generic: g.params.length > 0 } : null;
  const ctx = ctxOf(st, { params: g.byValue, lifetime: g.lifetime, selfRef });
  const flags: TyFlags = isPacked(repr) ? { noAligned: true } : {};
  const fields: GenTy[] = [];
  const unsizedLast = form === 'Tunsized';
  const unsizedTail = (): GenTy => {
    const dst = st.items.filter((i) => i.params.length === 1 && i.params[0]?.kind === 'type' && i.params[0].maybeUnsized);
    const text = dst.length > 0 && c.chance(0.25) ? `${c.pick(dst).name}<T>` : 'T';
    st.tags.add('generic:unsized');
    return { text, copy: false, aligned: false, oneZst: false, align1: false };
  };

  if (repr.transparent) {
    const fillers = c.weighted([[3, 0], [3, 1], [2, 2]]);
    for (let i = 0; i < fillers; i++) fields.push(genOneZst(ctx, false));
    if (!c.chance(0.04) || g.params.length > 0) {
      const main = unsizedLast
        ? unsizedTail()
        : g.byValue.length > 0 && c.chance(0.6)
          ? { text: c.pick(g.byValue), copy: false, aligned: false, oneZst: false, align1: false }
          : genType(ctx, 0, flags);
      if (unsizedLast) fields.push(main);
      else fields.splice(c.int(0, fields.length), 0, main);
    }
    // A generic parameter must be used; in a transparent struct only as the main field or in a 1-ZST.
    for (const p of g.params) {
      if (p.kind === 'type' && p.maybeUnsized) continue;
      if (mentions(fields.map((f) => f.text), p.name, selfRef)) continue;
      // `[u8; N]` is not a 1-ZST for every N (E0690): only inside PhantomData.
      const t = p.kind === 'lifetime' ? "PhantomData<&'a u8>" : p.kind === 'const' ? 'PhantomData<[u8; N]>' : `PhantomData<${p.name}>`;
      fields.splice(c.int(0, unsizedLast ? Math.max(0, fields.length - 1) : fields.length), 0, {
        text: t,
        copy: false,
        aligned: false,
        oneZst: true,
        align1: true,
      });
    }
  } else {
    const n = c.weighted([[20, 1], [6, 0], [25, 2], [20, 3], [15, 4], [10, 5], [6, 6]]);
    const next = makeFieldGen(ctx, flags, genType);
    for (let i = 0; i < n; i++) fields.push(next());
    useAllParams(st, g, fields, selfRef);
    if (unsizedLast) fields.push(unsizedTail());
  }

  let body: string;
  if (fields.length === 0) {
    const form0 = c.weighted<string>([[6, ';'], [2, ' {}'], [1, '();']]);
    body = form0;
    st.tags.add('unit-struct');
  } else {
    const shape = c.chance(0.45) ? 'tuple' : 'named';
    st.tags.add(shape === 'tuple' ? 'tuple-struct' : 'named-struct');
    const list = fieldList(shape, fields.map((f) => f.text));
    body = shape === 'tuple' ? `${list};` : ` ${list}`;
  }
  tagRepr(st.tags, repr);
  st.tags.add('kind:struct');
  if (g.params.length > 0) st.tags.add('generic');
  if (form === 'TN') st.tags.add('generic:const');
  if (form === 'aT') st.tags.add('generic:lifetime');
  if (form === 'TU') st.tags.add('generic:two');
  st.lines.push(`${reprAttr(repr, c)}pub struct ${name}${g.text}${body}`);
  st.items.push({
    name,
    kind: 'struct',
    params: g.params,
    aligned: repr.align !== null || (!isPacked(repr) && fields.some((f) => f.aligned)),
    oneZst: g.params.length === 0 && repr.align === null && fields.every((f) => f.oneZst),
    pureZst: g.params.length === 0 && fields.length === 0 && !repr.c && repr.align === null,
    isVoid: false,
    enumLike: false,
  });
}

// ------------------------------------------------------------------------------------------------
// enums and discriminants

/** Portable range of the discriminant type: `isize` (repr(Rust)/repr(C)) and `usize` use 32 bits (wasm32). */
export function discrRange(int: string | null): readonly [bigint, bigint] {
  const entry = INT_TYPES.find(([n]) => n === (int ?? 'isize'));
  if (entry === undefined) throw new Error(`unknown discriminant type ${String(int)}`);
  const [, bits, signed] = entry;
  const b = BigInt(bits);
  return signed ? [-(1n << (b - 1n)), (1n << (b - 1n)) - 1n] : [0n, (1n << b) - 1n];
}

const INTERESTING: readonly bigint[] = (() => {
  const out: bigint[] = [];
  for (const b of [7n, 8n, 15n, 16n, 31n, 32n, 63n, 64n, 127n]) {
    const v = 1n << b;
    out.push(v - 1n, v, v + 1n, -v, -v + 1n, -v - 1n);
  }
  out.push(0n, 1n, -1n, 2n, 10n, 20n, 100n, 1000n, 2000n, 30000n, 60000n, -129n, -1000n, -5n);
  return out;
})();

function fmtDiscr(c: Choices, tags: Set<string>, v: bigint, int: string | null): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const style = c.weighted<string>([[6, 'dec'], [3, 'hex'], [1, 'hex_'], [1, 'dec_']]);
  let body: string;
  if (style === 'hex' || style === 'hex_') {
    tags.add('discr-hex');
    let h = a.toString(16);
    if (c.chance(0.5)) h = h.toUpperCase();
    if (style === 'hex_') h = h.replace(/\B(?=(?:[0-9a-fA-F]{4})+$)/g, '_');
    body = `0x${h}`;
  } else {
    body = a.toString();
    if (style === 'dec_') body = body.replace(/\B(?=(?:\d{3})+$)/g, '_');
  }
  const suffix = int !== null ? (c.chance(0.1) ? int : '') : c.chance(0.04) ? 'isize' : '';
  return `${neg ? '-' : ''}${body}${suffix}`;
}

/**
 * Discriminant of each variant: `[value, explicit literal or null]`. Implicit values follow rustc
 * (previous + 1, starting at 0); a variant whose implicit value would overflow or repeat gets an explicit one.
 */
function assignDiscriminants(
  c: Choices,
  tags: Set<string>,
  n: number,
  int: string | null,
  explicitAllowed: boolean,
  explicitP: number,
  first: bigint | null,
): (string | null)[] {
  const [lo, hi] = discrRange(int);
  if (BigInt(n) > hi - lo + 1n) throw new Error(`${n} variants do not fit ${String(int)}`);
  const used = new Set<bigint>();
  const out: (string | null)[] = [];
  let prev: bigint | null = null;
  const ok = (v: bigint) => v >= lo && v <= hi && !used.has(v);
  const fresh = (): bigint => {
    for (let k = 0; k < 24; k++) {
      const kind = c.weighted<string>([[40, 'small'], [30, 'interesting'], [15, 'random'], [15, 'gap']]);
      let v: bigint;
      if (kind === 'small') v = BigInt(c.int(lo < 0n ? -5 : 0, 20));
      else if (kind === 'interesting') v = c.pick([...INTERESTING, lo, hi, lo + 1n, hi - 1n]);
      else if (kind === 'random') v = c.bigint(lo, hi);
      else v = (prev ?? 0n) + BigInt(c.int(2, 300)) * (lo < 0n && c.chance(0.3) ? -1n : 1n);
      if (ok(v)) return v;
    }
    for (let v = lo > 0n ? lo : 0n; v <= hi; v++) if (!used.has(v)) return v;
    for (let v = -1n; v >= lo; v--) if (!used.has(v)) return v;
    throw new Error('no free discriminant');
  };
  for (let i = 0; i < n; i++) {
    const implicit: bigint = prev === null ? 0n : prev + 1n;
    let v: bigint;
    if (i === 0 && first !== null) {
      v = first;
      out.push(fmtDiscr(c, tags, v, int));
    } else if ((explicitAllowed && c.chance(i === 0 ? 0.5 : explicitP)) || !ok(implicit)) {
      if (!explicitAllowed) throw new Error('implicit discriminant invalid but explicit not allowed');
      v = fresh();
      out.push(fmtDiscr(c, tags, v, int));
    } else {
      v = implicit;
      out.push(null);
    }
    if (!ok(v)) throw new Error(`bad discriminant ${v} for ${String(int)}`);
    if (v < 0n) tags.add('negative-discr');
    used.add(v);
    prev = v;
  }
  if (out.some((x) => x !== null)) tags.add('explicit-discr');
  return out;
}

interface VariantSpec {
  readonly shape: 'unit' | 'tuple' | 'named';
  readonly fields: GenTy[];
}

function variantText(i: number, v: VariantSpec, discr: string | null): string {
  const d = discr === null ? '' : ` = ${discr}`;
  if (v.shape === 'unit') return `V${i}${d}`;
  if (v.shape === 'tuple') return `V${i}(${v.fields.map((f) => f.text).join(', ')})${d}`;
  return `V${i} { ${v.fields.map((f, k) => `f${k}: ${f.text}`).join(', ')} }${d}`;
}

function uninhabitedField(st: State, ctx: TypeCtx): GenTy {
  const c = st.c;
  st.tags.add('uninhabited');
  st.tags.add('uninhabited-variant');
  const voids = st.items.filter((i) => i.isVoid);
  const t = voids.length > 0 && c.chance(0.4) ? c.pick(voids).name : c.chance(0.2) ? `(${genType(ctx, 2).text}, !)` : '!';
  return { text: t, copy: false, aligned: false, oneZst: !t.startsWith('('), align1: !t.startsWith('(') };
}

function genEnum(st: State, name: string): void {
  const c = st.c;
  let repr = genEnumRepr(c);
  const form = c.weighted<GenericForm>([[85, 'none'], [10, 'T'], [5, 'TU']]);
  const g = genericsOf(c, form);
  const selfRef: SelfRef | null = c.chance(0.1) ? { text: name + g.selfArgs, generic: g.params.length > 0 } : null;
  const ctx = ctxOf(st, { params: g.byValue, selfRef });
  const variants: VariantSpec[] = [];
  if (repr.transparent) {
    const fields: GenTy[] = [];
    const fillers = c.weighted([[3, 0], [3, 1], [1, 2]]);
    for (let i = 0; i < fillers; i++) fields.push(genOneZst(ctx, false));
    const main = g.byValue.length > 0 ? { text: c.pick(g.byValue), copy: false, aligned: false, oneZst: false, align1: false } : genType(ctx, 0);
    fields.splice(c.int(0, fields.length), 0, main);
    for (const p of g.byValue) {
      if (!mentions(fields.map((f) => f.text), p, selfRef)) fields.push({ text: `PhantomData<${p}>`, copy: false, aligned: false, oneZst: true, align1: true });
    }
    variants.push({ shape: c.chance(0.7) ? 'tuple' : 'named', fields });
  } else {
    const n = c.weighted([[3, 1], [10, 2], [8, 3], [6, 4], [4, 5], [3, 6], [1, 7], [1, 8], [1, 9], [1, 10], [1, 11], [1, 12]]);
    const next = makeFieldGen(ctx, {}, genType);
    for (let i = 0; i < n; i++) {
      const shape = c.weighted<VariantSpec['shape']>([[45, 'unit'], [40, 'tuple'], [15, 'named']]);
      const fields: GenTy[] = [];
      if (shape !== 'unit') {
        const k = c.weighted([[5, 1], [3, 2], [2, 3]]);
        for (let j = 0; j < k; j++) fields.push(c.chance(0.06) ? uninhabitedField(st, ctx) : next());
      }
      variants.push({ shape, fields });
    }
    for (const p of g.byValue) {
      if (!mentions(variants.flatMap((v) => v.fields.map((f) => f.text)), p, selfRef)) {
        variants.splice(c.int(0, variants.length), 0, {
          shape: 'tuple',
          fields: [{ text: p, copy: false, aligned: false, oneZst: false, align1: false }],
        });
      }
    }
  }
  const hasFields = variants.some((v) => v.fields.length > 0);
  if (repr.c && repr.int !== null && !hasFields) repr = { ...repr, c: false };
  if (repr.int !== null && BigInt(variants.length) > discrRange(repr.int)[1] - discrRange(repr.int)[0] + 1n) {
    repr = { ...repr, int: 'u16' };
  }
  const explicitAllowed = !repr.transparent && (!hasFields || repr.int !== null);
  const explicitMode = explicitAllowed && c.chance(0.35);
  const discrs = assignDiscriminants(c, st.tags, variants.length, repr.int, explicitMode, 0.4, null);
  tagRepr(st.tags, repr);
  st.tags.add('kind:enum');
  if (g.params.length > 0) st.tags.add('generic');
  if (form === 'TU') st.tags.add('generic:two');
  if (variants.some((v) => v.shape === 'named')) st.tags.add('struct-variant');
  if (hasFields) st.tags.add('data-enum');
  else st.tags.add('fieldless-enum');
  if (variants.length === 1) st.tags.add('single-variant');
  const body = variants.map((v, i) => variantText(i, v, discrs[i] ?? null)).join(', ');
  st.lines.push(`${reprAttr(repr, c)}pub enum ${name}${g.text} { ${body} }`);
  st.items.push({
    name,
    kind: 'enum',
    params: g.params,
    aligned: repr.align !== null || variants.some((v) => v.fields.some((f) => f.aligned)),
    oneZst: false,
    pureZst: false,
    isVoid: false,
    enumLike: true,
  });
}

function genManyVariantEnum(st: State, name: string): void {
  const c = st.c;
  const n = c.chance(0.3) ? c.pick([254, 255, 256, 257]) : c.int(200, 300);
  const reprKind = c.weighted<string>([
    [50, 'none'], [10, 'u16'], [5, 'i16'], [5, 'u32'], [10, 'C'], [n <= 256 ? 10 : 0, 'u8'], [n <= 256 ? 5 : 0, 'i8'], [5, 'isize'], [3, 'C,u16'],
  ]);
  const repr: Repr =
    reprKind === 'none'
      ? NO_REPR
      : reprKind === 'C'
        ? { ...NO_REPR, c: true }
        : reprKind === 'C,u16'
          ? { ...NO_REPR, c: true, int: 'u16' }
          : { ...NO_REPR, int: reprKind };
  const dataAt = c.chance(0.85) || repr.c ? c.int(0, n - 1) : -1;
  const ctx = ctxOf(st);
  const variants: VariantSpec[] = [];
  for (let i = 0; i < n; i++) {
    if (i === dataAt) {
      const k = c.weighted([[5, 1], [2, 2]]);
      const fields: GenTy[] = [];
      for (let j = 0; j < k; j++) fields.push(genType(ctx, 1));
      variants.push({ shape: 'tuple', fields });
    } else variants.push({ shape: 'unit', fields: [] });
  }
  const first = repr.int === 'i8' ? -128n : null;
  const discrs = assignDiscriminants(c, st.tags, n, repr.int, repr.int !== null, 0.01, first);
  tagRepr(st.tags, repr);
  st.tags.add('kind:enum');
  st.tags.add('many-variants');
  st.lines.push(`${reprAttr(repr, c)}pub enum ${name} { ${variants.map((v, i) => variantText(i, v, discrs[i] ?? null)).join(', ')} }`);
  st.items.push({
    name,
    kind: 'enum',
    params: [],
    aligned: variants.some((v) => v.fields.some((f) => f.aligned)),
    oneZst: false,
    pureZst: false,
    isVoid: false,
    enumLike: true,
  });
}

function genVoid(st: State, name: string): void {
  st.tags.add('kind:enum');
  st.tags.add('void-enum');
  st.tags.add('uninhabited');
  st.lines.push(`pub enum ${name} {}`);
  st.items.push({ name, kind: 'enum', params: [], aligned: false, oneZst: true, pureZst: true, isVoid: true, enumLike: false });
}

// ------------------------------------------------------------------------------------------------
// unions, aliases, SIMD, valid ranges

function genUnion(st: State, name: string): void {
  const c = st.c;
  const repr = genUnionRepr(c);
  const generic = c.chance(0.08);
  const g = genericsOf(c, generic ? 'T' : 'none');
  const ctx = ctxOf(st, { params: g.byValue });
  const flags: TyFlags = isPacked(repr) ? { noAligned: true } : {};
  const fields: GenTy[] = [];
  if (repr.transparent) {
    const fillers = c.weighted([[3, 0], [3, 1], [1, 2]]);
    for (let i = 0; i < fillers; i++) fields.push(genOneZst(ctx, true));
    const main = generic ? { text: 'ManuallyDrop<T>', copy: false, aligned: false, oneZst: false, align1: false } : genUnionFieldType(ctx, 0, flags);
    fields.splice(c.int(0, fields.length), 0, main);
  } else {
    const n = c.weighted([[3, 1], [5, 2], [3, 3], [2, 4]]);
    const next = makeFieldGen(ctx, flags, genUnionFieldType);
    for (let i = 0; i < n; i++) fields.push(next());
    if (generic && !mentions(fields.map((f) => f.text), 'T')) {
      fields.splice(c.int(0, fields.length), 0, { text: 'ManuallyDrop<T>', copy: false, aligned: false, oneZst: false, align1: false });
    }
  }
  tagRepr(st.tags, repr);
  st.tags.add('kind:union');
  if (generic) st.tags.add('generic');
  st.lines.push(`${reprAttr(repr, c)}pub union ${name}${g.text} { ${fields.map((f, i) => `f${i}: ${f.text}`).join(', ')} }`);
  st.items.push({
    name,
    kind: 'union',
    params: g.params,
    aligned: repr.align !== null || (!isPacked(repr) && fields.some((f) => f.aligned)),
    oneZst: false,
    pureZst: false,
    isVoid: false,
    enumLike: false,
  });
}

function genAlias(st: State, name: string): void {
  const c = st.c;
  const form = c.weighted<GenericForm>([[75, 'none'], [15, 'T'], [10, 'Tdefault']]);
  const g = genericsOf(c, form);
  const ctx = ctxOf(st, { params: g.byValue });
  let body = genType(ctx, 0);
  if (g.params.length > 0 && !mentions([body.text], 'T')) {
    const t = body.text;
    const text = c.pick([`(${t}, T)`, `(T, ${t})`, 'Option<T>', '[T; 2]', `Result<T, ${t}>`]);
    body = { ...body, text };
  }
  st.tags.add('kind:alias');
  if (g.params.length > 0) st.tags.add('generic');
  st.lines.push(`pub type ${name}${g.text} = ${body.text};`);
  st.items.push({
    name,
    kind: 'alias',
    params: g.params,
    aligned: body.aligned,
    oneZst: g.params.length === 0 && body.oneZst,
    pureZst: false,
    isVoid: false,
    enumLike: false,
  });
}

function genSimd(st: State, name: string): void {
  const c = st.c;
  const generic = c.chance(0.15);
  const elem = generic ? 'T' : c.pick(SIMD_ELEMENT_TYPES);
  const n = c.weighted([[3, 1], [6, 2], [3, 3], [6, 4], [2, 5], [2, 6], [2, 7], [5, 8], [1, 16], [0.5, 32], [0.5, 64]]);
  const k = c.weighted<string>([[80, 'simd'], [15, 'packed'], [5, 'align']]);
  const repr: Repr = { ...NO_REPR, simd: true, packed: k === 'packed' ? 0 : null, align: k === 'align' ? c.pick([16, 32, 64]) : null };
  const arr = `[${elem}; ${n}]`;
  const body = c.chance(0.8) ? `(${arr});` : ` { lanes: ${arr} }`;
  const params: ParamSpec[] = generic ? [{ kind: 'type', name: 'T', maybeUnsized: false, default: null, role: 'simd' }] : [];
  st.tags.add('simd');
  if (k === 'packed') st.tags.add('simd-packed');
  if ((n & (n - 1)) !== 0) st.tags.add('simd-non-pow2');
  if (generic) st.tags.add('generic');
  if (elem === 'f16') st.tags.add('f16');
  if (elem === 'f128') st.tags.add('f128');
  st.lines.push(`${reprAttr(repr, c)}pub struct ${name}${generic ? '<T>' : ''}${body}`);
  st.items.push({ name, kind: 'simd', params, aligned: repr.align !== null, oneZst: false, pureZst: false, isVoid: false, enumLike: false });
}

function scalarBits(t: string): number {
  if (t === 'char' || t === 'f32') return 32;
  if (t === 'bool') return 8;
  if (t === 'f64') return 64;
  if (t.startsWith('*')) return 32; // portable: 32-bit targets
  const e = INT_TYPES.find(([n]) => n === t);
  return e === undefined ? 8 : e[1];
}

function genValidRange(st: State, name: string): void {
  const c = st.c;
  const kind = c.weighted<string>([[70, 'int'], [8, 'char'], [4, 'bool'], [3, 'float'], [5, 'ptr'], [10, 'pair']]);
  let fields: string[];
  let bits: number;
  if (kind === 'pair') {
    const [a] = c.pick(INT_TYPES);
    const [b] = c.chance(0.5) ? [a] : c.pick(INT_TYPES);
    fields = [a, b];
    bits = Math.min(scalarBits(a), scalarBits(b));
    st.tags.add('valid-range-pair');
  } else {
    const t =
      kind === 'int' ? c.pick(INT_TYPES)[0] : kind === 'char' ? 'char' : kind === 'bool' ? 'bool' : kind === 'float' ? c.pick(['f32', 'f64']) : '*const u8';
    fields = [t];
    bits = scalarBits(t);
  }
  const max = (1n << BigInt(bits)) - 1n;
  const which = c.weighted<string>([[45, 'start'], [25, 'end'], [30, 'both']]);
  const small = () => BigInt(c.int(2, 10));
  const start = c.weighted<() => bigint>([[5, () => 1n], [3, small], [2, () => c.bigint(0n, max)], [1, () => max - small()]])();
  const end = c.weighted<() => bigint>([[3, () => max - small()], [3, () => c.bigint(0n, max)], [2, small], [1, () => max >> 1n]])();
  const hex = (v: bigint) => (c.chance(0.4) ? `0x${v.toString(16)}` : v.toString());
  const attrs: string[] = [];
  if (which !== 'end') attrs.push(`#[rustc_layout_scalar_valid_range_start(${hex(start)})]`);
  if (which !== 'start') attrs.push(`#[rustc_layout_scalar_valid_range_end(${hex(end)})]`);
  if (which === 'both' && start > end) st.tags.add('valid-range-wrapping');
  const repr = fields.length === 1 && c.chance(0.4) ? '#[repr(transparent)] ' : '';
  const tys = [...fields];
  if (fields.length === 1 && c.chance(0.15)) tys.splice(c.int(0, 1), 0, 'PhantomData<u8>');
  const named = c.chance(0.3);
  const body = named ? ` { ${tys.map((t, i) => `f${i}: ${t}`).join(', ')} }` : `(${tys.join(', ')});`;
  st.tags.add('valid-range');
  st.tags.add('kind:struct');
  for (const f of fields) if (f === 'f16' || f === 'f128') st.tags.add(f);
  st.lines.push(`${attrs.join(' ')} ${repr}pub struct ${name}${body}`);
  st.items.push({ name, kind: 'struct', params: [], aligned: false, oneZst: false, pureZst: false, isVoid: false, enumLike: false });
}

// ------------------------------------------------------------------------------------------------
// the case

function genTypeList(st: State, maxTypes: number): string[] {
  const c = st.c;
  const ctx = ctxOf(st);
  const out: string[] = [];
  st.items.forEach((item, i) => {
    if (i !== st.items.length - 1 && !c.chance(0.75)) return;
    if (item.params.some((p) => p.kind === 'type' && p.maybeUnsized) && c.chance(0.4)) {
      // A custom DST behind a pointer: `&'static S0<[u16]>`, `Box<S0<dyn Tr>>`, `*const S0<str>`.
      const inner = instantiate(ctx, item, 1, {}, true).text;
      out.push(c.pick([`&'static ${inner}`, `Box<${inner}>`, `*const ${inner}`, `Option<&'static ${inner}>`]));
      return;
    }
    const t = instantiate(ctx, item, 1, {}, false).text;
    const w = c.weighted<string>([[60, 'bare'], [14, 'opt'], [4, 'optopt'], [4, 'res'], [3, 'resunit'], [5, 'arr'], [5, 'tup'], [5, 'tup2']]);
    switch (w) {
      case 'opt':
        out.push(`Option<${t}>`);
        break;
      case 'optopt':
        st.tags.add('niche-chain');
        out.push(`Option<Option<${t}>>`);
        break;
      case 'res':
        out.push(`Result<${t}, u8>`);
        break;
      case 'resunit':
        out.push(`Result<(), ${t}>`);
        break;
      case 'arr':
        out.push(`[${t}; 2]`);
        break;
      case 'tup':
        out.push(`(${t}, u8)`);
        break;
      case 'tup2':
        out.push(`(u8, ${t})`);
        break;
      default:
        out.push(t);
    }
  });
  const extra = c.weighted([[4, 0], [3, 1], [2, 2]]);
  for (let i = 0; i < extra; i++) out.push(genType(ctx, 0).text);
  if (out.length === 0) out.push(genType(ctx, 0).text);
  return out.slice(0, Math.max(1, maxTypes));
}

/** Generates one case from a choice sequence (the deterministic core of `arbRustCase`). */
export function genRustCase(c: Choices, opts: RustCaseOptions = {}): RustCase {
  const prefix = opts.prefix ?? '';
  const minItems = Math.max(1, opts.minItems ?? 1);
  const maxItems = Math.max(minItems, opts.maxItems ?? 6);
  const st: State = {
    c,
    tags: new Set(),
    items: [],
    lines: [],
    trait: { name: `${prefix}Tr`, used: false },
    maxDepth: opts.maxDepth ?? 3,
    manyVariants: opts.manyVariants ?? true,
  };
  const n = c.int(minItems, maxItems);
  for (let i = 0; i < n; i++) {
    const kind = c.weighted<string>([
      [30, 'struct'],
      [30, 'enum'],
      [10, 'union'],
      [8, 'alias'],
      [5, 'simd'],
      [5, 'range'],
      [2.5, 'void'],
      [st.manyVariants ? 2.5 : 0, 'many'],
    ]);
    switch (kind) {
      case 'enum':
        genEnum(st, `${prefix}E${i}`);
        break;
      case 'union':
        genUnion(st, `${prefix}U${i}`);
        break;
      case 'alias':
        genAlias(st, `${prefix}A${i}`);
        break;
      case 'simd':
        genSimd(st, `${prefix}X${i}`);
        break;
      case 'range':
        genValidRange(st, `${prefix}N${i}`);
        break;
      case 'void':
        genVoid(st, `${prefix}Z${i}`);
        break;
      case 'many':
        genManyVariantEnum(st, `${prefix}E${i}`);
        break;
      default:
        genStruct(st, `${prefix}S${i}`);
    }
  }
  const types = genTypeList(st, opts.maxTypes ?? 8);
  const lines = st.trait.used ? [`pub trait ${st.trait.name} {}`, ...st.lines] : st.lines;
  return { defs: lines.join('\n'), types, tags: [...st.tags].sort() };
}

/** Random item sets with the type expressions to lay out. */
export function arbRustCase(opts: RustCaseOptions = {}): fc.Arbitrary<RustCase> {
  return arbFromChoices((c) => genRustCase(c, opts), opts.choiceLength ?? DEFAULT_CHOICE_LENGTH);
}

const ITEM_NAME = /\b(?:[SEUAXNZ]\d+|Tr)\b/g;

/**
 * Prefixes every item name of a case generated without a prefix (`S0` → `c7_S0`, `Tr` → `c7_Tr`), so that
 * many cases can share one crate.
 */
export function renameCase(rc: RustCase, prefix: string): RustCase {
  const f = (s: string) => s.replace(ITEM_NAME, (m) => prefix + m);
  return { defs: f(rc.defs), types: rc.types.map(f), tags: rc.tags };
}

/** One primitive type name drawn like the case generator draws them (weighted towards `bool`, `u8`, `char`). */
export function arbWeightedPrimitive(): fc.Arbitrary<string> {
  return arbFromChoices((c) => genPrimitive(c), 1);
}
