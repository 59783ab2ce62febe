/**
 * Rust values as data: what src/value parses from Rust literal syntax, encodes to bytes, decodes from
 * bytes or registers, and prints the way `{:?}` does. A value is always read *against a type*; the
 * optional `ty` on ADT nodes records which one (it decides Debug output for std types such as
 * `Duration`, `Cell` or the kernel's `Error`). Bit patterns that no value of the type has decode to
 * an `invalid` node, never to a wrong value.
 *
 * std's smart pointers and collections are "raised" to what their Debug output shows: `Box<T>`,
 * `Rc<T>`, `Arc<T>`, `KBox<T>` are `ref`s (their pointee, when memory was readable), `Vec<T>` and
 * `String` are `slice`/`str` with a capacity, `NonZero<T>` / `NonNull<T>` / `AtomicUsize` are the
 * number or pointer they wrap.
 */
import type { Float } from './scalar.js';
import type { IntTy, Ty } from './ty.js';

export interface FieldValue {
  /** Field name, or its index (`0`, `1`) in a tuple struct / tuple variant. */
  readonly name: string;
  readonly value: RustValue;
}

export type FieldsShape = 'named' | 'tuple' | 'unit';

/** Metadata of a wide raw pointer: a slice/str length or a vtable address. */
export type PtrMetadata = { readonly kind: 'len'; readonly value: bigint } | { readonly kind: 'vtable'; readonly value: bigint };

export type RustValue =
  /** Integers of every width, `usize`/`isize` included; `value` is the mathematical value. */
  | { readonly kind: 'int'; readonly value: bigint; readonly int: IntTy; readonly signed: boolean }
  /** `bits` is exact (the IEEE bit pattern); `value` is the nearest JS number (approximate for f128). */
  | { readonly kind: 'float'; readonly float: Float; readonly value: number; readonly bits: bigint }
  | { readonly kind: 'bool'; readonly value: boolean }
  /** A Unicode scalar value (code point). */
  | { readonly kind: 'char'; readonly value: number }
  | { readonly kind: 'unit' }
  /** A raw pointer, `NonNull`, or fn pointer: an address (plus metadata when wide). */
  | { readonly kind: 'ptr'; readonly address: bigint; readonly metadata?: PtrMetadata }
  /**
   * `&T`, `&mut T`, `Box<T>`, `Rc<T>`, `Arc<T>`, `KBox<T>`: the address (null when not yet placed, e.g.
   * parsed from `&5`) and the pointee when known. `metadata` for `&dyn Trait` (the vtable).
   */
  | { readonly kind: 'ref'; readonly address: bigint | null; readonly pointee?: RustValue; readonly metadata?: PtrMetadata }
  /** `&[T]`, `Box<[T]>`, `Vec<T>` (with `capacity`): address, length, elements when read. */
  | { readonly kind: 'slice'; readonly address: bigint | null; readonly len: bigint; readonly elems?: readonly RustValue[]; readonly capacity?: bigint }
  /** `&str`, `Box<str>`, `String` (with `capacity`): address, byte length, text when read. */
  | { readonly kind: 'str'; readonly address: bigint | null; readonly len: bigint; readonly text?: string; readonly capacity?: bigint }
  | { readonly kind: 'array'; readonly elems: readonly RustValue[] }
  /** Tuples of two or more elements, or one (`(1,)`); the empty tuple is `unit`. */
  | { readonly kind: 'tuple'; readonly elems: readonly RustValue[] }
  | { readonly kind: 'struct'; readonly name: string; readonly shape: FieldsShape; readonly fields: readonly FieldValue[]; readonly ty?: Ty }
  | {
      readonly kind: 'enum';
      /** The enum's name (`Option`); `variant` is the variant's (`Some`). */
      readonly name: string;
      readonly variant: string;
      readonly variantIndex: number;
      readonly shape: FieldsShape;
      readonly fields: readonly FieldValue[];
      readonly ty?: Ty;
    }
  /** A union's bytes (which field is meant is not knowable). */
  | { readonly kind: 'union'; readonly name: string; readonly bytes: Uint8Array; readonly ty?: Ty }
  /** A bit pattern no value of the type has (bool 7, a surrogate char, a tag no variant uses, NonZero 0). */
  | { readonly kind: 'invalid'; readonly reason: string; readonly path: readonly (string | number)[]; readonly bytes?: Uint8Array };

export type RustValueKind = RustValue['kind'];

/** Where a decoder reads pointees: `null` when the bytes are not readable. */
export interface MemoryReader {
  read(address: bigint, len: number): Uint8Array | null;
}

/** Where an encoder places pointees that have no address yet (a parsed `&5`, `vec![1, 2]`). */
export interface MemoryWriter {
  /** Stores `bytes` at a fresh address aligned to `align` and returns the address. */
  alloc(bytes: Uint8Array, align: number): bigint;
}
