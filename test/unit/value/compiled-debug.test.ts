/**
 * The compiled `{:?}` printers against the general path: for generated (type, value) cases and for
 * random bytes of the same types, `compileDebug(ty)(bytes)` must print exactly what
 * `debugValue(decodeValue(bytes))` prints, or return null (a bit pattern no value has, which the general
 * path names as `<invalid: …>`). Coverage counts show which types compiled. Seed: RUSTABI_SEED.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileDebug } from '../../../src/value/compiled-debug.js';
import { decodeValue, encodeValue } from '../../../src/value/codec.js';
import { debugValue } from '../../../src/value/debug.js';
import { valueHasInvalid } from '../../../src/value/equal.js';
import { MemoryArena } from '../../../src/value/memory.js';
import { parseValue } from '../../../src/value/parse.js';
import { caseArb, edgeCases } from './debug-cases.js';
import { countFromEnv, seedFromEnv } from '../../support/env.js';
import { rng } from '../../support/fuzz.js';
import { session } from './helpers.js';

const SEED = seedFromEnv();
const COUNT = countFromEnv('RUSTABI_VALUE_CASES', 400) * 5;

test('compiled printers print what the general decoder and printer print', () => {
  const cases = [...edgeCases(), ...fc.sample(caseArb(), { seed: SEED + 3, numRuns: COUNT })];
  const r = rng(SEED);
  const counts = { compiled: 0, notCovered: 0, values: 0, randomEqual: 0, randomNull: 0 };
  const failures: string[] = [];
  for (const target of ['x86_64-kernel', 'aarch64', 'wasm32']) {
    const s = session(target);
    for (const c of cases) {
      const tl = s.layoutOfType(c.type);
      if (!tl.ok) continue;
      const { ty, layout } = tl.value;
      const p = compileDebug(ty, s.cx);
      if (p === null) { counts.notCovered++; continue; }
      counts.compiled++;
      const v = parseValue(c.text, ty, s.cx);
      if (!v.ok) continue;
      const bytes = encodeValue(v.value, ty, layout, s.cx, { memory: new MemoryArena() });
      if (!bytes.ok) continue;
      const want = decodeValue(bytes.value, ty, layout, s.cx);
      assert.ok(want.ok);
      const got = p(bytes.value, 0);
      counts.values++;
      if (got !== debugValue(want.value)) failures.push(`${target} ${c.type} = ${c.text}: compiled ${got ?? 'null'}, general ${debugValue(want.value)}`);
      // Random bytes: equal text, or null exactly when the general path finds an invalid pattern.
      const noise = Uint8Array.from({ length: layout.size }, () => Math.floor(r() * 256));
      const g = decodeValue(noise, ty, layout, s.cx);
      assert.ok(g.ok);
      const n = p(noise, 0);
      if (n === null) {
        counts.randomNull++;
        if (!valueHasInvalid(g.value)) failures.push(`${target} ${c.type}: compiled null on valid bytes ${Buffer.from(noise).toString('hex')} (${debugValue(g.value)})`);
      } else {
        counts.randomEqual++;
        if (n !== debugValue(g.value)) failures.push(`${target} ${c.type} bytes ${Buffer.from(noise).toString('hex')}: compiled ${n}, general ${debugValue(g.value)}`);
      }
    }
  }
  console.log(`# seed ${SEED}: ${counts.compiled} types compiled, ${counts.notCovered} not covered; ${counts.values} values, random bytes: ${counts.randomEqual} printed alike, ${counts.randomNull} invalid`);
  assert.ok(counts.compiled > counts.notCovered / 4 && counts.randomNull > 0 && counts.randomEqual > 0);
  assert.deepEqual(failures.slice(0, 10), [], `${failures.length} differences (replay: RUSTABI_SEED=${SEED})`);
});
