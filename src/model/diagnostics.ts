/**
 * Diagnostics as data. The `DiagnosticCode` union is the stable contract (docs/diagnostics.md);
 * messages are wording and may change. Rendering lives in src/diagnostics/render.ts.
 */

/** A source text a span points into. `name` is a file path or a label such as `<arg 1>`. */
export interface Source {
  readonly name: string;
  readonly text: string;
  /** When `text` is one line cut out of a larger file: that line's number (1-based) there. */
  readonly firstLine?: number;
}

/** UTF-16 offsets into `source.text`; line/column are computed only when rendering. */
export interface Span {
  readonly source: Source;
  readonly start: number;
  readonly end: number;
}

export type DiagnosticCode =
  // input (lexing, parsing, name resolution)
  | 'input/unexpected-char'
  | 'input/unterminated'
  | 'input/expected'
  | 'input/invalid-literal'
  | 'input/unknown-type'
  | 'input/generic-arity'
  | 'input/unsupported'
  | 'input/skipped-item'
  | 'input/duplicate-item'
  | 'input/invalid-repr'
  | 'input/too-deep'
  | 'input/empty'
  // layout
  | 'layout/size-overflow'
  | 'layout/unsized-field'
  | 'layout/unsized-value'
  | 'layout/repr-conflict'
  | 'layout/empty-union'
  | 'layout/recursive-type'
  | 'layout/transparent-fields'
  | 'layout/packed-enum'
  | 'layout/discriminant-overflow'
  | 'layout/discriminant-duplicate'
  | 'layout/unknown-by-value'
  | 'layout/invalid-simd'
  | 'layout/too-deep'
  | 'layout/unsupported'
  // register maps
  | 'regmap/invalid-abi'
  | 'regmap/unsized-argument'
  | 'regmap/generic-fn'
  | 'regmap/self-outside-impl'
  | 'regmap/unknown-fn'
  | 'regmap/unsupported'
  // values
  | 'value/syntax'
  | 'value/type-mismatch'
  | 'value/out-of-range'
  | 'value/unknown-variant'
  | 'value/unknown-field'
  | 'value/missing-field'
  | 'value/arity'
  | 'value/unknown-errno'
  | 'value/uninhabited'
  | 'value/no-address'
  | 'value/unsupported'
  | 'value/missing-register'
  | 'value/unreadable'
  | 'value/unknown-register'
  | 'value/bad-hex'
  | 'value/too-wide'
  | 'value/bad-register-list'
  | 'value/bad-memory'
  | 'value/bad-snapshot'
  // kretprobe toolkit
  | 'probe/not-kernel-target'
  | 'probe/no-symbol'
  | 'probe/needs-stash'
  | 'probe/uncapturable'
  | 'probe/bad-plan'
  | 'probe/bad-trace'
  | 'probe/duplicate-symbol'
  // symbols (kernel symbol tables, the kprobes blacklist)
  | 'symbol/unknown'
  | 'symbol/ambiguous'
  | 'symbol/blacklisted';

export type Severity = 'error' | 'warning' | 'note';

export interface Related {
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span?: Span;
  readonly path?: readonly (string | number)[];
  readonly related?: readonly Related[];
  /** A short suggestion printed as `help: …`. */
  readonly help?: string;
}

export type Outcome<T> =
  | { readonly ok: true; readonly value: T; readonly warnings: readonly Diagnostic[] }
  | { readonly ok: false; readonly errors: readonly Diagnostic[] };

export function ok<T>(value: T, warnings: readonly Diagnostic[] = []): Outcome<T> {
  return { ok: true, value, warnings };
}

export function fail<T>(...errors: Diagnostic[]): Outcome<T> {
  return { ok: false, errors };
}

export function error(code: DiagnosticCode, message: string, span?: Span, extra: Partial<Diagnostic> = {}): Diagnostic {
  return span === undefined ? { code, severity: 'error', message, ...extra } : { code, severity: 'error', message, span, ...extra };
}
