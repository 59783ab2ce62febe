/** Float bits, decimal rounding and Rust's `{:?}` for floats (src/value/float.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bitsToNumber, debugFloat, decimalToBits, infBits, nanBits, numberToBits, shortestDigits } from '../../../src/value/float.js';
import { seedFromEnv } from '../../support/env.js';

const seed = seedFromEnv();
const f64Bits = (x: number): bigint => numberToBits(x, 'F64');
const f32Bits = (x: number): bigint => numberToBits(x, 'F32');

test('decimal literals round like rustc (f64 agrees with JS, f32 with Math.fround of exact input)', () => {
  for (const s of ['0.1', '1e-7', '1.7976931348623157e308', '5e-324', '2.4703282292062328e-324', '1e400', '0.0', '123456789012345678901234567890']) {
    assert.equal(decimalToBits(s, 'F64'), f64Bits(Number(s)), s);
  }
  // 2.4703282292062327e-324 is just below half the smallest subnormal: rounds to zero.
  assert.equal(decimalToBits('2.4703282292062327e-324', 'F64'), 0n);
  assert.equal(decimalToBits('3.4028236e38', 'F32'), infBits('F32'));
  assert.equal(decimalToBits('65520', 'F16'), infBits('F16'));
  assert.equal(decimalToBits('65519.99', 'F16'), 0x7bffn);
  assert.equal(decimalToBits('1.0', 'F128'), 0x3fff0000000000000000000000000000n);
  assert.equal(decimalToBits('1.5', 'F128'), 0x3fff8000000000000000000000000000n);
  assert.equal(decimalToBits('x', 'F64'), null);
  assert.equal(decimalToBits('1_000.5_0', 'F64'), f64Bits(1000.5));
});

test('decimal → f64 matches JS parsing on random literals', () => {
  fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 1, max: 25 }), (x, d) => {
    const s = Math.abs(x).toPrecision(Math.min(d, 21)).replace('e+', 'e');
    assert.equal(decimalToBits(s, 'F64'), f64Bits(Number(s)));
  }), { seed, numRuns: 2000 });
});

test('f32: decimal → bits is exact (no double rounding through f64)', () => {
  // 1.00000005960464477539062500000001 is just above the midpoint between 1 and 1 + 2^-23.
  assert.equal(decimalToBits('1.00000005960464477539062500000001', 'F32'), f32Bits(1 + 2 ** -23));
  assert.equal(decimalToBits('1.000000059604644775390625', 'F32'), f32Bits(1)); // exactly the midpoint: ties to even
  fc.assert(fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (x) => {
    assert.equal(decimalToBits(Math.abs(x).toPrecision(9).replace('e+', 'e'), 'F32'), f32Bits(Math.abs(x)));
  }), { seed, numRuns: 2000 });
});

test('shortest digits agree with JS Number#toString for f64, except that exact ties round up', () => {
  fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => x !== 0), (x) => {
    const { digits, exp } = shortestDigits(f64Bits(Math.abs(x)), 'F64');
    const js = Math.abs(x).toExponential().split('e');
    const jsDigits = (js[0] as string).replace('.', '');
    assert.equal(exp - 1, Number(js[1]));
    assert.equal(Number(`0.${digits}e${exp}`), Math.abs(x), 'round-trips');
    // JS breaks an exact tie to even, flt2dec upwards: then the last digit is one more.
    if (digits !== jsDigits) assert.equal(BigInt(digits), BigInt(jsDigits) + 1n);
  }), { seed, numRuns: 3000 });
  assert.equal(debugFloat(f64Bits(180392029465746.625), 'F64'), '180392029465746.63'); // JS: …746.62
});

test('bits → number', () => {
  assert.equal(bitsToNumber(0x3c00n, 'F16'), 1);
  assert.equal(bitsToNumber(0x7bffn, 'F16'), 65504);
  assert.equal(bitsToNumber(0x0001n, 'F16'), 2 ** -24);
  assert.ok(Number.isNaN(bitsToNumber(nanBits('F32'), 'F32')));
  assert.equal(bitsToNumber(0x3fff8000000000000000000000000000n, 'F128'), 1.5);
  assert.equal(numberToBits(1.5, 'F16'), 0x3e00n);
  assert.equal(numberToBits(-0, 'F16'), 0x8000n);
});

test('Debug of floats: decimal between 1e-4 and 1e16, exponent outside, like core::fmt::float', () => {
  const d64 = (x: number): string => debugFloat(f64Bits(x), 'F64');
  assert.equal(d64(1), '1.0');
  assert.equal(d64(-1.5), '-1.5');
  assert.equal(d64(1e-7), '1e-7');
  assert.equal(d64(1.5e-7), '1.5e-7');
  assert.equal(d64(1e16), '1e16');
  assert.equal(d64(1e15), '1000000000000000.0');
  assert.equal(d64(1e-4), '0.0001');
  assert.equal(d64(9.999e-5), '9.999e-5');
  assert.equal(d64(-0), '-0.0');
  assert.equal(d64(0), '0.0');
  assert.equal(d64(NaN), 'NaN');
  assert.equal(d64(Infinity), 'inf');
  assert.equal(d64(-Infinity), '-inf');
  assert.equal(d64(5e-324), '5e-324');
  assert.equal(d64(1.7976931348623157e308), '1.7976931348623157e308');
  assert.equal(d64(0.3), '0.3');
  assert.equal(debugFloat(f32Bits(0.1), 'F32'), '0.1');
  assert.equal(debugFloat(f32Bits(16777216), 'F32'), '16777216.0');
  assert.equal(debugFloat(f32Bits(3.4028234663852886e38), 'F32'), '3.4028235e38');
  assert.equal(debugFloat(0x7bffn, 'F16'), '65500.0'); // f16::MAX: 65500 already rounds back to 65504
  assert.equal(debugFloat(decimalToBits('1e-4', 'F16') as bigint, 'F16'), '0.0001');
  assert.equal(debugFloat((decimalToBits('1e-4', 'F16') as bigint) - 1n, 'F16'), '9.996e-5');
  // f128's Debug in rustc 1.95 is its bit pattern.
  assert.equal(debugFloat(0x3fff8000000000000000000000000000n, 'F128'), '0x3fff8000000000000000000000000000');
  assert.equal(debugFloat(1n, 'F128'), '0x00000000000000000000000000000001');
});

test('shortest-digit ties round up, as rustc does (found by the Debug oracle)', () => {
  assert.equal(debugFloat(f32Bits(2129622.25), 'F32'), '2129622.3');
});
