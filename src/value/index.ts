/**
 * src/value — Rust values: parsing Rust literal syntax against a type, encoding to and decoding from
 * bytes and registers exactly as rustc 1.95 lays values out, and printing them as `{:?}` does.
 * Imports model/, layout/ and input/ (the lexer and literal decoding).
 */
export { parseValue, valueFromExpr } from './parse.js';
export { parseExpr } from './syntax.js';
export type { Expr, FieldExpr } from './syntax.js';
export { encodeValue, decodeValue, encodeArgs, encodeReturn, decodeFromRegs } from './codec.js';
export type { EncodeOptions, DecodeOptions, DecodeSource, EncodedArgs, EncodedReturn, Placement, RegisterSnapshot, RegsOptions } from './codec.js';
export { debugValue, debugChar, debugStr, debugDuration, escapeDebugChar } from './debug.js';
export type { DebugOptions } from './debug.js';
export { debugFloat, decimalToBits, bitsToNumber, numberToBits, shortestDigits } from './float.js';
export { debugKernelError, errnoName, errnoOf } from './errno.js';
export { typeName } from './std-types.js';
export type { TypeNameOptions } from './std-types.js';
export { MemoryArena } from './memory.js';
export { valueError, VALUE_CODES } from './codes.js';
export type { ValueCode } from './codes.js';
export { valuesEqual } from './equal.js';
export { valueHasInvalid } from './equal.js';
export { decodeCall } from './call.js';
export type { CallSnapshot, DecodedArg, DecodedCall } from './call.js';
export { parseRegisterList, registersFromObject, resolveRegisterName, parseMemorySpec, parseHex, hexBytes, SparseMemory } from './snapshot.js';
export type { RegisterValues } from './snapshot.js';
export { ByteOut } from './byte-out.js';
