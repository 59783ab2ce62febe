/**
 * IEEE binary floats of every Rust width as exact bit patterns (bigint): decimal text → bits with
 * correct rounding (what rustc does for a float literal), bits → the nearest JS number, and Rust's
 * `{:?}` for f16/f32/f64 (core::fmt::float: the shortest digits that round-trip, decimal notation with
 * at least one fractional digit, exponent notation when `x != 0 && |x| < 1e-4` or `|x| >= 1e16`, both
 * thresholds being literals of the float's own type). f128's `{:?}` in rustc 1.95 is its bit pattern
 * as `{:#034x}`. Exact rational arithmetic on bigint throughout: no double rounding.
 */
import type { Float } from '../model/scalar.js';

export interface FloatFormat {
  readonly bits: number;
  readonly expBits: number;
  readonly mantBits: number;
}

export const FLOAT_FORMATS: Readonly<Record<Float, FloatFormat>> = {
  F16: { bits: 16, expBits: 5, mantBits: 10 },
  F32: { bits: 32, expBits: 8, mantBits: 23 },
  F64: { bits: 64, expBits: 11, mantBits: 52 },
  F128: { bits: 128, expBits: 15, mantBits: 112 },
};

const bias = (f: FloatFormat): number => (1 << (f.expBits - 1)) - 1;
const big = BigInt;

function bitLength(n: bigint): number {
  return n === 0n ? 0 : n.toString(2).length;
}

function pow10(n: number): bigint {
  return 10n ** big(n);
}

export function signBit(bits: bigint, f: Float): boolean {
  return ((bits >> big(FLOAT_FORMATS[f].bits - 1)) & 1n) === 1n;
}

/** Rounds the positive rational num/den to the nearest float of format `f` (ties to even); bits without sign. */
export function roundRational(num: bigint, den: bigint, f: Float): bigint {
  const fm = FLOAT_FORMATS[f];
  if (num === 0n) return 0n;
  const p = fm.mantBits + 1;
  const emin = 1 - bias(fm) - fm.mantBits;
  const emax = (1 << fm.expBits) - 2 - bias(fm) - fm.mantBits;
  // e: exponent of the last mantissa bit, chosen so that 2^(p-1) <= num / den / 2^e < 2^p.
  let e = bitLength(num) - bitLength(den) - p;
  const scaled = (ex: number): [bigint, bigint] => (ex >= 0 ? [num, den << big(ex)] : [num << big(-ex), den]);
  let [n, d] = scaled(e);
  if (n / d >= 1n << big(p)) { e++; [n, d] = scaled(e); }
  else if (n / d < 1n << big(p - 1)) { e--; [n, d] = scaled(e); }
  if (e < emin) { e = emin; [n, d] = scaled(e); }
  let q = n / d;
  const r2 = (n % d) * 2n;
  if (r2 > d || (r2 === d && (q & 1n) === 1n)) q++;
  if (q === 1n << big(p)) { q >>= 1n; e++; }
  if (e > emax) return infBits(f);
  if (q < 1n << big(fm.mantBits)) return q; // subnormal (or rounded down to zero)
  return (big(e - emin + 1) << big(fm.mantBits)) | (q - (1n << big(fm.mantBits)));
}

export function infBits(f: Float): bigint {
  const fm = FLOAT_FORMATS[f];
  return ((1n << big(fm.expBits)) - 1n) << big(fm.mantBits);
}

/** The quiet NaN Rust's `f*::NAN` is. */
export function nanBits(f: Float): bigint {
  const fm = FLOAT_FORMATS[f];
  return infBits(f) | (1n << big(fm.mantBits - 1));
}

/** The largest finite value. */
export function maxBits(f: Float): bigint {
  return infBits(f) - 1n;
}

/** The smallest positive normal value. */
export function minPositiveBits(f: Float): bigint {
  return 1n << big(FLOAT_FORMATS[f].mantBits);
}

export function withSign(bits: bigint, negative: boolean, f: Float): bigint {
  const s = 1n << big(FLOAT_FORMATS[f].bits - 1);
  return negative ? bits | s : bits & ~s;
}

/**
 * A decimal float literal body (`1.5`, `1e-7`, `0.1`, `1_000.0`, `2.`, `5`; no sign, no suffix) → the
 * bits of the nearest value (rustc's rounding), or null if it is not one.
 */
export function decimalToBits(text: string, f: Float): bigint | null {
  const m = /^([0-9][0-9_]*)?(?:\.([0-9_]*))?(?:[eE]([+-]?)_*([0-9][0-9_]*))?$/.exec(text);
  if (m === null || (m[1] === undefined && (m[2] === undefined || m[2].replaceAll('_', '') === ''))) return null;
  const intPart = (m[1] ?? '').replaceAll('_', '');
  const frac = (m[2] ?? '').replaceAll('_', '');
  const expDigits = (m[4] ?? '0').replaceAll('_', '');
  if (expDigits.length > 7) {
    // Far outside every float's range: zero or infinity (unless the mantissa is zero).
    const mant = BigInt((intPart + frac) || '0');
    return mant === 0n ? 0n : m[3] === '-' ? 0n : infBits(f);
  }
  const exp = Number(expDigits) * (m[3] === '-' ? -1 : 1) - frac.length;
  const mant = BigInt((intPart + frac) || '0');
  if (mant === 0n) return 0n;
  return exp >= 0 ? roundRational(mant * pow10(exp), 1n, f) : roundRational(mant, pow10(-exp), f);
}

export type FloatClass = 'nan' | 'inf' | 'zero' | 'finite';

interface Decoded {
  readonly cls: FloatClass;
  readonly negative: boolean;
  /** value = mant * 2^exp (finite only). */
  readonly mant: bigint;
  readonly exp: number;
  /** The mantissa field is zero and the value is normal and not the smallest normal (lower gap is half). */
  readonly lowerHalfGap: boolean;
}

function decode(bits: bigint, f: Float): Decoded {
  const fm = FLOAT_FORMATS[f];
  const negative = signBit(bits, f);
  const e = Number((bits >> big(fm.mantBits)) & ((1n << big(fm.expBits)) - 1n));
  const frac = bits & ((1n << big(fm.mantBits)) - 1n);
  const emin = 1 - bias(fm) - fm.mantBits;
  if (e === (1 << fm.expBits) - 1) return { cls: frac === 0n ? 'inf' : 'nan', negative, mant: 0n, exp: 0, lowerHalfGap: false };
  if (e === 0) return { cls: frac === 0n ? 'zero' : 'finite', negative, mant: frac, exp: emin, lowerHalfGap: false };
  return { cls: 'finite', negative, mant: frac | (1n << big(fm.mantBits)), exp: e - 1 + emin, lowerHalfGap: frac === 0n && e > 1 };
}

export function classify(bits: bigint, f: Float): FloatClass {
  return decode(bits, f).cls;
}

/** The nearest JS number (exact for f16/f32/f64). */
export function bitsToNumber(bits: bigint, f: Float): number {
  if (f === 'F64') {
    const dv = new DataView(new ArrayBuffer(8));
    dv.setBigUint64(0, BigInt.asUintN(64, bits), true);
    return dv.getFloat64(0, true);
  }
  if (f === 'F32') {
    const dv = new DataView(new ArrayBuffer(4));
    dv.setUint32(0, Number(BigInt.asUintN(32, bits)), true);
    return dv.getFloat32(0, true);
  }
  const d = decode(bits, f);
  const sign = d.negative ? -1 : 1;
  if (d.cls === 'nan') return NaN;
  if (d.cls === 'inf') return sign * Infinity;
  if (d.cls === 'zero') return sign * 0;
  // mant < 2^113, so convert through its decimal string (correctly rounded by JS) then scale by 2^exp.
  const shift = Math.max(0, bitLength(d.mant) - 60);
  const x = d.exp + shift;
  const half = Math.trunc(x / 2);
  return sign * Number(d.mant >> big(shift)) * 2 ** half * 2 ** (x - half);
}

/** The bits of a JS number as an f32/f64 (f16/f128 through exact decimal rounding). */
export function numberToBits(x: number, f: Float): bigint {
  if (f === 'F64' || Number.isNaN(x) || !Number.isFinite(x) || x === 0) {
    const dv = new DataView(new ArrayBuffer(8));
    dv.setFloat64(0, x, true);
    const b = dv.getBigUint64(0, true);
    if (f === 'F64') return b;
    const negative = b >> 63n === 1n;
    if (Number.isNaN(x)) return nanBits(f);
    return withSign(x === 0 ? 0n : infBits(f), negative, f);
  }
  if (f === 'F32') {
    const dv = new DataView(new ArrayBuffer(4));
    dv.setFloat32(0, x, true);
    return BigInt(dv.getUint32(0, true));
  }
  // Exact: an f64 is mant * 2^exp.
  const b = numberToBits(Math.abs(x), 'F64');
  const d = decode(b, 'F64');
  const r = d.exp >= 0 ? roundRational(d.mant << big(d.exp), 1n, f) : roundRational(d.mant, 1n << big(-d.exp), f);
  return withSign(r, x < 0, f);
}

/**
 * The shortest decimal digits that round to `bits` again (the interval's ends included when the
 * mantissa is even, as core::num::flt2dec does); value = 0.DIGITS × 10^exp. When two candidates of that
 * length round-trip, the nearer one; an exact tie goes up, as in flt2dec (`2.25f32`-like ties: rustc
 * prints `2129622.3` for 2129622.25f32).
 */
export function shortestDigits(bits: bigint, f: Float): { digits: string; exp: number } {
  const d = decode(bits, f);
  if (d.cls !== 'finite') throw new Error('shortestDigits of a non-finite or zero float');
  // Everything in units of 2^(exp - 2): v = 4m, high = 4m + 2, low = 4m - 2 (4m - 1 below a power of two).
  const e = d.exp - 2;
  const scale = (x: bigint): [bigint, bigint] => (e >= 0 ? [x << big(e), 1n] : [x, 1n << big(-e)]);
  const [v, den] = scale(4n * d.mant);
  const [hi] = scale(4n * d.mant + 2n);
  const [lo] = scale(4n * d.mant - (d.lowerHalfGap ? 1n : 2n));
  const inclusive = (d.mant & 1n) === 0n;
  // k10: the decimal exponent with 10^(k10-1) <= v/den < 10^k10.
  let k10 = Math.floor((bitLength(v) - bitLength(den)) * 0.30102999566398);
  const below = (k: number): boolean => (k >= 0 ? v < den * pow10(k) : v * pow10(-k) < den);
  while (!below(k10)) k10++;
  while (below(k10 - 1)) k10--;
  const inRange = (c: bigint, k: number, n: number): boolean => {
    // candidate value = c × 10^(k - n), compared with lo/den and hi/den.
    const sh = k - n;
    const [cv, cd] = sh >= 0 ? [c * pow10(sh) * den, 1n] : [c * den, pow10(-sh)];
    const okLo = inclusive ? cv >= lo * cd : cv > lo * cd;
    const okHi = inclusive ? cv <= hi * cd : cv < hi * cd;
    return okLo && okHi;
  };
  for (let n = 1; n <= 60; n++) {
    const sh = k10 - n;
    // s = v × 10^(n - k10) = floor + rem/div
    const [num, div] = sh >= 0 ? [v, den * pow10(sh)] : [v * pow10(-sh), den];
    const q = num / div;
    const rem2 = (num % div) * 2n;
    const down = inRange(q, k10, n);
    const up = inRange(q + 1n, k10, n);
    let c: bigint | null = null;
    // Both round-trip: the nearer; an exact tie rounds up (flt2dec's dragon: `2 * mant >= scale`).
    if (down && up) c = rem2 < div ? q : q + 1n;
    else if (down) c = q;
    else if (up) c = q + 1n;
    if (c === null) continue;
    let digits = c.toString();
    let k = k10;
    if (digits.length > n) k++; // 99.9… rounded up to 100…
    digits = digits.replace(/0+$/, '');
    return { digits: digits === '' ? '0' : digits, exp: k };
  }
  throw new Error('shortestDigits: no candidate found');
}

const THRESHOLDS = new Map<Float, { small: bigint; large: bigint }>();

function thresholds(f: Float): { small: bigint; large: bigint } {
  let t = THRESHOLDS.get(f);
  if (t === undefined) {
    t = { small: decimalToBits('1e-4', f) as bigint, large: decimalToBits('1e16', f) as bigint };
    THRESHOLDS.set(f, t);
  }
  return t;
}

/** Rust's `{:?}` of a float given as bits. */
export function debugFloat(bits: bigint, f: Float): string {
  if (f === 'F128') return '0x' + BigInt.asUintN(128, bits).toString(16).padStart(32, '0');
  const d = decode(bits, f);
  const sign = d.negative ? '-' : '';
  if (d.cls === 'nan') return 'NaN';
  if (d.cls === 'inf') return `${sign}inf`;
  if (d.cls === 'zero') return `${sign}0.0`;
  const abs = withSign(bits, false, f);
  const t = thresholds(f);
  const { digits, exp } = shortestDigits(bits, f);
  if (abs < t.small || abs >= t.large) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mant}e${exp - 1}`;
  }
  if (exp <= 0) return `${sign}0.${'0'.repeat(-exp)}${digits}`;
  if (exp < digits.length) return `${sign}${digits.slice(0, exp)}.${digits.slice(exp)}`;
  return `${sign}${digits}${'0'.repeat(exp - digits.length)}.0`;
}
