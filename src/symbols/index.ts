/** Rust symbols: demangling, kernel symbol tables and the kprobes blacklist. */
export { demangleRust } from './demangle.js';
export type { DemangleOptions } from './demangle.js';
export { parseKallsyms, kallsymsFromEntries, resolveSymbol, splitPath } from './kallsyms.js';
export type { KallsymsEntry, KallsymsTable, RustKey, ResolvedSymbol, SymbolError } from './kallsyms.js';
export { parseBlacklist, isBlacklisted, checkNotBlacklisted } from './blacklist.js';
export type { Blacklist, BlacklistEntry, BlacklistedError } from './blacklist.js';
export { SYMBOL_CODES } from './codes.js';
export type { SymbolCode } from './codes.js';
