/**
 * Scalars: rustc_abi's `Integer`, `Float`, `Primitive`, `WrappingRange` and `Scalar`.
 * Valid ranges are unsigned bit patterns of the primitive's width, as `bigint` (u128 arithmetic).
 */

export type Integer = 'I8' | 'I16' | 'I32' | 'I64' | 'I128';
export type Float = 'F16' | 'F32' | 'F64' | 'F128';

export type Primitive =
  | { readonly kind: 'int'; readonly int: Integer; readonly signed: boolean }
  | { readonly kind: 'float'; readonly float: Float }
  | { readonly kind: 'ptr' };

/** Inclusive range of valid bit patterns; `start > end` wraps around. */
export interface WrappingRange {
  readonly start: bigint;
  readonly end: bigint;
}

export type Scalar =
  | { readonly kind: 'init'; readonly prim: Primitive; readonly valid: WrappingRange }
  | { readonly kind: 'union'; readonly prim: Primitive };

export const INTEGER_BYTES: Readonly<Record<Integer, number>> = { I8: 1, I16: 2, I32: 4, I64: 8, I128: 16 };
export const FLOAT_BYTES: Readonly<Record<Float, number>> = { F16: 2, F32: 4, F64: 8, F128: 16 };
export const INTEGERS: readonly Integer[] = ['I8', 'I16', 'I32', 'I64', 'I128'];

export function intPrim(int: Integer, signed: boolean): Primitive {
  return { kind: 'int', int, signed };
}

const MAX_OF_BITS = new Map<number, bigint>();

/** All-ones of `bits` bits (memoised: it runs in the solver's inner loops). */
export function maxOfBits(bits: number): bigint {
  let m = MAX_OF_BITS.get(bits);
  if (m === undefined) {
    m = (1n << BigInt(bits)) - 1n;
    MAX_OF_BITS.set(bits, m);
  }
  return m;
}

export function fullRange(bits: number): WrappingRange {
  return { start: 0n, end: maxOfBits(bits) };
}

export function isFullRange(r: WrappingRange, bits: number): boolean {
  const max = maxOfBits(bits);
  // rustc: `self.start == (self.end.wrapping_add(1) & max)`
  return r.start === ((r.end + 1n) & max);
}

/** Does the range contain `v` (an unsigned bit pattern)? */
export function rangeContains(r: WrappingRange, v: bigint): boolean {
  return r.start <= r.end ? r.start <= v && v <= r.end : r.start <= v || v <= r.end;
}

export function scalarPrim(s: Scalar): Primitive {
  return s.prim;
}

export function scalarValid(s: Scalar, bits: number): WrappingRange {
  return s.kind === 'init' ? s.valid : fullRange(bits);
}

export function toUnionScalar(s: Scalar): Scalar {
  return { kind: 'union', prim: s.prim };
}

export function primEquals(a: Primitive, b: Primitive): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'int' && b.kind === 'int') return a.int === b.int && a.signed === b.signed;
  if (a.kind === 'float' && b.kind === 'float') return a.float === b.float;
  return true;
}

export function scalarEquals(a: Scalar, b: Scalar): boolean {
  if (a.kind !== b.kind || !primEquals(a.prim, b.prim)) return false;
  if (a.kind === 'init' && b.kind === 'init') return a.valid.start === b.valid.start && a.valid.end === b.valid.end;
  return true;
}
