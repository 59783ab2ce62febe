/** Diagnostic codes of the values layer (catalogue: docs/diagnostics.md). */
import type { Diagnostic, DiagnosticCode, Span } from '../model/diagnostics.js';

export type ValueCode = Extract<DiagnosticCode, `value/${string}`>;

export const VALUE_CODES: readonly ValueCode[] = [
  'value/syntax',
  'value/type-mismatch',
  'value/out-of-range',
  'value/unknown-variant',
  'value/unknown-field',
  'value/missing-field',
  'value/arity',
  'value/unknown-errno',
  'value/uninhabited',
  'value/no-address',
  'value/unsupported',
  'value/missing-register',
  'value/unreadable',
  'value/unknown-register',
  'value/bad-hex',
  'value/too-wide',
  'value/bad-register-list',
  'value/bad-memory',
  'value/bad-snapshot',
];

/** A value-layer error diagnostic. */
export function valueError(code: ValueCode, message: string, span?: Span, extra: Partial<Diagnostic> = {}): Diagnostic {
  const c = code;
  return span === undefined ? { code: c, severity: 'error', message, ...extra } : { code: c, severity: 'error', message, span, ...extra };
}
