/** Diagnostic codes of the symbols layer (catalogue: docs/diagnostics.md). */
import type { DiagnosticCode } from '../model/diagnostics.js';

export type SymbolCode = Extract<DiagnosticCode, `symbol/${string}`>;

export const SYMBOL_CODES: readonly SymbolCode[] = ['symbol/unknown', 'symbol/ambiguous', 'symbol/blacklisted'];
