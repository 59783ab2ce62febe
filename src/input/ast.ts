/**
 * Syntax tree of the input language: the subset of Rust items and types that rustabi reads.
 * Every node carries the span of the text it came from; nothing here is resolved yet.
 */
import type { Span } from '../model/diagnostics.js';

export interface Ident {
  readonly name: string;
  readonly span: Span;
}

/** `1`, `-0x10`, `1u8`, `N` (a const generic parameter), `(1 << 4) + 2`. */
export type ConstExpr =
  | { readonly kind: 'lit'; readonly value: bigint; readonly suffix: string | null; readonly span: Span }
  | { readonly kind: 'path'; readonly name: string; readonly span: Span }
  | { readonly kind: 'unary'; readonly op: '-' | '!'; readonly expr: ConstExpr; readonly span: Span }
  | {
      readonly kind: 'binary';
      readonly op: '+' | '-' | '*' | '/' | '%' | '<<' | '>>' | '&' | '|' | '^';
      readonly left: ConstExpr;
      readonly right: ConstExpr;
      readonly span: Span;
    };

/** A generic argument: a type, or a const expression (`[T; N]`-style params, `{ 4 }`, a literal). */
export type GenericArg = { readonly kind: 'type'; readonly ty: TypeExpr } | { readonly kind: 'const'; readonly expr: ConstExpr };

export interface PathSegment {
  readonly ident: Ident;
  /** Generic arguments written on this segment (`Vec<u8>`, `Vec::<u8>`); lifetimes are dropped. */
  readonly args: readonly GenericArg[];
}

export type TypeExpr =
  | { readonly kind: 'path'; readonly segments: readonly PathSegment[]; readonly span: Span }
  | { readonly kind: 'tuple'; readonly elems: readonly TypeExpr[]; readonly span: Span }
  | { readonly kind: 'array'; readonly elem: TypeExpr; readonly len: ConstExpr; readonly span: Span }
  | { readonly kind: 'slice'; readonly elem: TypeExpr; readonly span: Span }
  | { readonly kind: 'ref'; readonly mutable: boolean; readonly lifetime: string | null; readonly pointee: TypeExpr; readonly span: Span }
  | { readonly kind: 'ptr'; readonly mutable: boolean; readonly pointee: TypeExpr; readonly span: Span }
  | {
      readonly kind: 'fn';
      readonly unsafe: boolean;
      readonly abi: string | null;
      readonly params: readonly TypeExpr[];
      readonly ret: TypeExpr | null;
      readonly span: Span;
    }
  | { readonly kind: 'never'; readonly span: Span }
  /**
   * `dyn Trait + Send + 'a`; `traits` holds the written trait paths as canonical text (lifetimes dropped).
   * `impl: true` marks `impl Trait`, accepted only in fn signatures (an anonymous generic or opaque
   * type: its layout is unknown, so whoever resolves fn signatures must not treat it as `dyn`).
   */
  | { readonly kind: 'dyn'; readonly traits: readonly string[]; readonly impl?: true; readonly span: Span };

/** Attribute meta items: `C`, `packed(2)`, `align = 8`, `"x"`, `1`. */
export type Meta =
  | { readonly kind: 'word'; readonly name: string; readonly args: readonly Meta[] | null; readonly span: Span }
  | { readonly kind: 'nameValue'; readonly name: string; readonly value: string | bigint; readonly span: Span }
  | { readonly kind: 'lit'; readonly value: string | bigint; readonly span: Span };

/** `#[path(args)]` or `#[path = value]`; inner attributes (`#![…]`) are not kept. */
export interface Attr {
  readonly path: string;
  readonly args: readonly Meta[] | null;
  readonly value: string | bigint | null;
  readonly span: Span;
}

export type GenericParam =
  | {
      readonly kind: 'type';
      readonly ident: Ident;
      /** `T: ?Sized` inline or in a where clause. */
      readonly maybeUnsized: boolean;
      readonly default: TypeExpr | null;
    }
  | { readonly kind: 'const'; readonly ident: Ident; readonly ty: TypeExpr; readonly default: ConstExpr | null }
  | { readonly kind: 'lifetime'; readonly ident: Ident };

export interface FieldDef {
  /** `null` for tuple fields. */
  readonly ident: Ident | null;
  readonly ty: TypeExpr;
  readonly attrs: readonly Attr[];
  readonly span: Span;
}

export type FieldsKind = 'named' | 'tuple' | 'unit';

export interface VariantDef {
  readonly ident: Ident;
  readonly shape: FieldsKind;
  readonly fields: readonly FieldDef[];
  readonly discriminant: ConstExpr | null;
  readonly attrs: readonly Attr[];
  readonly span: Span;
}

interface ItemBase {
  readonly ident: Ident;
  readonly generics: readonly GenericParam[];
  readonly attrs: readonly Attr[];
  readonly span: Span;
}

export interface StructItem extends ItemBase {
  readonly kind: 'struct';
  readonly shape: FieldsKind;
  readonly fields: readonly FieldDef[];
}
export interface EnumItem extends ItemBase {
  readonly kind: 'enum';
  readonly variants: readonly VariantDef[];
}
export interface UnionItem extends ItemBase {
  readonly kind: 'union';
  readonly fields: readonly FieldDef[];
}
export interface AliasItem extends ItemBase {
  readonly kind: 'alias';
  readonly ty: TypeExpr;
}

/** The receiver of a method: `self`, `&self`, `&mut self`, `mut self`, `self: Box<Self>`. */
export type SelfParam =
  | { readonly kind: 'value'; readonly span: Span }
  | { readonly kind: 'ref'; readonly mutable: boolean; readonly span: Span }
  | { readonly kind: 'typed'; readonly ty: TypeExpr; readonly span: Span };

export interface Param {
  /** The pattern as written (`x`, `mut x`, `(a, b)`, `_`). */
  readonly pattern: string;
  readonly ty: TypeExpr;
  readonly span: Span;
}

export interface FnItem extends ItemBase {
  readonly kind: 'fn';
  readonly unsafe: boolean;
  /** `null` = Rust ABI (no `extern`); `extern` alone is `"C"`. */
  readonly abi: string | null;
  readonly selfParam: SelfParam | null;
  readonly params: readonly Param[];
  readonly ret: TypeExpr | null;
}

export interface ImplItem {
  readonly kind: 'impl';
  readonly generics: readonly GenericParam[];
  /** `impl Trait for Type`: the trait path as text; `null` for an inherent impl. */
  readonly trait: string | null;
  readonly selfTy: TypeExpr;
  readonly fns: readonly FnItem[];
  readonly attrs: readonly Attr[];
  readonly span: Span;
}

export interface ModItem {
  readonly kind: 'mod';
  readonly ident: Ident;
  readonly items: readonly Item[];
  readonly attrs: readonly Attr[];
  readonly span: Span;
}

/** `const NAME: TYPE = EXPR;` whose value is a constant expression rustabi can evaluate (array lengths). */
export interface ConstItem {
  readonly kind: 'const';
  readonly ident: Ident;
  readonly ty: TypeExpr;
  readonly expr: ConstExpr;
  readonly attrs: readonly Attr[];
  readonly span: Span;
}

/** An item rustabi does not model (`use`, `trait`, `const`, macros…), kept so a note can name it. */
export interface SkippedItem {
  readonly kind: 'skipped';
  readonly what: string;
  readonly span: Span;
}

export type Item = StructItem | EnumItem | UnionItem | AliasItem | FnItem | ImplItem | ModItem | ConstItem | SkippedItem;

export interface SourceFile {
  readonly items: readonly Item[];
}
