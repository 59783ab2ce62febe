/**
 * Properties over generated values (no rustc needed): on every target decode(encode(v)) == v, and what
 * `debugValue` prints parses back to a value that prints the same (Debug output is valid value syntax,
 * except where Rust's Debug loses the value: f128 bits, MaybeUninit, UnsafeCell).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeValue, encodeValue } from '../../../src/value/codec.js';
import { debugValue } from '../../../src/value/debug.js';
import { valuesEqual } from '../../../src/value/equal.js';
import { MemoryArena } from '../../../src/value/memory.js';
import { parseValue } from '../../../src/value/parse.js';
import { countFromEnv, seedFromEnv } from '../../support/env.js';
import { caseArb } from './debug-cases.js';
import { session } from './helpers.js';

const TARGETS = ['x86_64', 'aarch64', 'riscv64', 'wasm32', 'riscv64-kernel'];
const seed = seedFromEnv();
const cases = fc.sample(caseArb(), { seed, numRuns: countFromEnv('RUSTABI_VALUE_CASES', 400) });

test('decode(encode(v)) == v on every target', () => {
  let checked = 0;
  for (const target of TARGETS) {
    const s = session(target);
    for (const c of cases) {
      const tl = s.layoutOfType(c.type);
      assert.ok(tl.ok, `${target} ${c.type}`);
      const { ty, layout } = tl.value;
      const v = parseValue(c.text, ty, s.cx);
      if (!v.ok) {
        assert.equal(String(v.errors[0]?.code), 'value/out-of-range', `${target} ${c.type} = ${c.text}: ${v.errors[0]?.message}`);
        continue;
      }
      const mem = new MemoryArena();
      const b = encodeValue(v.value, ty, layout, s.cx, { memory: mem });
      assert.ok(b.ok, `${target} ${c.type} = ${c.text}: ${b.ok ? '' : b.errors[0]?.message}`);
      assert.equal(b.value.length, layout.size);
      const d = decodeValue(b.value, ty, layout, s.cx, { memory: mem });
      assert.ok(d.ok && valuesEqual(v.value, d.value), `${target} ${c.type} = ${c.text}: ${d.ok ? debugValue(d.value) : d.errors[0]?.message}`);
      // Decoding again from memory gives the same value.
      const at = mem.alloc(b.value, layout.align);
      const again = decodeValue({ reader: mem, address: at }, ty, layout, s.cx);
      assert.ok(again.ok && valuesEqual(v.value, again.value));
      checked++;
    }
  }
  assert.ok(checked > cases.length * TARGETS.length * 0.8);
});

test('Debug output parses back (parse ∘ debug is the identity on what Debug shows)', () => {
  const s = session('x86_64');
  let checked = 0;
  for (const c of cases) {
    if (c.kinds.some((k) => ['f128', 'maybeuninit', 'unsafecell'].includes(k))) continue;
    const tl = s.layoutOfType(c.type);
    assert.ok(tl.ok);
    const v = parseValue(c.text, tl.value.ty, s.cx);
    assert.ok(v.ok);
    const shown = debugValue(v.value);
    const back = parseValue(shown, tl.value.ty, s.cx);
    assert.ok(back.ok, `${c.type}: ${shown} does not parse: ${back.ok ? '' : back.errors[0]?.message}`);
    assert.equal(debugValue(back.value), shown, c.type);
    checked++;
  }
  assert.ok(checked > cases.length / 2);
});
