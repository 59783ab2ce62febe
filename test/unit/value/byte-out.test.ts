/**
 * ByteOut against the platform: `decimal(v)` writes the bytes of `String(v)`, `text(s)` those of
 * `TextEncoder`, whatever the buffer's size (it grows). Seed: RUSTABI_SEED.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ByteOut } from '../../../src/value/byte-out.js';
import { seedFromEnv } from '../../support/env.js';
import { rng } from '../../support/fuzz.js';

const SEED = seedFromEnv();

test('decimal(v) is String(v) for integers of every size, and for what is not a safe integer', () => {
  const edges = [0, -0, 1, -1, 9, 10, 99_999_999, 100_000_000, 100_000_001, 199_999_999, 2 ** 31 - 1, 2 ** 31, 2 ** 32,
    1e15, 1e15 + 99_999_999, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 2 ** 64, 1e21, -1e21, 0.5, NaN, Infinity, -Infinity];
  const r = rng(SEED);
  const values = [...edges];
  for (let i = 0; i < 20_000; i++) {
    // Magnitudes spread over every digit count, and values next to multiples of 10^8 (the halves' seam).
    const digits = 1 + Math.floor(r() * 16);
    let v = Math.floor(r() * 10 ** digits);
    if (i % 3 === 0) v = Math.floor(v / 1e8) * 1e8 + (r() < 0.5 ? 0 : 99_999_999);
    v = Math.min(v, 2 ** 53 - 1);
    values.push(r() < 0.3 ? -v : v);
  }
  const out = new ByteOut(4); // tiny: every call grows it at first
  for (const v of values) {
    out.pos = 0;
    out.decimal(v);
    assert.equal(out.textFrom(0), String(v), `decimal(${v}) (seed ${SEED})`);
  }
});

test('text(s) writes UTF-8 as TextEncoder does, bytes() and byte() append, and the buffer grows', () => {
  const out = new ByteOut(2);
  const parts = ['rustabi: ', 'é', 'x=', '🦀', '', 'Some(', '\u{10FFFF}', 'ascii after non-ascii', '\u0000\u007f'];
  let want = '';
  for (const p of parts) { out.text(p); want += p; }
  out.bytes(new TextEncoder().encode(' [3 ns]'));
  out.byte(10);
  want += ' [3 ns]\n';
  assert.deepEqual(out.buf.subarray(0, out.pos), new TextEncoder().encode(want));
  assert.equal(out.textFrom(0), want);
  const long = 'a'.repeat(100_000) + 'ü';
  out.pos = 0;
  out.text(long);
  assert.equal(out.textFrom(0), long);
});
