/**
 * The value codec: `encodeValue` (encode.ts) and `decodeValue` (decode.ts) between RustValues and the
 * bytes rustc's layout gives them; `encodeArgs` / `decodeFromRegs` (regs.ts) between RustValues and the
 * registers a register map names. decode(encode(v)) is v (addresses filled in for placed pointees).
 */
export { encodeValue, isWidePointee } from './encode.js';
export type { EncodeOptions } from './encode.js';
export { decodeValue } from './decode.js';
export type { DecodeOptions, DecodeSource } from './decode.js';
export { encodeArgs, encodeReturn, decodeFromRegs } from './regs.js';
export type { EncodedArgs, EncodedReturn, Placement, RegisterSnapshot, RegsOptions } from './regs.js';
