/**
 * rustabi — Rust type layouts exactly as rustc 1.95 computes them (and, as the project grows, register
 * maps and kretprobe decoders). This file lists the public API by name; it holds no logic.
 */
export { layoutOfType, createLayoutSession, LayoutSession, parseDefinitions, resolveTarget, variantNamesOf } from './query/layout.js';
export type { LayoutOptions, TypeLayout } from './query/layout.js';
export { LayoutCx, layoutOf, layoutToJson } from './layout/index.js';
export { dumpLayout } from './layout/dump.js';
export { renderDiagnostic, renderDiagnostics } from './diagnostics/render.js';
export { parseSourceFile, parseTypeExpr, parseFnSignature } from './input/parser.js';
export { Resolver } from './input/resolve.js';
export { TARGETS, TARGET_IDS, parseTargetId } from './model/target.js';
export type { TargetId, TargetDataLayout, Arch } from './model/target.js';
export type { Diagnostic, DiagnosticCode, Outcome, Source, Span, Severity } from './model/diagnostics.js';
export type { Layout, BackendRepr, FieldsShape, Variants, TagEncoding, Niche } from './model/layout.js';
export type { Scalar, Primitive, Integer, Float, WrappingRange } from './model/scalar.js';
export type { Ty, AdtDef, ReprOptions } from './model/ty.js';
export type { LayoutJson, LayoutErrorJson, ScalarJson, AbiJson, VariantsJson, VariantJson } from './model/layout-json.js';
export { PRELUDE_RS } from './prelude/core-rs.js';
export { abiOfSignature, fnAbiOf, signatureOf } from './query/abi.js';
export type { FnAbiResult } from './query/abi.js';
export { computeFnAbi, fnAbiJson, CALLING_CONVENTIONS } from './regmap/index.js';
export type { FnSig, SigParam, FnAbiJson, ArgAbiJson, CallingConvention, ProbeNames } from './regmap/index.js';
export { dumpFnAbi } from './regmap/dump.js';
export type { FnAbi, ArgAbi, PassMode, Piece, Loc, CastTarget, Reg, SretInfo } from './model/abi.js';
export {
  parseValue, valueFromExpr, parseExpr, encodeValue, decodeValue, encodeArgs, encodeReturn, decodeFromRegs, debugValue,
  MemoryArena, valuesEqual, VALUE_CODES, valueHasInvalid, decodeCall, parseRegisterList, registersFromObject, resolveRegisterName,
  parseMemorySpec, parseHex, hexBytes, SparseMemory, ByteOut,
} from './value/index.js';
export type { CallSnapshot, DecodedArg, DecodedCall, RegisterValues } from './value/index.js';
export { REGISTER_FILES, registerLookup } from './model/registers.js';
export type { RegisterDef, RegisterClass, RegisterArch } from './model/registers.js';
export type { EncodeOptions, DecodeOptions, DecodeSource, EncodedArgs, EncodedReturn, Placement, RegisterSnapshot, RegsOptions, DebugOptions } from './value/index.js';
export type { RustValue, RustValueKind, FieldValue, MemoryReader, MemoryWriter, PtrMetadata } from './model/value.js';
export { planProbes, buildProbes, loadPlan, functionPathOf, checkSymbol } from './query/probe.js';
export type { ProbeSpec, ProbeOptions, ProbeEmit, ProbeOutput, LoadedPlan } from './query/probe.js';
export { PLAN_FORMAT, MAX_FETCHES, summarizeProbeWarnings } from './kretprobe/index.js';
export type { ProbePlan, ProbeFn, Fetch, FetchSource, PlannedValue, TraceResult } from './kretprobe/index.js';
export { TraceDecoder, emitTracefs, emitBpftrace, emitKmod, validatePlan } from './kretprobe/index.js';
export { demangleRust, parseKallsyms, kallsymsFromEntries, resolveSymbol, splitPath, parseBlacklist, isBlacklisted, checkNotBlacklisted, SYMBOL_CODES } from './symbols/index.js';
export type {
  DemangleOptions, KallsymsEntry, KallsymsTable, RustKey, ResolvedSymbol, SymbolError, Blacklist, BlacklistEntry, BlacklistedError, SymbolCode,
} from './symbols/index.js';
