/** Small shared pieces of the values layer: integer widths and ranges, little-endian bytes, field types. */
import type { Outcome } from '../model/diagnostics.js';
import { ok } from '../model/diagnostics.js';
import { INTEGER_BYTES } from '../model/scalar.js';
import type { TargetDataLayout } from '../model/target.js';
import type { IntTy, Ty } from '../model/ty.js';
import type { RustValue } from '../model/value.js';
import { integerOf } from '../layout/index.js';

export function intBytes(int: IntTy, dl: TargetDataLayout): number {
  return INTEGER_BYTES[integerOf(int, dl)];
}

export function intRange(int: IntTy, signed: boolean, dl: TargetDataLayout): { min: bigint; max: bigint } {
  const bits = BigInt(intBytes(int, dl) * 8);
  return signed ? { min: -(1n << (bits - 1n)), max: (1n << (bits - 1n)) - 1n } : { min: 0n, max: (1n << bits) - 1n };
}

export function intTypeName(int: IntTy, signed: boolean): string {
  return (signed ? 'i' : 'u') + (int === 'size' ? 'size' : int.slice(1));
}

export function intValue(value: bigint, int: IntTy, signed: boolean): RustValue {
  return { kind: 'int', value, int, signed };
}

/** Little-endian store of the low `size` bytes of `v` (up to 8 bytes through two 32-bit numbers). */
export function writeLe(buf: Uint8Array, offset: number, size: number, v: bigint): void {
  if (size <= 8) {
    const x = BigInt.asUintN(64, v);
    let lo = Number(x & 0xffffffffn);
    let hi = Number(x >> 32n);
    for (let i = 0; i < size; i++) {
      if (i < 4) { buf[offset + i] = lo & 0xff; lo >>>= 8; } else { buf[offset + i] = hi & 0xff; hi >>>= 8; }
    }
    return;
  }
  let x = BigInt.asUintN(size * 8, v);
  for (let i = 0; i < size; i++) {
    buf[offset + i] = Number(x & 0xffn);
    x >>= 8n;
  }
}

/** Little-endian load of `size` bytes (bytes past the end of `buf` read as zero). */
export function readLe(buf: Uint8Array, offset: number, size: number): bigint {
  if (size <= 8) {
    let lo = 0;
    let hi = 0;
    for (let i = Math.min(size, 4) - 1; i >= 0; i--) lo = lo * 256 + (buf[offset + i] ?? 0);
    for (let i = size - 1; i >= 4; i--) hi = hi * 256 + (buf[offset + i] ?? 0);
    return hi < 0x200000 ? BigInt(hi * 0x100000000 + lo) : (BigInt(hi) << 32n) | BigInt(lo);
  }
  let v = 0n;
  for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(buf[offset + i] ?? 0);
  return v;
}

export function leBytes(v: bigint, size: number): Uint8Array {
  const b = new Uint8Array(size);
  writeLe(b, 0, size, v);
  return b;
}

/** The field types of variant `vi` of an ADT (its only variant for structs and unions). */
export function adtFieldTys(ty: Ty & { kind: 'adt' }, vi = 0): Outcome<readonly Ty[]> {
  const fs = ty.def.fields(ty.args);
  if (!fs.ok) return fs;
  return ok(fs.value[vi] ?? []);
}

/** The first generic type argument of an ADT (`T` of `Box<T>`). */
export function typeArg(ty: Ty, i = 0): Ty | null {
  if (ty.kind !== 'adt') return null;
  const a = ty.args[i];
  return a === undefined || a.kind === 'const' ? null : a;
}

/** UTF-8 length of a JS string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

const encoder = new TextEncoder();
// ignoreBOM: a leading U+FEFF is part of the string, not a byte order mark.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8Encode(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Strict UTF-8 decoding: null for an invalid sequence. */
export function utf8Decode(b: Uint8Array): string | null {
  try {
    return decoder.decode(b);
  } catch {
    return null;
  }
}
