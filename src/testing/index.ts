/**
 * `rustabi/testing`: what a tool author needs to property-test their own decoder against rustc.
 * - fast-check arbitraries of Rust definitions and types (fast-check is an optional peer dependency);
 * - the rustc oracle: `rustcLayouts` writes a `#![no_core]` crate, runs the machine's rustc 1.95 with
 *   `#[rustc_layout(debug)]`, and returns rustc's layouts in rustabi's JSON contract.
 */
export { rustcLayouts, rustcVersion, findRustc, NO_CORE_HEADER } from './oracle.js';
export type { OracleLayoutResult } from './oracle.js';
export { layoutJsonFromDump } from './rustc-layout.js';
export { rustcFnAbis } from './rustc-abi.js';
export type { OracleAbiResult, OracleFnAbi, OracleArgAbi, OracleCast } from './rustc-abi.js';
export { parseRustDebug, parseDumpMessage } from './rustc-debug.js';
export type { DebugValue } from './rustc-debug.js';
export { rustTypeText } from './rust-text.js';
export { arbRustCase, genRustCase, renameCase, arbTypeExpr, arbTaggedTypeExpr, arbPrimitiveType, arbRepr, arbSimdElementType, arbWeightedPrimitive, Choices, arbFromChoices } from './arbitraries/index.js';
export type { RustCase, RustCaseOptions, TypeExprOptions } from './arbitraries/index.js';
export { PRELUDE_RS } from '../prelude/core-rs.js';
