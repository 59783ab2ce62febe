/**
 * src/regmap — where each argument and the return value of a function live: pass modes exactly as
 * rustc 1.95 decides them, then registers, stack slots or hidden pointers per target, with the names
 * probes use. Imports model/, layout/ and input/ (signatures); never emu/ or kretprobe/.
 */
export { computeFnAbi } from './compute.js';
export { sigFromFnItem, sigFromFnType, findFn, convOf } from './signature.js';
export type { FnSig, SigParam, Conv } from './signature.js';
export { fnAbiJson, argAbiJson } from './json.js';
export type { FnAbiJson, ArgAbiJson } from './json.js';
export { CALLING_CONVENTIONS } from './targets/index.js';
export type { CallingConvention, ProbeNames } from './targets/index.js';
export { rustMode, defaultMode } from './pass-mode.js';
