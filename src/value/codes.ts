/**
 * Diagnostic codes of the values layer.
 *
 * TEMPORARY: these belong in the `DiagnosticCode` union of src/model/diagnostics.ts (and in
 * docs/diagnostics.md). Until they are added there, they are declared here and cast in `valueError`;
 * once the union has them, delete `ValueCode`'s cast and import `error` directly.
 */
import type { Diagnostic, DiagnosticCode, Span } from '../model/diagnostics.js';

export type ValueCode =
  /** The text is not a value expression (`Some(`, `1 +`, an unknown token). */
  | 'value/syntax'
  /** The expression is of another kind than the type (`true` for `u32`, `[1]` for a tuple). */
  | 'value/type-mismatch'
  /** A number outside its type's range (`300` for `u8`, `0` for `NonZeroU32`, `-1` for `usize`). */
  | 'value/out-of-range'
  /** A variant name the enum does not have (`Option::Maybe`). */
  | 'value/unknown-variant'
  /** A field the struct or variant does not have, or one given twice. */
  | 'value/unknown-field'
  /** A field of the struct or variant is not given. */
  | 'value/missing-field'
  /** Wrong number of elements or arguments (`(1, 2)` for `(u8,)`, `[1]` for `[u8; 2]`, `Some(1, 2)`). */
  | 'value/arity'
  /** An errno name the kernel does not know (`Err(EFOO)`). */
  | 'value/unknown-errno'
  /** The type has no values (`!`, an empty enum, a variant with a `!` field). */
  | 'value/uninhabited'
  /** A pointee has no address and there is no memory to place it in (encoding `&5` without a MemoryWriter). */
  | 'value/no-address'
  /** A type the values layer cannot build or place (`dyn Trait` by value, unsized arguments, `c_void`). */
  | 'value/unsupported'
  /** A register or stack slot the register map names is missing from the given snapshot. */
  | 'value/missing-register'
  /** The memory a value is to be decoded from cannot be read. */
  | 'value/unreadable';

export const VALUE_CODES: readonly ValueCode[] = [
  'value/syntax', 'value/type-mismatch', 'value/out-of-range', 'value/unknown-variant', 'value/unknown-field',
  'value/missing-field', 'value/arity', 'value/unknown-errno', 'value/uninhabited', 'value/no-address',
  'value/unsupported', 'value/missing-register', 'value/unreadable',
];

/** A value-layer error diagnostic. The cast goes away when `ValueCode` joins `DiagnosticCode`. */
export function valueError(code: ValueCode, message: string, span?: Span, extra: Partial<Diagnostic> = {}): Diagnostic {
  const c = code as unknown as DiagnosticCode;
  return span === undefined ? { code: c, severity: 'error', message, ...extra } : { code: c, severity: 'error', message, span, ...extra };
}
